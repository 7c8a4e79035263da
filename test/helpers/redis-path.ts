import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where redis-server is: REDIS_SERVER_PATH, Debian's place, or PATH; null when absent. */
export function redisServerPath(): string | null {
  const candidates = [process.env.REDIS_SERVER_PATH, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter))
    if (dir) candidates.push(path.join(dir, 'redis-server'));
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}
