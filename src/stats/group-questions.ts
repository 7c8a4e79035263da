import { normalizeText, similarity } from '../matching/normalize';
import type { UnansweredRecord } from './unanswered-log';

/** Questions this similar (character-pair overlap of the normalised text) fall in one group. */
export const SAME_QUESTION_SIMILARITY = 0.7;

export interface QuestionGroup {
  /** The most frequent wording in the group. */
  example: string;
  count: number;
  notFound: number;
  suggest: number;
  first: string;
  last: string;
  /** Other wordings, most frequent first. */
  variants: string[];
}

/** Groups questions by similar wording (ＷｉＦｉ ある? ≈ wifiある), most frequent group first. */
export function groupQuestions(records: UnansweredRecord[]): QuestionGroup[] {
  const byKey = new Map<string, UnansweredRecord[]>();
  for (const r of records) {
    const key = normalizeText(r.q) || r.q;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const exact = [...byKey.entries()].sort((a, b) => b[1].length - a[1].length);
  const groups: { key: string; wordings: Map<string, number>; records: UnansweredRecord[] }[] = [];
  for (const [key, recs] of exact) {
    const home = groups.find((g) => similarity(g.key, key) >= SAME_QUESTION_SIMILARITY);
    const g = home ?? { key, wordings: new Map<string, number>(), records: [] };
    if (!home) groups.push(g);
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
      };
    })
    .sort((a, b) => b.count - a.count || a.example.localeCompare(b.example, 'ja'));
}

/** CSV that Excel opens correctly: UTF-8 with BOM, CRLF, every field quoted. */
export function toCsv(groups: QuestionGroup[]): string {
  const q = (v: string | number): string => `"${String(v).replace(/"/gu, '""')}"`;
  const header = ['件数', '質問 (代表)', '見つからない', 'もしかして', '最初', '最後', 'ほかの言い方'];
  const rows = groups.map((g) => [g.count, g.example, g.notFound, g.suggest, g.first, g.last, g.variants.join(' / ')]);
  return `\uFEFF${[header, ...rows].map((r) => r.map(q).join(',')).join('\r\n')}\r\n`;
}
