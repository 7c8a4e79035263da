import { HTTPFetchError, LINE_REQUEST_ID_HTTP_HEADER_NAME } from '@line/bot-sdk';
import { createLineHttp, LINE_HTTP_DEFAULTS, TimeoutError, type LineHttpResponse } from './line-http';
import type { OutgoingMessage } from '../cards/message-types';

/** The bot's only door to the LINE API. */
export interface LineClient {
  /**
   * Sends a reply. `deadline` (epoch ms) is when the reply token is assumed to have expired:
   * retries stop before it. Rejects with a LineApiError when the reply could not be sent.
   */
  reply(replyToken: string, messages: OutgoingMessage[], opts?: { deadline?: number }): Promise<void>;
  /**
   * Sends a push message to a user, group or room (costs the channel's message quota). The
   * retry key (a UUID) makes it idempotent: LINE accepts one request per key within 24 hours and
   * answers a repeat with 409, which this reports as `{ already: true }`. Rejects with a
   * LineApiError for what LINE refused and after the attempts for what failed in transit.
   */
  push(to: string, messages: OutgoingMessage[], opts: { retryKey: string }): Promise<{ already: boolean }>;
  /** Releases what the client holds (a worker thread); optional. */
  close?(): Promise<void>;
}

/** What the client reports about each call (metrics, logs); optional. */
export interface LineCallObserver {
  call(result: {
    call: string;
    status: number | 'network' | 'timeout';
    ms: number;
    attempt: number;
    requestId?: string;
  }): void;
}

export interface LineClientOptions {
  channelAccessToken: string;
  /** LINE_API_BASE_URL; a fake server's URL in tests. */
  apiBaseUrl: string;
  observer?: LineCallObserver;
  retry?: Partial<typeof REPLY_RETRY>;
}

/**
 * Reply retry policy. LINE's reply token is valid for about a minute and works once, so:
 * retry server errors (5xx), rate limits (429, after Retry-After) and network failures or
 * timeouts, with exponential backoff, only while the token can still be valid; never retry what
 * LINE refused (400 "Invalid reply token" means it was already used or expired). A retry after a
 * timeout cannot send twice: if the first attempt was accepted, the token is spent and LINE
 * answers 400.
 */
export const REPLY_RETRY = {
  attempts: 4,
  /** Per attempt; the webhook was acknowledged long before, so this only bounds waiting. */
  timeoutMs: 5000,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  /** How long after the event the token is assumed usable (LINE says about a minute). */
  tokenLifetimeMs: 50_000,
};

/** A failed LINE call, with what LINE said and its request id for support. */
export class LineApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly requestId: string | undefined,
    readonly lineMessage: string | undefined,
    readonly details: unknown,
    readonly retryAfterMs?: number,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'LineApiError';
  }
}

/** Whether and when to try again after `err` (attempt 1 = the first try). */
export function retryDelay(err: LineApiError, attempt: number, msLeft: number, policy = REPLY_RETRY): number | null {
  if (attempt >= policy.attempts) return null;
  const transient =
    err.status === undefined ||
    err.status >= 500 ||
    (err.status === 429 && !/monthly limit/iu.test(err.lineMessage ?? ''));
  if (!transient) return null;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const delay = Math.max(backoff, err.retryAfterMs ?? 0);
  return delay < msLeft ? delay : null;
}

/**
 * LineClient for replies. The request is the one the SDK's `replyMessage` sends (POST
 * /v2/bot/message/reply with {replyToken, messages}), made over line-http.ts: each card's JSON
 * is encoded once and reused for every citizen who gets the same card, which the SDK cannot do
 * (it serialises the whole body again on every call: about a quarter of the bot's memory churn
 * under a burst, measured with a heap profile during `npm run bench`). Errors carry LINE's
 * message, details and `x-line-request-id` as the SDK's do.
 */
