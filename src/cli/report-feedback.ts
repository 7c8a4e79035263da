import { runFromCommandLine, runUsageReport, type ReportMain } from './usage-report-command';

/**
 * `npm run --silent report:feedback -- [--since YYYY-MM-DD] [--until YYYY-MM-DD] > feedback.csv`:
 * what residents said of the answers, one row per item or area answered (times shown, 👍, 👎 and
 * the reasons given), the most 👎 first, as CSV for Excel (UTF-8 with BOM, CRLF, every field
 * quoted). Titles come from DATA_DIR. Unknown arguments or a bad date: exit 2.
 */
export const main: ReportMain = (argv, env, out, err) => runUsageReport('feedback', argv, env, out, err);

if (require.main === module) runFromCommandLine(main);
