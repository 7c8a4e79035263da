import type { Catalog } from '../pledges/catalog';
import { toExcelCsv } from './csv';
import { OUTCOMES, REASONS, type Outcome, type Reason, type Target } from './usage-store';

/**
 * What staff read from the usage store (stats/usage-store.ts): counters per Japan day turned into
 * rows (one per day, one per item or area answered) and those rows into CSV for Excel. Pure: the
 * commands (report:usage, report:feedback) and the console's 「利用状況」 page read the store and
 * the rich menu themselves and share everything here, so their numbers are the same.
 */

/** One day of counters, as UsageReader.days gives them. */
export interface DayCounts {
  /** The Japan date, YYYY-MM-DD. */
  day: string;
  counts: Record<string, number>;
}

/** A rich-menu tile as the tap counters name it: the area id, or 'help' (richmenu/definition.ts Tile). */
export interface UsageTile {
  kind: string;
  label: string;
}

/** How staff call each outcome (the chart's legend, the CSV's columns). */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  area: '分野で回答',
  items: '取組で回答',
  suggest: 'もしかして',
  'not-found': '見つからない',
  smalltalk: 'あいさつ',
  menu: 'メニュー',
};

/** The reasons residents give with a 👎, as the feedback buttons say them. */
export const REASON_LABELS: Readonly<Record<Reason, string>> = {
  wrong: '答えが違う',
  missing: '情報が足りない',
  other: 'その他',
};

/** Header of a tap column: 「タップ:」 and the tile's label in menu.json (ASCII colon). */
export const TAP_COLUMN_PREFIX = 'タップ:';

/** One day of the usage report. */
export interface UsageDay {
  day: string;
  /** Every question counted (all `q:*`, menu and small talk included). */
  questions: number;
  /** Answered with an area or items (`q:area` + `q:items`). */
  answered: number;
  outcomes: Record<Outcome, number>;
  /** Votes, counted once per item or area the voted answer showed (`up:*`, `down:*`). */
  up: number;
  down: number;
  /** Taps per tile, in the tiles' order. */
  taps: number[];
  /** Taps on tiles the menu no longer has (a tile renamed or removed since). */
  otherTaps: number;
}

/** A Japan date `n` days after (or before) `day`, both YYYY-MM-DD. */
export function shiftDay(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, inclusive (empty when `to` is before `from`). */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = shiftDay(d, 1)) out.push(d);
  return out;
}

const hasCounts = (d: DayCounts): boolean => Object.values(d.counts).some((n) => n !== 0);

/** The sum of `prefix*` counters. */
function sumOf(counts: Record<string, number>, prefix: string): number {
  let n = 0;
  for (const [k, v] of Object.entries(counts)) if (k.startsWith(prefix)) n += v;
  return n;
}

/**
 * One row per day. Without `from`/`to` the rows run from the first day with counts to the last,
 * days without counts in between included as zeros (so a chart in Excel keeps its time axis);
 * with them, every day of that range (the console's charts), days outside it left out.
 */
export function usageDays(
  days: readonly DayCounts[],
  tiles: readonly UsageTile[],
  range: { from?: string; to?: string } = {},
): UsageDay[] {
  const inRange = days.filter((d) => (!range.from || d.day >= range.from) && (!range.to || d.day <= range.to));
  const counted = inRange.filter(hasCounts);
  const from = range.from ?? counted[0]?.day;
  const to = range.to ?? counted[counted.length - 1]?.day;
  if (!from || !to) return [];
  const byDay = new Map(inRange.map((d) => [d.day, d.counts]));
  const known = new Set(tiles.map((t) => `tap:${t.kind}`));
  return dayRange(from, to).map((day) => {
    const c = byDay.get(day) ?? {};
    const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, c[`q:${o}`] ?? 0])) as Record<Outcome, number>;
    let otherTaps = 0;
    for (const [k, v] of Object.entries(c)) if (k.startsWith('tap:') && !known.has(k)) otherTaps += v;
    return {
      day,
      questions: sumOf(c, 'q:'),
      answered: outcomes.area + outcomes.items,
      outcomes,
      up: sumOf(c, 'up:'),
      down: sumOf(c, 'down:'),
      taps: tiles.map((t) => c[`tap:${t.kind}`] ?? 0),
      otherTaps,
    };
  });
}

/** The usage report as CSV for Excel (stats/csv.ts): one row per day (usageDays). */
export function usageCsv(rows: readonly UsageDay[], tiles: readonly UsageTile[]): string {
  const header = [
    '日付',
    '質問',
    '回答',
    ...OUTCOMES.map((o) => OUTCOME_LABELS[o]),
    '役に立った',
    '役に立たなかった',
    ...tiles.map((t) => `${TAP_COLUMN_PREFIX}${t.label}`),
    'その他のタップ',
  ];
  const body = rows.map((r) => [
    r.day,
    r.questions,
    r.answered,
    ...OUTCOMES.map((o) => r.outcomes[o]),
    r.up,
    r.down,
    ...r.taps,
    r.otherTaps,
  ]);
  return toExcelCsv([header, ...body]);
}