export function createLineClient(opts: LineClientOptions): LineClient & { close(): Promise<void> } {
  const policy = { ...REPLY_RETRY, ...opts.retry };
  const http = createLineHttp({
    baseUrl: opts.apiBaseUrl,
    channelAccessToken: opts.channelAccessToken,
    maxSockets: LINE_HTTP_DEFAULTS.maxSockets,
  });
  const encoded = new WeakMap<readonly OutgoingMessage[], Buffer>();
  const messagesBytes = (messages: readonly OutgoingMessage[]): Buffer => {
    let b = encoded.get(messages);
    if (!b) {
      // Cards are never mutated once built (see cards/), so their bytes can be kept.
      b = Buffer.from(`,"messages":${JSON.stringify(messages)}}`);
      encoded.set(messages, b);
    }
    return b;
  };
  return {
    async reply(replyToken, messages, { deadline = Date.now() + policy.tokenLifetimeMs } = {}) {
      const body = [Buffer.from(`{"replyToken":${JSON.stringify(replyToken)}`), messagesBytes(messages)];
      for (let attempt = 1; ; attempt++) {
        const started = Date.now();
        try {
          const timeoutMs = Math.min(policy.timeoutMs, Math.max(1, deadline - Date.now()));
          const res = await http.postJson('/v2/bot/message/reply', body, timeoutMs);
          if (res.status < 200 || res.status >= 300) throw fromResponse('reply', res);
          opts.observer?.call({
            call: 'reply',
            status: res.status,
            ms: Date.now() - started,
            attempt,
            requestId: res.header(LINE_REQUEST_ID_HTTP_HEADER_NAME),
          });
          return;
        } catch (raw) {
          const err = toLineApiError('reply', raw);
          opts.observer?.call({
            call: 'reply',
            status: err.timedOut ? 'timeout' : (err.status ?? 'network'),
            ms: Date.now() - started,
            attempt,
            ...(err.requestId ? { requestId: err.requestId } : {}),
          });
          const delay = retryDelay(err, attempt, deadline - Date.now(), policy);
          if (delay === null) throw err;
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    },
    async push(to, messages, { retryKey }) {
      const body = [Buffer.from(`{"to":${JSON.stringify(to)}`), messagesBytes(messages)];
      const headers = { 'x-line-retry-key': retryKey };
      for (let attempt = 1; ; attempt++) {
        const started = Date.now();
        try {
          const res = await http.postJson('/v2/bot/message/push', body, policy.timeoutMs, headers);
          const requestId = res.header(LINE_REQUEST_ID_HTTP_HEADER_NAME);
          opts.observer?.call({ call: 'push', status: res.status, ms: Date.now() - started, attempt, requestId });
          // 409: a request with this key was accepted before (by us, before a crash, or by
          // another instance): the message went out once, which is what we wanted.
          if (res.status === 409) return { already: true };
          if (res.status < 200 || res.status >= 300) throw fromResponse('push', res);
          return { already: false };
        } catch (raw) {
          const err = toLineApiError('push', raw);
          if (err.status === undefined)
            opts.observer?.call({
              call: 'push',
              status: err.timedOut ? 'timeout' : 'network',
              ms: Date.now() - started,
              attempt,
            });
          // The same key on every attempt, so a retry after a lost answer cannot send twice.
          const delay = retryDelay(err, attempt, Infinity, policy);
          if (delay === null) throw err;
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    },
    close: () => {
      http.close();
      return Promise.resolve();
    },
  };
}

/** LINE's error answer ({message, details}) as a LineApiError (from our HTTP or the SDK's). */
function fromResponse(call: string, res: LineHttpResponse): LineApiError {
  let body: { message?: string; details?: unknown } = {};
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    // LINE answered with something that is not JSON; keep the status.
  }
  const retryAfter = Number(res.header('retry-after'));
  return new LineApiError(
    `LINE ${call} failed: ${res.status}${body.message ? ` ${body.message}` : ''}`,
    res.status,
    res.header(LINE_REQUEST_ID_HTTP_HEADER_NAME),
    body.message,
    body.details,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  );
}

/** Wraps whatever a LINE call threw into a LineApiError with LINE's own words. */
export function toLineApiError(call: string, err: unknown): LineApiError {
  if (err instanceof HTTPFetchError) {
    return fromResponse(call, {
      status: err.status,
      body: err.body,
      header: (name) => err.headers.get(name) ?? undefined,
    });
  }
  if (err instanceof LineApiError) return err;
  if (err instanceof TimeoutError) {
    return new LineApiError(
      `LINE ${call} failed: ${err.message}`,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      true,
    );
  }
  return new LineApiError(
    `LINE ${call} failed: ${(err as Error)?.message ?? String(err)}`,
    undefined,
    undefined,
    undefined,
    undefined,
  );
}

/** LINE's error in plain words: status, message and each detail ("areas[0].bounds: …"). */
export function describeLineError(err: unknown): string {
  if (!(err instanceof LineApiError)) return err instanceof Error ? err.message : String(err);
  const details = Array.isArray(err.details)
    ? (err.details as { property?: string; message?: string }[]).map(
        (d) => `  - ${d.property ?? '(全体)'}: ${d.message ?? ''}`,
      )
    : [];
  return [
    `LINE が ${err.status ?? '応答なし'} を返しました: ${err.lineMessage ?? err.message}`,
    ...details,
    ...(err.requestId ? [`  (x-line-request-id: ${err.requestId})`] : []),
  ].join('\n');
}
