/**
 * A per-citizen limit on how many messages the bot answers (abuse, runaway clients): within a
 * window, the first message over the limit gets one polite reply, the rest get none until the
 * window has passed. Bounded memory: the oldest keys are forgotten past `maxKeys`.
 */
export type RateDecision = 'ok' | 'limited-first' | 'limited';

export interface RateLimiter {
  hit(key: string): RateDecision;
}

export const RATE_LIMIT = { limit: 20, windowMs: 60_000, maxKeys: 100_000 } as const;

export function createRateLimiter(
  opts: { limit: number; windowMs: number; maxKeys: number; now?: () => number } = RATE_LIMIT,
): RateLimiter {
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= opts.windowMs) {
        windows.delete(key);
        w = { start: t, count: 0 };
        windows.set(key, w);
        if (windows.size > opts.maxKeys) windows.delete(windows.keys().next().value!);
      }
      w.count++;
      if (w.count <= opts.limit) return 'ok';
      return w.count === opts.limit + 1 ? 'limited-first' : 'limited';
    },
  };
}
