import type { Decision } from './tunables';

/**
 * How sure the matcher is of its best candidate, and what to do about it. The confidence is a
 * logistic model over a few features of the candidate, fitted by `npm run calibrate` on labelled
 * question sets (cross-validated); its weights and the two thresholds live in tunables.ts.
 */

/** What the decision knows about the best candidate (an item, or an area). */
export interface Candidate {
  /** Share (0–1) of what the message asks that the candidate explains (the asking part weighs most). */
  coverage: number;
  /** Share (0–1) of the whole message, context included (at half weight), it explains. */
  coverageAll: number;
  /** The candidate's evidence: the rarity-weighted sum of the words it explains. */
  evidence: number;
  /** Share of that evidence from exact wording (not synonyms, summaries or typo guesses). */
  exact: number;
  /** Share of what the message asks that nothing in the data explains. */
  unknown: number;
  /** How far ahead of the next candidate (another bullet, or another area) it is: 0–1. */
  margin: number;
  /** The largest share of the asking part that one word leaves unexplained (試験 in 職員採用試験). */
  gap: number;
  /**
   * The credit (0–1) the candidate gives the head of the asking part: its last noun, what the
   * message is about (試験 in 職員採用試験はいつ, 避難所 in 一番近い指定避難所はどこ).
   */
  head: number;
  /** Only a place the candidate mentions is explained (丸山公園), and something else is asked. */
  locationOnly: boolean;
  /** How many of the message's words it explains (words of context sentences count half). */
  explained: number;
  /** Cosine of the message's and the candidate's rarity-weighted character pairs (0–1). */
  cosine: number;
  /** A keyword or name of the item (3+ characters) occurs in the message as written. */
  anchor: boolean;
  /** How many content words the asking part has. */
  focusWords: number;
  /** The candidate is an area (the area card), not an item. */
  isArea: boolean;
  /** The message asks broadly (一通り, 全部, どんなことを), as about a whole area. */
  broad: boolean;
  /** The asking part asks when, where, how much or how to (いつから, どこで, いくら). */
  asksDetail: boolean;
  /**
   * The message asks for a detail (期限, 電話番号…) the candidate does not give. The report hardly
   * ever gives one; the item's card is still the right answer when the rest is about the item
   * (「自転車ヘルメットの補助っていくら？」), not when the detail is about something else.
   */
  leavesDetail: boolean;
  /** The credit (0–1) the candidate's wording, keywords or readings give the head (not its summary). */
  headExact: number;
  /** The message names another town or jurisdiction that nothing in the data explains. */
  otherPlace: boolean;
}

/** The features, in the order of the model's weights. */
export const FEATURES = [
  'coverage',
  'coverageAll',
  'evidence',
  'exact',
  'unknown',
  'margin',
  'gap',
  'head',
  'locationOnly',
  'explained',
  'cosine',
  'anchor',
  'focusWords',
  'isArea',
  'broadArea',
  'broadItem',
  'leavesDetail',
  'asksDetail',
  'detailLoose',
] as const;
export type Feature = (typeof FEATURES)[number];

/** A candidate as the model's input vector. */
export function featureVector(c: Candidate): number[] {
  return [
    c.coverage,
    c.coverageAll,
    Math.log1p(c.evidence),
    c.exact,
    c.unknown,
    c.margin,
    c.gap,
    c.head,
    c.locationOnly ? 1 : 0,
    Math.log1p(c.explained),
    c.cosine,
    c.anchor ? 1 : 0,
    Math.log1p(c.focusWords),
    c.isArea ? 1 : 0,
    c.broad && c.isArea ? 1 : 0,
    c.broad && !c.isArea ? 1 : 0,
    c.leavesDetail ? 1 : 0,
    c.asksDetail ? 1 : 0,
    // A detail asked about something the candidate names only loosely (市民プールの営業時間 and a
    // swimming-lesson item whose summary mentions a pool): about something else.
    (c.asksDetail || c.leavesDetail) && c.headExact < 0.5 ? 1 : 0,
  ];
}

/** The logistic model: bias and one weight per feature. */
export interface DecisionModel {
  bias: number;
  weights: Readonly<Record<Feature, number>>;
}

/** Probability (0–1) that the candidate is a right answer. */
export function confidence(c: Candidate, d: Decision): number {
  const x = featureVector(c);
  let z = d.model.bias;
  FEATURES.forEach((f, k) => (z += d.model.weights[f] * x[k]!));
  return 1 / (1 + Math.exp(-z));
}

export type Verdict = 'answer' | 'suggest' | 'none';

/** The candidate may not be answered with a card, whatever the confidence (see verdict). */
export const guarded = (c: Candidate): boolean => c.otherPlace || c.locationOnly;

/**
 * Answer, もしかして, or not found. Never a card (もしかして at most) for another town or
 * jurisdiction (the report is about Ageo), nor when only a place the candidate mentions is
 * explained and something else is asked (丸山公園の駐車場: the park's parking, not its play
 * equipment).
 */
export function verdict(c: Candidate, conf: number, d: Decision): Verdict {
  if (conf >= d.answer && !guarded(c)) return 'answer';
  if (conf >= d.suggest) return 'suggest';
  return 'none';
}
