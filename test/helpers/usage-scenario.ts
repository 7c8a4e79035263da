import { shiftDay } from '../../src/stats/usage-report';
import { createFileUsageStore, type UsageStore } from '../../src/stats/usage-store';

/** A moment on a Japan day: `at('2026-11-02', '00:30')` is 2026-11-01T15:30Z. */
export const at = (day: string, hhmm = '12:00'): Date => new Date(`${day}T${hhmm}:00+09:00`);

/** Opens a usage store whose clock says `now` (the file store, or the Redis one). */
export type OpenUsageStore = (now: () => Date) => UsageStore;

/** The real file store in `dir`. */
export const fileUsageStore =
  (dir: string): OpenUsageStore =>
  (now) =>
    createFileUsageStore(dir, { now, flushMs: 60_000 });

/** Counts what `act` does as if it happened at `when`, through a real store (the file store in `dir`). */
export async function recordUsage(
  dir: string | OpenUsageStore,
  when: Date,
  act: (store: UsageStore) => void | Promise<void>,
): Promise<void> {
  const store = (typeof dir === 'string' ? fileUsageStore(dir) : dir)(() => when);
  await act(store);
  await store.close();
}

/**
 * The named usage scenario of the report and console tests, around the Japan day `day0`:
 *
 * - day0 − 3: one answer with item health-01 (left out by `--since day0`);
 * - day0 (00:30 in Japan, still the day before in UTC): 10 questions — area ×2 (disaster), items ×3
 *   (health-09 each time, health-01 once), suggest, not-found ×2, small talk, menu; taps: disaster
 *   ×2, help; votes: health-09 👍 1 and 👎 1 (答えが違う), disaster 👎 2 (情報が足りない, and a 👍
 *   changed into a 👎 その他, so it counts once, as a 👎);
 * - day0 + 1: nothing (a gap);
 * - day0 + 2 (23:50 in Japan): items (health-09), not-found; taps: covid and a tile the menu no
 *   longer has.
 */
export async function fillUsageScenario(dir: string | OpenUsageStore, day0: string): Promise<void> {
  await recordUsage(dir, at(shiftDay(day0, -3)), (s) => s.question('items', ['item:health-01']));
  await recordUsage(dir, at(day0, '00:30'), async (s) => {
    s.question('area', ['area:disaster']);
    s.question('area', ['area:disaster']);
    s.question('items', ['item:health-09', 'item:health-01']);
    s.question('items', ['item:health-09']);
    s.question('items', ['item:health-09']);
    s.question('suggest', []);
    s.question('not-found', []);
    s.question('not-found', []);
    s.question('smalltalk', []);
    s.question('menu', []);
    s.tap('disaster');
    s.tap('disaster');
    s.tap('help');
    await s.rememberReply('r1', { q: '健康アプリはありますか', targets: ['item:health-09'] });
    await s.vote('voter-1', 'r1', [], 'up');
    await s.vote('voter-2', 'r1', [], 'down', 'wrong');
    await s.rememberReply('r2', { q: '防災', targets: ['area:disaster'] });
    await s.vote('voter-1', 'r2', [], 'down', 'missing');
    await s.vote('voter-3', 'r2', [], 'up');
    await s.vote('voter-3', 'r2', [], 'down', 'other');
  });
  await recordUsage(dir, at(shiftDay(day0, 2), '23:50'), (s) => {
    s.question('items', ['item:health-09']);
    s.question('not-found', []);
    s.tap('covid');
    s.tap('retired-tile');
  });
}

/** Questions as residents type them (already free of personal details). */
const SAMPLE_QUESTIONS = [
  'がん検診の助成はありますか',
  '健康アプリのポイントは何に使えますか',
  '子どもの医療費はいつまで無料?',
];

/**
 * A believable month for screenshots, ending on the Japan day `lastDay`: weekdays busier than
 * weekends, most questions answered, a few unsure or not found, taps on the menu, and votes with
 * reasons on a handful of items. Deterministic (a fixed pseudo-random sequence).
 */
export async function fillUsageMonth(
  dir: string,
  lastDay: string,
  itemIds: readonly string[],
  areaIds: readonly string[],
): Promise<void> {
  let seed = 20261201;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  // A few items residents ask about much more than the rest.
  const popular = itemIds.filter((_, i) => i % 9 === 2).slice(0, 8);
  for (let back = 29; back >= 0; back--) {
    const day = shiftDay(lastDay, -back);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const busy = weekday === 0 || weekday === 6 ? 8 : 18;
    await recordUsage(dir, at(day, '10:00'), async (s) => {
      const n = busy + rand(12);
      for (let i = 0; i < n; i++) {
        const r = rand(100);
        if (r < 38) s.question('items', [`item:${popular[rand(popular.length)]!}`]);
        else if (r < 52)
          s.question('items', [`item:${itemIds[rand(itemIds.length)]!}`, `item:${itemIds[rand(itemIds.length)]!}`]);
        else if (r < 68) s.question('area', [`area:${areaIds[rand(areaIds.length)]!}`]);
        else if (r < 78) s.question('suggest', []);
        else if (r < 86) s.question('not-found', []);
        else if (r < 94) s.question('smalltalk', []);
        else s.question('menu', []);
      }
      for (let i = rand(10) + 3; i > 0; i--) s.tap(rand(5) ? areaIds[rand(areaIds.length)]! : 'help');
      for (let v = 0; v < 3; v++) {
        const target = `item:${popular[rand(4)]!}`;
        const ref = `${day}-${v}`;
        await s.rememberReply(ref, { q: SAMPLE_QUESTIONS[rand(SAMPLE_QUESTIONS.length)]!, targets: [target] });
        const down = rand(100) < 30;
        await s.vote(
          `voter-${v}`,
          ref,
          [],
          down ? 'down' : 'up',
          down ? (['wrong', 'missing', 'other'] as const)[rand(3)] : undefined,
        );
      }
    });
  }
}
