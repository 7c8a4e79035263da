import { randomBytes } from 'node:crypto';
import { RedisStore } from 'connect-redis';
import type session from 'express-session';
import type { ConsoleSessions } from '../console/web/security';
import type { RedisClient } from './redis-client';

/**
 * Staff console sessions shared by every instance that serves the console (REDIS_URL): the
 * sessions in Redis (connect-redis, `ageo:sess:<session id>`, expiring with the cookie: 8 hours
 * of idleness), and the key that signs the session cookie in `ageo:console:cookie-secret`, made
 * by the first instance that asks (SET NX) and read by the others. Without the same key, an
 * instance would refuse the cookie another one signed.
 *
 * Whoever can read Redis can read the sessions and the key alike (and could write a session
 * without the key): Redis must be as private as CONSOLE_DIR. If Redis loses its data (no
 * persistence), staff log in again; the instances started before keep the old key until they
 * restart, so keep persistence on (or restart the instances together).
 *
 * With Redis down, console requests fail with the console's error page (500) until it is back.
 */
export const SESSION_KEY_PREFIX = 'ageo:sess:';
export const COOKIE_SECRET_KEY = 'ageo:console:cookie-secret';

/** An express-session store in Redis (keys `ageo:sess:<session id>`). */
export function createRedisSessionStore(client: RedisClient): session.Store {
  return new RedisStore({ client, prefix: SESSION_KEY_PREFIX });
}

/** The cookie-signing key every instance shares: made once (SET NX), then read. */
export async function sharedCookieSecret(client: RedisClient): Promise<string> {
  await client.set(COOKIE_SECRET_KEY, randomBytes(32).toString('hex'), { condition: 'NX' });
  const secret = await client.get(COOKIE_SECRET_KEY);
  if (!secret) throw new Error(`console sessions: Redis has no ${COOKIE_SECRET_KEY} right after setting it`);
  return secret;
}

/** Console sessions in Redis, for ConsoleDeps.sessions. */
export function createRedisConsoleSessions(client: RedisClient): ConsoleSessions {
  return { store: createRedisSessionStore(client), secret: () => sharedCookieSecret(client) };
}
