import { createMemoryDedupeStore } from '../../src/bot/dedupe-store';

describe('memory dedupe store', () => {
  test('an id is new once within the TTL, and new again after it', () => {
    let t = 0;
    const store = createMemoryDedupeStore({ ttlMs: 1000, maxEntries: 10, now: () => t });
    expect(store.firstSeen('a')).toBe(true);
    expect(store.firstSeen('a')).toBe(false);
    t = 999;
    expect(store.firstSeen('a')).toBe(false);
    t = 1001;
    expect(store.firstSeen('a')).toBe(true);
  });
  test('keeps at most maxEntries ids, forgetting the oldest', () => {
    const store = createMemoryDedupeStore({ ttlMs: 60_000, maxEntries: 3, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) expect(store.firstSeen(id)).toBe(true);
    expect(store.firstSeen('d')).toBe(false);
    expect(store.firstSeen('a')).toBe(true);
  });
});
