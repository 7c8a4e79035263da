import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { parseConfig } from '../config';
import { GENERATED_SYNONYMS_FILE, loadCatalog, READINGS_FILE } from '../pledges/load-catalog';
import { generateDerived, jsonFile } from './derived-data';
import { writeFileAtomic } from './write-file-atomic';

/**
 * `npm run data:readings [-- --dir DIR]`: rebuilds the files derived from the data:
 * DATA_DIR/readings.json (the hiragana reading of every text, title, summary and kanji keyword,
 * so that kana questions such as ぼうさい meet kanji wording) and DATA_DIR/synonyms.generated.json
 * (Sudachi's synonyms of the data's words, and WordNet's of the English fields' words). Run it
 * after editing texts, summaries or keywords, Japanese or English
 * (data:import runs it itself).
 */
async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const i = argv.indexOf('--dir');
  const dataDir =
    i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]!) : parseConfig(process.env, process.cwd(), 'tool').dataDir;
  const catalog = loadCatalog(dataDir, { readings: 'ignore' });
  const derived = await generateDerived(catalog);
  writeFileAtomic(path.join(dataDir, READINGS_FILE), jsonFile(derived.readings));
  writeFileAtomic(path.join(dataDir, GENERATED_SYNONYMS_FILE), jsonFile(derived.generatedSynonyms));
  process.stdout.write(
    `${Object.keys(derived.readings.readings).length} readings, ${Object.keys(derived.generatedSynonyms.synonyms).length} generated synonyms and ${Object.keys(derived.generatedSynonyms.english ?? {}).length} English synonyms written to ${dataDir}\n`,
  );
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
