import { normalizeText, similarity } from '../matching/normalize';
import { toExcelCsv } from './csv';
import { formatJapanTime } from './japan-time';
import type { UnansweredRecord } from './unanswered-log';

/** Questions this similar (character-pair overlap of the normalised text) fall in one group. */
export const SAME_QUESTION_SIMILARITY = 0.7;

export interface QuestionGroup {
  /** The most frequent wording in the group. */
  example: string;
  count: number;
  notFound: number;
  suggest: number;
  /** The first and last time asked, as stored (UTC ISO); formatJapanTime shows them to staff. */
  first: string;
  last: string;
  /** Other wordings, most frequent first. */
  variants: string[];
  /** The normalised form of every wording in the group (to recognise them when they come again). */
  keys: string[];
}

/** Groups questions by similar wording (ＷｉＦｉ ある? ≈ wifiある), most frequent group first. */
export function groupQuestions(records: UnansweredRecord[]): QuestionGroup[] {
  const byKey = new Map<string, UnansweredRecord[]>();
  for (const r of records) {
    const key = normalizeText(r.q) || r.q;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const exact = [...byKey.entries()].sort((a, b) => b[1].length - a[1].length);
  const groups: { key: string; keys: string[]; wordings: Map<string, number>; records: UnansweredRecord[] }[] = [];
  for (const [key, recs] of exact) {
    const home = groups.find((g) => similarity(g.key, key) >= SAME_QUESTION_SIMILARITY);
    const g = home ?? { key, keys: [], wordings: new Map<string, number>(), records: [] };
    if (!home) groups.push(g);
    g.keys.push(key);
    g.records.push(...recs);
    for (const r of recs) g.wordings.set(r.q, (g.wordings.get(r.q) ?? 0) + 1);
  }
  return groups
    .map((g) => {
      const wordings = [...g.wordings.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
      const times = g.records.map((r) => r.t).sort();
      return {
        example: wordings[0]!,
        count: g.records.length,
        notFound: g.records.filter((r) => r.outcome === 'not-found').length,
        suggest: g.records.filter((r) => r.outcome === 'suggest').length,
        first: times[0]!,
        last: times[times.length - 1]!,
        variants: wordings.slice(1, 4),
        keys: g.keys,
      };
    })
    .sort((a, b) => b.count - a.count || a.example.localeCompare(b.example, 'ja'));
}

/**
 * CSV that Excel opens correctly: UTF-8 with BOM, CRLF, every field quoted. The first and last
 * times are Japan time ("2026-12-01 18:05"), like the `--since` day staff type.
 */
export function toCsv(groups: QuestionGroup[]): string {
  const header = [
    '件数',
    '質問 (代表)',
    '見つからない',
    'もしかして',
    '最初 (日本時間)',
    '最後 (日本時間)',
    'ほかの言い方',
  ];
  const rows = groups.map((g) => [
    g.count,
    g.example,
    g.notFound,
    g.suggest,
    formatJapanTime(g.first),
    formatJapanTime(g.last),
    g.variants.join(' / '),
  ]);
  return toExcelCsv([header, ...rows]);
}
