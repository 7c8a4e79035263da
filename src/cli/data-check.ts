import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { parseConfig } from '../config';
import { DataError, formatProblem, type DataProblem } from '../pledges/data-error';
import { missingEnglish } from '../pledges/english';
import { loadValidData } from '../valid-data';
import { committedMenuWarnings } from '../richmenu/definition';

/**
 * `npm run data:check -- [--dir DIR]`: checks a data set before it is published: the JSON Schemas
 * (every field), unique ids, all 8 areas, keywords on every item, https links, synonyms that work;
 * problems in plain Japanese naming the file, the record and the field. Exit 1 on any problem.
 * Missing kana readings are a warning (the bot works, kana questions match less well), and so are
 * items and areas without English (`en`, the city's reference translation: optional, because an
 * import adds items without it). The same validation as the bot's at start-up and on reload
 * (valid-data.ts): what passes here loads there.
 */
export function runDataCheck(argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void): number {
  const i = argv.indexOf('--dir');
  if (i >= 0 && !argv[i + 1]) {
    out('使い方: npm run data:check -- [--dir データのフォルダ]');
    return 2;
  }
  const dir = i >= 0 ? path.resolve(argv[i + 1]!) : parseConfig(env, process.cwd(), 'tool').dataDir;
  out(`データを確認します: ${dir}`);
  let problems: DataProblem[] = [];
  let summary = '';
  let warnings: string[] = [];
  try {
    const valid = loadValidData(dir);
    const catalog = valid.catalog;
    warnings = [...valid.warnings, ...committedMenuWarnings(catalog), ...englishWarnings(dir, catalog)];
    summary = `${catalog.areas.length} 分野・${catalog.items.length} 項目 (報告書「${catalog.source.reportTitle}」、版 ${catalog.version})`;
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    problems = err.problems;
  }
  for (const w of warnings) out(`注意: ${w}`);
  if (problems.length) {
    out(`問題が ${problems.length} 件あります。直してから公開してください:`);
    for (const p of problems) out(`  - ${formatProblem(p)}`);
    return 1;
  }
  out(`問題はありません: ${summary}`);
  return 0;
}

/** English missing from at most this many records is listed one line each; more are counted. */
export const MISSING_ENGLISH_LINES = 20;

/** One line per record without English (file, record, field), then how many more there are. */
function englishWarnings(dir: string, catalog: Parameters<typeof missingEnglish>[0]): string[] {
  const missing = missingEnglish(catalog).map((p) => ({ ...p, file: displayPath(path.join(dir, p.file)) }));
  const lines = missing.slice(0, MISSING_ENGLISH_LINES).map(formatProblem);
  if (missing.length > MISSING_ENGLISH_LINES)
    lines.push(
      `ほかに英語 (en) がない取組・分野が ${missing.length - MISSING_ENGLISH_LINES} 件あります (English missing)。`,
    );
  return lines;
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  process.exitCode = runDataCheck(process.argv.slice(2), process.env, (s) => process.stdout.write(`${s}\n`));
}
