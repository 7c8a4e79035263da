import type { OutgoingMessage } from '../cards/message-types';

/**
 * What a handler decided to send, as data; only line/ sends it. `outcome` says what kind of
 * answer it was (logs, metrics). `notes` say what the reply means for the usage statistics and
 * the residents' votes; the dispatcher records them (handlers stay pure).
 */
export interface Reply {
  messages: OutgoingMessage[];
  outcome: ReplyOutcome;
  notes?: ReplyNote[];
}

export type ReplyOutcome =
  | 'area'
  | 'items'
  | 'suggest'
  | 'not-found'
  | 'smalltalk'
  | 'greeting'
  | 'menu'
  | 'help'
  | 'hint'
  | 'unknown-postback'
  | 'feedback';

/** A target an answer showed: `item:<id>` or `area:<id>`. */
export type Target = string;

export type ReplyNote =
  /** A typed question and how it was answered; `ref`/`question` (masked) when it can be voted on. */
  | {
      kind: 'question';
      outcome: 'area' | 'items' | 'suggest' | 'not-found' | 'smalltalk' | 'menu';
      targets: Target[];
      ref?: string;
      question?: string;
    }
  /** An answer reached by a button or the menu (votable, no question). */
  | { kind: 'answer'; ref: string; targets: Target[] }
  /** A tap on a rich-menu tile. */
  | { kind: 'tap'; tile: string }
  /** 👍 / 👎 on reply `ref`, or the reason given after a 👎. */
  | { kind: 'vote'; vote: 'up' | 'down'; ref: string; targets: Target[] }
  | { kind: 'why'; reason: 'wrong' | 'missing' | 'other'; ref: string; targets: Target[] };

export function reply(outcome: ReplyOutcome, ...messages: OutgoingMessage[]): Reply {
  return { messages, outcome };
}

/** The same reply with notes for the statistics. */
export const noted = (r: Reply, ...notes: ReplyNote[]): Reply => ({ ...r, notes: [...(r.notes ?? []), ...notes] });
