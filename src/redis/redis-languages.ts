import type { LanguageStore } from '../bot/handler-context';
import type { Lang } from '../matching/language';
import type { RedisClient } from './redis-client';

/**
 * People's reply languages shared by every instance: `ageo:lang:<hashed user id>` → `ja` | `en`,
 * forgotten after 30 days without use (LINE is asked again then). Nothing else about the person.
 */
export const LANGUAGE_KEY_PREFIX = 'ageo:lang:';
export const LANGUAGE_TTL_S = 30 * 86_400;

export function createRedisLanguageStore(client: RedisClient): LanguageStore {
  const key = (userKey: string): string => LANGUAGE_KEY_PREFIX + userKey;
  return {
    async get(userKey) {
      const v = await client.getEx(key(userKey), { type: 'EX', value: LANGUAGE_TTL_S });
      return v === 'en' || v === 'ja' ? (v as Lang) : undefined;
    },
    async set(userKey, lang) {
      await client.set(key(userKey), lang, { expiration: { type: 'EX', value: LANGUAGE_TTL_S } });
    },
    async delete(userKey) {
      await client.del(key(userKey));
    },
  };
}
