import { createMemoryDedupeStore } from '../../src/bot/dedupe-store';

describe('memory dedupe store', () => {
  test('an id is new once within the TTL, and new again after it', async () => {
    let t = 0;
    const store = createMemoryDedupeStore({ ttlMs: 1000, maxEntries: 10, now: () => t });
    expect(await store.firstSeen('a')).toBe(true);
    expect(await store.firstSeen('a')).toBe(false);
    t = 999;
    expect(await store.firstSeen('a')).toBe(false);
    t = 1001;
    expect(await store.firstSeen('a')).toBe(true);
  });
  test('keeps at most maxEntries ids, forgetting the oldest', async () => {
    const store = createMemoryDedupeStore({ ttlMs: 60_000, maxEntries: 3, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) expect(await store.firstSeen(id)).toBe(true);
    expect(await store.firstSeen('d')).toBe(false);
    expect(await store.firstSeen('a')).toBe(true);
  });
});
