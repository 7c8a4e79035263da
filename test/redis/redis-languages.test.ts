import { createRedisClient, type RedisClient } from '../../src/redis/redis-client';
import { createRedisLanguageStore, LANGUAGE_KEY_PREFIX } from '../../src/redis/redis-languages';
import { createSilentLogger } from '../../src/log';
import { describeWithRedis, startRedis, type TestRedis } from '../helpers/redis-server';

describeWithRedis('people’s languages in Redis (shared by instances)', () => {
  let redis: TestRedis;
  let a: RedisClient;
  let b: RedisClient;
  beforeAll(async () => {
    redis = await startRedis();
    a = createRedisClient(redis.url, createSilentLogger());
    b = createRedisClient(redis.url, createSilentLogger());
    await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(async () => {
    a.destroy();
    b.destroy();
    await redis.stop();
  });

  test('set on one instance, read on another, deleted at unfollow; keyed by the hashed id only, with an expiry', async () => {
    const onA = createRedisLanguageStore(a);
    const onB = createRedisLanguageStore(b);
    expect(await onB.get('hash-1')).toBeUndefined();
    await onA.set('hash-1', 'en');
    expect(await onB.get('hash-1')).toBe('en');
    expect(await a.keys(`${LANGUAGE_KEY_PREFIX}*`)).toEqual([`${LANGUAGE_KEY_PREFIX}hash-1`]);
    expect(await a.ttl(`${LANGUAGE_KEY_PREFIX}hash-1`)).toBeGreaterThan(86_400);
    await onB.delete('hash-1');
    expect(await onA.get('hash-1')).toBeUndefined();
  });
});
