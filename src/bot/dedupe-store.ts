/**
 * Remembers which webhook events were already accepted, so that a redelivered or duplicated
 * event (same webhookEventId) is answered once. Behind an interface so several instances can
 * share one store (e.g. Redis SET NX EX) later.
 */
export interface DedupeStore {
  /** Records the id; true when it was new, false when it had been seen within the TTL. */
  firstSeen(id: string): Promise<boolean>;
}

export interface MemoryDedupeOptions {
  /** How long an id is remembered. LINE's redelivery window is not published; 10 min covers it. */
  ttlMs: number;
  /** Most ids kept; the oldest are forgotten first. Bounds memory under any load. */
  maxEntries: number;
  now?: () => number;
}

export const DEDUPE_DEFAULTS: MemoryDedupeOptions = { ttlMs: 10 * 60_000, maxEntries: 50_000 };

/** In-process store: a Map in insertion order doubles as the expiry queue. */
export function createMemoryDedupeStore(opts: MemoryDedupeOptions = DEDUPE_DEFAULTS): DedupeStore {
  const now = opts.now ?? Date.now;
  const seen = new Map<string, number>();
  const evict = (t: number): void => {
    for (const [id, expires] of seen) {
      if (expires > t && seen.size <= opts.maxEntries) break;
      seen.delete(id);
    }
  };
  return {
    firstSeen(id) {
      const t = now();
      evict(t);
      const expires = seen.get(id);
      if (expires !== undefined && expires > t) return Promise.resolve(false);
      seen.delete(id);
      seen.set(id, t + opts.ttlMs);
      evict(t);
      return Promise.resolve(true);
    },
  };
}
