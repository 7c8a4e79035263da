import type { OutgoingMessage } from '../cards/message-types';

/**
 * What a handler decided to send, as data; only line/ sends it. `outcome` says what kind of
 * answer it was, for logs and (later) statistics.
 */
export interface Reply {
  messages: OutgoingMessage[];
  outcome: ReplyOutcome;
}

export type ReplyOutcome =
  'area' | 'items' | 'suggest' | 'not-found' | 'smalltalk' | 'greeting' | 'menu' | 'help' | 'hint' | 'unknown-postback';

export function reply(outcome: ReplyOutcome, ...messages: OutgoingMessage[]): Reply {
  return { messages, outcome };
}
