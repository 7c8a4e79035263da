import type { Catalog } from './catalog';

/**
 * data/readings.json: hiragana readings of the report's wording, keyed by the text they read, so
 * an edited text simply has no reading until `npm run data:readings` runs again.
 */
export interface ReadingsFile {
  $comment?: string;
  readings: Record<string, string>;
}

const HAS_KANJI = /\p{Script=Han}/u;

/**
 * The texts that get a reading: every item's text, title, summary and kanji keywords, every area's
 * title, subtitle, label and kanji keywords.
 */
export function readingTexts(catalog: Pick<Catalog, 'areas' | 'items'>): string[] {
  const texts = new Set<string>();
  const add = (t: string): void => {
    if (t && HAS_KANJI.test(t)) texts.add(t);
  };
  for (const area of catalog.areas) [area.title, area.subtitle, area.label, ...area.keywords].forEach(add);
  for (const item of catalog.items) [item.text, item.title, item.summary ?? '', ...item.keywords].forEach(add);
  return [...texts];
}
