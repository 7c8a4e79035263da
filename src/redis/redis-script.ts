import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client';

/**
 * A Lua script run by its SHA (EVALSHA), loaded again by EVAL when Redis does not know it (after
 * a restart or a failover). A script runs atomically: what several instances do to the same keys
 * is never interleaved.
 */
export type RedisScript = (client: RedisClient, keys: string[], args: (string | number)[]) => Promise<unknown>;

export function defineRedisScript(source: string): RedisScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (client, keys, args) => {
    const options = { keys, arguments: args.map(String) };
    try {
      return await client.evalSha(sha, options);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(source, options);
    }
  };
}

/** An error that says what could not be read from Redis, and where (the key). */
export function redisReadError(what: string, key: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`could not read ${what} from Redis (${key}): ${reason}`, { cause });
}
