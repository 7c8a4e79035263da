import { createSilentLogger } from '../log';
import { createRedisClient, type RedisClient } from './redis-client';

/** How long a command-line tool waits for Redis before it gives up. */
export const TOOL_CONNECT_TIMEOUT_MS = 5000;

/** The address without its user and password (for messages). */
export function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'REDIS_URL';
  }
}

/**
 * Runs `use` with a Redis client for a one-off command (the reports), then closes it. The client
 * reconnects forever by itself, so the first connection is bounded here: an unreachable Redis is
 * an error that names the address (never the password), not a command that hangs.
 */
export async function withRedisForTool<T>(
  url: string,
  use: (client: RedisClient) => Promise<T>,
  timeoutMs = TOOL_CONNECT_TIMEOUT_MS,
): Promise<T> {
  const client = createRedisClient(url, createSilentLogger(), { name: 'ageo-tool' });
  let timer: NodeJS.Timeout | undefined;
  const connecting = client.connect();
  connecting.catch(() => undefined); // after a timeout, its own failure is no news
  try {
    await Promise.race([
      connecting,
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `Redis (${redisAddress(url)}) に ${timeoutMs / 1000} 秒以内に接続できませんでした。REDIS_URL と Redis が動いているかを確かめてください。`,
              ),
            ),
          timeoutMs,
        );
      }),
    ]);
    return await use(client);
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}
