import { normalizeText, similarity } from '../matching/normalize';
import type { ParsedReport, ReportSection } from '../pledges/parse-report';
import {
  CATEGORY_IDS,
  isCategoryId,
  type Area,
  type AreaEnglish,
  type CategoryId,
  type ItemEnglish,
  type PledgeItem,
  type ReportSource,
  type SourceEnglish,
} from '../pledges/types';

/**
 * Turns a newly published report into a complete data set, keeping what staff added: items
 * whose wording is unchanged or nearly so keep their id, title, keywords, summary and link;
 * areas keep their label and keywords; the source keeps its links and contact. The English
 * (`en`, the reference translation) is kept only where the Japanese it translates is unchanged:
 * a reworded item and a new report's title lose theirs, and every record whose English needs a
 * translator is listed (EnglishReview). Pure.
 */
export interface ImportBase {
  source: ReportSource;
  areas: Area[];
}

/** One field of an item that the report changed (the report's fields only: staff's are kept). */
export type ItemFieldChange =
  | { field: 'text'; before: string; after: string }
  | { field: 'bullet'; before: number; after: number }
  /** `undefined`: the bullet was not split by '/' on that side. */
  | { field: 'part'; before: number | undefined; after: number | undefined };

/** An item kept from the data set whose official wording the report changed. */
export interface ChangedItem {
  id: string;
  before: PledgeItem;
  after: PledgeItem;
  /** What changed, field by field: always `text`, and `bullet`/`part` when it also moved. */
  fields: ItemFieldChange[];
}

/**
 * An item whose official wording changed while the fields staff wrote for the old wording —
 * `title`, `summary`, `keywords` — were carried over unchanged: they may now contradict the new
 * text (「18歳まで」 in the summary when the report now says 22). Staff should review them
 * (data:import prints 「題名・説明を見直してください」; the console flags them).
 */
export interface StaleTitle {
  id: string;
  title: string;
  summary?: string;
  keywords: string[];
  oldText: string;
  newText: string;
}

/**
 * A record whose English needs review after an import (data:import prints 「英語を見直してください」
 * / "English needs review"; the console flags it):
 * - `added`: a new item (or an area new to the data) has no English yet;
 * - `reworded`: an item's official wording changed, so its English, written for the old wording,
 *   was removed (`previous` keeps it for reuse);
 * - `retitled`: an area's title or subtitle changed in the report; its English is kept (label and
 *   keywords still fit) but its title and subtitle may be out of date;
 * - `new-report`: the report's title or period changed, so source.json's English was removed.
 */
export interface EnglishReview {
  what: 'item' | 'area' | 'source';
  /** The item or area id; `source` for source.json. */
  id: string;
  reason: 'added' | 'reworded' | 'retitled' | 'new-report';
  /** The English as it was before the import, when there was one. */
  previous?: ItemEnglish | AreaEnglish | SourceEnglish;
}

/** What staff should do about each reason, in the words of data:import and the console. */
export const ENGLISH_REVIEW_NOTE: Readonly<Record<EnglishReview['reason'], string>> = {
  added: 'en (英語) がありません。英語を書いてください。',
  reworded: '文言が変わったので en (英語) を外しました。新しい文言から英語を書き直してください。',
  retitled: '題名・副題が変わりました。en (英語) の title・subtitle を確かめてください。',
  'new-report': '報告書の名前・期間が変わったので en (英語) を外しました。英語の名前・期間を書いてください。',
};

/**
 * What an import would make of the data set, without writing anything: the complete new set
 * (`source`, `areas`) and the differences for staff to review.
 */
