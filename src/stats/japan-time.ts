/**
 * Japan time (Asia/Tokyo, UTC+9 all year: Japan has no daylight saving time) for what staff read
 * and type: `--since 2026-11-01` means midnight in Japan, and report times are shown in Japan
 * time. Stored records keep UTC ISO timestamps (`2026-12-01T09:05:00.000Z`).
 */
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** Midnight in Japan at the start of `day` (YYYY-MM-DD); undefined when it is not such a date. */
export function japanMidnight(day: string): Date | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const date = new Date(`${day}T00:00:00+09:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  // Refuse dates that roll over (2026-02-30).
  return formatJapanTime(date).startsWith(day) ? date : undefined;
}

/** A moment as Japan time, minutes precision: "2026-12-01 18:05" (from a Date or an ISO string). */
export function formatJapanTime(at: Date | string): string {
  const t = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(t.getTime())) return String(at);
  return new Date(t.getTime() + JAPAN_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Japan date of a moment: "2026-12-01" (the day a count belongs to). */
export function japanDay(at: Date): string {
  return new Date(at.getTime() + JAPAN_OFFSET_MS).toISOString().slice(0, 10);
}
