/**
 * Masks what identifies a person in a question before it is stored for staff: phone numbers,
 * e-mail addresses, postal codes, street addresses (丁目・番地・号, 3-1-1) and any other long
 * run of digits. Staff need the words a citizen used for a topic, never how to reach them.
 *
 * Full-width digits, letters and the signs of addresses are read as their ASCII forms, and the
 * many dashes people type (ー − ‐ – — ―) as "-" between digits; the rest of the text is kept as
 * written. Each kind gets its own marker so that a reader still sees what was there.
 */

export const MASK = {
  mail: '〔メール〕',
  phone: '〔電話番号〕',
  postal: '〔郵便番号〕',
  address: '〔住所〕',
  number: '〔数字〕',
} as const;

const D = '[0-9０-９]';
/** Kanji numerals as written in addresses (三丁目, 十二番地). */
const KN = '[一二三四五六七八九十〇百]';
const NUM = `(?:${D}+|${KN}+)`;

const RULES: readonly (readonly [RegExp, string])[] = [
  // e-mail, also with ＠ or (at)
  [/[\w.+%-]+\s?(?:@|\(at\)|\[at\])\s?[\w-]+(?:\.[\w-]+)+/giu, MASK.mail],
  // phone: (048)775-5111, 0X-XXXX-XXXX, 048(775)5111, +81 90 1234 5678
  [/\(0\d{1,4}\)\s?\d{1,4}-?\d{3,4}/gu, MASK.phone],
  [/(?:\+81[\s-]?|\b0)\d{1,4}[\s-]?\(?\d{1,4}\)?[\s-]?\d{3,4}\b/gu, MASK.phone],
  // postal code: 〒362-8501, 362-8501
  [/〒\s?\d{3}-?\d{4}|\b\d{3}-\d{4}\b/gu, MASK.postal],
  // 本町三丁目1番1号, 3丁目1-1, 1番地の2, 5番3号 (not 一番, 1番線, 第2号)
  [new RegExp(`${NUM}\\s?丁目(?:\\s?${NUM}\\s?(?:番地?|-))?(?:\\s?の?\\s?${NUM}\\s?号?)?`, 'gu'), MASK.address],
  [new RegExp(`${D}+\\s?番地(?:\\s?の?\\s?${D}+\\s?号?)?|${D}+\\s?番\\s?${D}+\\s?号`, 'gu'), MASK.address],
  [new RegExp(`${D}+\\s?号室`, 'gu'), MASK.address],
  // 3-1-1, 12-3-45 (a dash address), and 3-1 right after a place name
  [/\b\d{1,5}-\d{1,5}-\d{1,5}(?:-\d{1,5})?\b/gu, MASK.address],
  [/(?<=[\p{Script=Han}\p{Script=Katakana}])\d{1,5}-\d{1,5}(?![\d年月日時分歳才人回円%％ヶか])/gu, MASK.address],
  // anything else with five or more digits (account, member and card numbers, unseparated phones)
  [/\d{5,}/gu, MASK.number],
];

/** Full-width forms of what phone numbers, addresses and e-mail addresses are written with. */
const WIDE = /[０-９Ａ-Ｚａ-ｚ＠－（）＋．＿％]/gu;
const DASHES = /(?<=\d)\s?[ー−‐‑–—―ｰ-]\s?(?=\d)/gu;

/** The question with personal details replaced by markers (see MASK). */
export function maskPersonal(text: string): string {
  let s = text.replace(WIDE, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(DASHES, '-');
  for (const [re, mark] of RULES) s = s.replace(re, mark);
  return s;
}

/** The longest question kept for staff (characters); longer ones are cut. */
export const MAX_KEPT_QUESTION = 200;

/**
 * A question as it may be kept (unanswered log, 👎 answers, remembered replies): personal details
 * masked, spaces tidied, at most MAX_KEPT_QUESTION characters. '' when nothing is left.
 */
export function maskQuestion(text: string): string {
  return maskPersonal(text).replace(/\s+/gu, ' ').trim().slice(0, MAX_KEPT_QUESTION);
}
