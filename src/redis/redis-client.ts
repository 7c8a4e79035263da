import { createClient } from 'redis';
import type { Logger } from '../log';

/**
 * The one way the bot talks to Redis (node-redis). Commands fail at once while the connection
 * is down (no offline queue): a webhook must be answered 500 then, so that LINE redelivers, not
 * be held while its 200 is owed. The client reconnects by itself with a growing delay.
 */
export type RedisClient = ReturnType<typeof buildClient>;

function buildClient(url: string, name: string | undefined, commandTimeoutMs: number) {
  return createClient({
    url,
    ...(name ? { name } : {}),
    disableOfflineQueue: true,
    commandOptions: { timeout: commandTimeoutMs },
    socket: {
      connectTimeout: 3000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  });
}

export interface RedisClientOptions {
  /** Told once per change between connected and not (for /healthz and the log). */
  onReady?(ready: boolean): void;
  /** How long one command may take before it fails (ms). */
  commandTimeoutMs?: number;
  /** A name shown by CLIENT LIST (which instance / which part). */
  name?: string;
}

export const REDIS_COMMAND_TIMEOUT_MS = 3000;

export function createRedisClient(url: string, logger: Logger, opts: RedisClientOptions = {}): RedisClient {
  const client = buildClient(url, opts.name, opts.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS);
  let ready = false;
  const set = (now: boolean): void => {
    if (now === ready) return;
    ready = now;
    opts.onReady?.(now);
  };
  client.on('ready', () => set(true));
  client.on('end', () => set(false));
  client.on('reconnecting', () => set(false));
  let lastError = '';
  client.on('error', (err: Error) => {
    set(false);
    // Logged once per kind of failure, not on every reconnect attempt.
    if (err.message !== lastError) logger.error({ err, redis: opts.name }, 'redis: connection problem');
    lastError = err.message;
  });
  client.on('ready', () => {
    if (lastError) logger.info({ redis: opts.name }, 'redis: connected again');
    lastError = '';
  });
  return client;
}
