import type { Catalog } from '../pledges/catalog';
import type { CategoryId } from '../pledges/types';
import { MAX_RESULTS, type MatchResult, type Matcher, type RankedItem, type WeightedWord } from './matcher';
import { bigrams } from './normalize';
import { buildPledgeIndex, idf, type PledgeIndex, type Term } from './pledge-index';
import { segmentQuery, type QueryWord } from './segment';
import { DEFAULT_THRESHOLDS, type MatchThresholds } from './thresholds';

/**
 * The bot's matcher. A question is normalised and split into words (segment.ts); each item is
 * scored by how much of the question's content it explains:
 *
 * - coverage: every content word carries a weight (its rarity across items, so 医療費 outweighs
 *   支援; hiragana-only words half when the question also has kanji/katakana/Latin words). A word
 *   is explained by an item when the item's wording, title, keywords or kana reading contain it
 *   or one of its synonyms, or when a keyword of the item appears in the question over it; an
 *   unknown long word may be explained fuzzily (fuse.js, typos).
 * - bigrams: a word the item does not contain as such still earns bigramWeight × the
 *   rarity-weighted share of its character pairs found in the item (typos, odd segmentation).
 *
 * score = coverage + anchorBonus when a keyword or name of the item (≥ 3 characters) appears in
 * the question + 0.02 × the question's overall bigram share (a tie-break).
 * An area answers when its own words (label, title, keywords) explain the question at least as
 * well as any item's own words do. Thresholds decide answer / suggest / not found.
 */
export function createPledgeMatcher(catalog: Catalog, thresholds: MatchThresholds = DEFAULT_THRESHOLDS): Matcher {
  const index = buildPledgeIndex(catalog, thresholds.fuzzyMaxError);
  return { match: (question) => matchQuestion(index, thresholds, question) };
}

interface Evidence {
  /** Credit 0–1 per character of the normalised question. */
  credit: Float64Array;
  /** What explained it, for `npm run ask`. */
  why: Set<string>;
}

const newEvidence = (length: number): Evidence => ({ credit: new Float64Array(length), why: new Set() });

