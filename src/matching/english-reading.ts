import { toKana } from 'wanakana';
import { analyseEnglish, classifyLatin, type EnglishWord } from './english';
import { isContentWord } from './english-index';
import { focusParts } from './focus';
import {
  BROAD_ASKING,
  DETAIL_QUESTION,
  ENGLISH_BROAD,
  ENGLISH_DETAIL_QUESTION,
  ENGLISH_GENERIC_SET,
  ENGLISH_SMALLTALK_SET,
  GENERIC_SET,
  PARTICLE_SET,
  ROMAJI_GRAMMAR_SET,
  STOPWORD_SET,
} from './lexicon';
import { normalizeText } from './normalize';
import { segmentMessage, type QuerySegments, type QueryWord } from './segment';

/**
 * Step 1 for a message in English (language.ts), mixed or not: its sentences and asking part as
 * English asks (focus.ts), then its words:
 *
 * - English words (and names and typos) are matched against the English fields by their keys
 *   (english.ts); their characters in the normalised message are placeholders, so that no
 *   Japanese word or keyword is ever found inside them.
 * - Romaji words (kodomo, iryouhi, maruyama) become kana, matched against the Japanese fields
 *   and readings as a romaji message is, and against the English fields too (the English data
 *   writes kushi gyoza, neuvola as they are).
 * - Words in Japanese script ("What is 串ぎょうざ festival?") are segmented as Japanese.
 */
export interface EnglishReading {
  seg: QuerySegments;
  /** The message asks broadly (what is the city doing about…): ENGLISH_BROAD. */
  broad: boolean;
  /** The asking part asks when, where, how much…: ENGLISH_DETAIL_QUESTION. */
  asksDetail: boolean;
}

/** Stands in the normalised message for an English word's characters: no Japanese text holds it. */
export const ENGLISH_PLACEHOLDER = '\uE000';

const JAPANESE_RUNS = /([\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆ヶ]+)/u;
const JAPANESE = /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆ヶ]/u;

/** Reads a message in English (see above); `known` tells the Japanese words of the data, as for segmentMessage. */
export function readEnglishMessage(text: string, maxLength: number, known: (norm: string) => boolean): EnglishReading {
  const parts = focusParts(text, maxLength, 'en');
  const words: QueryWord[] = [];
  /** The part (sentence) of each word. */
  const partOf: number[] = [];
  let norm = '';
  for (const [k, part] of parts.entries()) {
    const first = words.length;
    for (const piece of part.text.split(JAPANESE_RUNS)) {
      if (!piece.trim()) continue;
      if (JAPANESE.test(piece)) {
        const seg = segmentMessage([{ text: piece, focus: part.focus }], known);
        for (const w of seg.words) words.push({ ...w, start: w.start + norm.length, end: w.end + norm.length });
        norm += seg.norm;
        continue;
      }
      for (const w of analyseEnglish(piece)) {
        const word = queryWord(w, part.focus);
        const span = word.en!.romaji ? word.norm : ENGLISH_PLACEHOLDER.repeat(Math.max(1, word.norm.length));
        words.push({ ...word, start: norm.length, end: norm.length + span.length, afterBreak: true });
        norm += span;
      }
    }
    for (let i = first; i < words.length; i++) partOf.push(k);
  }
  nameTheSubject(words, partOf);
  const focusText = parts.filter((p) => p.focus).map((p) => p.text);
  const whole = parts.map((p) => p.text).join(' ');
  return {
    seg: { norm, words },
    broad: ENGLISH_BROAD.test(whole) || BROAD_ASKING.test(whole),
    asksDetail: focusText.some((t) => ENGLISH_DETAIL_QUESTION.test(t) || DETAIL_QUESTION.test(t)),
  };
}

/**
 * "There is a piano in the station passage. Can anybody play?": an asking part that names no
 * subject asks about the sentence before it, which then is part of the asking part too (as the
 * Japanese rules read そこには, この制度 after the sentence they point at).
 */
function nameTheSubject(words: QueryWord[], partOf: readonly number[]): void {
  const names = (w: QueryWord): boolean =>
    w.role === 'content' && (!w.en || w.en.romaji || w.en.number || NOUNS.has(w.en.pos));
  if (words.some((w) => w.focus && names(w))) return;
  const firstFocus = words.findIndex((w) => w.focus);
  if (firstFocus < 0) return;
  const before = partOf[firstFocus]! - 1;
  if (before < 0) return;
  words.forEach((w, i) => {
    if (partOf[i] === before) words[i] = { ...w, focus: true };
  });
}

/** One Latin word as a query word (offsets set by the caller). */
function queryWord(w: EnglishWord, focus: boolean): Omit<QueryWord, 'start' | 'end'> {
  const cls = classifyLatin(w);
  const en = { text: w.text, lemma: w.lemma, key: w.key, pos: w.pos, number: w.number };
  if (cls === 'romaji') {
    const kana = normalizeText(toKana(w.text));
    const grammar = ROMAJI_GRAMMAR_SET.has(w.text) || STOPWORD_SET.has(kana) || PARTICLE_SET.has(kana);
    const generic = ENGLISH_GENERIC_SET.has(w.text) || GENERIC_SET.has(kana);
    return {
      norm: kana || w.key,
      role: grammar ? 'stop' : generic ? 'generic' : 'content',
      focus,
      // Not hiragana: a romaji word is a name or a noun (kodomo, maruyama), never the grammar the
      // hiragana weights discount.
      script: 'kata',
      en: { ...en, romaji: kana.length > 0 },
    };
  }
  const role: QueryWord['role'] =
    cls === 'neutral' && !w.number
      ? 'stop'
      : ENGLISH_SMALLTALK_SET.has(w.lemma) || ENGLISH_SMALLTALK_SET.has(w.text)
        ? 'smalltalk'
        : !isContentWord(w)
          ? 'stop'
          : ENGLISH_GENERIC_SET.has(w.lemma)
            ? 'generic'
            : 'content';
  return { norm: w.key, role, focus, script: 'latin', en: { ...en, romaji: false } };
}

/** Parts of speech that make a noun phrase (wink-nlp's tags). */
const NOUN_PHRASE: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);
const NOUNS: ReadonlySet<string> = new Set(['NOUN', 'PROPN']);

/**
 * The head of what an English message asks about: the last noun of the first noun phrase of the
 * asking part that holds a subject (not only "city"): "Is there part time job at city hall?" →
 * job; "Where can I use free wifi?" → wifi; "Which hospital has a doctor…" → hospital. Words read
 * as romaji count as nouns (kodomo iryouhi → iryouhi).
 */
export function englishHead(seg: QuerySegments): QueryWord | undefined {
  const focus = seg.words.filter((w) => w.focus);
  let chunk: QueryWord[] = [];
  const headOf = (ws: QueryWord[]): QueryWord | undefined =>
    ws.filter((w) => w.role === 'content' && (!w.en || w.en.romaji || NOUNS.has(w.en.pos))).pop();
  for (const w of focus) {
    const inPhrase =
      (w.role === 'content' || w.role === 'generic') && (!w.en || w.en.romaji || NOUN_PHRASE.has(w.en.pos));
    if (inPhrase) {
      chunk.push(w);
      continue;
    }
    const head = headOf(chunk);
    if (head) return head;
    chunk = [];
  }
  return headOf(chunk);
}
