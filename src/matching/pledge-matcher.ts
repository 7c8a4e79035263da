import type { Catalog } from '../pledges/catalog';
import type { CategoryId } from '../pledges/types';
import { MAX_RESULTS, type MatchResult, type Matcher, type RankedItem } from './matcher';
import { bigrams } from './normalize';
import { coverage, explain, explains, cover, newEvidence, type Evidence, type SynonymSpan } from './evidence';
import { buildPledgeIndex, type PledgeIndex } from './pledge-index';
import { segmentQuery, type QueryWord } from './segment';
import { DETAIL_SET } from './stopwords';
import { weighWords } from './word-weights';
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

function matchQuestion(index: PledgeIndex, t: MatchThresholds, question: string): MatchResult {
  const seg = segmentQuery(question, t.maxQuestionLength, index.knows);
  const q = seg.norm;
  const words = seg.words.filter((w) => w.role === 'content');
  const contentLength = words.reduce((n, w) => n + w.norm.length, 0);
  if (contentLength < t.minContentLength) {
    return { kind: 'none', category: null, items: [], generic: seg.words.some((w) => w.role === 'generic'), words: [] };
  }

  const synonymSpans = [...index.synonyms].flatMap(([key, syn]) => {
    const spans: SynonymSpan[] = [];
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

  const allEvidence = [...itemEvidence, ...areaEvidence.values()];
  const nobodyExplains = (w: QueryWord): boolean => !allEvidence.some((ev) => explains(ev, w));
  /** A word typo guesses may explain: unexplained, and neither a town nor an asked-for detail. */
  const guessable = (w: QueryWord): boolean => !w.place && !DETAIL_SET.has(w.norm) && nobodyExplains(w);
  // Another town's name the report does not mention (さいたま市, 川越市; 伊奈町 it does): the
  // report is about Ageo only, so it never answers for that town, at most offers "もしかして".
  // Decided here, on exact evidence, before typo guesses are added.
  const otherTown = words.some((w) => w.place && nobodyExplains(w));
  // A deadline, a phone number, opening hours… (see DETAIL_SET): only an answer that mentions it
  // may be given; the report hardly ever does.
  const details = words.filter((w) => DETAIL_SET.has(w.norm));
  // Typos: a long word no item or area explains is looked up fuzzily (the longest few only).
  const unknown = words
    .filter((w) => w.norm.length >= (/\p{Script=Han}/u.test(w.norm) ? t.fuzzyMinLength - 1 : t.fuzzyMinLength))
    .filter(guessable)
    .sort((a, b) => b.norm.length - a.norm.length)
    .slice(0, MAX_FUZZY_WORDS);
  for (const w of unknown) {
    for (const { i, score } of index.fuzzy(w.norm))
      cover(itemEvidence[i]!, w.start, w.end, t.fuzzyCredit * (1 - score), `~${w.norm}`);
  }
  // A kanji word with one wrong character (a wrong conversion: 医僚費, 設種), when nothing else
  // explains it. Never for a detail word (期限 is not a typo of 期間).
  for (const w of words) {
    if (!guessable(w)) continue;
    for (const { i, score } of index.oneKanjiOff(w.norm))
      cover(itemEvidence[i]!, w.start, w.end, t.fuzzyCredit * (1 - score), `~${w.norm}`);
  }

  const { weight, weighted } = weighWords(words, q.length, index, itemEvidence, areaEvidence);
  const total = weight.reduce((s, x) => s + x, 0);
  const cov = (ev: Evidence, also?: Evidence): number => coverage(weight, total, ev, also);

  // Character pairs, weighted by rarity: partial credit for a word an item does not contain as such
  // (a typo, an odd split) when most of its pairs occur in the item. Not for place names.
  const gramWeight = (g: string): number => index.gramIdf.get(g) ?? index.unseenGramIdf;
  const wordGrams = words.map((w) => {
    const grams = w.place || w.norm.length < 3 ? [] : bigrams(w.norm);
    return { w, grams, total: grams.reduce((s, g) => s + gramWeight(g), 0) };
  });
  const allTotal = wordGrams.reduce((s, x) => s + x.total, 0);

  // Words that are an area's own name (防災, 子育て, 健康): the question's explicit topic.
  const areaNamed = words.flatMap((w) => {
    const id = index.areaNames.get(w.norm);
    return id ? [{ id, w }] : [];
  });
  const ranked: Ranked[] = index.items.map((it, i) => {
    const ev = itemEvidence[i]!;
    const area = areaEvidence.get(it.item.category)!;
    const leavesDetail = details.some((w) => !explains(ev, w) && !explains(area, w));
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
    // The question names another area (防災の情報 is not the vaccine-information item).
    const offTopic = areaNamed.some(({ id, w }) => id !== it.item.category && !explains(ev, w));
    const raw = cov(ev, area) + 0.02 * b + (anchored ? t.anchorBonus : 0);
    return {
      item: it.item,
      score: round(offTopic ? raw * OFF_TOPIC_FACTOR : raw),
      own: cov(ev),
      leavesDetail,
      matched: [...ev.why, ...[...area.why].map((x) => `[${x}]`)],
    };
  });
  ranked.sort((a, b) => b.score - a.score || b.own - a.own);

  const areas = [...areaEvidence].map(([id, ev]) => ({ id, score: cov(ev), why: [...ev.why] }));
  areas.sort((a, b) => b.score - a.score);
  const bestArea = areas[0]!;
  const bestOwn = Math.max(...ranked.map((r) => r.own));
  const strip = ({ own: _own, leavesDetail: _d, ...r }: Ranked): RankedItem => r;

  // No answer for another town, nor one that leaves an asked-for detail unexplained.
  const areaLeavesDetail = details.some((w) => !explains(areaEvidence.get(bestArea.id)!, w));
  if (!otherTown && !areaLeavesDetail && bestArea.score >= t.answer && bestArea.score >= bestOwn) {
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
  if (!otherTown && !top.leavesDetail && top.score >= t.answer) {
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

type Ranked = RankedItem & { own: number; leavesDetail: boolean };

/** An item outside an area the question names, and not explaining that name, keeps this share. */
const OFF_TOPIC_FACTOR = 0.6;
/** Keywords this long (normalised) anchor an item when found in the question. */
const ANCHOR_LENGTH = 3;
/** A word earns bigram credit only when at least this share of its (rarity-weighted) pairs occur. */
const MIN_GRAM_SHARE = 0.5;
/** At most this many unknown words per question are looked up fuzzily (bounds the cost). */
const MAX_FUZZY_WORDS = 2;
/** "もしかして" offers at most this many candidates. */
export const MAX_SUGGESTIONS = 3;

const round = (x: number): number => Math.round(x * 1000) / 1000;
