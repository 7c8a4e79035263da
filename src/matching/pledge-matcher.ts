import type { Catalog } from '../pledges/catalog';
import type { CategoryId } from '../pledges/types';
import { confidence, verdict, type Candidate } from './decide';
import {
  cover,
  explain,
  explains,
  newEvidence,
  newEvidences,
  wordShare,
  type Evidence,
  type SynonymSpan,
} from './evidence';
import {
  explainEnglish,
  englishAnchored,
  englishCosine,
  findEnglishSynonyms,
  type EnglishSynonymSpan,
} from './english-explain';
import { englishHead, readEnglishMessage } from './english-reading';
import { focusParts } from './focus';
import { detectLanguage, type Lang } from './language';
import {
  BROAD_ASKING,
  DETAIL_QUESTION,
  ENGLISH_THANKS_SET,
  LOCATION,
  MENU_SET,
  OTHER_JURISDICTION_SET,
  THANKS_SET,
  TOPIC_MARKERS,
} from './lexicon';
import { MAX_RESULTS, MAX_SUGGESTIONS, type MatchResult, type Matcher, type RankedItem } from './matcher';
import { bigrams, normalizeText } from './normalize';
import {
  buildPledgeIndex,
  buildPledgeIndexAsync,
  gramCounts,
  phraseKeys,
  type Doc,
  type PledgeIndex,
} from './pledge-index';
import { romajiToKana } from './romaji';
import { isDetailQueryWord, segmentMessage, type QueryWord, type QuerySegments } from './segment';
import { DEFAULT_TUNABLES, type Decision, type Tunables } from './tunables';
import { weighWords, type Weights } from './word-weights';

/**
 * The bot's matcher: a message is read in named steps, each a small function below.
 *
 * 1. readMessage — menu words; the message's language (language.ts). Japanese (and romaji →
 *    kana): the asking sentences (focus.ts) and the context; words (segment.ts); a staff keyword
 *    found whole is always a word (がん). English: english-reading.ts, whose English words meet the
 *    `en` fields (english-index.ts, english-explain.ts) and romaji words the Japanese ones.
 * 2. classify — greetings only → smalltalk; pledge words only → menu; no content → not found.
 * 3. findSynonyms — staff's synonyms anywhere, Sudachi's on whole words.
 * 4. explainAll — what each item and area explains of the message (evidence.ts), then typo
 *    guesses for words nothing explains.
 * 5. weighWords — each word's rarity across items × its kind × focus (word-weights.ts).
 * 6. rank — items by evidence (a BM25-like sum of rare words explained), areas likewise.
 * 7. decide — confidence from coverage of the asking part, evidence, and what is left
 *    unexplained; guards for other towns and asked-for details (decide.ts). English messages
 *    have a model and thresholds of their own (Tunables.englishDecision).
 * 8. answer — the area, the items (with a second topic when the message has two), もしかして
 *    candidates, or not found.
 */
export function createPledgeMatcher(catalog: Catalog, tunables: Tunables = DEFAULT_TUNABLES): Matcher {
  return matcherOn(buildPledgeIndex(catalog, tunables.fuzzyMaxError, tunables.summaryLengthNorm), tunables);
}

/** The same, building the index in slices so the event loop keeps answering (hot reload). */
export async function createPledgeMatcherAsync(
  catalog: Catalog,
  tunables: Tunables = DEFAULT_TUNABLES,
): Promise<Matcher> {
  return matcherOn(await buildPledgeIndexAsync(catalog, tunables.fuzzyMaxError, tunables.summaryLengthNorm), tunables);
}

function matcherOn(index: PledgeIndex, tunables: Tunables): Matcher {
  return {
    match(question) {
      const a = analyse(index, tunables, question);
      return a.kind === 'early' ? a.result : answer(a, tunables);
    },
  };
}

/** Steps 1–6 without the decision: what `npm run calibrate` learns the decision from. */
export function createPledgeAnalyser(
  catalog: Catalog,
  tunables: Tunables = DEFAULT_TUNABLES,
): { analyse(question: string): Analysis } {
  const index = buildPledgeIndex(catalog, tunables.fuzzyMaxError, tunables.summaryLengthNorm);
  return { analyse: (question) => analyse(index, tunables, question) };
}

