import path from 'node:path';
import type { Catalog } from '../pledges/catalog';
import { readingTexts, type ReadingsFile } from '../pledges/readings';

/**
 * Hiragana readings of the catalog's texts, by kuromoji (a devDependency: ~1 s and ~300 MB, which
 * is why the bot never does this itself). Particles, auxiliaries and symbols are set apart by
 * spaces so that character pairs do not straddle words.
 */
const SEPARATE_POS = new Set(['助詞', '助動詞', '記号']);

interface KuromojiToken {
  surface_form: string;
  pos: string;
  reading?: string;
}

export async function generateReadings(catalog: Pick<Catalog, 'areas' | 'items'>): Promise<ReadingsFile> {
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
  return {
    $comment:
      'npm run data:readings が作るファイルです (手で編集しないでください)。Generated from the item texts by kuromoji.',
    readings: Object.fromEntries(Object.entries(readings).sort(([a], [b]) => a.localeCompare(b, 'ja'))),
  };
}

export const readingsJson = (file: ReadingsFile): string => `${JSON.stringify(file, null, 2)}\n`;
