import { runFromCommandLine, runUsageReport, type ReportMain } from './usage-report-command';

/**
 * `npm run --silent report:usage -- [--since YYYY-MM-DD] [--until YYYY-MM-DD] > usage.csv`: how the
 * bot is used, one row per Japan day (questions by outcome, votes, taps per rich-menu tile), as
 * CSV for Excel (UTF-8 with BOM, CRLF, every field quoted). Days without counts between the first
 * and the last day with counts are listed with zeros. Unknown arguments or a bad date: exit 2.
 */
export const main: ReportMain = (argv, env, out, err) => runUsageReport('usage', argv, env, out, err);

if (require.main === module) runFromCommandLine(main);
