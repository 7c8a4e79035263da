import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main as reportFeedback } from '../../src/cli/report-feedback';
import { main as reportUsage } from '../../src/cli/report-usage';
import { runReport as reportUnanswered } from '../../src/cli/report-unanswered';
import { createRedisUnansweredLog } from '../../src/redis/redis-unanswered';
import { createRedisUsageReader, createRedisUsageStore, USAGE_KEYS } from '../../src/redis/redis-usage';
import { createUnansweredLog } from '../../src/stats/unanswered-log';
import { createFileUsageReader, type UnhelpfulAnswer } from '../../src/stats/usage-store';
import { FROZEN_DATA_DIR } from '../helpers/paths';
import { useTestRedis } from '../helpers/redis-fixture';
import { describeWithRedis } from '../helpers/redis-server';
import { fillUsageScenario } from '../helpers/usage-scenario';

/** The rules shared with the file store are in test/stats/usage-store.test.ts; here what Redis adds. */
describeWithRedis('usage in Redis', () => {
  const fx = useTestRedis();
  let root: string;
  let t: Date;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'redis-usage-'));
    t = new Date('2026-12-01T03:00:00Z');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const store = (client = fx.client) => createRedisUsageStore(client, { now: () => t, flushMs: 60_000 });

  test('the same scenario gives the same counts and 👎 answers as the file store', async () => {
    const usageDir = path.join(root, 'usage');
    await fillUsageScenario(usageDir, '2026-11-02');
    await fillUsageScenario((now) => createRedisUsageStore(fx.client, { now, flushMs: 60_000 }), '2026-11-02');
    const file = createFileUsageReader(usageDir);
    const redis = createRedisUsageReader(fx.client);
    expect(await redis.days()).toEqual(await file.days());
    expect(await redis.days({ since: '2026-11-02', until: '2026-11-03' })).toEqual(
      await file.days({ since: '2026-11-02', until: '2026-11-03' }),
    );
    // Newest first; answers given in the same millisecond may come in either order.
    const noId = (u: UnhelpfulAnswer[]) => u.map(({ id: _id, ...rest }) => JSON.stringify(rest)).sort();
    expect(noId(await redis.unhelpful())).toEqual(noId(await file.unhelpful()));
    expect((await redis.unhelpful()).length).toBe(3);
  });

  test('report:usage and report:feedback read Redis when REDIS_URL is set, with the same CSV', async () => {
    const usageDir = path.join(root, 'usage');
    await fillUsageScenario(usageDir, '2026-11-02');
    await fillUsageScenario((now) => createRedisUsageStore(fx.client, { now, flushMs: 60_000 }), '2026-11-02');
    for (const main of [reportUsage, reportFeedback]) {
      const run = async (env: NodeJS.ProcessEnv) => {
        let out = '';
        let err = '';
        const code = await main(
          ['--since', '2026-11-01'],
          { USAGE_DIR: usageDir, DATA_DIR: FROZEN_DATA_DIR, ...env },
          (s) => (out += s),
          (s) => (err += s),
        );
        return { code, out, err };
      };
      const fromFile = await run({});
      const fromRedis = await run({ REDIS_URL: fx.redis.url });
      expect(fromRedis.code).toBe(0);
      expect(fromRedis.out).toBe(fromFile.out);
      expect(fromRedis.err).toContain(`Redis redis://127.0.0.1:${fx.redis.port}`);
    }
  });

  test('report:unanswered reads Redis when REDIS_URL is set; an unreachable Redis is a clear error', async () => {
    const file = path.join(root, 'u.jsonl');
    const now = () => new Date('2026-11-02T12:00:00Z');
    const fileLog = createUnansweredLog(file, { now });
    const redisLog = createRedisUnansweredLog(fx.client, { now });
    for (const log of [fileLog, redisLog]) {
      await log.record('新しい質問', 'suggest');
      await log.record('新しい質問', 'not-found');
      await log.close();
    }
    const run = async (env: NodeJS.ProcessEnv) => {
      let out = '';
      let err = '';
      const code = await reportUnanswered(
        ['--since', '2026-11-01'],
        { UNANSWERED_LOG: file, ...env },
        (s) => (out += s),
        (s) => (err += s),
      );
      return { code, out, err };
    };
    const fromFile = await run({});
    const fromRedis = await run({ REDIS_URL: fx.redis.url });
    expect(fromRedis).toEqual({
      code: 0,
      out: fromFile.out,
      err: expect.stringContaining('2 件') as unknown as string,
    });
    expect(fromRedis.out).toContain('"2","新しい質問","1","1"');
    await expect(run({ REDIS_URL: 'redis://:secret-pass@127.0.0.1:1' })).rejects.toThrow(
      /^Redis \(redis:\/\/127\.0\.0\.1:1\) に 5 秒以内に接続できませんでした/u,
    );
  }, 20_000);

  test('Redis keeps hashes and masked questions only; votes and replies expire within 24 hours', async () => {
    const s = store();
    s.question('items', ['item:health-09']);
    await s.rememberReply('ref-hash', { q: '健康アプリ〔電話番号〕', targets: ['item:health-09'] });
    await s.vote('voter-hash', 'ref-hash', [], 'down', 'wrong');
    await s.close();
    expect((await fx.client.keys('*')).sort()).toEqual(
      [
        USAGE_KEYS.day('2026-12-01'),
        USAGE_KEYS.days,
        USAGE_KEYS.reply('ref-hash'),
        USAGE_KEYS.unhelpful,
        USAGE_KEYS.unhelpfulByTime,
        USAGE_KEYS.vote('voter-hash', 'ref-hash'),
      ].sort(),
    );
    for (const key of [USAGE_KEYS.vote('voter-hash', 'ref-hash'), USAGE_KEYS.reply('ref-hash')]) {
      const ttl = await fx.client.pTTL(key);
      expect([key, ttl > 0 && ttl <= 24 * 60 * 60_000]).toEqual([key, true]);
    }
    expect(await fx.client.pTTL(USAGE_KEYS.day('2026-12-01'))).toBe(-1);
  });

  test('two instances changing one vote at once count it once', async () => {
    const a = store();
    const b = store(await fx.connect());
    const targets = ['item:x'];
    for (let round = 0; round < 20; round++)
      await Promise.all([
        a.vote('voter', `ref-${round}`, targets, 'down', 'wrong'),
        b.vote('voter', `ref-${round}`, targets, 'up'),
        a.vote('voter', `ref-${round}`, targets, 'down'),
      ]);
    await Promise.all([a.close(), b.close()]);
    const counts = (await createRedisUsageReader(fx.client).days())[0]?.counts ?? {};
    const up = counts['up:item:x'] ?? 0;
    const down = counts['down:item:x'] ?? 0;
    expect(up + down).toBe(20);
    // The 👎 records match the 👎 votes left standing; reasons were never counted for 👍.
    expect((await createRedisUsageReader(fx.client).unhelpful()).length).toBe(down);
    expect(counts['why:wrong:item:x'] ?? 0).toBeLessThanOrEqual(down);
    expect(Object.values(counts).every((n) => n >= 0)).toBe(true);
  });

  test('Redis down: counts wait in memory and go once it is back; votes and reads reject; nothing crashes', async () => {
    const errors: unknown[] = [];
    const s = createRedisUsageStore(fx.client, { now: () => t, flushMs: 20, onError: (e) => errors.push(e) });
    await fx.kill();
    s.question('items', ['item:health-09']);
    s.tap('disaster');
    const started = Date.now();
    await expect(s.flush()).rejects.toThrow();
    await expect(s.rememberReply('r', { q: '', targets: [] })).rejects.toThrow();
    await expect(s.vote('v', 'r', ['item:x'], 'up')).rejects.toThrow();
    await expect(createRedisUsageReader(fx.client).days()).rejects.toThrow(/usage counters from Redis/u);
    await expect(createRedisUsageReader(fx.client).unhelpful()).rejects.toThrow(
      /unhelpful answers from Redis \(ageo:usage:unhelpful\)/u,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 100));
    expect(errors.length).toBeGreaterThan(0); // the background flush told onError
    await fx.redis.restart();
    await fx.ready();
    s.question('items', ['item:health-09']);
    await s.close();
    expect(await createRedisUsageReader(fx.client).days()).toEqual([
      { day: '2026-12-01', counts: { 'q:items': 2, 'ans:item:health-09': 2, 'tap:disaster': 1 } },
    ]);
  });
});
