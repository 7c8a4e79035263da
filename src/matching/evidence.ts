import type { Credits } from './tunables';
import { inReadingWords, type Doc, type Synonym, type Term } from './pledge-index';
import type { QueryWord } from './segment';

/**
 * What one document (an item or an area) explains of a question: a credit from 0 to 1 per
 * character of the normalised question, and the words that gave it (for `npm run ask`), and
 * whether any of it came from exact wording (not only from synonyms, readings or typo guesses).
 */
export interface Evidence {
  /** Credit 0–1 per character of the normalised question. */
  credit: Float64Array;
  /** The part of it from exact wording (official text, keywords, readings), not synonyms or guesses. */
  exact: Float64Array;
  /** What explained it, for explanations. */
  why: Set<string>;
}

export const newEvidence = (length: number): Evidence => ({
  credit: new Float64Array(length),
  exact: new Float64Array(length),
  why: new Set(),
});

/** `count` evidences over one buffer (one allocation per question instead of two per document). */
export function newEvidences(count: number, length: number): Evidence[] {
  const buffer = new Float64Array(count * length * 2);
  return Array.from({ length: count }, (_, i) => ({
    credit: buffer.subarray(2 * i * length, (2 * i + 1) * length),
    exact: buffer.subarray((2 * i + 1) * length, (2 * i + 2) * length),
    why: new Set<string>(),
  }));
}

/** Raises the credit of [start, end) to at least `value` (and the exact credit when `exact`). */
export function cover(ev: Evidence, start: number, end: number, value: number, why: string, exact = false): void {
  let raised = false;
  for (let i = start; i < end; i++) {
    if (ev.credit[i]! < value) {
      ev.credit[i] = value;
      raised = true;
    }
    if (exact && ev.exact[i]! < value) ev.exact[i] = value;
  }
  if (raised) ev.why.add(why);
}

const KANJI = /\p{Script=Han}/u;
const TWO_KANJI = /^\p{Script=Han}{2}$/u;
const KANA_ONLY = /^[\u3041-\u309F]+$/u;
const LATIN = /^[a-z0-9]+$/u;
const LATIN_CHAR = /[a-z]/u;

/**
 * How well a text explains a word found in it:
 * - 1 for a word of 3+ characters, or a kanji word standing on its own in the text;
 * - `compound` for a two-kanji word found only inside a longer kanji compound (保護 in 保護者),
 *   such compounds usually meaning something else;
 * - `singleInside` for one kanji found only inside a compound (日 in 休日);
 * - a short Latin word counts only as a whole word (ar is not inside ward);
 * - 0 when absent.
 */
export function creditIn(text: string, word: string, c: Credits): number {
  let at = text.indexOf(word);
  if (at < 0) return 0;
  if (LATIN.test(word) && word.length <= 3) {
    for (; at >= 0; at = text.indexOf(word, at + 1))
      if (!LATIN_CHAR.test(text[at - 1] ?? '') && !LATIN_CHAR.test(text[at + word.length] ?? '')) return 1;
    return 0;
  }
  const single = word.length === 1 && KANJI.test(word);
  if (!single && !TWO_KANJI.test(word)) return 1;
  for (; at >= 0; at = text.indexOf(word, at + 1)) {
    if (!KANJI.test(text[at - 1] ?? '') && !KANJI.test(text[at + word.length] ?? '')) return 1;
  }
  return single ? c.singleInside : c.compound;
}

/** True when the kana word occurs in the document's reading on word boundaries. */
export const inReading = (doc: Doc, word: string): boolean => inReadingWords(doc.reading, word);

/**
 * The best credit a document gives one word, from its fields:
 * - official wording and staff keywords (a whole keyword 1, part of one `keywordPart`);
 * - the plain summary, a little less (`summary`);
 * - the kana reading, on word boundaries only (`reading`): がん is not in がんばれる;
 * - short kana words (≤ 3) count only as whole words (keyword, reading), never inside a longer one.
 * Without `summary`, only the exact fields count.
 */
