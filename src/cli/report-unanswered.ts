import { runFromCommandLine } from './usage-report-command';
import { parseConfig } from '../config';
import { groupQuestions, toCsv } from '../stats/group-questions';
import { japanMidnight } from '../stats/japan-time';
import { readUnanswered } from '../stats/unanswered-log';
import { unansweredFromRedis } from '../redis/redis-unanswered';
import { redisAddress, withRedisForTool } from '../redis/redis-tool';

/**
 * `npm run report:unanswered -- [--since YYYY-MM-DD] > unanswered.csv`: the questions the bot
 * could not answer or was unsure about, grouped by similar wording with counts, most frequent
 * first, as CSV for Excel (UTF-8 with BOM). Staff add the words as keywords (data/README.md).
 * `--since` is a day in Japan time, and the first and last times are shown in Japan time
 * ("2026-12-01 18:05"), though the log stores UTC. With REDIS_URL the records are read from Redis
 * (where the instances keep them then), else from UNANSWERED_LOG.
 */
export async function runReport(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const i = argv.indexOf('--since');
  let since: Date | undefined;
  if (i >= 0) {
    since = japanMidnight(argv[i + 1] ?? '');
    if (!since) {
      err('使い方: npm run report:unanswered -- [--since 2026-11-01]   (日付は YYYY-MM-DD、日本時間)\n');
      return 2;
    }
  }
  const config = parseConfig(env, process.cwd(), 'tool');
  const file = config.unansweredLog;
  if (!file) {
    err('UNANSWERED_LOG が off のため、記録はありません。\n');
    return 1;
  }
  // With REDIS_URL the instances record into Redis, not into the file.
  const redisUrl = config.redisUrl;
  const [all, source] = redisUrl
    ? [await withRedisForTool(redisUrl, (client) => unansweredFromRedis(client)()), `Redis ${redisAddress(redisUrl)}`]
    : [readUnanswered(file), file];
  const records = all.filter((r) => !since || new Date(r.t) >= since);
  const groups = groupQuestions(records);
  out(toCsv(groups));
  err(`${records.length} 件の質問を ${groups.length} のまとまりにしました (${source})\n`);
  return 0;
}

if (require.main === module) runFromCommandLine(runReport);