/** Everything the steps share about one message. */
interface Reading {
  /** The message's language (language.ts): it decides how the message is read and which decision model applies. */
  lang: Lang;
  seg: QuerySegments;
  /** The message asks broadly, as about a whole area (lexicon BROAD_ASKING). */
  broad: boolean;
  /** The asking part asks when, where, how much… (lexicon DETAIL_QUESTION). */
  asksDetail: boolean;
  /** Content words (and unknown place names) only. */
  words: QueryWord[];
}

const result = (kind: 'none' | 'menu', words: MatchResult['words'] = []): MatchResult => ({
  kind,
  category: null,
  items: [],
  words,
  confidence: 0,
  candidates: [],
});

function analyse(index: PledgeIndex, t: Tunables, question: string): Analysis {
  if (MENU_SET.has(normalizeText(question))) return { kind: 'early', result: result('menu') };
  const reading = readMessage(index, t, question);
  const early = classify(index, reading, t);
  if (early) return { kind: 'early', result: early };

  const q = reading.seg.norm;
  const synonyms = findSynonyms(index, reading);
  const { items, areas } = explainAll(index, t, q, reading.words, synonyms);
  const weights = weighWords(reading.words, q.length, index, items, areas, t.weights);
  return rank(index, t, reading, items, areas, weights);
}

/** The decision (model and thresholds) for a message of this language. */
export const decisionFor = (t: Tunables, lang: Lang): Decision => (lang === 'en' ? t.englishDecision : t.decision);

/**
 * Step 1: the message as words, with its asking part marked. A message in English is read by
 * english-reading.ts (English words, romaji, Japanese script); any other as Japanese.
 */
function readMessage(index: PledgeIndex, t: Tunables, question: string): Reading {
  if (detectLanguage(question) === 'en') {
    const e = readEnglishMessage(question, t.maxQuestionLength, index.knowsWord);
    protectKeywords(index, e.seg);
    return {
      lang: 'en',
      seg: e.seg,
      words: e.seg.words.filter((w) => w.role === 'content'),
      broad: e.broad,
      asksDetail: e.asksDetail,
    };
  }
  const text = romajiToKana(question, (w) => index.knows(w));
  const parts = focusParts(text, t.maxQuestionLength);
  const seg = segmentMessage(parts, index.knowsWord);
  protectKeywords(index, seg);
  return {
    lang: 'ja',
    seg,
    words: seg.words.filter((w) => w.role === 'content'),
    broad: BROAD_ASKING.test(text.normalize('NFKC')),
    asksDetail: parts.some((p) => p.focus && DETAIL_QUESTION.test(p.text)),
  };
}

/**
 * A staff keyword must always be findable by itself: a keyword the segmenter cuts into
 * particles or frames (がん → が|ん) becomes one content word again where it stands on word
 * boundaries in the question (never inside がんばって).
 */
function protectKeywords(index: PledgeIndex, seg: QuerySegments): void {
  const starts = new Map(seg.words.map((w, i) => [w.start, i]));
  const ends = new Map(seg.words.map((w, i) => [w.end, i]));
  for (const d of allDocs(index)) {
    for (const key of d.fragile) {
      for (let at = seg.norm.indexOf(key); at >= 0; at = seg.norm.indexOf(key, at + 1)) {
        const a = starts.get(at);
        const b = ends.get(at + key.length);
        if (a === undefined || b === undefined) continue;
        const span = seg.words.slice(a, b + 1);
        if (span.some((w) => w.role === 'content')) continue;
        seg.words.splice(a, b - a + 1, { ...span[0]!, norm: key, end: at + key.length, role: 'content' });
        return protectKeywords(index, seg);
      }
    }
  }
}

const allDocs = (index: PledgeIndex): Doc[] => [...index.items, ...index.areas.values()];

