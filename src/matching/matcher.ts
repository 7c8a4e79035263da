import type { CategoryId, PledgeItem } from '../pledges/types';

/** One item the matcher found, with why. */
export interface RankedItem {
  item: PledgeItem;
  score: number;
  /** The keywords or phrases of the item that the question contained. */
  matched: string[];
}

/**
 * What the bot should answer with:
 * - `area`: the question is about a policy area as a whole; answer with the area's card.
 * - `items`: the question is about particular initiatives; answer with them, best first.
 * - `suggest`: unsure; offer the candidates as "もしかして" and do not claim an answer.
 * - `none`: nothing in the report answers it; say so honestly.
 * - `menu`: the question asks about the pledges in general ("公約を教えて", "メニュー"): the list
 *   of areas is the answer.
 * - `smalltalk`: a greeting or thanks: a short polite reply.
 */
export type MatchResult = (
  | { kind: 'area'; category: CategoryId; items: RankedItem[]; matchedArea: string[] }
  | { kind: 'items'; category: CategoryId; items: RankedItem[] }
  | { kind: 'suggest'; category: null; items: RankedItem[] }
  | { kind: 'none' | 'menu'; category: null; items: [] }
  | { kind: 'smalltalk'; category: null; items: []; thanks: boolean }
) & {
  /** The question's content words and how much each weighs (for explanations). */
  words: WeightedWord[];
  /** How sure the matcher is of its best candidate (0–1; see decide.ts). */
  confidence: number;
  /** The best-scoring items whatever the decision, for explanations (npm run ask, the console). */
  candidates: RankedItem[];
};

export type MatchKind = MatchResult['kind'];

export interface WeightedWord {
  word: string;
  weight: number;
  /** False when no item or area contains the word (an unknown subject). */
  known: boolean;
  /** True when the word is in the asking part of the message. */
  focus: boolean;
}

/** The seam between the bot and its matching strategy. */
export interface Matcher {
  match(question: string): MatchResult;
}

/** The most items any answer lists (the `ask` contract allows 5). */
export const MAX_RESULTS = 5;
/** "もしかして" offers at most this many candidates. */
export const MAX_SUGGESTIONS = 3;
