import { createHash } from 'node:crypto';
import { buildLateAnswer } from '../cards/text-replies';
import type { OutgoingMessage } from '../cards/message-types';
import { toLineApiError, type LineClient } from '../line/line-client';
import type { EventSource } from './incoming-event';
import type { Lang } from '../matching/language';

/**
 * How an answer reaches the resident, exactly once:
 *
 * - with the event's reply token while it is young (before `deadline`, about 50 s after the
 *   event). A transient failure (LINE slow or down) is tried again until then. LINE answers
 *   "Invalid reply token" to a token that was already used, so a second try after a lost answer,
 *   or after a restart, cannot send twice: that answer means the resident already has it.
 * - once the token is too old (a restart, LINE hung for a minute): a push message to where the
 *   event came from, with an X-Line-Retry-Key derived from the webhookEventId, so every try,
 *   on any instance, is one request for LINE (a repeat gets 409). Pushes cost the city's
 *   message quota: they can be turned off, and a daily budget caps them.
 */
export type DeliveryResult =
  /** Sent with the reply token. */
  | 'replied'
  /** LINE said the token was used already: the answer went out before (e.g. before a crash). */
  | 'spent'
  /** Sent (now or before) as a push. */
  | 'pushed'
  /** LINE refused it for good (a 4xx): trying again would not help. */
  | 'refused'
  /** Not sent, on purpose: pushes are off, over the day's budget, or there is nobody to push to. */
  | 'dropped'
  /** Not sent yet: LINE could not be reached; try again later (the event stays in the inbox). */
  | 'retry';

/** Whether one more push may be sent today (shared by all instances when Redis is used). */
export interface PushBudget {
  take(): Promise<boolean>;
}

export interface PushPolicy {
  enabled: boolean;
  budget: PushBudget;
}

export interface DeliveryOptions {
  /** When the reply token is taken to have expired (epoch ms). */
  deadline: number;
  webhookEventId?: string;
  push?: PushPolicy;
  /** The answer's language (the late-answer notice says sorry in it). */
  lang?: Lang;
  /** Told why an answer was dropped (logs, metrics). */
  onDropped?(why: 'push-off' | 'push-budget' | 'no-target'): void;
}

/** The shortest time left on a token worth one more reply attempt. */
const MIN_REPLY_WINDOW_MS = 1000;

export async function deliver(
  line: LineClient,
  source: EventSource,
  replyToken: string | undefined,
  messages: OutgoingMessage[],
  opts: DeliveryOptions,
): Promise<DeliveryResult> {
  if (replyToken) {
    for (let pause = 250; Date.now() < opts.deadline - MIN_REPLY_WINDOW_MS; pause = Math.min(pause * 2, 2000)) {
      try {
        await line.reply(replyToken, messages, { deadline: opts.deadline });
        return 'replied';
      } catch (raw) {
        const err = toLineApiError('reply', raw);
        if (err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 429)
          return /invalid reply token/iu.test(err.lineMessage ?? '') ? 'spent' : 'refused';
        // LINE slow or unreachable: the client has tried a few times already; go on while the
        // token is young, then push.
        await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(0, opts.deadline - Date.now()))));
      }
    }
  }
  const to = pushTarget(source);
  if (!opts.push?.enabled) return dropped(opts, 'push-off');
  if (!to || !opts.webhookEventId) return dropped(opts, 'no-target');
  if (!(await opts.push.budget.take())) return dropped(opts, 'push-budget');
  const late = messages.length < 5 ? [buildLateAnswer(opts.lang), ...messages] : messages;
  try {
    await line.push(to, late, { retryKey: retryKeyFor(opts.webhookEventId) });
    return 'pushed';
  } catch (raw) {
    const err = toLineApiError('push', raw);
    if (err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 429) return 'refused';
    return 'retry';
  }
}

function dropped(opts: DeliveryOptions, why: 'push-off' | 'push-budget' | 'no-target'): DeliveryResult {
  opts.onDropped?.(why);
  return 'dropped';
}

/** Where a push for this event goes: the group or room it was asked in, else the user. */
export function pushTarget(source: EventSource): string | undefined {
  return source.kind === 'group' || source.kind === 'room' ? source.conversationId : source.userId;
}

/**
 * The X-Line-Retry-Key of an event's push: a name-based UUID (version 5, RFC 9562) of its
 * webhookEventId, so every attempt by every instance carries the same key and LINE sends it once.
 */
export function retryKeyFor(webhookEventId: string): string {
  return uuidV5(RETRY_KEY_NAMESPACE, webhookEventId);
}

/** A name-based UUID, version 5 (SHA-1), of `name` in `namespace` (16 bytes). */
export function uuidV5(namespace: Buffer, name: string): string {
  const b = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** This bot's UUID namespace for retry keys (a fixed random UUID, as bytes). */
const RETRY_KEY_NAMESPACE = Buffer.from('5b0c3c1e8d8a4f5e9a3e2f7c4d1b6a90', 'hex');

/** A budget that never runs out (tests) or one per process and Japan day (no Redis). */
export function createMemoryPushBudget(perDay: number, today: () => string): PushBudget {
  let day = '';
  let used = 0;
  return {
    take() {
      const d = today();
      if (d !== day) {
        day = d;
        used = 0;
      }
      if (used >= perDay) return Promise.resolve(false);
      used++;
      return Promise.resolve(true);
    },
  };
}
