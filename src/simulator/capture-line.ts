import { randomBytes } from 'node:crypto';
import type { PersonLanguage } from '../bot/handler-context';
import type { OutgoingMessage } from '../cards/message-types';
import { decodePostback } from '../cards/postback-codec';
import type { LineClient } from '../line/line-client';
import type { Lang } from '../matching/language';

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

/**
 * The simulator's citizens: fixed, obviously fake user ids, one per profile language the page can
 * set (the page's language switch), so the bot sees "a person whose LINE profile is English".
 */
export const SIMULATOR_USERS: Readonly<Record<Lang, string>> = { ja: `U${'5'.repeat(32)}`, en: `U${'e'.repeat(32)}` };

/**
 * What the page sends: a typed text, a tapped button's postback data, or `follow` (the page has
 * just opened, or its profile language was switched: the citizen sees the greeting a new friend
 * gets); `lang` is the simulated LINE profile's language (Japanese when absent).
 */
export type SimulatorInput = (
  { type: 'text'; text: string } | { type: 'postback'; data: string } | { type: 'follow' }
) & { lang?: Lang };

/**
 * The simulator's stand-in for LINE's profile lookup (bot/handler-context createPersonLanguage):
 * the language tile's choice, else the language of the simulated profile, told by the user id.
 * Nothing is kept: the page holds the state (its switch follows the language tile).
 */
export const simulatorPersonLanguage: PersonLanguage = (event) => {
  if (event.type === 'postback') {
    const cmd = decodePostback(event.data);
    if (cmd?.action === 'lang') return Promise.resolve(cmd.lang);
  }
  return Promise.resolve(event.meta.source.userId === SIMULATOR_USERS.en ? 'en' : undefined);
};

/** A webhook event as LINE would send it, built on the server from what the page sent. */
export function simulatorEvent(input: SimulatorInput): Record<string, unknown> & { replyToken: string } {
  const base = {
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId: SIMULATOR_USERS[input.lang ?? 'ja'] },
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