export interface ImportResult {
  source: ReportSource;
  areas: Area[];
  /** New items, with a provisional title and keywords (autoTitle, autoKeywords) and new ids. */
  added: PledgeItem[];
  /** Items of the data set that the report no longer has. */
  removed: PledgeItem[];
  /** Kept items whose wording changed, with the field-level differences. */
  changed: ChangedItem[];
  /** The changed items whose title, summary and keywords were written for the old wording. */
  staleTitles: StaleTitle[];
  /** Items, areas and the source whose English must be written or checked (in data order). */
  englishReview: EnglishReview[];
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Items whose wording is at least this similar (character-pair overlap) count as the same item. */
export const SAME_ITEM_SIMILARITY = 0.6;
const TITLE_MAX = 20;

/** Which area a heading belongs to: the same heading, title or subtitle as before, or `map`. */
export function areaForHeading(
  section: ReportSection,
  base: Area[],
  map: Readonly<Record<string, string>>,
): CategoryId | null {
  const mapped = map[section.heading] ?? map[section.title];
  if (isCategoryId(mapped)) return mapped;
  const n = normalizeText;
  for (const a of base) {
    if (a.heading === section.heading) return a.id;
    if (n(a.title) === n(section.title)) return a.id;
    if (a.subtitle && section.subtitle && n(a.subtitle) === n(section.subtitle)) return a.id;
  }
  return null;
}

/**
 * The pure import: matches the report's bullets to the items of `base` (same wording, or at least
 * SAME_ITEM_SIMILARITY alike in the same area), keeps staff's fields, numbers new items with ids
 * never used before, and says what was added, removed and changed (with stale titles). Writes
 * nothing; `npm run data:import` writes `areas`/`source` and rebuilds the derived files, and the
 * console shows the lists. `map` assigns renamed headings to areas ("見出し" → area id). Throws
 * ImportError when a heading matches no area, two headings match one, or an area is missing.
 */
export function importReport(
  report: ParsedReport,
  base: ImportBase,
  map: Readonly<Record<string, string>> = {},
): ImportResult {
  const assigned = new Map<CategoryId, ReportSection>();
  for (const section of report.sections) {
    const id = areaForHeading(section, base.areas, map);
    if (!id) {
      throw new ImportError(
        `${section.line} 行目の見出し「${section.heading}」がどの分野か分かりません。` +
          `これまでの見出し: ${base.areas.map((a) => `「${a.heading}」(${a.id})`).join('、')}。` +
          `見出しが変わった場合は --map "${section.title}=分野ID" を付けてください。`,
      );
    }
    if (assigned.has(id))
      throw new ImportError(
        `見出し「${section.heading}」と「${assigned.get(id)!.heading}」が同じ分野 (${id}) になりました。`,
      );
    assigned.set(id, section);
  }
  const missing = CATEGORY_IDS.filter((id) => !assigned.has(id));
  if (missing.length) throw new ImportError(`報告書に次の分野の見出しがありません: ${missing.join(', ')}`);

  const oldItems = base.areas.flatMap((a) => a.items);
  const taken = new Set<string>();
  const added: PledgeItem[] = [];
  const changed: ImportResult['changed'] = [];
  const englishReview: EnglishReview[] = [];

  const areas: Area[] = CATEGORY_IDS.map((id) => {
    const section = assigned.get(id)!;
    const old = base.areas.find((a) => a.id === id);
    const usedIds = new Set(oldItems.map((i) => i.id));
    let nextBullet =
      Math.max(0, ...oldItems.filter((i) => i.category === id).map((i) => Number(i.id.split('-')[1]))) + 1;
    const items: PledgeItem[] = [];
    for (const bullet of section.bullets) {
      const split = bullet.parts.length > 1;
      const fresh: PledgeItem[] = [];
      for (const part of bullet.parts) {
        const match = findSame(part.text, id, oldItems, taken);
        const position = { bullet: bullet.bullet, ...(split ? { part: part.part } : {}) };
        if (match) {
          taken.add(match.id);
          const reworded = match.text !== part.text;
          // The English translated the old wording: dropped, kept in the review for reuse.
          const { part: _oldPart, en, ...kept } = match;
          const item = canonicalItem({ ...kept, ...position, text: part.text, ...(en && !reworded ? { en } : {}) });
          if (reworded) {
            changed.push({ id: match.id, before: match, after: item, fields: fieldChanges(match, item) });
            englishReview.push({ what: 'item', id: match.id, reason: 'reworded', ...(en ? { previous: en } : {}) });
          }
          items.push(item);
        } else {
          const item: PledgeItem = {
            id: '',
            category: id,
            ...position,
            text: part.text,
            title: autoTitle(part.text),
            keywords: autoKeywords(part.text),
            url: '',
          };
          fresh.push(item);
          items.push(item);
        }
      }
      // New items get ids that were never used, so links and buttons to old ids never change meaning.
      if (fresh.length) {
        let nn = String(nextBullet).padStart(2, '0');
        while ([...usedIds].some((u) => u === `${id}-${nn}` || u.startsWith(`${id}-${nn}-`)))
          nn = String(++nextBullet).padStart(2, '0');
        fresh.forEach((item, k) => {
          item.id = split ? `${id}-${nn}-${item.part ?? k + 1}` : `${id}-${nn}`;
          usedIds.add(item.id);
          added.push(item);
          englishReview.push({ what: 'item', id: item.id, reason: 'added' });
        });
        nextBullet++;
      }
    }
    if (!old?.en) {
      if (!old) englishReview.push({ what: 'area', id, reason: 'added' });
    } else if (old.title !== section.title || old.subtitle !== section.subtitle)
      englishReview.push({ what: 'area', id, reason: 'retitled', previous: old.en });
    return {
      id,
      order: old?.order ?? CATEGORY_IDS.indexOf(id) + 1,
      heading: section.heading,
      title: section.title,
      subtitle: section.subtitle,
      label: old?.label ?? section.title.slice(0, 10),
      keywords: old?.keywords ?? [],
      items,
      ...(old?.en ? { en: old.en } : {}),
    };
  });

  const removed = oldItems.filter((i) => !taken.has(i.id));
  const slogan = report.intro.find((l) => /^[「『]/u.test(l)) ?? '';
  const { en: sourceEn, ...baseSource } = base.source;
  const source: ReportSource = {
    ...baseSource,
    pageTitle: report.pageTitle,
    reportTitle: report.reportTitle,
    period: report.period || base.source.period,
    slogan,
    intro: report.intro.filter((l) => l !== slogan).join('\n'),
  };
  // Another report (next year's): the English of the old title and period would mislead.
  if (sourceEn) {
    if (source.reportTitle === base.source.reportTitle && source.period === base.source.period) source.en = sourceEn;
    else englishReview.push({ what: 'source', id: 'source', reason: 'new-report', previous: sourceEn });
  }
  const staleTitles: StaleTitle[] = changed.map(({ id, before, after }) => ({
    id,
    title: after.title,
    ...(after.summary !== undefined ? { summary: after.summary } : {}),
    keywords: after.keywords,
    oldText: before.text,
    newText: after.text,
  }));
  return { source, areas, added, removed, changed, staleTitles, englishReview };
}

/** The report's fields that differ between an item and its re-imported self. */
function fieldChanges(before: PledgeItem, after: PledgeItem): ItemFieldChange[] {
  const fields: ItemFieldChange[] = [];
  if (before.text !== after.text) fields.push({ field: 'text', before: before.text, after: after.text });
  if (before.bullet !== after.bullet) fields.push({ field: 'bullet', before: before.bullet, after: after.bullet });
  if (before.part !== after.part) fields.push({ field: 'part', before: before.part, after: after.part });
  return fields;
}

/**
 * An item with its fields in the order of the data files (id, bullet, part, text, title, summary,
 * keywords, url, en), so that writing it back gives the same bytes as before.
 */
export function canonicalItem(item: PledgeItem): PledgeItem {
  return {
    id: item.id,
    category: item.category,
    bullet: item.bullet,
    ...(item.part !== undefined ? { part: item.part } : {}),
    text: item.text,
    title: item.title,
    ...(item.summary !== undefined ? { summary: item.summary } : {}),
    keywords: item.keywords,
    url: item.url,
    ...(item.en !== undefined ? { en: item.en } : {}),
  };
}

/** The old item with the same wording, or nearly the same (same area first), not yet taken. */
function findSame(text: string, area: CategoryId, old: PledgeItem[], taken: Set<string>): PledgeItem | undefined {
  const free = old.filter((i) => !taken.has(i.id));
  const exact = free.find((i) => i.text === text && i.category === area) ?? free.find((i) => i.text === text);
  if (exact) return exact;
  let best: PledgeItem | undefined;
  let bestScore = SAME_ITEM_SIMILARITY;
  for (const i of free.filter((x) => x.category === area)) {
    const s = similarity(i.text, text);
    if (s >= bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}

/** A first title for a new item: its wording up to the first pause, at most 20 characters. */
export function autoTitle(text: string): string {
  const plain =
    text
      .replace(/[「」『』]/gu, '')
      .split(/[、。,]/u)[0]!
      .trim() || text;
  return plain.length <= TITLE_MAX ? plain : `${plain.slice(0, TITLE_MAX - 1)}…`;
}

/** First keywords for a new item: its 「names」, Latin words and title; staff refine them later. */
export function autoKeywords(text: string): string[] {
  const names = [...text.matchAll(/[「『]([^」』]+)[」』]/gu)].map((m) => m[1]!.trim());
  const latin = [...text.matchAll(/[A-Za-z][A-Za-z0-9+]+/gu)].map((m) => m[0]);
  const words = [...names, ...latin, autoTitle(text).replace(/…$/u, '')].filter((w) => w.length >= 2 && w.length <= 40);
  return [...new Set(words)];
}
