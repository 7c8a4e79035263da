import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { parseConfig } from '../config';
import { loadCatalog, READINGS_FILE } from '../pledges/load-catalog';
import { readingTexts, type ReadingsFile } from '../pledges/readings';
import { writeFileAtomic } from './write-file-atomic';

/**
 * `npm run data:readings`: writes DATA_DIR/readings.json, the hiragana reading of every item text,
 * item title and area title, so that kana questions (ぼうさい, こそだて) match kanji wording.
 *
 * Runs kuromoji (a devDependency, ~1 s and ~300 MB) here, once, when the data changes; the bot
 * only reads the small JSON file and never loads kuromoji. Particles, auxiliaries and symbols are
 * set apart by spaces so that character pairs do not straddle words.
 */
const SEPARATE_POS = new Set(['助詞', '助動詞', '記号']);

interface KuromojiToken {
  surface_form: string;
  pos: string;
  reading?: string;
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const dataDir = parseConfig(process.env).dataDir;
  const catalog = loadCatalog(dataDir, { readings: 'ignore' });
  const kuromoji = await import('@patdx/kuromoji');
  const { default: NodeDictionaryLoader } = await import('@patdx/kuromoji/node');
  // The package exports no package.json; its dictionary sits beside build/ in the installed folder.
  const dicPath = path.join(path.dirname(require.resolve('@patdx/kuromoji/node')), '..', 'dict') + path.sep;
  const tokenizer = await new kuromoji.TokenizerBuilder({
    loader: new NodeDictionaryLoader({ dic_path: dicPath }),
  }).build();

  const readings: Record<string, string> = {};
  for (const text of readingTexts(catalog)) {
    const tokens = tokenizer.tokenize(text) as KuromojiToken[];
    readings[text] = tokens
      .map((t) => {
        const kana = t.reading && t.reading !== '*' ? t.reading : t.surface_form;
        return SEPARATE_POS.has(t.pos) ? ` ${kana} ` : kana;
      })
      .join('')
      .replace(/[\u30A1-\u30F6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
      .replace(/\s+/gu, ' ')
      .trim();
  }
  const file: ReadingsFile = {
    $comment:
      'npm run data:readings が作るファイルです (手で編集しないでください)。Generated from the item texts by kuromoji.',
    readings: Object.fromEntries(Object.entries(readings).sort(([a], [b]) => a.localeCompare(b, 'ja'))),
  };
  const target = path.join(dataDir, READINGS_FILE);
  writeFileAtomic(target, `${JSON.stringify(file, null, 2)}\n`);
  process.stdout.write(`${Object.keys(readings).length} readings written to ${target}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`data:readings failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
