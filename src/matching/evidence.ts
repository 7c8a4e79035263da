import type { Term } from './pledge-index';
import type { QueryWord } from './segment';

/**
 * What one item (or area) explains of a question: a credit from 0 to 1 per character of the
 * normalised question, and the words that gave it (for `npm run ask`).
 */
export interface Evidence {
  /** Credit 0–1 per character of the normalised question. */
  credit: Float64Array;
  /** What explained it, for `npm run ask`. */
  why: Set<string>;
}

export const newEvidence = (length: number): Evidence => ({ credit: new Float64Array(length), why: new Set() });

export function cover(ev: Evidence, start: number, end: number, value: number, why: string): void {
  let raised = false;
  for (let i = start; i < end; i++) {
    if (ev.credit[i]! < value) {
      ev.credit[i] = value;
      raised = true;
    }
  }
  if (raised) ev.why.add(why);
}

/** Finds each term wherever it occurs in the question. */
function termSpans(terms: Term[], q: string): { term: Term; start: number }[] {
  const spans: { term: Term; start: number }[] = [];
  for (const term of terms) {
    for (let at = q.indexOf(term.key); at >= 0; at = q.indexOf(term.key, at + 1)) spans.push({ term, start: at });
  }
  return spans;
}

const KANJI = /\p{Script=Han}/u;
const TWO_KANJI = /^\p{Script=Han}{2}$/u;

/**
 * How well a searchable text explains a question word:
 * - found in the official wording (or its reading): 1, except that a two-kanji word found only
 *   inside a longer kanji compound (保護 in 保護者) gets PARTIAL_CREDIT, such compounds usually
 *   meaning something else, and a single kanji inside one (日 in 休日) gets almost nothing;
 * - equal to a staff keyword: 1; only a part of one (名前 in 施設の名前): PARTIAL_CREDIT.
 */
function wordCredit(field: { text: string; wording: string }, word: string): number {
  let at = field.wording.indexOf(word);
  if (at >= 0) {
    const single = word.length === 1 && KANJI.test(word);
    if (!single && !TWO_KANJI.test(word)) return 1;
    for (; at >= 0; at = field.wording.indexOf(word, at + 1)) {
      const w = field.wording;
      if (!KANJI.test(w[at - 1] ?? '') && !KANJI.test(w[at + word.length] ?? '')) return 1;
    }
    // One kanji inside a compound (日 in 休日) says almost nothing about the question.
    return single ? SINGLE_KANJI_INSIDE_CREDIT : PARTIAL_CREDIT;
  }
  if (field.text.includes(`|${word}|`)) return 1;
  return field.text.includes(word) ? PARTIAL_CREDIT : 0;
}

export interface SynonymSpan {
  start: number;
  end: number;
  label: string;
  alts: string[];
}

/** Credits what one searchable text (an item's or an area's) explains of the question. */
export function explain(
  ev: Evidence,
  field: { text: string; wording: string },
  terms: Term[],
  q: string,
  words: QueryWord[],
  synonymSpans: SynonymSpan[],
): void {
  for (const { term, start } of termSpans(terms, q)) cover(ev, start, start + term.key.length, 1, term.label);
  for (const w of words) {
    const credit = wordCredit(field, w.norm);
    if (credit > 0) cover(ev, w.start, w.end, credit, w.norm);
  }
  for (const s of synonymSpans) {
    const alt = s.alts.find((a) => field.text.includes(a));
    if (alt) cover(ev, s.start, s.end, 1, `${s.label}→${alt}`);
  }
}

/** Weighted share of the question an evidence (or the better of two, per character) explains. */
export function coverage(weight: Float64Array, total: number, ev: Evidence, also?: Evidence): number {
  let s = 0;
  for (let p = 0; p < weight.length; p++) {
    const c = ev.credit[p]!;
    s += weight[p]! * (also && also.credit[p]! > c ? also.credit[p]! : c);
  }
  return total > 0 ? s / total : 0;
}

/** True when the evidence credits any character of the word. */
export const explains = (ev: Evidence, w: QueryWord): boolean => ev.credit.subarray(w.start, w.end).some((c) => c > 0);

/** Credit for a word found only inside a longer compound or keyword. */
const PARTIAL_CREDIT = 0.7;
/** Credit for a single kanji found only inside a longer compound. */
const SINGLE_KANJI_INSIDE_CREDIT = 0.2;
