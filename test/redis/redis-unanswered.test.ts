import { createRedisUnansweredLog, UNANSWERED_KEY, unansweredFromRedis } from '../../src/redis/redis-unanswered';
import { useTestRedis } from '../helpers/redis-fixture';
import { describeWithRedis } from '../helpers/redis-server';

/** The rules shared with the file log are in test/stats/unanswered-log.test.ts; here what Redis adds. */
describeWithRedis('unanswered questions in Redis', () => {
  const fx = useTestRedis();

  test('two instances record into one log; the reader sees both, new records and prunes', async () => {
    let now = new Date('2026-06-01T00:00:00Z');
    const a = createRedisUnansweredLog(fx.client, { now: () => now });
    const b = createRedisUnansweredLog(await fx.connect(), { now: () => now });
    const read = unansweredFromRedis(fx.client);
    await a.record('一つ目', 'not-found');
    await b.record('二つ目', 'suggest');
    expect((await read()).map((r) => r.q)).toEqual(['一つ目', '二つ目']);
    now = new Date('2026-12-01T00:00:00Z');
    await b.record('三つ目', 'not-found');
    expect((await read()).map((r) => r.q)).toEqual(['一つ目', '二つ目', '三つ目']);
    expect(await a.prune()).toBe(2);
    expect((await read()).map((r) => r.q)).toEqual(['三つ目']);
    expect(await fx.client.type(UNANSWERED_KEY)).toBe('stream');
    await Promise.all([a.close(), b.close()]);
  });

  test('Redis stopped: record() rejects at once (no crash); after a restart it records again', async () => {
    const errors: unknown[] = [];
    const log = createRedisUnansweredLog(fx.client, { onError: (e) => errors.push(e) });
    await log.record('止まる前', 'not-found');
    await fx.kill();
    const started = Date.now();
    await expect(log.record('止まっている間', 'not-found')).rejects.toThrow();
    await expect(log.prune()).rejects.toThrow();
    await expect(unansweredFromRedis(fx.client)()).rejects.toThrow(
      /unanswered questions from Redis \(ageo:unanswered\)/u,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    // A log made while Redis is down tells onError about its first prune; it does not throw.
    const late = createRedisUnansweredLog(fx.client, { onError: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 50));
    expect(errors.length).toBeGreaterThan(0);
    await fx.redis.restart(); // empty: a Redis without persistence
    await fx.ready();
    await log.record('戻った後', 'suggest');
    expect((await unansweredFromRedis(fx.client)()).map((r) => r.q)).toEqual(['戻った後']);
    await Promise.all([log.close(), late.close()]);
  });
});