function cover(ev: Evidence, start: number, end: number, value: number, why: string): void {
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
 *   meaning something else;
 * - equal to a staff keyword: 1; only a part of one (名前 in 施設の名前): PARTIAL_CREDIT.
 */
function wordCredit(field: { text: string; wording: string }, word: string): number {
  let at = field.wording.indexOf(word);
  if (at >= 0) {
    if (!TWO_KANJI.test(word)) return 1;
    for (; at >= 0; at = field.wording.indexOf(word, at + 1)) {
      const w = field.wording;
      if (!KANJI.test(w[at - 1] ?? '') && !KANJI.test(w[at + word.length] ?? '')) return 1;
    }
    return PARTIAL_CREDIT;
  }
  if (field.text.includes(`|${word}|`)) return 1;
  return field.text.includes(word) ? PARTIAL_CREDIT : 0;
}

/** Credits what one searchable text (an item's or an area's) explains of the question. */
function explain(
  ev: Evidence,
  field: { text: string; wording: string },
  terms: Term[],
  q: string,
  words: QueryWord[],
  synonymSpans: { start: number; end: number; label: string; alts: string[] }[],
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

function matchQuestion(index: PledgeIndex, t: MatchThresholds, question: string): MatchResult {
  const seg = segmentQuery(question, t.maxQuestionLength, index.knows);
  const q = seg.norm;
  const words = seg.words.filter((w) => w.role === 'content');
  const contentLength = words.reduce((n, w) => n + w.norm.length, 0);
  if (contentLength < t.minContentLength) {
    return { kind: 'none', category: null, items: [], generic: seg.words.some((w) => w.role === 'generic'), words: [] };
  }

  const synonymSpans = [...index.synonyms].flatMap(([key, syn]) => {
    const spans = [];
    for (let at = q.indexOf(key); at >= 0; at = q.indexOf(key, at + 1))
      spans.push({ start: at, end: at + key.length, label: syn.label, alts: syn.alts });
    return spans;
  });

  // What each area and each item explains.
  const areaEvidence = new Map<CategoryId, Evidence>();
  for (const [id, a] of index.areas) {
    const ev = newEvidence(q.length);
    explain(ev, a, a.terms, q, words, synonymSpans);
    areaEvidence.set(id, ev);
  }
  const itemEvidence = index.items.map((it) => {
    const ev = newEvidence(q.length);
    explain(ev, it, it.terms, q, words, synonymSpans);
    return ev;
  });

  // Typos: a long word no item or area explains is looked up fuzzily (the longest few only).
  const explained = (w: QueryWord, ev: Evidence): boolean => ev.credit.subarray(w.start, w.end).some((c) => c > 0);
  const unknown = words
    .filter(
      (w) => !w.place && w.norm.length >= (/\p{Script=Han}/u.test(w.norm) ? t.fuzzyMinLength - 1 : t.fuzzyMinLength),
    )
    .filter(
      (w) => !itemEvidence.some((ev) => explained(w, ev)) && ![...areaEvidence.values()].some((ev) => explained(w, ev)),
    )
    .sort((a, b) => b.norm.length - a.norm.length)
    .slice(0, MAX_FUZZY_WORDS);
  for (const w of unknown) {
    for (const { i, score } of index.fuzzy(w.norm))
      cover(itemEvidence[i]!, w.start, w.end, t.fuzzyCredit * (1 - score), `~${w.norm}`);
  }

  // Word weights: rarity across items (df counts items explaining the word, with their area).
  const n = index.items.length;
  const hasNonKana = words.some((w) => w.script !== 'hira');
  const weight = new Float64Array(q.length);
  const weighted: WeightedWord[] = [];
  for (const w of words) {
    let df = 0;
    index.items.forEach((it, i) => {
      const area = areaEvidence.get(it.item.category)!;
      for (let p = w.start; p < w.end; p++) {
        if (itemEvidence[i]!.credit[p]! > 0 || area.credit[p]! > 0) {
          df++;
          return;
        }
      }
    });
    let omega = idf(n, df === 0 ? UNSEEN_WORD_DF : df);
    // Hiragana words inside a kanji/katakana question are mostly grammar; unknown ones even more so.
    if (w.script === 'hira' && hasNonKana) omega *= df === 0 ? 0.2 : 0.5;
    // Short or unknown kanji + kana words are inflected verbs and adjectives (出し, 届け, 抜け), seldom
    // the subject; longer known ones are nouns (子育て) and keep their weight.
    if (w.script === 'okurigana' && (df === 0 || w.norm.length <= 2)) omega *= 0.4;
    // Another town (川口市, さいたま市): the question is about somewhere else.
    if (w.place && df === 0) omega *= 2;
    // A lone kanji says little (家, 時).
    if (w.norm.length === 1) omega *= 0.5;
    for (let p = w.start; p < w.end; p++) weight[p] = omega / (w.end - w.start);
    weighted.push({ word: w.norm, weight: round(omega), known: df > 0 });
  }
  const total = weight.reduce((s, x) => s + x, 0);
  const coverage = (ev: Evidence, also?: Evidence): number => {
    let s = 0;
    for (let p = 0; p < q.length; p++) {
      const c = ev.credit[p]!;
      s += weight[p]! * (also && also.credit[p]! > c ? also.credit[p]! : c);
    }
    return total > 0 ? s / total : 0;
  };

  // Character pairs, weighted by rarity: partial credit for a word an item does not contain as such
  // (a typo, an odd split) when most of its pairs occur in the item. Not for place names.
  const gramWeight = (g: string): number => index.gramIdf.get(g) ?? index.unseenGramIdf;
  const wordGrams = words.map((w) => {
    const grams = w.place || w.norm.length < 3 ? [] : bigrams(w.norm);
    return { w, grams, total: grams.reduce((s, g) => s + gramWeight(g), 0) };
  });
  const allTotal = wordGrams.reduce((s, x) => s + x.total, 0);

  const ranked: (RankedItem & { own: number })[] = index.items.map((it, i) => {
    const ev = itemEvidence[i]!;
    const area = areaEvidence.get(it.item.category)!;
    const areaGrams = index.areas.get(it.item.category)!.grams;
    const has = (g: string): boolean => it.grams.has(g) || areaGrams.has(g);
    let shared = 0;
    for (const { w, grams, total } of wordGrams) {
      if (!total) continue;
      const found = grams.reduce((s, g) => s + (has(g) ? gramWeight(g) : 0), 0);
      shared += found;
      const share = found / total;
      if (share >= MIN_GRAM_SHARE) cover(ev, w.start, w.end, t.bigramWeight * share, `≈${w.norm}`);
    }
    const b = allTotal > 0 ? shared / allTotal : 0;
    const anchored = it.terms.some((term) => term.key.length >= ANCHOR_LENGTH && q.includes(term.key));
    return {
      item: it.item,
      score: round(coverage(ev, area) + 0.02 * b + (anchored ? t.anchorBonus : 0)),
      own: coverage(ev),
      matched: [...ev.why, ...[...area.why].map((x) => `[${x}]`)],
    };
  });
  ranked.sort((a, b) => b.score - a.score || b.own - a.own);

  const areas = [...areaEvidence].map(([id, ev]) => ({ id, score: coverage(ev), why: [...ev.why] }));
  areas.sort((a, b) => b.score - a.score);
  const bestArea = areas[0]!;
  const bestOwn = Math.max(...ranked.map((r) => r.own));
  const strip = ({ own: _own, ...r }: RankedItem & { own: number }): RankedItem => r;

  if (bestArea.score >= t.answer && bestArea.score >= bestOwn) {
    const inArea = ranked.filter((r) => r.item.category === bestArea.id);
    return {
      kind: 'area',
      category: bestArea.id,
      items: inArea.slice(0, MAX_RESULTS).map(strip),
      matchedArea: bestArea.why,
      words: weighted,
    };
  }
  const top = ranked[0]!;
  if (top.score >= t.answer) {
    const shown = ranked.filter((r) => r.score >= top.score * t.relatedRatio).slice(0, MAX_RESULTS);
    return { kind: 'items', category: top.item.category, items: shown.map(strip), words: weighted };
  }
  // Candidates need a word of the question behind them, not only shared character pairs.
  if (top.score >= t.suggest && top.matched.length > 0) {
    const candidates = ranked.filter((r) => r.score >= t.suggest * 0.8 && r.matched.length > 0);
    return { kind: 'suggest', category: null, items: candidates.slice(0, MAX_SUGGESTIONS).map(strip), words: weighted };
  }
  return { kind: 'none', category: null, items: [], generic: false, words: weighted };
}

/**
 * A word found in no item weighs a little more than the rarest word that is found: an unknown
 * subject (パスポート, インフルエンザ) is strong evidence that the report is not what is asked about.
 */
const UNSEEN_WORD_DF = 0.7;
/** Credit for a word found only inside a longer compound or keyword. */
const PARTIAL_CREDIT = 0.7;
/** Keywords this long (normalised) anchor an item when found in the question. */
const ANCHOR_LENGTH = 3;
/** A word earns bigram credit only when at least this share of its (rarity-weighted) pairs occur. */
const MIN_GRAM_SHARE = 0.5;
/** At most this many unknown words per question are looked up fuzzily (bounds the cost). */
const MAX_FUZZY_WORDS = 2;
/** "もしかして" offers at most this many candidates. */
export const MAX_SUGGESTIONS = 3;

const round = (x: number): number => Math.round(x * 1000) / 1000;
