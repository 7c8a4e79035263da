import { isKana, toKana } from 'wanakana';

/**
 * Romaji (bousai, kodomo iryouhi) is Japanese typed without an IME: turned into hiragana with
 * wanakana so that it meets the data's readings. English is not romaji: a message is read as
 * romaji only when most of its Latin words spell kana completely (free → fれえ does not,
 * "hospital" neither), and words the data knows as they are (wifi, agecoco) stay Latin.
 */

const LATIN_WORD = /[a-z]+(?:'[a-z]+)?/gu;

/** At least this share of a message's Latin words must spell kana for it to be read as romaji. */
const ROMAJI_SHARE = 0.75;

const spellsKana = (word: string): boolean => word.length > 0 && isKana(toKana(word));

/**
 * The message with its romaji words in hiragana, or the message unchanged when it is not romaji.
 * `keep` says which Latin words to leave as they are (words the data knows).
 */
export function romajiToKana(text: string, keep: (word: string) => boolean = () => false): string {
  const lower = text.normalize('NFKC').toLowerCase();
  const words = lower.match(LATIN_WORD) ?? [];
  if (!words.length) return text;
  const kanaLike = words.filter(spellsKana).length;
  if (kanaLike / words.length < ROMAJI_SHARE) return text;
  return lower.replace(LATIN_WORD, (w) => (keep(w) || !spellsKana(w) ? w : toKana(w)));
}
