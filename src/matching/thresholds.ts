/**
 * The numbers that decide how the bot answers. Scores are the share (0–1) of the question's
 * content that an item (or an area) explains, see pledge-matcher.ts. Named here so they can be
 * reviewed, tested and tuned in one place (npm run bench:match shows the effect).
 */
export interface MatchThresholds {
  /** At or above this the bot answers with the best item(s) or the area. */
  answer: number;
  /** From this up to `answer` the bot is unsure and offers "もしかして" candidates. */
  suggest: number;
  /** Items scoring at least this share of the best score are shown alongside it. */
  relatedRatio: number;
  /** Questions with fewer content characters than this get "not found" (あ, ？). */
  minContentLength: number;
  /** Unknown words at least this long are looked up fuzzily (typos); shorter ones are not. */
  fuzzyMinLength: number;
  /** fuse.js Bitap error rate accepted for a fuzzy hit (one key, ignoreLocation). */
  fuzzyMaxError: number;
  /** A fuzzy hit credits the word with this × (1 − error rate). */
  fuzzyCredit: number;
  /** The character-bigram overlap counts with this weight (typos, odd segmentation). */
  bigramWeight: number;
  /**
   * Added to an item's score when a keyword or name of the item of at least 3 characters appears
   * in the question as written (AGECOCO, ハザードマップ): such names are what questions are about.
   */
  anchorBonus: number;
  /** Longest question read; the rest is ignored so matching a 5,000-character text stays cheap. */
  maxQuestionLength: number;
}

export const DEFAULT_THRESHOLDS: Readonly<MatchThresholds> = Object.freeze({
  answer: 0.5,
  suggest: 0.36,
  relatedRatio: 0.75,
  minContentLength: 2,
  fuzzyMinLength: 4,
  fuzzyMaxError: 0.34,
  fuzzyCredit: 0.8,
  bigramWeight: 0.8,
  anchorBonus: 0.1,
  maxQuestionLength: 120,
});
