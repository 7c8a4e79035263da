import { createHash } from 'node:crypto';
import type { AnswerTarget } from '../cards/postback-codec';
import { maskQuestion } from '../stats/mask-personal';
import type { Target } from './reply';

/**
 * A reply's reference in its feedback buttons: a short hash of the masked question and what the
 * reply showed. Everyone who asks the same thing gets the same reference, so the card (encoded
 * once) stays shared, and a vote still finds its question (kept 24 hours by the usage store).
 */
export function replyRef(maskedQuestion: string, targets: readonly Target[]): string {
  return createHash('sha256')
    .update(`${maskedQuestion}\0${targets.join(',')}`)
    .digest('base64url')
    .slice(0, 12);
}

/** A question as it may be kept: personal details masked, spaces tidied, at most 200 characters. */
export const maskedQuestion: (text: string) => string = maskQuestion;

export const targetsOf = (t: AnswerTarget): Target[] =>
  'area' in t ? [`area:${t.area}`] : t.items.map((i) => `item:${i}`);
