import path from 'node:path';
import { checkSynonyms } from './matching/synonym-check';
import type { Catalog } from './pledges/catalog';
import { DataError } from './pledges/data-error';
import { loadCatalog, loadCatalogAsync, SYNONYMS_FILE } from './pledges/load-catalog';
import { readingTexts } from './pledges/readings';

/**
 * The one validation of a data set, shared by the bot at start-up, its reloader and
 * `npm run data:check`, so that what the command accepts is exactly what the bot will load:
 * the files (regular files within their caps), the JSON Schemas, the rules across files, and the
 * synonyms (collisions, self-references, dead ends). Missing kana readings are a warning only.
 */
export interface ValidData {
  catalog: Catalog;
  /** Things staff should fix that do not stop the bot (missing readings). */
  warnings: string[];
}

function check(dir: string, catalog: Catalog): ValidData {
  const problems = checkSynonyms(catalog, path.join(dir, SYNONYMS_FILE));
  if (problems.length) throw new DataError(problems);
  const missing = readingTexts(catalog).filter((t) => catalog.items.some((it) => it.text === t) && !catalog.reading(t));
  return {
    catalog,
    warnings: missing.length
      ? [
          `読み仮名がない項目が ${missing.length} 件あります (例:「${missing[0]}」)。npm run data:readings -- --dir ${dir} で作ってください。`,
        ]
      : [],
  };
}

/** Loads and validates DATA_DIR; throws DataError naming every problem. */
export function loadValidData(dir: string): ValidData {
  return check(dir, loadCatalog(dir));
}

/** The same, without holding the event loop for the file reads (the reloader). */
export async function loadValidDataAsync(dir: string): Promise<ValidData> {
  const catalog = await loadCatalogAsync(dir);
  await new Promise((resolve) => setImmediate(resolve));
  return check(dir, catalog);
}
