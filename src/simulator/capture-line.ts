import { randomBytes } from 'node:crypto';
import type { OutgoingMessage } from '../cards/message-types';
import type { LineClient } from '../line/line-client';

/**
 * The simulator's stand-in for LINE: replies are kept for the page instead of being sent, so
 * nothing leaves the machine, while the event goes through the same dispatcher and handlers.
 */
export interface CaptureLine extends LineClient {
  take(replyToken: string): OutgoingMessage[];
}

export function createCaptureLine(): CaptureLine {
  const replies = new Map<string, OutgoingMessage[]>();
  return {
    reply: (token, messages) => {
      replies.set(token, messages);
      return Promise.resolve();
    },
    // The simulator answers at once and never has to push.
    push: () => Promise.reject(new Error('the simulator does not push')),
    take(token) {
      const messages = replies.get(token) ?? [];
      replies.delete(token);
      return messages;
    },
  };
}

/** The simulator's citizen: one fixed, obviously fake user id. */
const SIMULATOR_USER = `U${'5'.repeat(32)}`;

/**
 * What the page sends: a typed text, a tapped button's postback data, or `follow` (the page has
 * just opened: the citizen sees the greeting a new friend gets).
 */
export type SimulatorInput = { type: 'text'; text: string } | { type: 'postback'; data: string } | { type: 'follow' };

/** A webhook event as LINE would send it, built on the server from what the page sent. */
export function simulatorEvent(input: SimulatorInput): Record<string, unknown> & { replyToken: string } {
  const base = {
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId: SIMULATOR_USER },
    webhookEventId: `SIM${randomBytes(12).toString('hex').toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
    replyToken: randomBytes(16).toString('hex'),
  };
  switch (input.type) {
    case 'text':
      return {
        ...base,
        type: 'message',
        message: { id: randomBytes(8).toString('hex'), type: 'text', text: input.text },
      };
    case 'postback':
      return { ...base, type: 'postback', postback: { data: input.data } };
    case 'follow':
      return { ...base, type: 'follow', follow: { isUnblocked: false } };
  }
}
