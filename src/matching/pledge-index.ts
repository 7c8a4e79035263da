import Fuse from 'fuse.js';
import type { Catalog } from '../pledges/catalog';
import type { Area, CategoryId, PledgeItem } from '../pledges/types';
import { bigrams, isKanaOnly, normalizeText } from './normalize';

/**
 * Everything the matcher looks things up in, built once per data set (a few ms for 91 items):
 * per item its searchable text (official wording, title, staff keywords, kana readings), the
 * words that name it, its character bigrams; per area the same; the synonym dictionary; bigram
 * rarity; and a fuse.js index for typos.
 */

export interface Term {
  /** Normalised form looked for in the normalised question. */
  key: string;
  /** As staff wrote it, for explanations. */
  label: string;
}

export interface IndexedItem {
  item: PledgeItem;
  /** "|"-separated normalised fields: text, title, keywords, reading segments. */
  text: string;
  /** The same for the official wording only (text, title, 「names」 and their readings). */
  wording: string;
  /** Words that name this item when found anywhere in a question: keywords, title, 「names」. */
  terms: Term[];
  grams: ReadonlySet<string>;
}

export interface IndexedArea {
  area: Area;
  text: string;
  wording: string;
  terms: Term[];
  grams: ReadonlySet<string>;
}

export interface Synonym {
  label: string;
  /** Normalised words of the report the citizen's word stands for. */
  alts: string[];
}

export interface PledgeIndex {
  items: IndexedItem[];
  areas: ReadonlyMap<CategoryId, IndexedArea>;
  /** An area's name and the parts of it (防災, 子育て, 教育), normalised → the area. */
  areaNames: ReadonlyMap<string, CategoryId>;
  /** Normalised citizen word → what it stands for. */
  synonyms: ReadonlyMap<string, Synonym>;
  /** Rarity of a bigram across items (higher = rarer); unseen bigrams get `unseenGramIdf`. */
  gramIdf: ReadonlyMap<string, number>;
  unseenGramIdf: number;
  /**
   * Typo layer: fuse.js over the short names of items (keywords, titles, 「names」, reading words)
   * that share a character bigram with the word, one key, so the score is the plain Bitap error
   * rate. Returns item indexes with their best score (0 = exact, up to fuzzyMaxError).
   */
  fuzzy(word: string): { i: number; score: number }[];
  /**
   * Items holding a kanji word that differs from `word` in exactly one character (医僚費 →
   * 医療費, 設種 → 接種: a wrong conversion, which shares no character pair with the right word).
   * Score = that one character's share of the word, as an error rate.
   */
  oneKanjiOff(word: string): { i: number; score: number }[];
  /** True when some item or area text contains the normalised word. */
  knows(norm: string): boolean;
}

/** Quoted names in the report's wording: 「上尾市防災ガイドブック」, 『…』. */
const QUOTED = /[「『]([^」』]+)[」』]/gu;
/** Latin-script names in the wording: AGECOCO, SPHERE2, YouTube, DX, LED. */
const LATIN = /[A-Za-z][A-Za-z0-9+]+/gu;
/** Shortest word that names an item on its own; kana-only words need one more character. */
const MIN_TERM = 2;
const MIN_KANA_TERM = 3;
/** Most names handed to fuse.js for one word (bounds the cost of a word made of common pairs). */
const MAX_FUZZY_CANDIDATES = 150;
/** A bigram never seen in any item weighs like one seen in this many items. */
const UNSEEN_GRAM_DF = 3;

/** Idf = ln(1 + N / df): 4.5 for a word in one of 91 items, 0.7 for one in all. */
export function idf(itemCount: number, df: number): number {
  return Math.log(1 + itemCount / Math.max(df, 0.1));
}

function readingSegments(catalog: Catalog, text: string): string[] {
  return (catalog.reading(text) ?? '').split(/\s+/u);
}

function fieldText(parts: string[]): { text: string; grams: Set<string> } {
  const segs = [...new Set(parts.map(normalizeText).filter((s) => s.length > 0))];
  const grams = new Set<string>();
  for (const s of segs) for (const g of bigrams(s)) grams.add(g);
  return { text: `|${segs.join('|')}|`, grams };
}

function terms(words: string[]): Term[] {
  const seen = new Set<string>();
  const out: Term[] = [];
  for (const label of words) {
    const key = normalizeText(label);
    if (key.length < MIN_TERM || (isKanaOnly(key) && key.length < MIN_KANA_TERM) || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, label });
  }
  return out;
}

const namesIn = (text: string): string[] =>
  [...text.matchAll(QUOTED)].map((m) => m[1] ?? '').concat([...text.matchAll(LATIN)].map((m) => m[0]));

const KANJI_RUN = /\p{Script=Han}{2,}/gu;
/** Longest kanji word looked up for a one-character typo. */
const MAX_ONE_OFF = 4;
/** The word with each character in turn replaced by a wildcard (医僚費 → ?僚費, 医?費, 医僚?). */
const wildcards = (w: string): string[] => [...w].map((_, p) => `${w.slice(0, p)}?${w.slice(p + 1)}`);