export function wordCredit(doc: Doc, word: string, c: Credits, summary = true): number {
  if (!doc.all.includes(word)) return 0;
  if (doc.keywords.includes(`|${word}|`)) return 1;
  const kana = KANA_ONLY.test(word);
  const reading = kana && inReading(doc, word) ? c.reading : 0;
  if (kana && word.length <= c.shortKana) return reading;
  const official = creditIn(doc.official, word, c);
  if (official >= 1) return 1;
  return Math.max(
    official,
    reading,
    creditIn(doc.keywords, word, c) * c.keywordPart,
    summary ? creditIn(doc.summary, word, c) * c.summary * doc.summaryWeight : 0,
  );
}

/**
 * Credit for an inflected word (弾いて, 置いてある, 助けて) by its kanji stem followed by kana in
 * the document (弾ける, 置きました): the same verb or adjective, inflected otherwise.
 */
export function stemCredit(doc: Doc, word: QueryWord, c: Credits): number {
  if (word.script !== 'okurigana') return 0;
  const stem = /^[\p{Script=Han}々]+/u.exec(word.norm)?.[0];
  if (!stem) return 0;
  const kanaAfter = new RegExp(`${stem}[\\u3041-\\u309F]`, 'u');
  const found = kanaAfter.test(doc.official) || kanaAfter.test(doc.summary) || kanaAfter.test(doc.keywords);
  // A one-kanji stem (知, 行, 困) is a weak sign: many verbs share it.
  return found ? (stem.length > 1 ? c.stem : c.stem * c.singleStem) : 0;
}

/** Finds each term wherever it occurs in the question. */
export function termSpans(terms: readonly Term[], q: string): { term: Term; start: number }[] {
  const spans: { term: Term; start: number }[] = [];
  for (const term of terms) {
    for (let at = q.indexOf(term.key); at >= 0; at = q.indexOf(term.key, at + 1)) spans.push({ term, start: at });
  }
  return spans;
}

/** A synonym found in the question: where, and what it stands for. */
export interface SynonymSpan {
  start: number;
  end: number;
  synonym: Synonym;
}

/**
 * Credits what one document explains of the question: its terms found in the question (full
 * credit over their span), each content word by its best field, inflected words by their stem,
 * and synonyms by their data words (below exact words, staff's above Sudachi's).
 */
export function explain(
  ev: Evidence,
  doc: Doc,
  q: string,
  words: readonly QueryWord[],
  synonymSpans: readonly SynonymSpan[],
  c: Credits,
): void {
  for (const { term, start } of termSpans(doc.terms, q)) cover(ev, start, start + term.key.length, 1, term.label, true);
  for (const w of words) {
    const exact = wordCredit(doc, w.norm, c, false);
    if (exact > 0) cover(ev, w.start, w.end, exact, w.norm, true);
    if (exact >= 1) continue;
    const loose = Math.max(doc.summary.includes(w.norm) ? wordCredit(doc, w.norm, c) : 0, stemCredit(doc, w, c));
    if (loose > exact) cover(ev, w.start, w.end, loose, w.norm);
  }
  for (const s of synonymSpans) {
    // Staff's synonyms and other spellings of a word are explanations; Sudachi's synonyms less so.
    const curated = s.synonym.source !== 'generated';
    const factor = curated ? c.staffSynonym : c.generatedSynonym;
    let best = 0;
    let via = '';
    for (const alt of s.synonym.alts) {
      const credit = wordCredit(doc, alt, c);
      if (credit > best) {
        best = credit;
        via = alt;
      }
    }
    if (best > 0) cover(ev, s.start, s.end, factor * best, `${s.synonym.label}→${via}`, curated);
  }
}

/** True when the evidence explains the word: a mean credit of at least EXPLAINED over its characters. */
export const explains = (ev: Evidence, w: { start: number; end: number }): boolean => wordShare(ev, w) >= EXPLAINED;

/** A word is explained from this mean credit on (a single kanji inside a compound, 0.2, is not). */
const EXPLAINED = 0.5;

/** The mean credit over the word's characters. */
export function wordShare(ev: Evidence, w: { start: number; end: number }): number {
  let s = 0;
  for (let p = w.start; p < w.end; p++) s += ev.credit[p]!;
  return w.end > w.start ? s / (w.end - w.start) : 0;
}
