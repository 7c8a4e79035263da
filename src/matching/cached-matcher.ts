import type { MatchResult, Matcher } from './matcher';

/**
 * Remembers the latest answers by question text. Citizens ask the same short questions again and
 * again (防災, ワクチン), especially after a broadcast, so most questions skip matching. Bounded
 * (least recently used first out); a new data set gets a new matcher and so an empty cache.
 */
export const MATCH_CACHE_SIZE = 2000;

export function withMatchCache(matcher: Matcher, size = MATCH_CACHE_SIZE): Matcher {
  const cache = new Map<string, MatchResult>();
  return {
    match(question) {
      const hit = cache.get(question);
      if (hit) {
        cache.delete(question);
        cache.set(question, hit);
        return hit;
      }
      const result = matcher.match(question);
      cache.set(question, result);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return result;
    },
  };
}