export function buildPledgeIndex(catalog: Catalog, fuzzyMaxError: number): PledgeIndex {
  const items: IndexedItem[] = catalog.items.map((item) => {
    const f = fieldText([
      item.text,
      item.title,
      ...item.keywords,
      ...namesIn(item.text),
      ...[item.text, item.title, ...item.keywords].flatMap((t) => readingSegments(catalog, t)),
    ]);
    const wording = fieldText([
      item.text,
      item.title,
      ...namesIn(item.text),
      ...[item.text, item.title].flatMap((t) => readingSegments(catalog, t)),
    ]).text;
    return {
      item,
      text: f.text,
      wording,
      grams: f.grams,
      terms: terms([...item.keywords, item.title, ...namesIn(item.text)]),
    };
  });

  const areas = new Map<CategoryId, IndexedArea>();
  for (const area of catalog.areas) {
    const names = [area.label, ...area.label.split(/[・、]/u), area.title, area.subtitle];
    const f = fieldText([
      ...names,
      ...area.keywords,
      ...[...names, ...area.keywords].flatMap((n) => readingSegments(catalog, n)),
    ]);
    const wording = fieldText([...names, ...names.flatMap((n) => readingSegments(catalog, n))]).text;
    areas.set(area.id, { area, text: f.text, wording, grams: f.grams, terms: terms([...area.keywords, ...names]) });
  }

  const synonyms = new Map<string, Synonym>();
  for (const [word, alts] of catalog.synonyms) {
    const key = normalizeText(word);
    const normAlts = alts.map(normalizeText).filter((a) => a && a !== key);
    if (key && normAlts.length) synonyms.set(key, { label: word, alts: normAlts });
  }

  const gramDf = new Map<string, number>();
  for (const it of items) {
    const all = new Set([...it.grams, ...(areas.get(it.item.category)?.grams ?? [])]);
    for (const g of all) gramDf.set(g, (gramDf.get(g) ?? 0) + 1);
  }
  const n = items.length;
  const gramIdf = new Map([...gramDf].map(([g, df]) => [g, idf(n, df)]));

  const names = items.flatMap((it, i) =>
    [...new Set(it.text.split('|').filter((x) => x.length >= 2 && x.length <= 32))].map((text) => ({ i, text })),
  );
  const namesByGram = new Map<string, number[]>();
  names.forEach((nm, k) => {
    for (const g of new Set(bigrams(nm.text))) namesByGram.set(g, [...(namesByGram.get(g) ?? []), k]);
  });
  const fuseOptions = {
    keys: ['text'],
    includeScore: true,
    ignoreLocation: true,
    ignoreFieldNorm: true,
    threshold: fuzzyMaxError,
    minMatchCharLength: 2,
  };
  // Bitap over all ~1,000 names costs ~4 ms; over the few sharing a bigram, well under 1 ms.
  const fuzzy = (word: string): { i: number; score: number }[] => {
    const candidates = new Set<number>();
    for (const g of bigrams(word)) for (const k of namesByGram.get(g) ?? []) candidates.add(k);
    if (!candidates.size) return [];
    const pool = [...candidates].slice(0, MAX_FUZZY_CANDIDATES).map((k) => names[k]!);
    const best = new Map<number, number>();
    for (const hit of new Fuse(pool, fuseOptions).search(word)) {
      const score = hit.score ?? 1;
      if (score < (best.get(hit.item.i) ?? Infinity)) best.set(hit.item.i, score);
    }
    return [...best].map(([i, score]) => ({ i, score }));
  };

  // Every kanji substring of 2–4 characters in the items (about 3,000), by each one-wildcard form.
  const byWildcard = new Map<string, Set<number>>();
  items.forEach((it, i) => {
    for (const run of it.text.match(KANJI_RUN) ?? [])
      for (let len = 2; len <= MAX_ONE_OFF; len++)
        for (let at = 0; at + len <= run.length; at++)
          for (const key of wildcards(run.slice(at, at + len))) {
            let set = byWildcard.get(key);
            if (!set) byWildcard.set(key, (set = new Set()));
            set.add(i);
          }
  });
  const oneKanjiOff = (word: string): { i: number; score: number }[] => {
    if (word.length < 2 || word.length > MAX_ONE_OFF || !/^\p{Script=Han}+$/u.test(word)) return [];
    const hits = new Set<number>();
    for (const key of wildcards(word)) for (const i of byWildcard.get(key) ?? []) hits.add(i);
    return [...hits].map((i) => ({ i, score: 1 / word.length }));
  };

  const everything = [...items.map((it) => it.text), ...[...areas.values()].map((a) => a.text)].join('');
  const knows = (norm: string): boolean => norm.length > 0 && everything.includes(norm);
  const areaNames = new Map<string, CategoryId>();
  for (const area of catalog.areas)
    for (const name of [area.label, ...area.label.split(/[・、]/u)]) {
      const key = normalizeText(name);
      if (key) areaNames.set(key, area.id);
    }
  return {
    items,
    areas,
    areaNames,
    synonyms,
    gramIdf,
    unseenGramIdf: idf(n, UNSEEN_GRAM_DF),
    fuzzy,
    oneKanjiOff,
    knows,
  };
}
