import { createRedisClient } from '../../src/redis/redis-client';
import { createSilentLogger } from '../../src/log';
import { describeWithRedis, startRedis, type TestRedis } from '../helpers/redis-server';

describeWithRedis('the Redis client (against a real redis-server)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  test('connects, fails fast while Redis is down, and reconnects by itself', async () => {
    const states: boolean[] = [];
    const client = createRedisClient(redis.url, createSilentLogger(), { onReady: (r) => states.push(r) });
    await client.connect();
    expect(await client.ping()).toBe('PONG');
    await redis.stop(true);
    await expect(client.set('k', 'v')).rejects.toThrow();
    await redis.restart();
    for (let i = 0; i < 100 && !client.isReady; i++) await new Promise((r) => setTimeout(r, 50));
    expect(client.isReady).toBe(true);
    expect(await client.set('k', 'v')).toBe('OK');
    expect(states).toEqual([true, false, true]);
    client.destroy();
  });
});
