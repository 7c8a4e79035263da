import { analyseEnglish, classifyLatin, type LatinClass } from './english';

/**
 * The language of a message, which is the language of the reply:
 *
 * - A message in Japanese is Japanese, whatever English words it holds (「こども医療費 free?」).
 * - Latin script is English when it has English words at least as many as romaji words:
 *   "What is the city doing about disaster prevention?", "free wifi", and also
 *   "kodomo iryouhi free until 18?" (English around the Japanese name of a programme).
 * - Romaji is Japanese typed without an IME: 「bousai」, "kodomo iryouhi", "bousai wa doko desu ka"
 *   (a word that spells kana and is not English, or a word of Japanese grammar).
 * - An English sentence quoting a Japanese name is English when its English words are many and
 *   outnumber the Japanese words at least twice ("What is 串ぎょうざ festival? When is it held?").
 * - URLs, e-mail addresses, emoji, numbers and names that are neither (SPHERE2) do not count; a
 *   message with nothing to tell is Japanese, the city's language.
 */
export type Lang = 'ja' | 'en';

const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const JAPANESE_RUN = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆ヶ]+/gu;
/** URLs are not words of the message (cut before wink sees them). */
const URL_RUN = /\b(?:https?:\/\/|www\.)\S+/giu;
const EMAIL = /^[^@]+@[^@]+\.[^@]+$/u;

/**
 * The text without URLs and e-mail addresses. E-mail addresses are found word by word: one pattern
 * over the whole text (`\S+@\S+\.\S+`) takes time growing with the square of a long run without
 * spaces (a 5,000-character message took 70 ms), and a message must never hold the event loop.
 */
export function withoutAddresses(text: string): string {
  const noUrls = text.replace(URL_RUN, ' ');
  if (!noUrls.includes('@')) return noUrls;
  return noUrls
    .split(/(\s+)/u)
    .map((token) => (EMAIL.test(token) ? ' ' : token))
    .join('');
}

/** Words that are English and romaji particles alike: after a romaji word, read as particles. */
const ROMAJI_PARTICLES: ReadonlySet<string> = new Set(['no', 'to', 'made', 'o', 'e', 'ha']);

/** English words a message in Japanese script needs before it is read as English… */
export const MIN_ENGLISH_WORDS_WITH_JAPANESE = 3;
/** …and how many times its Japanese words they must number. */
export const ENGLISH_OVER_JAPANESE = 2;

const JAPANESE_WORDISH = /[\p{Script=Han}々〆ヶ]+|[\p{Script=Hiragana}]+|[\p{Script=Katakana}ー]+/gu;

/** How many words a message has of each language (for detectLanguage and its explanation). */
export interface LanguageCounts {
  english: number;
  romaji: number;
  japanese: number;
}

export function countLanguages(text: string): LanguageCounts {
  const plain = withoutAddresses(text.normalize('NFKC'));
  // Japanese words, roughly: runs of one script (防災|について|教|えて, 串|ぎょうざ).
  const japanese = (plain.match(JAPANESE_WORDISH) ?? []).length;
  const latin = plain.replace(JAPANESE_RUN, ' ');
  const counts: LanguageCounts = { english: 0, romaji: 0, japanese };
  if (!/[a-z]/iu.test(latin)) return counts;
  let previous: LatinClass | undefined;
  for (const w of analyseEnglish(latin)) {
    let c = classifyLatin(w);
    // A particle after a romaji word is Japanese (toshokan no wifi), not English "no".
    if (c === 'neutral' && previous === 'romaji' && ROMAJI_PARTICLES.has(w.text)) c = 'romaji';
    if (c === 'english') counts.english++;
    else if (c === 'romaji') counts.romaji++;
    previous = c;
  }
  return counts;
}

/** 'en' for a message written in English, 'ja' for everything else (see the module comment). */
export function detectLanguage(text: string): Lang {
  // The same message is asked about by the dispatcher, the person's-language lookup, the text
  // handler and the matcher: read it once.
  const known = recent.get(text);
  if (known) return known;
  const lang = detect(text);
  recent.set(text, lang);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return lang;
}

/** The languages of the last messages read (a message is asked about several times). */
const recent = new Map<string, Lang>();
const RECENT_MAX = 256;

function detect(text: string): Lang {
  const plain = text.normalize('NFKC');
  if (!/[a-z]/iu.test(plain)) return 'ja';
  const c = countLanguages(plain);
  if (JAPANESE_SCRIPT.test(plain))
    return c.english >= MIN_ENGLISH_WORDS_WITH_JAPANESE && c.english >= ENGLISH_OVER_JAPANESE * c.japanese
      ? 'en'
      : 'ja';
  return c.english > 0 && c.english >= c.romaji ? 'en' : 'ja';
}
