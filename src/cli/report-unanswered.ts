import { config as loadDotenv } from 'dotenv';
import { parseConfig } from '../config';
import { groupQuestions, toCsv } from '../stats/group-questions';
import { japanMidnight } from '../stats/japan-time';
import { readUnanswered } from '../stats/unanswered-log';

/**
 * `npm run report:unanswered -- [--since YYYY-MM-DD] > unanswered.csv`: the questions the bot
 * could not answer or was unsure about, grouped by similar wording with counts, most frequent
 * first, as CSV for Excel (UTF-8 with BOM). Staff add the words as keywords (data/README.md).
 * `--since` is a day in Japan time, and the first and last times are shown in Japan time
 * ("2026-12-01 18:05"), though the log stores UTC.
 */
export function runReport(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  const i = argv.indexOf('--since');
  let since: Date | undefined;
  if (i >= 0) {
    since = japanMidnight(argv[i + 1] ?? '');
    if (!since) {
      err('使い方: npm run report:unanswered -- [--since 2026-11-01]   (日付は YYYY-MM-DD、日本時間)\n');
      return 2;
    }
  }
  const file = parseConfig(env, process.cwd(), 'tool').unansweredLog;
  if (!file) {
    err('UNANSWERED_LOG が off のため、記録はありません。\n');
    return 1;
  }
  const records = readUnanswered(file).filter((r) => !since || new Date(r.t) >= since);
  out(toCsv(groupQuestions(records)));
  err(`${records.length} 件の質問を ${groupQuestions(records).length} のまとまりにしました (${file})\n`);
  return 0;
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  process.exitCode = runReport(
    process.argv.slice(2),
    process.env,
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
}
