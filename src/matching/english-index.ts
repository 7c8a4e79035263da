import { analyseEnglish, type EnglishWord } from './english';
import { ENGLISH_STOPWORD_SET } from './lexicon';
import type { Credits } from './tunables';

/**
 * The English side of a document (an item or an area): the match keys (english.ts) of its English
 * fields, by field, as the Japanese side keeps its wording, keywords and summary apart
 * (pledge-index.ts): the English title, keywords and the Latin names of the Japanese wording
 * (AGECOCO, YouTube, Wi-Fi) say what the item is; the English summary describes it more loosely.
 */
export interface EnglishDoc {
  /** Keys of the title, subtitle, label, keywords and Latin names: full credit. */
  official: ReadonlySet<string>;
  /** Keys of the plain summary: `Credits.summary` × summaryWeight. */
  summary: ReadonlySet<string>;
  /** How much a summary match counts (BM25's length normalisation, as for the Japanese summary). */
  summaryWeight: number;
  /** Keywords and names of two or more words, as keys (hazard map): found whole in a message, they anchor it. */
  phrases: readonly (readonly string[])[];
  /** How many keys the summary has (for its length normalisation). */
  summaryLength: number;
  /** Keys of all fields, counted: the document's vector before weighting. */
  counts: ReadonlyMap<string, number>;
  /** Rarity-weighted key vector of length 1 (set when the index is built). */
  vector: ReadonlyMap<string, number>;
}

/** A word that carries a subject: not grammar, not an asking frame. */
export const isContentWord = (w: EnglishWord): boolean =>
  !w.stop && !ENGLISH_STOPWORD_SET.has(w.lemma) && !ENGLISH_STOPWORD_SET.has(w.text) && w.key.length > 0;

/** The content keys of an English text (the index keeps the parts of hyphenated words too). */
export function contentKeys(text: string): string[] {
  return text
    ? analyseEnglish(text, true)
        .filter(isContentWord)
        .map((w) => w.key)
    : [];
}

/**
 * The English side of a document. `official` are the short texts that name it (title, keywords,
 * Latin names), `summary` its plain English description.
 */
export function englishDoc(official: readonly string[], summary: string): EnglishDoc {
  const officialKeys = new Set<string>();
  const phrases: string[][] = [];
  const counts = new Map<string, number>();
  const count = (k: string): void => void counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const text of official) {
    const keys = contentKeys(text);
    keys.forEach((k) => officialKeys.add(k));
    keys.forEach(count);
    if (keys.length >= 2 && keys.length <= MAX_PHRASE) phrases.push(keys);
  }
  const summaryKeys = contentKeys(summary);
  summaryKeys.forEach(count);
  return {
    official: officialKeys,
    summary: new Set(summaryKeys),
    summaryWeight: 1,
    phrases,
    summaryLength: summaryKeys.length,
    counts,
    vector: new Map(),
  };
}

/** Keywords longer than this many words are descriptions, not names: they do not anchor. */
const MAX_PHRASE = 4;

/** An English document with nothing in it (an item without `en` and without Latin names). */
export const EMPTY_ENGLISH_DOC: EnglishDoc = Object.freeze({
  official: new Set<string>(),
  summary: new Set<string>(),
  summaryWeight: 1,
  phrases: [],
  summaryLength: 0,
  counts: new Map<string, number>(),
  vector: new Map<string, number>(),
});

/**
 * How well the document's English explains one key: 1 from its title, keywords or names;
 * `summary` × its length weight from the summary (when `summary`); else 0.
 */
export function englishCredit(doc: EnglishDoc, key: string, c: Credits, summary = true): number {
  if (doc.official.has(key)) return 1;
  return summary && doc.summary.has(key) ? c.summary * doc.summaryWeight : 0;
}

/**
 * A compound of the document that ends with the word (smartphone for phone, postcard for card):
 * `keywordPart` × the compound's credit, as a Japanese word found inside a longer keyword. Keys
 * are stems, and Porter2 drops a final e only in long words (phone, smartphon): compared without it.
 */
export function compoundCredit(doc: EnglishDoc, key: string, c: Credits): number {
  const stem = key.replace(/e$/u, '');
  if (stem.length < MIN_COMPOUND_PART) return 0;
  const inside = (k: string): boolean => k.length - stem.length >= MIN_COMPOUND_PART && k.endsWith(stem);
  for (const k of doc.official) if (inside(k)) return c.keywordPart;
  for (const k of doc.summary) if (inside(k)) return c.keywordPart * c.summary * doc.summaryWeight;
  return 0;
}

/** Both parts of a compound are at least this long (phone in smartphone; not one in phone). */
const MIN_COMPOUND_PART = 4;

/** The credit of a phrase (a synonym of several words): its weakest word. */
export function phraseCredit(doc: EnglishDoc, keys: readonly string[], c: Credits): number {
  let min = Infinity;
  for (const k of keys) min = Math.min(min, englishCredit(doc, k, c));
  return keys.length ? min : 0;
}
