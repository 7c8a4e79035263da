import Fuse from 'fuse.js';
import { performance } from 'node:perf_hooks';
import type { Catalog } from '../pledges/catalog';
import type { Area, CategoryId, PledgeItem } from '../pledges/types';
import { bigrams, isKanaOnly, normalizeText as normalizeUncached } from './normalize';
import { segmentQuery } from './segment';
import { GENERIC_SET, SMALLTALK_SET, STOPWORD_SET } from './lexicon';
import { EMPTY_ENGLISH_DOC, englishDoc, type EnglishDoc } from './english-index';
import { keyOf } from './english';

/**
 * Everything the matcher looks things up in, built once per data set (a few ms for 91 items).
 * An item or an area is a "document" with separate fields, because they are not equally good
 * evidence: the official wording and staff's keywords say what the item is; the plain summary
 * describes it more loosely; kana readings let ぼうさい meet 防災, on word boundaries only.
 */

export interface Term {
  /** Normalised form looked for in the normalised question. */
  key: string;
  /** As staff wrote it, for explanations. */
  label: string;
}

/** A kana reading with the offsets where its words begin and end (kuromoji's tokens). */
export interface Reading {
  kana: string;
  /** Its words (kuromoji's tokens), normalised. */
  words: string[];
  /** bounds[p] is 1 when a word of the reading begins or ends at offset p. */
  bounds: Uint8Array;
}

export interface Doc {
  /** Normalised official wording: text, title, 「names」, "|"-separated. */
  official: string;
  /** Normalised keywords, "|"-separated with "|" at both ends (so |word| finds a whole keyword). */
  keywords: string;
  /**
   * Keywords that the question's segmentation would not keep as a word of their own (がん cut
   * into particles): kept whole when they stand on word boundaries (protectKeywords).
   */
  fragile: string[];
  /** Normalised plain summary. */
  summary: string;
  /**
   * How much a word found in the summary counts (× Credits.summary): a long summary holds more
   * everyday words by chance, so, as in BM25, its matches count less ((average / length)^b, ≤ 1).
   */
  summaryWeight: number;
  /** The readings of all the above. */
  reading: Reading;
  /** All of the above in one string: a word absent from it is absent from every field. */
  all: string;
  /** Words that name the document wherever they occur in a question: keywords, title, 「names」. */
  terms: Term[];
  grams: ReadonlySet<string>;
  /**
   * Character pairs of all its text (wording, keywords, summary) weighted by rarity across items
   * and scaled to length 1: a second, segmentation-free view of what the document is about.
   */
  vector: ReadonlyMap<string, number>;
  /** The English side: the `en` fields and the Latin names of the wording (english-index.ts). */
  en: EnglishDoc;
}

export interface IndexedItem extends Doc {
  item: PledgeItem;
}

export interface IndexedArea extends Doc {
  area: Area;
}

export interface Synonym {
  label: string;
  /** Normalised words of the data the citizen's word stands for. */
  alts: string[];
  /** The same as written (English ones keep their spaces: city hall). */
  written: readonly string[];
  /**
   * Staff's (synonyms.json), or Sudachi's (synonyms.generated.json): another spelling of the
   * same word (variant: 癌 → がん) or a synonym (年寄り → 高齢者).
   */
  source: 'staff' | 'variant' | 'generated';
}

/** WordNet's synonym of a resident's English word (or words), as keys (english.ts). */
export interface EnglishSynonym {
  label: string;
  /** The data's words it stands for, each as its keys (one, or several for a phrase). */
  alts: string[][];
}

