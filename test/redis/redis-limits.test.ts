import { REPLY_LIMITS } from '../../src/bot/reply-limits';
import { createRedisReplyLimits } from '../../src/redis/redis-limits';
import { limitRules } from '../helpers/limit-rules';
import { useTestRedis } from '../helpers/redis-fixture';
import { describeWithRedis } from '../helpers/redis-server';

describeWithRedis('reply limits in Redis (per sender, per group or room, shared by the instances)', () => {
  const fx = useTestRedis();
  limitRules((opts = {}) => {
    const windowMs = opts.windowMs ?? REPLY_LIMITS.windowMs;
    return {
      limits: createRedisReplyLimits(fx.client, { ...REPLY_LIMITS, ...opts }),
      passWindow: () => new Promise((r) => setTimeout(r, windowMs + 100)),
    };
  });

  test('two instances answering one group at once stay within its budget together', async () => {
    const other = await fx.connect();
    const a = createRedisReplyLimits(fx.client);
    const b = createRedisReplyLimits(other);
    const got = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take(`member-${i}`, 'group-1')));
    expect(got.filter((d) => d === 'ok')).toHaveLength(REPLY_LIMITS.perConversation);
    const alice = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).take('alice', null)));
    expect(alice.filter((d) => d === 'ok')).toHaveLength(REPLY_LIMITS.perSender);
    expect(alice.filter((d) => d === 'notify')).toHaveLength(1);
  });

  test('keys hold only the hashes passed in, under ageo:limits:, and expire with the window', async () => {
    const l = createRedisReplyLimits(fx.client);
    await l.take('hash-of-sender', 'hash-of-group');
    expect((await fx.client.keys('*')).sort()).toEqual(['ageo:limits:c:hash-of-group', 'ageo:limits:s:hash-of-sender']);
    const ttl = await fx.client.pTTL('ageo:limits:s:hash-of-sender');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(REPLY_LIMITS.windowMs);
  });

  test('Redis down: take() rejects quickly (the event fails and is logged); back up: counts again', async () => {
    const l = createRedisReplyLimits(fx.client);
    await fx.kill();
    const started = Date.now();
    await expect(l.take('alice', null)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    await fx.redis.restart();
    await fx.ready();
    expect(await l.take('alice', null)).toBe('ok'); // the script is loaded again (NOSCRIPT → EVAL)
  });
});
