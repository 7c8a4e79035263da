import type { DataProblem } from './data-error';
import type { Area, ReportSource } from './types';

/**
 * The English of the data (`en` on items, areas and source.json): the city's reference
 * translation for residents who ask in English. The Japanese `text` stays the official wording.
 * `en` is optional in the files — an import adds items without it and fixture data sets may lack
 * it — so a missing translation is a warning (data:check), never a refusal. What is written is
 * checked by the JSON Schemas (data/schema/, the `englishText` definition) with these limits.
 */
export const ENGLISH_LIMITS = {
  /** An item's English title. */
  title: 60,
  /** An item's plain-English summary. */
  summary: 400,
  /** Keywords per item or area, and the length of one. */
  keywordsMax: 20,
  keyword: 60,
  /** An area's English title and subtitle. */
  areaTitle: 60,
  areaSubtitle: 60,
  /** An area's short English name for buttons and rich-menu tiles (e.g. "Disaster"). */
  label: 12,
  /** source.json */
  reportTitle: 100,
  period: 40,
  contactName: 60,
} as const;

/**
 * Characters an English field may hold: Latin letters (with accents), digits, ASCII and general
 * punctuation, currency and letterlike symbols, and the plain space. The same ranges as the
 * `englishText` pattern of data/schema/area.schema.json (a test holds them together).
 */
const ENGLISH_CHAR = /[\u0020-\u007E\u00A1-\u024F\u1E00-\u1EFF\u2010-\u205E\u2070-\u209F\u20A0-\u20CF\u2100-\u214F]/u;

/** Kana, kanji, CJK punctuation and full-width forms: Japanese typed into an English field. */
const JAPANESE_CHAR = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u;

/**
 * The first character of `text` that an English field may not hold (a Japanese one first, since
 * that is the usual slip), or undefined when every character is allowed.
 */
export function foreignCharacterIn(text: string): { char: string; japanese: boolean } | undefined {
  const chars = [...text];
  const japanese = chars.find((c) => JAPANESE_CHAR.test(c));
  if (japanese) return { char: japanese, japanese: true };
  const other = chars.find((c) => !ENGLISH_CHAR.test(c));
  return other === undefined ? undefined : { char: other, japanese: false };
}

const MISSING = '英語がありません (English missing)。';

/**
 * Records without English, as warnings naming the file (relative to the data folder), the record
 * and the field: every item and area lacking `en`, and source.json lacking it. Pure.
 */
export function missingEnglish(data: { source: ReportSource; areas: readonly Area[] }): DataProblem[] {
  const problems: DataProblem[] = [];
  if (!data.source.en)
    problems.push({
      file: 'source.json',
      record: '',
      field: 'en',
      message: `${MISSING}reportTitle・period・contactName を書いてください。`,
    });
  for (const area of data.areas) {
    const file = `areas/${area.id}.json`;
    if (!area.en)
      problems.push({
        file,
        record: area.id,
        field: 'en',
        message: `${MISSING}分野の title・subtitle・label・keywords を書いてください。`,
      });
    for (const item of area.items)
      if (!item.en)
        problems.push({
          file,
          record: item.id,
          field: 'en',
          message: `${MISSING}title・summary・keywords を書いてください。`,
        });
  }
  return problems;
}
