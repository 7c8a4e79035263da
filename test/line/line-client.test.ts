import { createLineClient, LineApiError, retryDelay, REPLY_RETRY } from '../../src/line/line-client';
import { TOKEN } from '../helpers/bot-harness';
import { startFakeLineServer, type FakeLineServer } from '../helpers/fake-line-server';

let line: FakeLineServer;
const observed: { status: number | string; attempt: number; requestId?: string }[] = [];
beforeEach(async () => {
  line = await startFakeLineServer(TOKEN);
  observed.length = 0;
});
const clients: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await line.close();
});

const client = (retry: Partial<typeof REPLY_RETRY> = {}) => {
  const c = createLineClient({
    channelAccessToken: TOKEN,
    apiBaseUrl: line.baseUrl,
    observer: { call: (r) => observed.push(r) },
    retry: { baseDelayMs: 20, ...retry },
  });
  clients.push(c);
  return c;
};
const hello = [{ type: 'text' as const, text: 'こんにちは' }];

describe('LINE reply with timeouts and retries (against a fake LINE server on 127.0.0.1)', () => {
  test('the request is the one LINE documents: POST /v2/bot/message/reply, bearer token, JSON body', async () => {
    const c = client();
    const card = [{ type: 'text' as const, text: '上尾市の公約です "引用" と\\改行\n' }];
    await c.reply('token-a', card);
    await c.reply('token-b', card); // the same card again: its bytes are reused
    expect(line.calls).toHaveLength(2);
    for (const [i, call] of line.calls.entries()) {
      expect(call).toMatchObject({ method: 'POST', path: '/v2/bot/message/reply', authorization: `Bearer ${TOKEN}` });
      expect(call.contentType).toMatch(/^application\/json/u);
      expect(call.body).toEqual({ replyToken: i === 0 ? 'token-a' : 'token-b', messages: card });
    }
  });

  test('a reply token with characters JSON must escape stays intact', async () => {
    await client().reply('tok"en\\1', hello);
    expect(line.replies()[0]!.replyToken).toBe('tok"en\\1');
  });

  test('a 500 is retried and the reply is delivered once', async () => {
    line.failNext(500);
    await client().reply('token-1', hello);
    expect(line.calls.map((c) => c.status)).toEqual([500, 200]);
    expect(line.replies()).toHaveLength(1);
    expect(observed.map((o) => o.status)).toEqual([500, 200]);
    expect(observed[0]!.requestId).toBe('req-1');
  });

  test('a 429 waits for Retry-After before trying again', async () => {
    line.rateLimitNext(1);
    const t0 = Date.now();
    await client().reply('token-2', hello);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(line.replies()).toHaveLength(1);
  });

  test('a hanging LINE times out and the retry delivers', async () => {
    line.hangNext(1500);
    await client({ timeoutMs: 300 }).reply('token-3', hello);
    expect(observed[0]!.status).toBe('timeout');
    expect(line.replies()).toHaveLength(1);
  });

  test('"Invalid reply token" is not retried, and the error carries the request id of LINE', async () => {
    await client().reply('token-4', hello);
    const err = await client()
      .reply('token-4', hello)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LineApiError);
    expect(err).toMatchObject({ status: 400, lineMessage: 'Invalid reply token', requestId: 'req-2' });
    expect(line.calls).toHaveLength(2);
  });

  test('no retry once the reply token may have expired', async () => {
    line.failNext(500, 3);
    // The 500 comes back well within the 3 s left; the first backoff (5 s) would outlive the token.
    const slowBackoff = client({ baseDelayMs: 5000, maxDelayMs: 5000 });
    await expect(slowBackoff.reply('token-5', hello, { deadline: Date.now() + 3000 })).rejects.toMatchObject({
      status: 500,
    });
    expect(line.calls).toHaveLength(1);
  });

  test('network errors are retried a bounded number of times, then reported', async () => {
    const dead = createLineClient({
      channelAccessToken: TOKEN,
      apiBaseUrl: 'http://127.0.0.1:1',
      retry: { baseDelayMs: 10, attempts: 3 },
    });
    clients.push(dead);
    await expect(dead.reply('token-6', hello)).rejects.toMatchObject({ status: undefined });
  });
});

describe('retryDelay (the policy)', () => {
  const err = (status?: number, extra: Partial<LineApiError> = {}) =>
    Object.assign(new LineApiError('x', status, undefined, undefined, undefined), extra);
  test.each<[string, LineApiError, number, number, number | null]>([
    ['5xx: backoff', err(503), 1, 60_000, REPLY_RETRY.baseDelayMs],
    ['5xx, third try: longer backoff', err(500), 3, 60_000, REPLY_RETRY.baseDelayMs * 4],
    ['429: Retry-After', err(429, { retryAfterMs: 3000 } as Partial<LineApiError>), 1, 60_000, 3000],
    ['network', err(undefined), 1, 60_000, REPLY_RETRY.baseDelayMs],
    ['400: never', err(400), 1, 60_000, null],
    ['401: never', err(401), 1, 60_000, null],
    [
      'monthly quota 429: never',
      err(429, { lineMessage: 'You have reached your monthly limit.' } as Partial<LineApiError>),
      1,
      60_000,
      null,
    ],
    ['out of attempts', err(500), REPLY_RETRY.attempts, 60_000, null],
    ['token about to expire', err(500), 1, 100, null],
  ])('%s', (_what, e, attempt, msLeft, expected) => {
    expect(retryDelay(e, attempt, msLeft)).toBe(expected);
  });
});
