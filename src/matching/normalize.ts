/**
 * Japanese text normalisation shared by the index and the queries, so that both sides are
 * compared in one form:
 * - NFKC: full/half width (ＡＢＣ → ABC, ｶﾀｶﾅ → カタカナ), compatibility characters;
 * - lower case; katakana → hiragana (ボウサイ and ぼうさい meet);
 * - long vowels folded by the vowel before them (すぽーつ ≈ すぽうつ, ぎょーざ ≈ ぎょうざ),
 *   and dash-like marks after kana read as ー first;
 * - ヵ/ヶ (counters) → か; a few kanji variants that NFKC keeps (靭 → 靱);
 * - everything that is not a letter or a digit removed (spaces, punctuation, symbols).
 */

/** Kanji variants citizens type for the report's forms (IME choices, old forms). */
const KANJI_VARIANTS: Readonly<Record<string, string>> = {
  靭: '靱',
  剱: '剣',
  邉: '辺',
  邊: '辺',
  髙: '高',
  﨑: '崎',
  嶋: '島',
  斉: '斎',
  舘: '館',
  廣: '広',
  澤: '沢',
  濱: '浜',
};
const VARIANT_RE = new RegExp(`[${Object.keys(KANJI_VARIANTS).join('')}]`, 'gu');

/** U+30A1..U+30F6 (ァ..ヶ) map to hiragana by subtracting 0x60; ヽヾ likewise. */
function katakanaToHiragana(s: string): string {
  return s.replace(/[\u30A1-\u30F6\u30FD\u30FE]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Dashes and tildes people type where a long vowel mark (ー) belongs, after kana. */
const LONG_VOWEL_LOOKALIKES = /(?<=[\u3041-\u309F\u30A0-\u30FF])[-‐‑‒–—―−ｰ~〜～]/gu;

/** The vowel of each hiragana, for folding ー: あ/い/う rows keep theirs, え → い, お → う. */
const VOWEL_OF: Readonly<Record<string, string>> = (() => {
  const rows: [string, string][] = [
    ['あかさたなはまやらわがざだばぱぁゃゎ', 'あ'],
    ['いきしちにひみりぎじぢびぴぃ', 'い'],
    ['うくすつぬふむゆるぐずづぶぷぅゅゔ', 'う'],
    ['えけせてねへめれげぜでべぺぇ', 'い'],
    ['おこそとのほもよろをごぞどぼぽぉょ', 'う'],
  ];
  const map: Record<string, string> = {};
  for (const [chars, vowel] of rows) for (const c of chars) map[c] = vowel;
  return map;
})();

function foldLongVowels(s: string): string {
  return s.replace(/([\u3041-\u3096])ー+/gu, (_m, c: string) => c + (VOWEL_OF[c] ?? ''));
}

/** NFKC + lower case + kanji variants + katakana → hiragana + long vowels, keeping other characters. */
export function foldText(input: string): string {
  const folded = katakanaToHiragana(
    input
      .normalize('NFKC')
      .toLowerCase()
      // 3才, 何才: the age counter 歳 as it is often typed
      .replace(/(?<=[0-9何])才/gu, '歳')
      .replace(LONG_VOWEL_LOOKALIKES, 'ー')
      .replace(VARIANT_RE, (c) => KANJI_VARIANTS[c] ?? c),
  ).replace(/[ゕゖ]/gu, 'か');
  return foldLongVowels(folded);
}

/** Normalises text for matching: foldText, then only letters and digits remain. Idempotent. */
export function normalizeText(input: string): string {
  return foldText(input).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** True when the normalised text is made of hiragana only. */
export function isKanaOnly(normalized: string): boolean {
  return /^[\u3041-\u309F]+$/u.test(normalized);
}

/** Character bigrams of a normalised string (a single character is its own gram). */
export function bigrams(normalized: string): string[] {
  if (normalized.length < 2) return normalized ? [normalized] : [];
  const grams: string[] = [];
  for (let i = 0; i < normalized.length - 1; i++) grams.push(normalized.slice(i, i + 2));
  return grams;
}

/** Dice coefficient over the character pairs of two texts, normalised (1 = same wording). */
export function similarity(a: string, b: string): number {
  const pa = bigrams(normalizeText(a));
  const pb = bigrams(normalizeText(b));
  if (!pa.length || !pb.length) return normalizeText(a) === normalizeText(b) ? 1 : 0;
  const left = new Map<string, number>();
  for (const p of pb) left.set(p, (left.get(p) ?? 0) + 1);
  let common = 0;
  for (const p of pa) {
    const n = left.get(p) ?? 0;
    if (n > 0) {
      common++;
      left.set(p, n - 1);
    }
  }
  return (2 * common) / (pa.length + pb.length);
}
