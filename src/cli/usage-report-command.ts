import { config as loadDotenv } from 'dotenv';
import { ConfigError, parseConfig } from '../config';
import { loadCatalogAsync } from '../pledges/load-catalog';
import { committedMenuTiles } from '../richmenu/definition';
import { japanMidnight } from '../stats/japan-time';
import {
  describeTargets,
  feedbackCsv,
  feedbackRows,
  sumCounts,
  usageCsv,
  usageDays,
  type DayCounts,
} from '../stats/usage-report';
import { createFileUsageReader } from '../stats/usage-store';
import { createRedisUsageReader } from '../redis/redis-usage';
import { redisAddress, withRedisForTool } from '../redis/redis-tool';

/**
 * What `npm run report:usage` and `npm run report:feedback` share: their arguments, the store
 * they read (USAGE_DIR via parseConfig; Redis instead with REDIS_URL) and how they answer. The rows and the CSV come from
 * stats/usage-report.ts, like the console's 「利用状況」 page and its downloads.
 */
export type ReportMain = (
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (s: string) => void,
  err: (s: string) => void,
) => Promise<number>;

/** The two reports: what each is called and writes. */
const REPORTS = {
  usage: { script: 'report:usage', file: 'usage.csv' },
  feedback: { script: 'report:feedback', file: 'feedback.csv' },
} as const;

export type UsageReportKind = keyof typeof REPORTS;

const usageLine = (kind: UsageReportKind): string =>
  `使い方: npm run --silent ${REPORTS[kind].script} -- [--since 2026-11-01] [--until 2026-11-30] > ${REPORTS[kind].file}   (日付は YYYY-MM-DD、日本時間。どちらも含みます)\n`;

/** `--since` / `--until` as Japan days; or what is wrong with the arguments. */
export function parseReportArgs(argv: readonly string[]): { since?: string; until?: string } | { problem: string } {
  const range: { since?: string; until?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--(since|until)(?:=(.*))?$/u.exec(arg);
    if (!m) return { problem: `知らない指定です: ${arg}` };
    const name = m[1] as 'since' | 'until';
    const value = m[2] ?? argv[++i];
    if (value === undefined || !japanMidnight(value))
      return {
        problem: `--${name} ${value === undefined ? '(日付がありません)' : `"${value}"`}: 日付は YYYY-MM-DD で書いてください`,
      };
    range[name] = value;
  }
  if (range.since && range.until && range.since > range.until)
    return { problem: `--since ${range.since} が --until ${range.until} より後です` };
  return range;
}

/** Runs one report: CSV on `out`, a summary or the problem on `err`; resolves to the exit code. */
export async function runUsageReport(
  kind: UsageReportKind,
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const range = parseReportArgs(argv);
  if ('problem' in range) {
    err(`${range.problem}\n${usageLine(kind)}`);
    return 2;
  }
  let config;
  try {
    config = parseConfig(env, process.cwd(), 'tool');
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err(`${e.message}\n`);
    return 1;
  }
  const dir = config.usageDir;
  if (!dir) {
    err('USAGE_DIR が off (または UNANSWERED_LOG が off) のため、利用状況は記録されていません。\n');
    return 1;
  }
  // With REDIS_URL the instances count into Redis, not into USAGE_DIR.
  const redisUrl = config.redisUrl;
  const source = redisUrl ? `Redis ${redisAddress(redisUrl)}` : dir;
  const days: DayCounts[] = redisUrl
    ? await withRedisForTool(redisUrl, (client) => createRedisUsageReader(client).days(range))
    : await createFileUsageReader(dir).days(range);
  const span = `${range.since ?? '最初'}〜${range.until ?? '最後'}`;
  if (kind === 'usage') {
    const tiles = committedMenuTiles();
    if (!tiles.length) err('注意: richmenu/menu.json を読めないため、タップはすべて「その他のタップ」に入れました。\n');
    const rows = usageDays(days, tiles);
    out(usageCsv(rows, tiles));
    err(`${rows.length} 日分 (${span}) を書き出しました (${source})\n`);
    return 0;
  }
  const catalog = await loadCatalogAsync(config.dataDir).catch((e: unknown) => {
    err(
      `注意: データ (${config.dataDir}) を読めないため、題名と分野は空欄です: ${(e as Error).message.split('\n')[0]}\n`,
    );
    return null;
  });
  const rows = feedbackRows(sumCounts(days), describeTargets(catalog));
  out(feedbackCsv(rows));
  err(`${rows.length} 件の取組・分野 (${span}) を書き出しました (${source})\n`);
  return 0;
}

/** Runs a report as the npm script does: .env read, stdout/stderr, the exit code. */
export function runFromCommandLine(main: ReportMain): void {
  loadDotenv({ quiet: true });
  main(
    process.argv.slice(2),
    process.env,
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
