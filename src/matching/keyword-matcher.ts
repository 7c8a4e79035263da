import type { Catalog } from '../pledges/catalog';
import type { Area, PledgeItem } from '../pledges/types';
import { MAX_RESULTS, type MatchResult, type Matcher, type RankedItem } from './matcher';
import { isKanaOnly, normalizeText } from './normalize';

/**
 * Thresholds of the first matcher. Scores are in "weighted characters of the question that a
 * keyword covered", so 2 means at least a two-character word such as 防災 matched.
 */
export const MATCH_THRESHOLDS = {
  /** Below this an area name or keyword does not count as naming the area. */
  minAreaScore: 2,
  /** Below this no item is answered. */
  minItemScore: 2,
  /** Kana-only words shorter than this are too ambiguous (e.g. "はい", "いつ"). */
  minKanaTermLength: 3,
  /** Words shorter than this never match on their own. */
  minTermLength: 2,
  /** Longest question the matcher reads; the rest is ignored (bounds the cost of long texts). */
  maxQuestionLength: 200,
} as const;

interface Term {
  /** Normalised form compared with the normalised question. */
  key: string;
  /** The word as staff wrote it, for explanations. */
  label: string;
}

interface IndexedItem {
  item: PledgeItem;
  terms: Term[];
  /** Normalised full text, for "the question is a phrase of the text" matches. */
  text: string;
}

interface IndexedArea {
  area: Area;
  terms: Term[];
}

interface Hit {
  term: Term;
  start: number;
  end: number;
  weight: number;
}

/** Quoted names in the report's wording: 「上尾市防災ガイドブック」, 『…』. */
const QUOTED = /[「『]([^」』]+)[」』]/gu;
/** Latin-script names in the wording: AGECOCO, SPHERE2, YouTube, DX, LED. */
const LATIN = /[A-Za-z][A-Za-z0-9]+/gu;

/** Builds the first matcher over a catalog: keyword and name containment, weighted by rarity. */
export function createKeywordMatcher(catalog: Catalog): Matcher {
  const items: IndexedItem[] = catalog.items.map((item) => ({
    item,
    terms: uniqueTerms([...item.keywords, item.title, ...namesIn(item.text)]),
    text: normalizeText(item.text),
  }));
  const areas: IndexedArea[] = catalog.areas.map((area) => ({
    area,
    terms: uniqueTerms([...area.keywords, ...area.label.split(/[・、]/u), area.label, area.title, area.subtitle]),
  }));

  const position = new Map(catalog.items.map((item, i) => [item.id, i]));
  const order = (item: PledgeItem): number => position.get(item.id) ?? 0;

  // Rarity: a word found in many items says little about which one is meant.
  const documentFrequency = new Map<string, number>();
  for (const it of items) for (const t of it.terms) documentFrequency.set(t.key, countItemsWith(items, t.key));
  const rarity = (key: string): number => {
    const df = documentFrequency.get(key) ?? 1;
    return Math.log(1 + items.length / df) / Math.log(1 + items.length);
  };

  return {
    match(question: string): MatchResult {
      const q = normalizeText(question.slice(0, MATCH_THRESHOLDS.maxQuestionLength * 2)).slice(
        0,
        MATCH_THRESHOLDS.maxQuestionLength,
      );
      if (q.length < MATCH_THRESHOLDS.minTermLength) return NONE;

      const ranked = items
        .map((it) => scoreItem(it, q, rarity))
        .filter((r): r is RankedItem => r !== null)
        .sort((a, b) => b.score - a.score || order(a.item) - order(b.item));

      const areaHits = areas
        .map((a) => ({ area: a.area, hits: coverHits(findHits(a.terms, q, () => 1)) }))
        .map((a) => ({ ...a, score: sum(a.hits) }))
        .filter((a) => a.score >= MATCH_THRESHOLDS.minAreaScore)
        .sort((a, b) => b.score - a.score || a.area.order - b.area.order);

      const bestItem = ranked[0];
      const bestArea = areaHits[0];
      if (bestArea && (!bestItem || bestArea.score >= bestItem.score)) {
        const inArea = ranked.filter((r) => r.item.category === bestArea.area.id);
        return {
          kind: 'area',
          category: bestArea.area.id,
          items: fillWithArea(inArea, bestArea.area),
          matchedArea: bestArea.hits.map((h) => h.term.label),
        };
      }
      if (bestItem && bestItem.score >= MATCH_THRESHOLDS.minItemScore) {
        return { kind: 'items', category: bestItem.item.category, items: ranked.slice(0, MAX_RESULTS) };
      }
      return NONE;
    },
  };
}

const NONE: MatchResult = { kind: 'none', category: null, items: [] };

function scoreItem(it: IndexedItem, q: string, rarity: (key: string) => number): RankedItem | null {
  const hits = coverHits(findHits(it.terms, q, rarity));
  let score = sum(hits);
  const matched = hits.map((h) => h.term.label);
  // The whole question is a phrase of the official wording ("国土強靱化地域計画").
  if (q.length >= 3 && it.text.includes(q) && !hits.some((h) => h.term.key === q)) {
    score += q.length * 0.8;
    matched.push(q);
  }
  return score > 0 ? { item: it.item, score: round(score), matched } : null;
}

function findHits(terms: Term[], q: string, weightOf: (key: string) => number): Hit[] {
  const hits: Hit[] = [];
  for (const term of terms) {
    const start = q.indexOf(term.key);
    if (start < 0) continue;
    hits.push({ term, start, end: start + term.key.length, weight: term.key.length * weightOf(term.key) });
  }
  return hits;
}

/** Keeps the longest hits and drops hits inside a span already covered (防災 inside 防災ガイドブック). */
function coverHits(hits: Hit[]): Hit[] {
  const kept: Hit[] = [];
  for (const h of [...hits].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    if (kept.some((k) => h.start >= k.start && h.end <= k.end)) continue;
    kept.push(h);
  }
  return kept;
}

function uniqueTerms(words: string[]): Term[] {
  const seen = new Set<string>();
  const terms: Term[] = [];
  for (const label of words) {
    const key = normalizeText(label);
    if (key.length < MATCH_THRESHOLDS.minTermLength) continue;
    if (isKanaOnly(key) && key.length < MATCH_THRESHOLDS.minKanaTermLength) continue;
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push({ key, label });
  }
  return terms;
}

function namesIn(text: string): string[] {
  return [...text.matchAll(QUOTED)].map((m) => m[1] ?? '').concat([...text.matchAll(LATIN)].map((m) => m[0]));
}

function countItemsWith(items: IndexedItem[], key: string): number {
  return Math.max(1, items.filter((it) => it.terms.some((t) => t.key === key) || it.text.includes(key)).length);
}

function fillWithArea(matched: RankedItem[], area: Area): RankedItem[] {
  const ids = new Set(matched.map((r) => r.item.id));
  const rest = area.items.filter((i) => !ids.has(i.id)).map((item) => ({ item, score: 0, matched: [] }));
  return [...matched, ...rest].slice(0, MAX_RESULTS);
}

const sum = (hits: Hit[]): number => hits.reduce((s, h) => s + h.weight, 0);
const round = (n: number): number => Math.round(n * 1000) / 1000;