/** Every counter summed over the days. */
export function sumCounts(days: readonly DayCounts[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of days) for (const [k, v] of Object.entries(d.counts)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** What a target is, for people: its title and its area's label ('' when the data does not know it). */
export interface TargetInfo {
  title: string;
  area: string;
}

/** Titles and area labels from a catalog (the published data); none without one. */
export function describeTargets(catalog: Catalog | null): (target: Target) => TargetInfo {
  return (target) => {
    const { kind, id } = splitTarget(target) ?? { kind: '', id: '' };
    if (!catalog) return { title: '', area: '' };
    if (kind === 'area') {
      const area = catalog.findArea(id);
      return { title: area?.title ?? '', area: area?.label ?? '' };
    }
    const item = catalog.findItem(id);
    return { title: item?.title ?? '', area: item ? (catalog.findArea(item.category)?.label ?? '') : '' };
  };
}

/** `item:health-09` → { kind: 'item', id: 'health-09' }; null for anything else. */
export function splitTarget(target: string): { kind: 'item' | 'area'; id: string } | null {
  const m = /^(item|area):(.+)$/u.exec(target);
  return m ? { kind: m[1] as 'item' | 'area', id: m[2]! } : null;
}

/** What residents said of the answers that showed one item or area. */
export interface FeedbackRow {
  target: Target;
  kind: 'item' | 'area';
  /** The item id (health-09) or the area id (disaster). */
  id: string;
  title: string;
  area: string;
  /** Times it was shown in an answer (`ans:<target>`). */
  answered: number;
  up: number;
  down: number;
  reasons: Record<Reason, number>;
}

/**
 * One row per item or area that was answered or voted on, the most 👎 first (then the most
 * answered, then by id), so what needs fixing is at the top.
 */
export function feedbackRows(
  totals: Record<string, number>,
  describe: (target: Target) => TargetInfo = describeTargets(null),
): FeedbackRow[] {
  const rows = new Map<Target, FeedbackRow>();
  const row = (target: Target): FeedbackRow | null => {
    const found = rows.get(target);
    if (found) return found;
    const split = splitTarget(target);
    if (!split) return null;
    const reasons = Object.fromEntries(REASONS.map((r) => [r, 0])) as Record<Reason, number>;
    const made: FeedbackRow = { target, ...split, ...describe(target), answered: 0, up: 0, down: 0, reasons };
    rows.set(target, made);
    return made;
  };
  for (const [key, n] of Object.entries(totals)) {
    const m = /^(ans|up|down):(.+)$/u.exec(key);
    if (m) {
      const r = row(m[2]!);
      if (r) r[m[1] === 'ans' ? 'answered' : (m[1] as 'up' | 'down')] += n;
      continue;
    }
    const why = /^why:([^:]+):(.+)$/u.exec(key);
    const reason = why?.[1] as Reason | undefined;
    if (why && reason && REASONS.includes(reason)) {
      const r = row(why[2]!);
      if (r) r.reasons[reason] += n;
    }
  }
  return [...rows.values()]
    .filter((r) => r.answered || r.up || r.down)
    .sort((a, b) => b.down - a.down || b.answered - a.answered || a.target.localeCompare(b.target));
}

/** The feedback report as CSV for Excel: one row per item or area (feedbackRows). */
export function feedbackCsv(rows: readonly FeedbackRow[]): string {
  const header = [
    '取組ID',
    '種類',
    '分野',
    '題名',
    '回答した回数',
    '役に立った',
    '役に立たなかった',
    ...REASONS.map((r) => `理由:${REASON_LABELS[r]}`),
  ];
  const body = rows.map((r) => [
    r.id,
    r.kind === 'item' ? '取組' : '分野',
    r.area,
    r.title,
    r.answered,
    r.up,
    r.down,
    ...REASONS.map((k) => r.reasons[k]),
  ]);
  return toExcelCsv([header, ...body]);
}

/** Answers shown per area: the area's own list (`ans:area:<id>`) and its items (`ans:item:*`). */
export interface AreaAnswers {
  id: string;
  label: string;
  asArea: number;
  asItems: number;
}

/** Answers per area, in the catalog's order; items the catalog no longer has are left out. */
export function answersByArea(totals: Record<string, number>, catalog: Catalog): AreaAnswers[] {
  const rows = catalog.areas.map((a) => ({
    id: a.id as string,
    label: a.label,
    asArea: totals[`ans:area:${a.id}`] ?? 0,
    asItems: 0,
  }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [key, n] of Object.entries(totals)) {
    if (!key.startsWith('ans:item:')) continue;
    const item = catalog.findItem(key.slice('ans:item:'.length));
    const r = item && byId.get(item.category);
    if (r) r.asItems += n;
  }
  return rows;
}

/** The items shown most often in answers (`ans:item:*`), most first (ties by id), at most `limit`. */
export function mostAnsweredItems(totals: Record<string, number>, limit = 10): { id: string; count: number }[] {
  return Object.entries(totals)
    .filter(([k, n]) => k.startsWith('ans:item:') && n > 0)
    .map(([k, n]) => ({ id: k.slice('ans:item:'.length), count: n }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** Taps per tile in menu order, then taps on tiles the menu no longer has (named by their key). */
export function tapTotals(
  totals: Record<string, number>,
  tiles: readonly UsageTile[],
): { kind: string; label: string; count: number }[] {
  const rows = tiles.map((t) => ({ kind: t.kind, label: t.label, count: totals[`tap:${t.kind}`] ?? 0 }));
  const known = new Set(tiles.map((t) => t.kind));
  for (const [k, n] of Object.entries(totals))
    if (k.startsWith('tap:') && n && !known.has(k.slice(4)))
      rows.push({ kind: k.slice(4), label: `${k.slice(4)} (今のメニューにない)`, count: n });
  return rows;
}
