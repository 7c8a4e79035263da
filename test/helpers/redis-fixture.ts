import { createSilentLogger } from '../../src/log';
import { createRedisClient, type RedisClient } from '../../src/redis/redis-client';
import { startRedis, type TestRedis } from './redis-server';

export interface RedisFixture {
  readonly redis: TestRedis;
  /** A connected client (another "instance": fixture.connect()). */
  readonly client: RedisClient;
  /** One more connected client, destroyed after the tests of the block. */
  connect(): Promise<RedisClient>;
  /** Waits until every client is connected again (after redis.restart()). */
  ready(): Promise<void>;
  /** Kills redis-server (as when its machine dies) and waits until the clients know. */
  kill(): Promise<void>;
}

/**
 * A real redis-server and a connected client for the tests of one describe block (call it inside
 * describeWithRedis): started once for the block, emptied before each test, stopped after.
 */
export function useTestRedis(): RedisFixture {
  let redis: TestRedis | null = null;
  const clients: RedisClient[] = [];
  const connect = async (): Promise<RedisClient> => {
    const c = createRedisClient(redis!.url, createSilentLogger(), { commandTimeoutMs: 1000 });
    clients.push(c);
    await c.connect();
    return c;
  };
  beforeAll(async () => {
    redis = await startRedis();
    await connect();
  });
  beforeEach(async () => {
    await fixture.ready();
    await clients[0]!.flushAll();
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await redis?.stop();
  });
  const fixture: RedisFixture = {
    get redis() {
      return redis!;
    },
    get client() {
      return clients[0]!;
    },
    connect,
    async kill() {
      await redis!.stop(true);
      for (let i = 0; i < 200 && clients.some((c) => c.isReady); i++) await new Promise((r) => setTimeout(r, 10));
    },
    async ready() {
      for (let i = 0; i < 200 && clients.some((c) => !c.isReady); i++) await new Promise((r) => setTimeout(r, 25));
      if (clients.some((c) => !c.isReady)) throw new Error('Redis clients did not reconnect within 5 s');
    },
  };
  return fixture;
}
