import type { Inbox, InboxEntry, InboxWorker } from '../../src/bot/inbox';
import { createSilentLogger } from '../../src/log';
import { createRedisClient, type RedisClient } from '../../src/redis/redis-client';
import {
  createRedisInbox,
  createRedisPushBudget,
  INBOX_GROUP,
  INBOX_STREAM,
  type REDIS_INBOX_TIMING,
} from '../../src/redis/redis-inbox';
import { describeWithRedis, startRedis, type TestRedis } from '../helpers/redis-server';

/** Short enough for tests; the ratios are the production ones' (heartbeat well under claim idle). */
const TIMING: Partial<typeof REDIS_INBOX_TIMING> = {
  claimIdleMs: 500,
  claimEveryMs: 100,
  heartbeatMs: 150,
  blockMs: 200,
};

const textEvent = (id: string | undefined, text = `質問 ${id}`): Record<string, unknown> => ({
  type: 'message',
  ...(id ? { webhookEventId: id } : {}),
  replyToken: `token-${id}`,
  source: { type: 'user', userId: 'U-resident' },
  message: { type: 'text', id: '1', text },
});

type Decide = (e: InboxEntry, nth: number) => Promise<'done' | 'retry'> | 'done' | 'retry';

/** One bot instance: its two connections, its inbox and a worker that records what it answers. */
interface Instance {
  name: string;
  client: RedisClient;
  reader: RedisClient;
  inbox: Inbox;
  got: InboxEntry[];
  errors: string[];
  start(decide?: Decide): void;
  /** As if the machine died: nothing acked, no more heartbeats, connections gone. */
  kill(): Promise<void>;
}

