import type { DecisionModel } from './decide';

/**
 * Every number that decides how the matcher reads and answers, in one file, so that they can be
 * reviewed, tested and tuned in one place. `npm run bench:match` shows their effect on the
 * question sets; `npm run calibrate` chooses the decision's weights and thresholds on them with
 * cross-validation (see README, "calibration").
 */

/** How much one field or route of evidence credits a question word (0–1). */
export interface Credits {
  /** A two-kanji word found only inside a longer kanji compound (保護 in 保護者). */
  compound: number;
  /** A single kanji found only inside a compound (日 in 休日). */
  singleInside: number;
  /** A word inside a longer staff keyword (名前 in 施設の名前). */
  keywordPart: number;
  /** A word found only in the plain summary. */
  summary: number;
  /** A kana word found in a reading, on word boundaries. */
  reading: number;
  /** Kana words this short count only as whole words (a keyword, a reading word). */
  shortKana: number;
  /** An inflected word by its kanji stem (弾いて ~ 弾ける). */
  stem: number;
  /** …times this when the stem is one kanji (知, 行: many verbs share it). */
  singleStem: number;
  /** Staff's synonym (synonyms.json) × the credit of the word it stands for. */
  staffSynonym: number;
  /** Sudachi's synonym (synonyms.generated.json) × the credit of the word it stands for. */
  generatedSynonym: number;
  /** A fuzzy (typo) hit credits fuzzy × (1 − error rate). */
  fuzzy: number;
  /** A word earns bigram × the share of its rarity-weighted character pairs found (typos). */
  bigram: number;
}

/** How much each question word weighs (on top of its rarity across items). */
export interface WordWeights {
  /** Words of the context sentences, as evidence for an item. */
  contextEvidence: number;
  /** Words of the context sentences, as what an answer must explain. */
  contextDemand: number;
  /** A known hiragana word inside a question that also has kanji, katakana or Latin words. */
  hiraganaInMixed: number;
  /** An unknown one. */
  unknownHiraganaInMixed: number;
  /** An unknown hiragana word in a message written in kana (mostly a verb: なれる, かして). */
  unknownHiragana: number;
  /** A short (≤ 2) or unknown kanji+kana word: mostly verbs and adjectives. */
  okurigana: number;
  /** A one-character word. */
  singleChar: number;
  /** A word found in no item weighs like one found in this many (an unknown subject). */
  unseenDf: number;
  /** An English verb (learn, buy, check): what the resident wants to do, seldom what about. */
  englishVerb: number;
}

/** The decision: answer, もしかして, or not found. */
export interface Decision {
  /** The confidence model (decide.ts), fitted by `npm run calibrate`. */
  model: DecisionModel;
  /** Confidence at or above which the bot answers (area or items). */
  answer: number;
  /** Confidence at or above which the bot offers もしかして (below `answer`). */
  suggest: number;
  /** Items whose score is at least this share of the best are shown with it. */
  relatedRatio: number;
  /** A second topic (multi-topic message) must explain this much of what the first left. */
  secondTopic: number;
}

export interface Tunables {
  credits: Credits;
  weights: WordWeights;
  decision: Decision;
  /** The decision for messages in English (language.ts): its own model and thresholds, fitted on English questions. */
  englishDecision: Decision;
  /** Questions with fewer content characters than this get "not found" (あ, ？). */
  minContentLength: number;
  /** Unknown words at least this long are looked up fuzzily (kanji words one less). */
  fuzzyMinLength: number;
  /** fuse.js Bitap error rate accepted for a fuzzy hit. */
  fuzzyMaxError: number;
  /** A keyword or name of the item this long (normalised) found in the question anchors it. */
  anchorLength: number;
  /** …and adds this to its score. */
  anchorBonus: number;
  /** An item outside an area the question names, and not explaining that name, keeps this share. */
  offTopicFactor: number;
  /** An item's score is its evidence × (1 + this × the cosine of its and the message's character pairs). */
  cosineRank: number;
  /** How much a long summary's matches are discounted: (average length / length)^this (BM25's b). */
  summaryLengthNorm: number;
  /** Longest message read (the asking sentences first); a 5,000-character text stays cheap. */
  maxQuestionLength: number;
}

export const DEFAULT_TUNABLES: Readonly<Tunables> = Object.freeze({
  credits: Object.freeze({
    compound: 0.7,
    singleInside: 0.2,
    keywordPart: 0.7,
    summary: 0.8,
    reading: 0.9,
    shortKana: 3,
    stem: 0.6,
    singleStem: 0.5,
    staffSynonym: 0.9,
    generatedSynonym: 0.7,
    fuzzy: 0.8,
    bigram: 0.8,
  }),
  weights: Object.freeze({
    contextEvidence: 0.5,
    contextDemand: 0.15,
    hiraganaInMixed: 0.5,
    unknownHiraganaInMixed: 0.2,
    unknownHiragana: 0.4,
    okurigana: 0.4,
    singleChar: 0.5,
    unseenDf: 0.7,
    englishVerb: 0.5,
  }),
  decision: Object.freeze({
    model: Object.freeze({
      bias: -2.697,
      weights: Object.freeze({
        coverage: 1.068,
        coverageAll: 1.814,
        evidence: 0.877,
        exact: -0.068,
        unknown: -1.083,
        margin: 0.867,
        gap: -4.139,
        head: -0.268,
        locationOnly: -2.512,
        explained: 1.439,
        cosine: 3.306,
        anchor: 0.395,
        focusWords: -0.184,
        isArea: 0.507,
        broadArea: 3.65,
        broadItem: 1.259,
        leavesDetail: -0.78,
        asksDetail: -0.987,
        detailLoose: -0.186,
      }),
    }),
    answer: 0.77,
    suggest: 0.28,
    relatedRatio: 0.75,
    secondTopic: 0.5,
  }),
  // Fitted by `npm run calibrate` on the English questions (kind english), leave one set out.
  englishDecision: Object.freeze({
    model: Object.freeze({
      bias: -6.044,
      weights: Object.freeze({
        coverage: 0.626,
        coverageAll: 0.892,
        evidence: 0.695,
        exact: 1.685,
        unknown: -0.47,
        margin: 1.346,
        gap: -1.33,
        head: 0.128,
        locationOnly: 0,
        explained: 0.711,
        cosine: 2.586,
        anchor: 0.91,
        focusWords: 0.356,
        isArea: 0.18,
        broadArea: 0,
        broadItem: 0,
        leavesDetail: -0.859,
        asksDetail: -0.614,
        detailLoose: -0.285,
      }),
    }),
    answer: 0.76,
    suggest: 0.28,
    relatedRatio: 0.75,
    secondTopic: 0.5,
  }),
  minContentLength: 2,
  fuzzyMinLength: 4,
  fuzzyMaxError: 0.34,
  anchorLength: 3,
  anchorBonus: 0.1,
  offTopicFactor: 0.6,
  cosineRank: 1,
  summaryLengthNorm: 0.5,
  maxQuestionLength: 400,
});

/** Overrides of the two thresholds from the environment (MATCH_ANSWER_THRESHOLD, MATCH_SUGGEST_THRESHOLD). */
export interface ThresholdOverrides {
  answer?: number;
  suggest?: number;
}

/**
 * The tunables with the thresholds staff or operators set in the environment. They are the
 * Japanese model's: the English model (englishDecision) keeps the thresholds calibrated with it,
 * since one threshold means different things under two models.
 */
export function withThresholds(t: Readonly<Tunables>, o: ThresholdOverrides): Tunables {
  return { ...t, decision: { ...t.decision, ...o } };
}