/** Step 2: messages answered without matching. */
function classify(index: PledgeIndex, r: Reading, t: Tunables): MatchResult | null {
  const roles = new Set(r.seg.words.map((w) => w.role));
  const contentLength = r.words.reduce((n, w) => n + w.norm.length, 0);
  if (contentLength >= t.minContentLength) return null;
  // One character is enough when the data knows it as a word (癌 through its synonym がん).
  if (
    r.words.some(
      (w) => index.knowsWord(w.norm) || index.generatedSynonyms.has(w.norm) || index.staffSynonyms.has(w.norm),
    )
  )
    return null;
  if (roles.has('smalltalk') && !roles.has('generic')) {
    const thanks = r.seg.words.some(
      (w) => THANKS_SET.has(w.norm) || (w.en !== undefined && ENGLISH_THANKS_SET.has(w.en.lemma)),
    );
    return { kind: 'smalltalk', category: null, items: [], thanks, words: [], confidence: 0, candidates: [] };
  }
  if (roles.has('generic')) return result('menu');
  return result('none');
}

/**
 * Step 3: synonyms in the message. Staff's match anywhere (病院代); Sudachi's whole words only (an
 * English word by its dictionary form: Sudachi knows cancer → がん); WordNet's on English words
 * (kid → child, english-explain.ts).
 */