export interface PledgeIndex {
  items: IndexedItem[];
  areas: ReadonlyMap<CategoryId, IndexedArea>;
  /** An area's name and the parts of it (防災, 子育て, 教育), normalised → the area. */
  areaNames: ReadonlyMap<string, CategoryId>;
  /** Staff's synonyms, normalised citizen word → what it stands for (matched anywhere). */
  staffSynonyms: ReadonlyMap<string, Synonym>;
  /** Sudachi's synonyms, normalised word → what it stands for (matched as a whole word). */
  generatedSynonyms: ReadonlyMap<string, Synonym>;
  /** The rarity of a character pair in the documents' vectors (Doc.vector). */
  vectorIdf(gram: string): number;
  /** Rarity of a bigram across items (higher = rarer); unseen bigrams get `unseenGramIdf`. */
  gramIdf: ReadonlyMap<string, number>;
  unseenGramIdf: number;
  /**
   * Typo layer: fuse.js over the short names of items (keywords, titles, 「names」) that share a
   * character bigram with the word, one key, so the score is the plain Bitap error rate. Returns
   * item indexes with their best score (0 = exact, up to fuzzyMaxError).
   */
  fuzzy(word: string): { i: number; score: number }[];
  /**
   * Items holding a kanji word that differs from `word` in exactly one character (医僚費 →
   * 医療費, 設種 → 接種: a wrong conversion, which shares no character pair with the right word).
   * Score = that one character's share of the word, as an error rate.
   */
  oneKanjiOff(word: string): { i: number; score: number }[];
  /** True when some item or area contains the normalised word (any field, readings included). */
  knows(norm: string): boolean;
  /**
   * True when the normalised word is a word of the data: a keyword, a name, or one word of a
   * reading (not any stretch of the wording's prose: するための is not a word).
   */
  knowsWord(norm: string): boolean;
  /** WordNet's synonyms, by the keys of the resident's word(s) joined with a space (kid → child). */
  englishSynonyms: ReadonlyMap<string, EnglishSynonym>;
  /** True when some item or area has the English key (kushi, gyoza, neuvola: English here, not romaji). */
  knowsEnglish(key: string): boolean;
  /** The rarity of an English key across items (for the English vector). */
  englishIdf(key: string): number;
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
/** The exponent b of the summary length normalisation (Tunables.summaryLengthNorm). */
const DEFAULT_SUMMARY_LENGTH_NORM = 0.5;
/** Longest kanji word looked up for a one-character typo. */
const MAX_ONE_OFF = 4;

/**
 * normalizeText, remembered while an index is built (the same reading words and keywords come
 * back hundreds of times); forgotten afterwards, so questions never fill it.
 */
let normalized: Map<string, string> | undefined;
let building = 0;
function normalizeText(s: string): string {
  if (!normalized) return normalizeUncached(s);
  let n = normalized.get(s);
  if (n === undefined) normalized.set(s, (n = normalizeUncached(s)));
  return n;
}

/** Idf = ln(1 + N / df): 4.5 for a word in one of 91 items, 0.7 for one in all. */
export function idf(itemCount: number, df: number): number {
  return Math.log(1 + itemCount / Math.max(df, 0.1));
}

const join = (parts: string[]): string =>
  `|${[...new Set(parts.map(normalizeText).filter((s) => s.length > 0))].join('|')}|`;

/** The readings of the texts, joined, with word boundaries. Texts without a reading add nothing. */
function readingOf(catalog: Catalog, texts: string[]): Reading {
  let kana = '';
  const words: string[] = [];
  const bounds: number[] = [];
  for (const text of texts) {
    const reading = catalog.reading(text);
    if (!reading) continue;
    for (const token of reading.split(/\s+/u)) {
      const n = normalizeText(token);
      if (!n) continue;
      bounds.push(kana.length);
      words.push(n);
      kana += n;
      bounds.push(kana.length);
    }
    kana += '|';
  }
  const b = new Uint8Array(kana.length + 1);
  for (const p of bounds) b[p] = 1;
  return { kana, words, bounds: b };
}

/** True when the kana word occurs in the reading starting and ending on word boundaries. */
export function inReadingWords(reading: Reading, word: string): boolean {
  const { kana, bounds } = reading;
  for (let at = kana.indexOf(word); at >= 0; at = kana.indexOf(word, at + 1))
    if (bounds[at] && bounds[at + word.length]) return true;
  return false;
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

function doc(
  catalog: Catalog,
  official: string[],
  keywords: string[],
  summary: string,
  names: string[],
  english: { official: string[]; summary: string },
): Doc {
  const hasEnglish = english.summary.length > 0 || english.official.length > 0;
  const reading = readingOf(catalog, [...official, ...keywords, summary].filter(Boolean));
  const grams = new Set<string>();
  for (const s of [...official, ...keywords].map(normalizeText)) for (const g of bigrams(s)) grams.add(g);
  return {
    official: join([...official, ...names]),
    keywords: join(keywords),
    fragile: [...new Set(keywords)]
      .filter(
        (k) => mayBeFragile(normalizeText(k)) && !segmentQuery(k, k.length).words.some((w) => w.role === 'content'),
      )
      .map(normalizeText)
      .filter((k) => k.length >= 2),
    summary: normalizeText(summary),
    summaryWeight: 1,
    reading,
    all: `${official.map(normalizeText).join('|')}|${names.map(normalizeText).join('|')}|${keywords.map(normalizeText).join('|')}|${normalizeText(summary)}|${reading.kana}`,
    terms: terms([...keywords, ...names]),
    grams,
    vector: new Map(),
    en: hasEnglish ? englishDoc(english.official, english.summary) : EMPTY_ENGLISH_DOC,
  };
}

/** Latin words of Japanese texts (AGECOCO, Wi-Fi, LED): names an English message may use as they are. */
const latinNames = (texts: readonly string[]): string[] => [
  ...new Set(texts.flatMap((t) => t.normalize('NFKC').match(LATIN_NAME) ?? [])),
];
const LATIN_NAME = /[A-Za-z][A-Za-z0-9+-]*[A-Za-z0-9+]|[A-Za-z]{2,}/gu;

/** Only kana keywords and lexicon words can lose their content when segmented (がん → が|ん). */
const mayBeFragile = (norm: string): boolean =>
  isKanaOnly(norm) || STOPWORD_SET.has(norm) || GENERIC_SET.has(norm) || SMALLTALK_SET.has(norm);

/** Counts of the character pairs of a text's words. */
export function gramCounts(parts: readonly string[], weight: (i: number) => number = () => 1): Map<string, number> {
  const counts = new Map<string, number>();
  parts.forEach((p, i) => {
    for (const g of bigrams(p)) counts.set(g, (counts.get(g) ?? 0) + weight(i));
  });
  return counts;
}

const wildcards = (w: string): string[] => [...w].map((_, p) => `${w.slice(0, p)}?${w.slice(p + 1)}`);
const KANJI_RUN = /\p{Script=Han}{2,}/gu;

function* synonymMap(
  entries: ReadonlyMap<string, readonly string[]>,
  source: Synonym['source'],
): Generator<void, Map<string, Synonym>, void> {
  const map = new Map<string, Synonym>();
  let k = 0;
  for (const [word, alts] of entries) {
    if (++k % STEP === 0) yield;
    const key = normalizeText(word);
    const normAlts = alts.map(normalizeText).filter((a) => a && a !== key);
    if (key && normAlts.length) map.set(key, { label: word, alts: normAlts, written: alts, source });
  }
  return map;
}

export function buildPledgeIndex(
  catalog: Catalog,
  fuzzyMaxError: number,
  summaryLengthNorm = DEFAULT_SUMMARY_LENGTH_NORM,
): PledgeIndex {
  startBuild();
  try {
    const steps = buildIndex(catalog, fuzzyMaxError, summaryLengthNorm);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  } finally {
    endBuild();
  }
}

/**
 * The same, giving the event loop back every few milliseconds (the reloader builds a new index
 * while the bot answers: no webhook waits more than a slice, see BUILD_SLICE_MS).
 */
export async function buildPledgeIndexAsync(
  catalog: Catalog,
  fuzzyMaxError: number,
  summaryLengthNorm = DEFAULT_SUMMARY_LENGTH_NORM,
): Promise<PledgeIndex> {
  startBuild();
  try {
    const steps = buildIndex(catalog, fuzzyMaxError, summaryLengthNorm);
    let slice = performance.now();
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (performance.now() - slice >= BUILD_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
  } finally {
    endBuild();
  }
}

/** Pieces of work between two yields of the build: entries, or documents divided by ten. */
const STEP = 100;

/** The longest the asynchronous build holds the event loop at a time. */
export const BUILD_SLICE_MS = 8;

function startBuild(): void {
  if (building++ === 0) normalized = new Map();
}

function endBuild(): void {
  if (--building === 0) normalized = undefined;
}

/** The index, built in steps: the generator yields between pieces of work of well under a millisecond to a few. */
function* buildIndex(
  catalog: Catalog,
  fuzzyMaxError: number,
  summaryLengthNorm: number,
): Generator<void, PledgeIndex, void> {
  const items: IndexedItem[] = [];
  for (const item of catalog.items) {
    yield;
    const names = namesIn(item.text);
    const english = {
      official: [
        ...(item.en ? [item.en.title, ...item.en.keywords] : []),
        ...latinNames([item.text, item.title, ...item.keywords]),
      ],
      summary: item.en?.summary ?? '',
    };
    items.push({
      item,
      ...doc(catalog, [item.text, item.title], item.keywords, item.summary ?? '', [item.title, ...names], english),
    });
  }

  const withSummary = items.filter((it) => it.summary.length > 0);
  const avgSummary = withSummary.reduce((n, it) => n + it.summary.length, 0) / Math.max(1, withSummary.length);
  for (const it of withSummary) it.summaryWeight = Math.min(1, (avgSummary / it.summary.length) ** summaryLengthNorm);
  const withEnglish = items.filter((it) => it.en.summaryLength > 0);
  const avgEnglish = withEnglish.reduce((s, it) => s + it.en.summaryLength, 0) / Math.max(1, withEnglish.length);
  for (const it of withEnglish)
    (it.en as { summaryWeight: number }).summaryWeight = Math.min(
      1,
      (avgEnglish / it.en.summaryLength) ** summaryLengthNorm,
    );

  const areas = new Map<CategoryId, IndexedArea>();
  for (const area of catalog.areas) {
    const names = [area.label, ...area.label.split(/[・、]/u), area.title, area.subtitle].filter(Boolean);
    const english = {
      official: [
        ...(area.en ? [area.en.title, area.en.subtitle, area.en.label, ...area.en.keywords].filter(Boolean) : []),
        ...latinNames([area.title, area.subtitle, ...area.keywords]),
      ],
      summary: '',
    };
    areas.set(area.id, { area, ...doc(catalog, names, area.keywords, '', names, english) });
  }

  yield;
  const staffSynonyms = yield* synonymMap(catalog.synonyms, 'staff');
  const generatedSynonyms = yield* synonymMap(catalog.generatedSynonyms, 'generated');
  const variants = yield* synonymMap(catalog.generatedVariants, 'variant');
  for (const [key, v] of variants) {
    const other = generatedSynonyms.get(key);
    generatedSynonyms.set(
      key,
      other ? { ...v, alts: [...v.alts, ...other.alts.filter((a) => !v.alts.includes(a))] } : v,
    );
  }
  // Staff's entries win over generated ones.
  for (const key of staffSynonyms.keys()) generatedSynonyms.delete(key);

  yield;
  const gramDf = new Map<string, number>();
  for (const [i, it] of items.entries()) {
    if (i % (STEP / 10) === 0) yield;
    const all = new Set([...it.grams, ...(areas.get(it.item.category)?.grams ?? [])]);
    for (const g of all) gramDf.set(g, (gramDf.get(g) ?? 0) + 1);
  }
  const n = items.length;
  const gramIdf = new Map([...gramDf].map(([g, df]) => [g, idf(n, df)]));

  // The documents' pair vectors (tf × idf over items, summary included), length 1.
  yield;
  const docCounts = new Map<Doc, Map<string, number>>();
  for (const [i, d] of [...items, ...areas.values()].entries()) {
    if (i % (STEP / 10) === 0) yield;
    docCounts.set(d, gramCounts(`${d.official}${d.keywords}|${d.summary}`.split('|').filter(Boolean)));
  }
  const vectorDf = new Map<string, number>();
  for (const [i, it] of items.entries()) {
    if (i % (STEP / 10) === 0) yield;
    for (const g of docCounts.get(it)!.keys()) vectorDf.set(g, (vectorDf.get(g) ?? 0) + 1);
  }
  const vectorIdf = new Map([...vectorDf].map(([g, df]) => [g, idf(n, df)]));
  let done = 0;
  for (const [d, counts] of docCounts) {
    if (done++ % (STEP / 10) === 0) yield;
    const v = new Map<string, number>();
    let norm = 0;
    for (const [g, c] of counts) {
      const x = (1 + Math.log(c)) * (vectorIdf.get(g) ?? idf(n, UNSEEN_GRAM_DF));
      v.set(g, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [g, x] of v) v.set(g, x / norm);
    (d as { vector: ReadonlyMap<string, number> }).vector = v;
  }

  // The English side: key vectors (as the pair vectors above) and WordNet's synonyms.
  yield;
  const englishDf = new Map<string, number>();
  for (const it of items) for (const k of it.en.counts.keys()) englishDf.set(k, (englishDf.get(k) ?? 0) + 1);
  const englishIdf = (k: string): number => idf(n, englishDf.get(k) ?? UNSEEN_GRAM_DF);
  for (const d of [...items, ...areas.values()]) {
    if (!d.en.counts.size) continue;
    const v = new Map<string, number>();
    let norm = 0;
    for (const [k, c] of d.en.counts) {
      const x = (1 + Math.log(c)) * englishIdf(k);
      v.set(k, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [k, x] of v) v.set(k, x / norm);
    (d.en as { vector: ReadonlyMap<string, number> }).vector = v;
  }
  const englishKeys = new Set<string>();
  for (const d of [...items, ...areas.values()]) for (const k of d.en.counts.keys()) englishKeys.add(k);
  const englishSynonyms = new Map<string, EnglishSynonym>();
  let k = 0;
  for (const [word, alts] of catalog.englishSynonyms) {
    if (++k % STEP === 0) yield;
    const key = phraseKeys(word).join(' ');
    const altKeys = alts.map(phraseKeys).filter((a) => a.length > 0 && a.join(' ') !== key);
    if (key && altKeys.length) englishSynonyms.set(key, { label: word, alts: altKeys });
  }

  // Typo layer over the short names of items.
  yield;
  const names = items.flatMap((it, i) =>
    [...new Set(`${it.official}${it.keywords}`.split('|').filter((x) => x.length >= 2 && x.length <= 32))].map(
      (text) => ({ i, text }),
    ),
  );
  yield;
  const namesByGram = new Map<string, number[]>();
  for (const [k, nm] of names.entries()) {
    if (k % STEP === 0) yield;
    for (const g of new Set(bigrams(nm.text))) {
      let list = namesByGram.get(g);
      if (!list) namesByGram.set(g, (list = []));
      list.push(k);
    }
  }
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

  // Every kanji substring of 2–4 characters in the items' wording and keywords, by each
  // one-wildcard form.
  yield;
  const byWildcard = new Map<string, number[]>();
  for (const [i, it] of items.entries()) {
    if (i % 10 === 0) yield;
    for (const run of `${it.official}${it.keywords}`.match(KANJI_RUN) ?? [])
      for (let len = 2; len <= MAX_ONE_OFF; len++)
        for (let at = 0; at + len <= run.length; at++)
          for (const key of wildcards(run.slice(at, at + len))) {
            const list = byWildcard.get(key);
            if (!list) byWildcard.set(key, [i]);
            else if (list[list.length - 1] !== i) list.push(i);
          }
  }
  const oneKanjiOff = (word: string): { i: number; score: number }[] => {
    if (word.length < 2 || word.length > MAX_ONE_OFF || !/^\p{Script=Han}+$/u.test(word)) return [];
    const hits = new Set<number>();
    for (const key of wildcards(word)) for (const i of byWildcard.get(key) ?? []) hits.add(i);
    return [...hits].map((i) => ({ i, score: 1 / word.length }));
  };

  yield;
  const docs: Doc[] = [...items, ...areas.values()];
  const everything = docs.map((d) => `${d.official}${d.keywords}|${d.summary}|${d.reading.kana}`).join('');
  const knows = (norm: string): boolean => norm.length > 0 && everything.includes(norm);
  const dataWords = new Set<string>();
  for (const d of docs) {
    for (const w of d.reading.words) dataWords.add(w);
    for (const k of d.keywords.split('|')) if (k) dataWords.add(k);
    for (const t of d.terms) dataWords.add(t.key);
  }
  const knowsWord = (norm: string): boolean => dataWords.has(norm);
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
    staffSynonyms,
    generatedSynonyms,
    gramIdf,
    vectorIdf: (g) => vectorIdf.get(g) ?? idf(n, UNSEEN_GRAM_DF),
    unseenGramIdf: idf(n, UNSEEN_GRAM_DF),
    fuzzy,
    oneKanjiOff,
    knows,
    knowsWord,
    englishSynonyms,
    knowsEnglish: (key) => englishKeys.has(key),
    englishIdf,
  };
}

/** Little words inside WordNet's phrases (head of state): not part of what is compared. */
const PHRASE_GLUE = new Set(['of', 'the', 'a', 'an', 'to', 'in', 'on', 'for', 'and', 'or', 'at', 'by', 'with']);

/** The keys of a WordNet lemma or phrase, already in dictionary form (day care → day, care). */
export function phraseKeys(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .split(/[\s_]+/u)
    .filter((w) => w && !PHRASE_GLUE.has(w))
    .map((w) => keyOf(w, !/[a-z]/u.test(w)))
    .filter(Boolean);
}
