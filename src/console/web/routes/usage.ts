import type { Request, Response, Router } from 'express';
import { committedMenuTiles } from '../../../richmenu/definition';
import { japanDay, japanMidnight } from '../../../stats/japan-time';
import {
  answersByArea,
  describeTargets,
  feedbackCsv,
  feedbackRows,
  mostAnsweredItems,
  REASON_LABELS,
  shiftDay,
  sumCounts,
  tapTotals,
  usageCsv,
  usageDays,
  type DayCounts,
} from '../../../stats/usage-report';
import type { UsageReader } from '../../../stats/usage-store';
import { handle, pageContext, refuse, sendPage, type ConsoleServices } from '../context';
import { UsagePage, type UsageView } from '../pages/usage';

/** Days the page shows when no range is asked for: the last 30, today included. */
export const USAGE_DEFAULT_DAYS = 30;
/** The longest range the charts draw (a year, leap day included); the CSV files take any range. */
export const USAGE_MAX_DAYS = 366;
/** The latest 👎 answers listed on the page. */
export const UNHELPFUL_SHOWN = 10;

type Range = { since: string; until: string };

const defaultRange = (now = new Date()): Range => {
  const until = japanDay(now);
  return { since: shiftDay(until, -(USAGE_DEFAULT_DAYS - 1)), until };
};

const queryText = (req: Request, name: string): string | undefined => {
  const v = req.query[name];
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, 20) : undefined;
};

/**
 * The range of `?since=&until=` (Japan days, inclusive): each missing end from the last 30 days;
 * a problem when a date is not a date or the range is backwards or longer than `maxDays`.
 */
export function parseRange(
  since: string | undefined,
  until: string | undefined,
  maxDays = USAGE_MAX_DAYS,
): Range | { problem: string } {
  for (const [label, v] of [
    ['開始日', since],
    ['終了日', until],
  ] as const)
    if (v !== undefined && !japanMidnight(v))
      return { problem: `${label}「${v}」は日付として読めません (YYYY-MM-DD)。` };
  const d = defaultRange();
  const range = {
    since: since ?? (until ? shiftDay(until, -(USAGE_DEFAULT_DAYS - 1)) : d.since),
    until: until ?? d.until,
  };
  if (range.since > range.until) return { problem: '開始日は終了日と同じか、それより前にしてください。' };
  if (Number.isFinite(maxDays) && shiftDay(range.since, maxDays) <= range.until)
    return { problem: `一度に表示できるのは ${maxDays} 日までです。CSV では長い期間も書き出せます。` };
  return range;
}

/** What the page shows for `range`, from the store and the published data. */
async function buildView(s: ConsoleServices, usage: UsageReader, range: Range): Promise<UsageView> {
  const [days, unhelpful] = await Promise.all([usage.days(range), usage.unhelpful(range)]);
  const catalog = s.published().catalog;
  const totals = sumCounts(days);
  const describe = describeTargets(catalog);
  const tiles = committedMenuTiles();
  const name = (target: string): string => describe(target).title || target.replace(/^(item|area):/u, '');
  return {
    days: usageDays(days, tiles, { from: range.since, to: range.until }),
    areas: answersByArea(totals, catalog),
    taps: tapTotals(totals, tiles),
    top: mostAnsweredItems(totals).map((t) => ({ ...t, title: name(`item:${t.id}`) })),
    feedback: feedbackRows(totals, describe),
    unhelpful: unhelpful.slice(0, UNHELPFUL_SHOWN).map((u) => ({
      t: u.t,
      q: u.q,
      about: u.targets.map(name).join('、'),
      reason: u.reason ? REASON_LABELS[u.reason] : '-',
    })),
  };
}

/** 「利用状況」 (GET /usage) and its two CSV downloads, the same CSV as report:usage and report:feedback. */
export function usageRoutes(r: Router, s: ConsoleServices): void {
  r.get(
    '/usage',
    handle(async (req, res) => {
      const asked = parseRange(queryText(req, 'since'), queryText(req, 'until'));
      const range = 'problem' in asked ? defaultRange() : asked;
      const view = s.usage ? await buildView(s, s.usage, range) : null;
      sendPage(
        res,
        UsagePage({
          ctx: pageContext(req, s.security),
          range,
          view,
          ...('problem' in asked ? { error: `${asked.problem} 直近 ${USAGE_DEFAULT_DAYS} 日を表示しています。` } : {}),
        }),
      );
    }),
  );

  const download = (file: string, csv: (days: DayCounts[]) => string) =>
    handle(async (req, res) => {
      const asked = parseRange(queryText(req, 'since'), queryText(req, 'until'), Infinity);
      if ('problem' in asked) return refuse(req, res, s.security, 400, asked.problem);
      if (!s.usage) return refuse(req, res, s.security, 404, '利用状況は記録されていません (USAGE_DIR=off)。');
      sendCsv(res, `${file}-${asked.since}_${asked.until}.csv`, csv(await s.usage.days(asked)));
    });
  r.get(
    '/usage/usage.csv',
    download('usage', (days) => {
      const tiles = committedMenuTiles();
      return usageCsv(usageDays(days, tiles), tiles);
    }),
  );
  r.get(
    '/usage/feedback.csv',
    download('feedback', (days) => feedbackCsv(feedbackRows(sumCounts(days), describeTargets(s.published().catalog)))),
  );
}

/** A CSV file to save (never shown in the browser); `name` is ASCII, so every browser keeps it. */
function sendCsv(res: Response, name: string, csv: string): void {
  res.set({
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.send(csv);
}
