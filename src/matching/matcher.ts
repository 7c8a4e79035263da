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
 * - `area`: the question names a policy area; answer with the area's card.
 * - `items`: the question is about particular initiatives; answer with them, best first.
 * - `suggest`: unsure; offer the candidates as "もしかして" and do not claim an answer.
 * - `none`: nothing in the report answers it; say so honestly. `generic` when the question only
 *   asks about the pledges in general ("公約を教えて"): the list of areas is the answer.
 */
export type MatchResult = (
  | { kind: 'area'; category: CategoryId; items: RankedItem[]; matchedArea: string[] }
  | { kind: 'items'; category: CategoryId; items: RankedItem[] }
  | { kind: 'suggest'; category: null; items: RankedItem[] }
  | { kind: 'none'; category: null; items: []; generic: boolean }
) & {
  /** The question's content words and how much each weighs (for explanations). */
  words: WeightedWord[];
};

export interface WeightedWord {
  word: string;
  weight: number;
  /** False when no item or area contains the word (an unknown subject). */
  known: boolean;
}

/** The seam between the bot and its matching strategy. */
export interface Matcher {
  match(question: string): MatchResult;
}

/** The most items any answer lists (the `ask` contract allows 5). */
export const MAX_RESULTS = 5;
