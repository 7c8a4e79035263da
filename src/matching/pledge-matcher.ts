import type { Catalog } from '../pledges/catalog';
import type { CategoryId } from '../pledges/types';
import { MAX_RESULTS, type MatchResult, type Matcher, type RankedItem } from './matcher';
import { bigrams } from './normalize';
import { buildPledgeIndex, idf, type IndexedItem, type PledgeIndex, type Term } from './pledge-index';
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
 * - bigrams: the rarity-weighted share of the question's character pairs found in the item, a
 *   second signal for typos and odd segmentation.
 *
 * score = max(coverage, bigramWeight × bigram share) + 0.02 × bigram share (tie-break).
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

/** Credits what one searchable text (an item's or an area's) explains of the question. */
function explain(
  ev: Evidence,
  text: string,
  terms: Term[],
  q: string,
  words: QueryWord[],
  synonymSpans: { start: number; end: number; label: string; alts: string[] }[],
): void {
  for (const { term, start } of termSpans(terms, q)) cover(ev, start, start + term.key.length, 1, term.label);
  for (const w of words) if (text.includes(w.norm)) cover(ev, w.start, w.end, 1, w.norm);
  for (const s of synonymSpans) {
    const alt = s.alts.find((a) => text.includes(a));
    if (alt) cover(ev, s.start, s.end, 1, `${s.label}→${alt}`);
  }
}

function matchQuestion(index: PledgeIndex, t: MatchThresholds, question: string): MatchResult {
  const seg = segmentQuery(question, t.maxQuestionLength, index.knows);
  const q = seg.norm;
  const words = seg.words.filter((w) => w.role === 'content');
  const contentLength = words.reduce((n, w) => n + w.norm.length, 0);
  if (contentLength < t.minContentLength) {
    return { kind: 'none', category: null, items: [], generic: seg.words.some((w) => w.role === 'generic') };
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
    explain(ev, a.text, a.terms, q, words, synonymSpans);
    areaEvidence.set(id, ev);
  }
  const itemEvidence = index.items.map((it) => {
    const ev = newEvidence(q.length);
    explain(ev, it.text, it.terms, q, words, synonymSpans);
    return ev;
  });

  // Typos: a long word no item or area explains is looked up fuzzily (the longest few only).
  const explained = (w: QueryWord, ev: Evidence): boolean => ev.credit.subarray(w.start, w.end).some((c) => c > 0);
  const unknown = words
    .filter((w) => w.norm.length >= (/\p{Script=Han}/u.test(w.norm) ? t.fuzzyMinLength - 1 : t.fuzzyMinLength))
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
    // A lone kanji says little (家, 時).
    if (w.norm.length === 1) omega *= 0.5;
    for (let p = w.start; p < w.end; p++) weight[p] = omega / (w.end - w.start);
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

  // Bigrams of the content words, weighted by rarity.
  const grams = words.flatMap((w) => bigrams(w.norm));
  const gramWeights = grams.map((g) => index.gramIdf.get(g) ?? index.unseenGramIdf);
  const gramTotal = gramWeights.reduce((s, x) => s + x, 0);
  const gramShare = (it: IndexedItem): number => {
    const areaGrams = index.areas.get(it.item.category)!.grams;
    let s = 0;
    grams.forEach((g, i) => {
      if (it.grams.has(g) || areaGrams.has(g)) s += gramWeights[i]!;
    });
    return gramTotal > 0 ? s / gramTotal : 0;
  };

  const ranked: (RankedItem & { own: number })[] = index.items.map((it, i) => {
    const ev = itemEvidence[i]!;
    const area = areaEvidence.get(it.item.category)!;
    const b = gramShare(it);
    const score = Math.max(coverage(ev, area), t.bigramWeight * b) + 0.02 * b;
    return {
      item: it.item,
      score: round(score),
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
    };
  }
  const top = ranked[0]!;
  if (top.score >= t.answer) {
    const shown = ranked.filter((r) => r.score >= top.score * t.relatedRatio).slice(0, MAX_RESULTS);
    return { kind: 'items', category: top.item.category, items: shown.map(strip) };
  }
  // Candidates need a word of the question behind them, not only shared character pairs.
  if (top.score >= t.suggest && top.matched.length > 0) {
    return {
      kind: 'suggest',
      category: null,
      items: ranked
        .filter((r) => r.score >= t.suggest * 0.8)
        .slice(0, MAX_SUGGESTIONS)
        .map(strip),
    };
  }
  return { kind: 'none', category: null, items: [], generic: false };
}

/**
 * A word found in no item weighs a little more than the rarest word that is found: an unknown
 * subject (パスポート, インフルエンザ) is strong evidence that the report is not what is asked about.
 */
const UNSEEN_WORD_DF = 0.7;
/** At most this many unknown words per question are looked up fuzzily (bounds the cost). */
const MAX_FUZZY_WORDS = 2;
/** "もしかして" offers at most this many candidates. */
export const MAX_SUGGESTIONS = 3;

const round = (x: number): number => Math.round(x * 1000) / 1000;
