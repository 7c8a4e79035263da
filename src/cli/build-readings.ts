import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { parseConfig } from '../config';
import { loadCatalog, READINGS_FILE } from '../pledges/load-catalog';
import { generateReadings, readingsJson } from './readings';
import { writeFileAtomic } from './write-file-atomic';

/**
 * `npm run data:readings [-- --dir DIR]`: writes DATA_DIR/readings.json, the hiragana reading of
 * every item text, title and kanji keyword, so that kana questions (ぼうさい, こそだて) match kanji
 * wording. Run it after editing texts or keywords (data:import runs it itself).
 */
async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const i = argv.indexOf('--dir');
  const dataDir = i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]!) : parseConfig(process.env).dataDir;
  const catalog = loadCatalog(dataDir, { readings: 'ignore' });
  const file = await generateReadings(catalog);
  const target = path.join(dataDir, READINGS_FILE);
  writeFileAtomic(target, readingsJson(file));
  process.stdout.write(`${Object.keys(file.readings).length} readings written to ${target}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`data:readings failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