function findSynonyms(index: PledgeIndex, r: Reading): Synonyms {
  const q = r.seg.norm;
  const spans: SynonymSpan[] = [];
  for (const [key, synonym] of index.staffSynonyms)
    for (let at = q.indexOf(key); at >= 0; at = q.indexOf(key, at + 1))
      spans.push({ start: at, end: at + key.length, synonym });
  const english: EnglishSynonymSpan[] = r.lang === 'en' ? findEnglishSynonyms(index, r.words) : [];
  for (const w of r.words) {
    if (w.en && !w.en.romaji) {
      // Staff's English words (juminhyo → 住民票, window → counter), then Sudachi's (cancer → がん).
      const staff = index.staffSynonyms.get(w.en.text) ?? index.staffSynonyms.get(w.en.lemma);
      if (staff) {
        spans.push({ start: w.start, end: w.end, synonym: staff });
        const alts = staff.written.filter((a) => /^[a-z0-9 '-]+$/iu.test(a)).map(phraseKeys);
        if (alts.length)
          english.push({ start: w.start, end: w.end, synonym: { label: staff.label, alts }, staff: true });
        continue;
      }
    }
    const synonym =
      w.en && !w.en.romaji
        ? (index.generatedSynonyms.get(w.en.lemma) ?? index.generatedSynonyms.get(w.en.text))
        : index.generatedSynonyms.get(w.norm);
    if (synonym) spans.push({ start: w.start, end: w.end, synonym });
  }
  return { spans, english };
}

/** The synonyms found in a message: Japanese (staff's and Sudachi's) and English (WordNet's). */
interface Synonyms {
  spans: SynonymSpan[];
  english: EnglishSynonymSpan[];
}

/** Step 4: the evidence of every item and area, then typo guesses for what nothing explains. */
function explainAll(
  index: PledgeIndex,
  t: Tunables,
  q: string,
  allWords: QueryWord[],
  synonyms: Synonyms,
): { items: Evidence[]; areas: Map<CategoryId, Evidence> } {
  // Japanese words (and romaji, as kana) meet the Japanese fields; English words the English ones.
  const words = allWords.filter((w) => !w.en || w.en.romaji);
  const english = allWords.filter((w) => w.en);
  const pool = newEvidences(index.items.length + index.areas.size, q.length);
  const areas = new Map<CategoryId, Evidence>();
  const explainDoc = (ev: Evidence, d: Doc): void => {
    explain(ev, d, q, words, synonyms.spans, t.credits);
    if (english.length) explainEnglish(ev, d, english, synonyms.english, t.credits);
  };
  [...index.areas].forEach(([id, a], k) => {
    const ev = pool[index.items.length + k]!;
    explainDoc(ev, a);
    areas.set(id, ev);
  });
  const items = index.items.map((it, i) => {
    const ev = pool[i]!;
    explainDoc(ev, it);
    return ev;
  });
  const all = [...items, ...areas.values()];
  const guessable = (w: QueryWord): boolean =>
    (!w.en || w.en.romaji) && !w.place && !isDetailQueryWord(w) && !all.some((ev) => explains(ev, w));
  // A long word nothing explains is looked up fuzzily (the longest few only).
  const unknown = words
    .filter((w) => w.norm.length >= (/\p{Script=Han}/u.test(w.norm) ? t.fuzzyMinLength - 1 : t.fuzzyMinLength))
    .filter(guessable)
    .sort((a, b) => b.norm.length - a.norm.length)
    .slice(0, MAX_FUZZY_WORDS);
  for (const w of unknown)
    for (const { i, score } of index.fuzzy(w.norm))
      cover(items[i]!, w.start, w.end, t.credits.fuzzy * (1 - score), `~${w.norm}`);
  // A kanji word with one wrong character (a wrong conversion: 医僚費, 設種).
  for (const w of words) {
    if (!guessable(w)) continue;
    for (const { i, score } of index.oneKanjiOff(w.norm))
      cover(items[i]!, w.start, w.end, t.credits.fuzzy * (1 - score), `~${w.norm}`);
  }
  // Character pairs, weighted by rarity: partial credit for a word an item does not contain as
  // such (a typo, an odd split) when most of its pairs occur in the item. Not for place names.
  const gramWeight = (g: string): number => index.gramIdf.get(g) ?? index.unseenGramIdf;
  for (const w of words) {
    if (w.place || w.norm.length < 3 || !guessable(w)) continue;
    const grams = bigrams(w.norm);
    const total = grams.reduce((s, g) => s + gramWeight(g), 0);
    index.items.forEach((it, i) => {
      const found = grams.reduce((s, g) => s + (it.grams.has(g) ? gramWeight(g) : 0), 0);
      const share = found / total;
      if (share >= MIN_GRAM_SHARE) cover(items[i]!, w.start, w.end, t.credits.bigram * share, `≈${w.norm}`);
    });
  }
  return { items, areas };
}

/** At most this many unknown words per question are looked up fuzzily (bounds the cost). */
const MAX_FUZZY_WORDS = 2;
/** A word earns bigram credit only when at least this share of its (rarity-weighted) pairs occur. */
const MIN_GRAM_SHARE = 0.5;

/** An item with its score and evidence. */
export interface Scored {
  item: RankedItem;
  /** Evidence-weighted score (ranking). */
  score: number;
  ev: Evidence;
  area: Evidence;
}

/** What the matcher found for a message, before deciding how to answer (for calibration). */
export type Analysis =
  | { kind: 'early'; result: MatchResult }
  | {
      kind: 'ranked';
      /** The message's language: which decision model applies (decisionFor). */
      lang: Lang;
      /** Items, best first. */
      scored: Scored[];
      /** The area whose own words explain the message best. */
      bestArea: { id: CategoryId; ev: Evidence; score: number };
      /** The best item and the best area as candidates for an answer. */
      item: Candidate;
      area: Candidate;
      /** The area card may answer (see rank). */
      areaCompetes: boolean;
      /** The message's content words. */
      words: QueryWord[];
      weights: Weights;
    };

/** Step 6: items and areas ranked, and the best of each described for the decision. */
function rank(
  index: PledgeIndex,
  t: Tunables,
  r: Reading,
  itemEv: Evidence[],
  areaEv: Map<CategoryId, Evidence>,
  w: Weights,
): Analysis {
  const q = r.seg.norm;
  const words = r.words;
  // Words that are an area's own name (防災, 子育て, 健康): the question's explicit topic.
  const areaNamed = words.flatMap((word) => {
    const id = index.areaNames.get(word.norm);
    return id ? [{ id, word }] : [];
  });
  // The message as a vector of character pairs (context words half), for the cosine.
  const jaWords = words.filter((word) => !word.en || word.en.romaji);
  const qCounts = gramCounts(
    jaWords.map((word) => word.norm),
    (i) => (jaWords[i]!.focus ? 1 : 0.5),
  );
  let qNorm = 0;
  const qVec = new Map<string, number>();
  for (const [g, c] of qCounts) {
    const x = c * index.vectorIdf(g);
    qVec.set(g, x);
    qNorm += x * x;
  }
  qNorm = Math.sqrt(qNorm) || 1;
  const jaCosine = (d: Doc): number => {
    let dot = 0;
    for (const [g, x] of qVec) dot += x * (d.vector.get(g) ?? 0);
    return dot / qNorm;
  };
  // A message with English words: the English vector's cosine too, each side by its share of words.
  const enWords = words.filter((word) => word.en && !word.en.romaji);
  const enShare = enWords.length / Math.max(1, words.length);
  const enCosine = enWords.length ? englishCosine(index, enWords) : undefined;
  const cosine = (d: Doc): number =>
    enCosine ? (enShare < 1 ? (1 - enShare) * jaCosine(d) : 0) + enShare * enCosine(d) : jaCosine(d);
  const anchoredItems = new Set<number>();
  const scored: Scored[] = index.items.map((it, i) => {
    const ev = itemEv[i]!;
    const area = areaEv.get(it.item.category)!;
    const anchored =
      it.terms.some((term) => term.key.length >= t.anchorLength && q.includes(term.key)) ||
      (r.lang === 'en' && englishAnchored(it, words));
    if (anchored) anchoredItems.add(i);
    const offTopic = areaNamed.some(({ id, word }) => id !== it.item.category && !explains(ev, word));
    // Evidence, a little more when the item's whole text resembles the message (cosine).
    const raw = w.evidence(ev, area) * (1 + t.cosineRank * cosine(it)) + (anchored ? t.anchorBonus : 0);
    const score = offTopic ? raw * t.offTopicFactor : raw;
    return {
      item: { item: it.item, score: round(score), matched: [...ev.why, ...[...area.why].map((x) => `[${x}]`)] },
      score,
      ev,
      area,
    };
  });
  const anchoredIds = new Set([...anchoredItems].map((i) => index.items[i]!.item.id));
  scored.sort((a, b) => b.score - a.score);

  const areaScores = [...areaEv].map(([id, ev]) => ({ id, ev, score: w.evidence(ev) }));
  areaScores.sort((a, b) => b.score - a.score);
  const bestArea = areaScores[0]!;

  const top = scored[0]!;
  const otherThan = (second?: Scored): Scored | undefined =>
    scored.find(
      (s) =>
        s !== second &&
        (s.item.item.category !== top.item.item.category || s.item.item.bullet !== top.item.item.bullet),
    );
  // Guards: another town or jurisdiction nothing explains; a detail the answer does not give.
  const unexplainedBy = (ev: Evidence, also?: Evidence) => (word: QueryWord) =>
    !explains(ev, word) && !(also && explains(also, word));
  const nobody = (word: QueryWord): boolean => ![...itemEv, ...areaEv.values()].some((ev) => explains(ev, word));
  const details = words.filter(isDetailQueryWord);
  const focusWords = words.filter((word) => word.focus).length;
  const topDoc = index.items.find((it) => it.item.id === top.item.item.id)!;
  const head = r.lang === 'en' ? englishHead(r.seg) : headWord(r.seg);
  // Another town nothing in the report mentions (北本市, 大宮駅), or a jurisdiction the candidate
  // itself does not mention owning what is asked about (国の児童手当; not 国の方針に沿った計画):
  // the report answers for Ageo only.
  const owners = jurisdictionOwners(r.seg, head);
  const otherPlace = (ev: Evidence, also?: Evidence): boolean =>
    words.some((word) => (word.place && nobody(word)) || (owners.includes(word) && unexplainedBy(ev, also)(word)));
  const headCredit = (ev: Evidence, also?: Evidence): number =>
    head ? Math.max(wordShare(ev, head), also ? wordShare(also, head) : 0) : 1;
  // The head explained by the wording, keywords or readings (not only a summary or a guess).
  const headExact = (ev: Evidence, also?: Evidence): number =>
    head
      ? Math.max(
          ...ev.exact.subarray(head.start, head.end),
          ...(also ? also.exact.subarray(head.start, head.end) : [0]),
        )
      : 1;
  // How many of the message's words the candidate explains (context words count half): several
  // independent words (駅前, 夏, 霧, 涼しく) are better evidence than one name.
  const explainedCount = (ev: Evidence, also?: Evidence): number =>
    words.reduce(
      (n, word) => n + (explains(ev, word) || (also && explains(also, word)) ? (word.focus ? 1 : 0.5) : 0),
      0,
    );
  // Only a place of the item explained (丸山公園, 自由通路), and something else asked: the message
  // is about the place, not about the item.
  // Words written together (自由|通路, 丸山|公園) are tested as one compound.
  const compounds = nounCompounds(words.filter((word) => word.focus && !isDetailQueryWord(word)));
  const locationOnly = (ev: Evidence, also?: Evidence): boolean => {
    const isExplained = (word: QueryWord): boolean =>
      explains(ev, word) || (also !== undefined && explains(also, word));
    const explained = compounds.filter((c) => c.every(isExplained));
    const asked =
      words.some((word) => word.focus && isDetailQueryWord(word)) || compounds.some((c) => !c.every(isExplained));
    return explained.length > 0 && asked && explained.every((c) => LOCATION.test(c.map((word) => word.norm).join('')));
  };

  // A message with two topics is answered by the pair: the decision weighs what both explain.
  const second = secondTopic(scored, top, w, decisionFor(t, r.lang), words);
  const ev = second ? mergeEvidence(top.ev, second.ev) : top.ev;
  const runnerUp = otherThan(second);
  const item: Candidate = {
    coverage: w.demandCoverage(ev, top.area),
    coverageAll: w.evidenceCoverage(ev, top.area),
    evidence: top.score,
    exact: w.exactShare(ev, top.area),
    unknown: w.unknownShare,
    margin: top.score > 0 && runnerUp ? (top.score - runnerUp.score) / top.score : 1,
    gap: w.gap(ev, top.area),
    head: headCredit(ev, top.area),
    locationOnly: locationOnly(ev, top.area),
    explained: explainedCount(ev, top.area),
    cosine: cosine(topDoc),
    anchor: anchoredIds.has(top.item.item.id),
    focusWords,
    isArea: false,
    broad: r.broad,
    asksDetail: r.asksDetail,
    leavesDetail: details.some(unexplainedBy(ev, top.area)),
    headExact: headExact(ev, top.area),
    otherPlace: otherPlace(ev, top.area),
  };
  const secondArea = areaScores[1];
  const area: Candidate = {
    coverage: w.demandCoverage(bestArea.ev),
    coverageAll: w.evidenceCoverage(bestArea.ev),
    evidence: bestArea.score,
    exact: w.exactShare(bestArea.ev),
    unknown: w.unknownShare,
    margin: bestArea.score > 0 && secondArea ? (bestArea.score - secondArea.score) / bestArea.score : 1,
    gap: w.gap(bestArea.ev),
    head: headCredit(bestArea.ev),
    locationOnly: locationOnly(bestArea.ev),
    explained: explainedCount(bestArea.ev),
    cosine: cosine(index.areas.get(bestArea.id)!),
    anchor: false,
    focusWords,
    isArea: true,
    broad: r.broad,
    asksDetail: r.asksDetail,
    leavesDetail: details.some(unexplainedBy(bestArea.ev)),
    headExact: headExact(bestArea.ev),
    otherPlace: otherPlace(bestArea.ev),
  };
  // The area card competes when its own words explain the message at least as well as the best
  // item's own words do, or when the message asks broadly about the best item's area.
  const areaCompetes = bestArea.score >= w.evidence(top.ev) || (r.broad && top.item.item.category === bestArea.id);
  return { kind: 'ranked', lang: r.lang, scored, bestArea, item, area, areaCompetes, words, weights: w };
}

/**
 * The head of the asking part: what the message asks about. Japanese marks the topic with
 * って / は / について and puts the head of a noun phrase last, so the head is the last noun before
 * the first topic marker of the asking part (丸山公園の駐車場って… → 駐車場; 職員採用試験って → 試験),
 * else its last noun. An asked-for detail as head (駐車場) says what is asked about the noun
 * before it, which then counts as the head too (see locationOnly).
 */
function headWord(seg: QuerySegments): QueryWord | undefined {
  // Japanese words only: an English message's head is not found by Japanese word order.
  const focus = seg.words.filter((w) => w.focus && (!w.en || w.en.romaji));
  const marker = focus.findIndex((w) => w.role === 'stop' && TOPIC_MARKERS.has(w.norm));
  const before = (marker >= 0 ? focus.slice(0, marker) : focus).filter(isNoun);
  return before[before.length - 1] ?? focus.filter(isNoun).pop();
}

const isNoun = (w: QueryWord): boolean =>
  w.role === 'content' && (w.script === 'kanji' || w.script === 'kata' || w.script === 'latin' || w.script === 'other');

/** The better of two evidences, character by character. */
function mergeEvidence(a: Evidence, b: Evidence): Evidence {
  const m = newEvidence(a.credit.length);
  for (let p = 0; p < m.credit.length; p++) {
    m.credit[p] = Math.max(a.credit[p]!, b.credit[p]!);
    m.exact[p] = Math.max(a.exact[p]!, b.exact[p]!);
  }
  for (const why of [...a.why, ...b.why]) m.why.add(why);
  return m;
}

/**
 * Jurisdictions (国, 県, 政府) and towns (伊奈町, 桶川市) that own the head of the question:
 * 国の児童手当, 伊奈町のコミュニティバス — the owner, の, then only nouns (and の) up to the head.
 * Not 国の方針に沿った計画, where 国 only qualifies the city's plan, nor 伊奈町と一緒にやる施設.
 */
function jurisdictionOwners(seg: QuerySegments, head: QueryWord | undefined): QueryWord[] {
  if (!head) return [];
  const ws = seg.words;
  const h = ws.indexOf(head);
  const out: QueryWord[] = [];
  ws.forEach((w, i) => {
    const owner = OTHER_JURISDICTION_SET.has(w.norm) || (w.place && TOWN.test(w.norm) && w.role === 'content');
    if (!owner || i >= h || ws[i + 1]?.norm !== 'の') return;
    const between = ws.slice(i + 2, h);
    if (between.every((x) => x.norm === 'の' || x.role === 'content')) out.push(w);
  });
  return out;
}

/** A town's name (伊奈町, 桶川市), not a station. */
const TOWN = /[市町村区県]$/u;

/**
 * Kanji and katakana words with nothing between them (自由|通路, 丸山|公園, 西貝塚環境|センター: ICU
 * cuts compounds) are one compound; every other word is its own.
 */
function nounCompounds(words: QueryWord[]): QueryWord[][] {
  const out: QueryWord[][] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    const part = (x: QueryWord): boolean => x.script === 'kanji' || x.script === 'kata';
    if (prev && prev.end === w.start && !w.afterBreak && part(prev) && part(w)) last!.push(w);
    else out.push([w]);
  }
  return out;
}

/** Steps 7–8: how sure, and the answer. */
function answer(a: Extract<Analysis, { kind: 'ranked' }>, t: Tunables): MatchResult {
  const { scored, bestArea, weights: w } = a;
  const decision = decisionFor(t, a.lang);
  const top = scored[0]!;
  const strip = (s: Scored): RankedItem => s.item;
  const common = { words: w.weighted, candidates: scored.slice(0, MAX_CANDIDATES).map(strip) };

  const areaConfidence = confidence(a.area, decision);
  if (a.areaCompetes && verdict(a.area, areaConfidence, decision) === 'answer') {
    const inArea = scored.filter((s) => s.item.item.category === bestArea.id);
    return {
      kind: 'area',
      category: bestArea.id,
      items: inArea.slice(0, MAX_RESULTS).map(strip),
      matchedArea: [...bestArea.ev.why],
      ...common,
      confidence: round(areaConfidence),
    };
  }
  const itemConfidence = confidence(a.item, decision);
  const v = verdict(a.item, itemConfidence, decision);
  if (v === 'answer') {
    return {
      kind: 'items',
      category: top.item.item.category,
      items: itemsAnswer(a, t).map(strip),
      ...common,
      confidence: round(itemConfidence),
    };
  }
  const candidates = suggestionsFor(a);
  if (v === 'suggest' && candidates.length) {
    return {
      kind: 'suggest',
      category: null,
      items: candidates.slice(0, MAX_SUGGESTIONS).map(strip),
      ...common,
      confidence: round(itemConfidence),
    };
  }
  return { ...result('none'), ...common, confidence: round(itemConfidence) };
}

/**
 * The items of an items answer: the best, a second topic when the message has two, and the
 * items scoring nearly as well.
 */
export function itemsAnswer(a: Extract<Analysis, { kind: 'ranked' }>, t: Tunables): Scored[] {
  const top = a.scored[0]!;
  const shown = a.scored.filter((s) => s.score >= top.score * decisionFor(t, a.lang).relatedRatio);
  const second = secondTopic(a.scored, top, a.weights, decisionFor(t, a.lang), a.words);
  const list = second && !shown.includes(second) ? [shown[0]!, second, ...shown.slice(1)] : shown;
  return list.slice(0, MAX_RESULTS);
}

/**
 * もしかして candidates: items scoring near the best that explain a word of the message by its
 * wording or keywords, or several words by their summary (not one everyday word of a summary:
 * 名前 is not a reason to offer the naming-rights item).
 */
export function suggestionsFor(a: Extract<Analysis, { kind: 'ranked' }>): Scored[] {
  const top = a.scored[0]!;
  const words = a.words;
  const backed = (s: Scored): boolean =>
    words.some((w) => Math.max(...s.ev.exact.subarray(w.start, w.end)) >= SUGGEST_MIN_CREDIT) ||
    words.filter((w) => explains(s.ev, w)).length >= 2 ||
    words.some((w) => w.norm.length >= SUGGEST_LONG_WORD && explains(s.ev, w));
  return a.scored.filter((s) => s.score >= top.score * SUGGEST_RATIO && backed(s));
}

/** A もしかして candidate explains some word at least this well by its wording or keywords… */
const SUGGEST_MIN_CREDIT = 0.75;
/** …or a word this long in any way (a typo of a name: ネウポラ, ハザードマツプ). */
const SUGGEST_LONG_WORD = 4;

/** Items kept as candidates for explanations. */
const MAX_CANDIDATES = 5;
/** Candidates for もしかして score at least this share of the best. */
const SUGGEST_RATIO = 0.6;

/**
 * A message with two topics (「防災士の講座と、家具の転倒防止器具の補助」): the best item for
 * what the first left unexplained, when it explains enough of it.
 */
function secondTopic(
  scored: Scored[],
  top: Scored,
  w: Weights,
  d: Decision,
  words: readonly QueryWord[],
): Scored | undefined {
  const left = w.leftBy(top.ev, top.area);
  if (left.total <= 0) return undefined;
  // The second topic names something: it explains a noun the first leaves out by its wording.
  // (Not a place: 伊奈町 in 伊奈町のコミュニティバス says where, not what.)
  const nouns = words.filter(
    (word) => isNoun(word) && !word.place && !explains(top.ev, word) && !explains(top.area, word),
  );
  let best: Scored | undefined;
  let bestShare = 0;
  for (const s of scored.slice(1, 20)) {
    if (s.item.item.id === top.item.item.id) continue;
    if (!nouns.some((word) => Math.max(...s.ev.exact.subarray(word.start, word.end)) >= SECOND_TOPIC_CREDIT)) continue;
    const share = left.explainedBy(s.ev) / left.total;
    if (share > bestShare) {
      bestShare = share;
      best = s;
    }
  }
  return bestShare >= d.secondTopic ? best : undefined;
}

/** A second topic explains one of the nouns the first leaves out at least this well, by its wording. */
const SECOND_TOPIC_CREDIT = 0.75;

const round = (x: number): number => Math.round(x * 1000) / 1000;
