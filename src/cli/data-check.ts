import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { parseConfig } from '../config';
import { DataError, formatProblem, type DataProblem } from '../pledges/data-error';
import { loadValidData } from '../valid-data';
import { committedMenuWarnings } from '../richmenu/definition';

/**
 * `npm run data:check -- [--dir DIR]`: checks a data set before it is published: the JSON Schemas
 * (every field), unique ids, all 8 areas, keywords on every item, https links, synonyms that work;
 * problems in plain Japanese naming the file, the record and the field. Exit 1 on any problem.
 * Missing kana readings are a warning (the bot works, kana questions match less well). The same
 * validation as the bot's at start-up and on reload (valid-data.ts): what passes here loads there.
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
    warnings = [...valid.warnings, ...committedMenuWarnings(valid.catalog)];
    const catalog = valid.catalog;
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

if (require.main === module) {
  loadDotenv({ quiet: true });
  process.exitCode = runDataCheck(process.argv.slice(2), process.env, (s) => process.stdout.write(`${s}\n`));
}
