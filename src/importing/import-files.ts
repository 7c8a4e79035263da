import { AREAS_DIR, SOURCE_FILE } from '../pledges/load-catalog';
import type { Area, ReportSource } from '../pledges/types';
import { canonicalItem, type ImportResult } from './import-report';

/**
 * An import's data files as text, in the repository's one format (fields in the schema's order,
 * 2 spaces, a final newline), so a file whose content did not change has the same bytes as
 * before. Shared by `npm run data:import` and the console's 「取り込み」. Pure.
 *
 * `schemaOf(name)` gives the `$schema` an existing file names (kept as it is); new files get
 * the repository's relative path.
 */
export function importedFiles(
  result: ImportResult,
  schemaOf: (name: string) => string | undefined,
): Map<string, string> {
  const json = (x: unknown): string => `${JSON.stringify(x, null, 2)}\n`;
  const files = new Map<string, string>();
  files.set(SOURCE_FILE, json(sourceFile(result.source, schemaOf(SOURCE_FILE) ?? './schema/source.schema.json')));
  for (const area of result.areas) {
    const name = `${AREAS_DIR}/${area.id}.json`;
    files.set(name, json(areaFile(area, schemaOf(name) ?? '../schema/area.schema.json')));
  }
  return files;
}

/** source.json as staff see it: fields in the order of the schema. */
function sourceFile(source: ReportSource, schema: string): unknown {
  const { pageTitle, reportTitle, period, slogan, intro, publisher, pageUrl, cityUrl, contact, ...rest } = source;
  return {
    $schema: schema,
    pageTitle,
    reportTitle,
    period,
    slogan,
    intro,
    publisher,
    pageUrl,
    cityUrl,
    contact,
    ...rest,
  };
}

/** An area file as staff see it: fields (English before the items) and each item's in a fixed order (canonicalItem). */
function areaFile(area: Area, schema: string): unknown {
  return {
    $schema: schema,
    id: area.id,
    order: area.order,
    heading: area.heading,
    title: area.title,
    subtitle: area.subtitle,
    label: area.label,
    keywords: area.keywords,
    ...(area.en ? { en: area.en } : {}),
    items: area.items.map((item) => {
      const { category: _c, ...fields } = canonicalItem(item);
      return fields;
    }),
  };
}