async function until(cond: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describeWithRedis('Redis inbox: one stream, several instances (against a real redis-server)', () => {
  let redis: TestRedis;
  let admin: RedisClient;
  const instances: Instance[] = [];
  const extraClients: RedisClient[] = [];

  const connect = async (name: string): Promise<RedisClient> => {
    const c = createRedisClient(redis.url, createSilentLogger(), { commandTimeoutMs: 1000, name });
    await c.connect();
    return c;
  };
  const destroy = (c: RedisClient): void => {
    if (c.isOpen) c.destroy();
  };

  const instance = async (name: string, timing: Partial<typeof REDIS_INBOX_TIMING> = {}): Promise<Instance> => {
    const client = await connect(`${name}-commands`);
    const reader = await connect(`${name}-reader`);
    const errors: string[] = [];
    const inbox = createRedisInbox({
      client,
      reader,
      consumer: name,
      timing: { ...TIMING, ...timing },
      onError: (_err, what) => errors.push(what),
    });
    const got: InboxEntry[] = [];
    let closed = false;
    const it: Instance = {
      name,
      client,
      reader,
      inbox,
      got,
      errors,
      start(decide = () => 'done') {
        const worker: InboxWorker = {
          answer: async (e) => {
            got.push(e);
            return decide(e, got.filter((g) => g.id === e.id).length);
          },
          room: () => 10,
        };
        inbox.start(worker);
      },
      async kill() {
        if (closed) return;
        closed = true;
        await inbox.close();
        destroy(client);
        destroy(reader);
      },
    };
    instances.push(it);
    return it;
  };

  beforeAll(async () => {
    redis = await startRedis();
    admin = await connect('admin');
  });
  beforeEach(async () => {
    await until(() => admin.isReady, 5000, 'the admin connection');
    await admin.flushAll();
  });
  afterEach(async () => {
    for (const it of instances.splice(0)) await it.kill();
    for (const c of extraClients.splice(0)) destroy(c);
  });
  afterAll(async () => {
    destroy(admin);
    await redis.stop();
  });

  const pending = async (): Promise<number> => {
    const info = await admin.xPending(INBOX_STREAM, INBOX_GROUP);
    return Number(info.pending);
  };

  test('an event accepted on A is answered once, by A or B, then acked and deleted', async () => {
    const a = await instance('A');
    const b = await instance('B');
    a.start();
    b.start();
    const ev = textEvent('ev-1', '上尾駅の駐輪場について');
    expect(await a.inbox.accept([ev])).toBe(1);
    await until(() => a.got.length + b.got.length === 1, 3000, 'an answer');
    await sleep(800); // longer than claimIdleMs: nobody takes it again
    const answers = [...a.got, ...b.got];
    expect(answers).toEqual([{ id: 'ev-1', event: ev, acceptedAt: expect.any(Number) }]);
    expect(await pending()).toBe(0);
    expect(await admin.xLen(INBOX_STREAM)).toBe(0);
  });

  test('a redelivered copy accepted on B is left out (0) and not answered again', async () => {
    const a = await instance('A');
    const b = await instance('B');
    a.start();
    b.start();
    expect(await a.inbox.accept([textEvent('ev-1')])).toBe(1);
    await until(() => a.got.length + b.got.length === 1);
    expect(await b.inbox.accept([textEvent('ev-1')])).toBe(0);
    expect(await b.inbox.accept([textEvent('ev-1'), textEvent('ev-2')])).toBe(1);
    await until(() => a.got.length + b.got.length === 2);
    await sleep(400);
    expect([...a.got, ...b.got].map((e) => e.id).sort()).toEqual(['ev-1', 'ev-2']);
  });

  test('a copy arriving at both instances at the same moment is kept once', async () => {
    const a = await instance('A');
    const b = await instance('B');
    const added = await Promise.all([a.inbox.accept([textEvent('ev-1')]), b.inbox.accept([textEvent('ev-1')])]);
    expect(added.sort()).toEqual([0, 1]);
    expect(await admin.xLen(INBOX_STREAM)).toBe(1);
  });

  test('events without a webhookEventId are accepted every time; what is not an event is ignored', async () => {
    const a = await instance('A');
    a.start();
    expect(await a.inbox.accept([textEvent(undefined)])).toBe(1);
    expect(await a.inbox.accept([textEvent(undefined)])).toBe(1);
    expect(await a.inbox.accept([null, 'x', 42, [], {}, { type: 1 }])).toBe(0);
    await until(() => a.got.length === 2);
    expect(a.got.every((e) => e.id.startsWith('local-'))).toBe(true);
    expect(new Set(a.got.map((e) => e.id)).size).toBe(2);
  });

  test('entries of an instance that died while answering are taken over by another and answered', async () => {
    const a = await instance('A');
    a.start(() => new Promise<'retry'>(() => {})); // never finishes: the machine dies meanwhile
    expect(await a.inbox.accept([textEvent('ev-1'), textEvent('ev-2')])).toBe(2);
    await until(() => a.got.length === 2, 3000, 'A taking the entries');
    await a.kill();
    expect(await pending()).toBe(2);

    const b = await instance('B');
    const t0 = Date.now();
    b.start();
    await until(() => b.got.length === 2, 4000, 'B taking over');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(b.got.map((e) => e.id).sort()).toEqual(['ev-1', 'ev-2']);
    expect(b.got[0]!.event).toEqual(textEvent(b.got[0]!.id));
    expect(b.errors).toEqual([]);
    for (let i = 0; i < 100 && (await pending()) > 0; i++) await sleep(20);
    expect(await pending()).toBe(0);
  });

  test('an entry answered for longer than claimIdleMs is not taken over (the heartbeat keeps it)', async () => {
    // A never looks for idle entries itself (its own XAUTOCLAIM would touch the entry too):
    // only its heartbeat keeps the entry from looking idle to B.
    const a = await instance('A', { claimEveryMs: 60_000 });
    const b = await instance('B');
    a.start(() => sleep(1500).then(() => 'done' as const));
    expect(await a.inbox.accept([textEvent('ev-slow')])).toBe(1);
    await until(() => a.got.length === 1, 3000, 'A taking the entry');
    b.start();
    await sleep(1700); // A finishes after 1.5 s; B looked for idle entries every 100 ms meanwhile
    expect(b.got).toEqual([]);
    expect(a.got.map((e) => e.id)).toEqual(['ev-slow']);
    for (let i = 0; i < 100 && (await pending()) > 0; i++) await sleep(20);
    expect(await pending()).toBe(0);
  });

  test("'retry' leaves the entry pending; it is answered again later", async () => {
    const a = await instance('A');
    a.start((_e, nth) => (nth === 1 ? 'retry' : 'done'));
    expect(await a.inbox.accept([textEvent('ev-1')])).toBe(1);
    await until(() => a.got.length === 1);
    await sleep(50);
    expect(await pending()).toBe(1);
    await until(() => a.got.length === 2, 3000, 'the second try');
    expect(a.got.map((e) => e.id)).toEqual(['ev-1', 'ev-1']);
    for (let i = 0; i < 100 && (await pending()) > 0; i++) await sleep(20);
    expect(await pending()).toBe(0);
  });

  test('the day’s push budget is shared by all instances', async () => {
    const c1 = await connect('budget-1');
    const c2 = await connect('budget-2');
    extraClients.push(c1, c2);
    const today = (): string => '2024-06-01';
    const b1 = createRedisPushBudget(c1, 2, today);
    const b2 = createRedisPushBudget(c2, 2, today);
    expect(await b1.take()).toBe(true);
    expect(await b2.take()).toBe(true);
    expect(await b1.take()).toBe(false);
    expect(await b2.take()).toBe(false);
    // Another day has its own count, and the key expires by itself.
    expect(await createRedisPushBudget(c1, 2, () => '2024-06-02').take()).toBe(true);
    expect(await admin.ttl('ageo:push:2024-06-01')).toBeGreaterThan(0);
  });

  // Last: it restarts the server.
  test('Redis down: accept rejects and healthy() is false; after Redis is back it works again', async () => {
    const a = await instance('A');
    a.start();
    expect(a.inbox.healthy()).toBe(true);
    expect(await a.inbox.accept([textEvent('ev-before')])).toBe(1);
    await until(() => a.got.length === 1);

    await redis.stop(true);
    await expect(a.inbox.accept([textEvent('ev-1')])).rejects.toThrow();
    await until(() => !a.inbox.healthy(), 2000, 'unhealthy');

    await redis.restart();
    await until(() => a.client.isReady && a.reader.isReady && admin.isReady, 5000, 'reconnection');
    expect(a.inbox.healthy()).toBe(true);
    // The same event, sent again by LINE after our 500, is accepted now (Redis came back empty).
    expect(await a.inbox.accept([textEvent('ev-1')])).toBe(1);
    await until(() => a.got.length === 2, 4000, 'the answer after the restart');
    expect(a.got.map((e) => e.id)).toEqual(['ev-before', 'ev-1']);
  });
});
