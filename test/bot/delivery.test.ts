import {
  createMemoryPushBudget,
  deliver,
  pushTarget,
  retryKeyFor,
  uuidV5,
  type DeliveryOptions,
  type PushPolicy,
} from '../../src/bot/delivery';
import type { EventSource } from '../../src/bot/incoming-event';
import type { OutgoingMessage } from '../../src/cards/message-types';
import { COPY } from '../../src/copy/ja';
import { createLineClient, type LineClient } from '../../src/line/line-client';
import { TOKEN } from '../helpers/bot-harness';
import { startFakeLineServer, type FakeLineServer } from '../helpers/fake-line-server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;
const REPLY = '/v2/bot/message/reply';
const PUSH = '/v2/bot/message/push';

describe('retry keys: name-based UUIDs (version 5)', () => {
  test('uuidV5 gives the RFC test vector (DNS namespace, "www.example.com")', () => {
    const dns = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex');
    expect(dns).toHaveLength(16);
    expect(uuidV5(dns, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('retryKeyFor is a stable v5 UUID per webhookEventId, different for different ids', () => {
    const a = retryKeyFor('01HZX8W8Y4N5K2Q7M3R6T9V0AB');
    expect(a).toMatch(UUID);
    expect(retryKeyFor('01HZX8W8Y4N5K2Q7M3R6T9V0AB')).toBe(a);
    expect(retryKeyFor('01HZX8W8Y4N5K2Q7M3R6T9V0AC')).not.toBe(a);
    expect(retryKeyFor('市役所')).toMatch(UUID);
  });
});

describe('pushTarget', () => {
  test.each<[EventSource, string | undefined]>([
    [{ kind: 'user', userId: 'U1' }, 'U1'],
    [{ kind: 'group', userId: 'U1', conversationId: 'C1' }, 'C1'],
    [{ kind: 'room', userId: 'U1', conversationId: 'R1' }, 'R1'],
    [{ kind: 'group', userId: 'U1' }, undefined],
    [{ kind: 'unknown' }, undefined],
  ])('%j → %s', (source, to) => {
    expect(pushTarget(source)).toBe(to);
  });
});

describe('deliver (against a fake LINE server on 127.0.0.1)', () => {
  let line: FakeLineServer;
  let client: LineClient & { close(): Promise<void> };
  beforeEach(async () => {
    line = await startFakeLineServer(TOKEN);
    client = createLineClient({
      channelAccessToken: TOKEN,
      apiBaseUrl: line.baseUrl,
      retry: { baseDelayMs: 10, timeoutMs: 300 },
    });
  });
  afterEach(async () => {
    await client.close();
    await line.close();
  });

  const user: EventSource = { kind: 'user', userId: 'U-resident' };
  const answer: OutgoingMessage[] = [{ type: 'text', text: '上尾市の公約はこちらです' }];
  const pushOn = (perDay = 100): PushPolicy => ({
    enabled: true,
    budget: createMemoryPushBudget(perDay, () => '2024-06-01'),
  });
  const young = (o: Partial<DeliveryOptions> = {}): DeliveryOptions => ({
    deadline: Date.now() + 50_000,
    webhookEventId: 'ev-young',
    push: pushOn(),
    ...o,
  });
  const old = (o: Partial<DeliveryOptions> = {}): DeliveryOptions => ({
    deadline: Date.now() - 1,
    webhookEventId: 'ev-old',
    push: pushOn(),
    ...o,
  });

  test('a young event is answered with its reply token', async () => {
    expect(await deliver(client, user, 'token-1', answer, young())).toBe('replied');
    expect(line.replies()).toEqual([{ replyToken: 'token-1', messages: answer }]);
    expect(line.pushes()).toEqual([]);
  });

  test('a reply token LINE says was used already → spent, and no push', async () => {
    await client.reply('token-used', answer);
    expect(await deliver(client, user, 'token-used', answer, young())).toBe('spent');
    expect(line.replies()).toHaveLength(1);
    expect(line.calls.filter((c) => c.path === PUSH)).toEqual([]);
  });

  test('another 4xx to the reply → refused, and no push', async () => {
    line.failNext(400, 1, 'The request body has 1 error(s)', REPLY);
    expect(await deliver(client, user, 'token-2', answer, young())).toBe('refused');
    expect(line.calls.filter((c) => c.path === PUSH)).toEqual([]);
  });

  test('past the deadline: a push to the user with the retry key, the late-answer text first', async () => {
    expect(await deliver(client, user, 'token-3', answer, old())).toBe('pushed');
    expect(line.calls.filter((c) => c.path === REPLY)).toEqual([]);
    expect(line.pushes()).toEqual([
      {
        to: 'U-resident',
        messages: [{ type: 'text', text: COPY.lateAnswer }, ...answer],
        retryKey: retryKeyFor('ev-old'),
      },
    ]);
  });

  test('no reply token at all: pushed', async () => {
    expect(await deliver(client, user, undefined, answer, young())).toBe('pushed');
    expect(line.pushes()).toHaveLength(1);
  });

  test('five messages already: pushed as they are (LINE takes at most five)', async () => {
    const five: OutgoingMessage[] = [1, 2, 3, 4, 5].map((i) => ({ type: 'text', text: `回答${i}` }));
    expect(await deliver(client, user, 'token-4', five, old())).toBe('pushed');
    expect(line.pushes()[0]!.messages).toEqual(five);
  });

  test('the same event pushed again (another instance, a restart) → 409 → still pushed, sent once', async () => {
    expect(await deliver(client, user, 'token-5', answer, old())).toBe('pushed');
    expect(await deliver(client, user, 'token-5', answer, old())).toBe('pushed');
    const pushCalls = line.calls.filter((c) => c.path === PUSH);
    expect(pushCalls.map((c) => c.status)).toEqual([200, 409]);
    expect(pushCalls.map((c) => c.retryKey)).toEqual([retryKeyFor('ev-old'), retryKeyFor('ev-old')]);
    expect(line.pushes()).toHaveLength(1);
  });

  test('an event from a group is pushed to the group', async () => {
    const group: EventSource = { kind: 'group', userId: 'U-resident', conversationId: 'C-group' };
    expect(await deliver(client, group, 'token-6', answer, old())).toBe('pushed');
    expect(line.pushes().map((p) => p.to)).toEqual(['C-group']);
  });

  test('pushes turned off → dropped (push-off), nothing sent', async () => {
    const why: string[] = [];
    const opts = old({ push: { ...pushOn(), enabled: false }, onDropped: (w) => why.push(w) });
    expect(await deliver(client, user, 'token-7', answer, opts)).toBe('dropped');
    expect(why).toEqual(['push-off']);
    expect(line.calls).toEqual([]);
  });

  test('no push policy at all → dropped', async () => {
    expect(await deliver(client, user, 'token-8', answer, old({ push: undefined }))).toBe('dropped');
    expect(line.calls).toEqual([]);
  });

  test('nobody to push to, or no webhookEventId for a retry key → dropped (no-target)', async () => {
    const why: string[] = [];
    const onDropped = (w: string): number => why.push(w);
    expect(await deliver(client, { kind: 'group' }, 'token-9', answer, old({ onDropped }))).toBe('dropped');
    expect(await deliver(client, user, 'token-9', answer, old({ webhookEventId: undefined, onDropped }))).toBe(
      'dropped',
    );
    expect(why).toEqual(['no-target', 'no-target']);
    expect(line.calls).toEqual([]);
  });

  test('the day’s budget used up → the next event is dropped (push-budget)', async () => {
    const push = pushOn(1);
    const why: string[] = [];
    const onDropped = (w: string): number => why.push(w);
    expect(await deliver(client, user, 't-a', answer, old({ push, webhookEventId: 'ev-a', onDropped }))).toBe('pushed');
    expect(await deliver(client, user, 't-b', answer, old({ push, webhookEventId: 'ev-b', onDropped }))).toBe(
      'dropped',
    );
    expect(why).toEqual(['push-budget']);
    expect(line.pushes()).toHaveLength(1);
  });

  test('the budget starts again on a new day', async () => {
    let day = '2024-06-01';
    const budget = createMemoryPushBudget(1, () => day);
    expect(await budget.take()).toBe(true);
    expect(await budget.take()).toBe(false);
    day = '2024-06-02';
    expect(await budget.take()).toBe(true);
    expect(await budget.take()).toBe(false);
  });

  test('LINE answering 500 to every push → retry (the event stays in the inbox)', async () => {
    line.failNext(500, 20, 'Internal Server Error', PUSH);
    expect(await deliver(client, user, 'token-10', answer, old())).toBe('retry');
    expect(line.calls.filter((c) => c.path === PUSH).length).toBeGreaterThan(1);
    expect(line.pushes()).toEqual([]);
  });

  test('a 4xx to the push → refused', async () => {
    line.failNext(403, 1, 'Access to this API is not available for your account', PUSH);
    expect(await deliver(client, user, 'token-11', answer, old())).toBe('refused');
    expect(line.pushes()).toEqual([]);
  });

  test('a reply failing with 500 until the deadline falls back to a push', async () => {
    line.failNext(500, 1000, 'Internal Server Error', REPLY);
    const t0 = Date.now();
    const result = await deliver(client, user, 'token-12', answer, young({ deadline: t0 + 1500 }));
    expect(result).toBe('pushed');
    const replyCalls = line.calls.filter((c) => c.path === REPLY);
    expect(replyCalls.length).toBeGreaterThan(1);
    expect(replyCalls.every((c) => c.status === 500)).toBe(true);
    expect(line.replies()).toEqual([]);
    expect(line.pushes()).toEqual([
      {
        to: 'U-resident',
        messages: [{ type: 'text', text: COPY.lateAnswer }, ...answer],
        retryKey: retryKeyFor('ev-young'),
      },
    ]);
    // Retried only while the token had at least a second left; pushed before the deadline passed by much.
    expect(Date.now() - t0).toBeLessThan(2500);
  });

  test('a reply LINE is slow to answer once is tried again and delivered once', async () => {
    line.hangNext(500); // longer than the client's 300 ms per attempt
    expect(await deliver(client, user, 'token-13', answer, young())).toBe('replied');
    expect(line.replies()).toHaveLength(1);
    expect(line.pushes()).toEqual([]);
  });
});
