/**
 * Japanese text normalisation shared by the index and the queries, so that both sides are
 * compared in one form: NFKC (full/half width, ｶﾀｶﾅ → カタカナ, ＡＢＣ → ABC), lower case,
 * katakana → hiragana (ボウサイ and ぼうさい meet), a few variant kanji folded, and everything
 * that is not a letter or a digit removed (spaces, punctuation, symbols).
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
};
const VARIANT_RE = new RegExp(`[${Object.keys(KANJI_VARIANTS).join('')}]`, 'gu');

/** U+30A1..U+30F6 (ァ..ヶ) map to hiragana by subtracting 0x60; ヽヾ likewise. */
function katakanaToHiragana(s: string): string {
  return s.replace(/[\u30A1-\u30F6\u30FD\u30FE]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Dashes and tildes people type where a long vowel mark (ー) belongs, after kana. */
const LONG_VOWEL_LOOKALIKES = /(?<=[\u3041-\u309F\u30A0-\u30FF])[-‐‑‒–—―−ｰ~〜～]/gu;

/** Normalises text for matching. Idempotent. */
export function normalizeText(input: string): string {
  return katakanaToHiragana(
    input
      .normalize('NFKC')
      .toLowerCase()
      .replace(LONG_VOWEL_LOOKALIKES, 'ー')
      .replace(VARIANT_RE, (c) => KANJI_VARIANTS[c] ?? c),
  ).replace(/[^\p{L}\p{N}ー]+/gu, '');
}

/** True when the normalised text is made of hiragana (and ー) only. */
export function isKanaOnly(normalized: string): boolean {
  return /^[\u3041-\u309Fー]+$/u.test(normalized);
}
