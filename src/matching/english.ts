import winkNLP, { type ItsFunction, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import stem from 'wink-porter2-stemmer';
import { isKana, toKana } from 'wanakana';
import { ENGLISH_NEUTRAL_SET, ROMAJI_GRAMMAR_SET } from './lexicon';

/**
 * English analysis: words, lemmas and match keys of an English text, with wink-nlp and its
 * English lite model (tokens typed as word / number / url / emoji…, part of speech, lemma,
 * British spellings mapped to American) and the Porter2 stemmer. The match key of a word is the
 * stem of its lemma, so that children ~ child, vaccinated ~ vaccination, centre ~ center.
 *
 * Used for the English fields of the data (index) and for messages written in English
 * (pledge-matcher.ts), and to tell English from romaji (language.ts).
 */

/** One word (or number) of an English text. */
export interface EnglishWord {
  /** As typed, lower case (hyphenated parts joined: wi-fi → wifi). */
  text: string;
  /** Dictionary form, American spelling (children → child, centre → center). */
  lemma: string;
  /** What is compared: the Porter2 stem of the lemma (vaccination, vaccinated → vaccin). */
  key: string;
  /** Universal part of speech (NOUN, VERB, ADJ, PROPN, NUM, AUX…), from wink-nlp's tagger. */
  pos: string;
  /** A number (18, 3,000, 2nd): compared as digits. */
  number: boolean;
  /** wink-nlp's stop word (the, is, what, can, get…): grammar, not a subject. */
  stop: boolean;
  /** A word of wink's English lexicon (about 87,000 forms): English, not romaji or a name. */
  known: boolean;
  /** Parts of a hyphenated word that was kept whole (wi-fi → [wi, fi]); empty otherwise. */
  parts: string[];
}

/**
 * wink-nlp adds every word it has not seen to its lexicon, for good: a bot reading residents'
 * messages for months would grow without bound. The instance is replaced (a fresh lexicon, about
 * 0.2 s) once this many new words have been added (about 135 bytes each).
 */
export const MAX_NEW_WORDS = 20_000;

/** A string no lexicon holds: its id, read right after loading, is where new words start. */
const PROBE = 'qzxjqzxjvkw';

interface Engine {
  nlp: WinkMethods;
  /** Ids below this are words of the model's lexicon. */
  lexiconSize: number;
}

let engine: Engine | undefined;

function load(): Engine {
  const nlp = winkNLP(model, ['pos']);
  const id = nlp.readDoc(PROBE).tokens().out(nlp.its.uniqueId) as number[];
  return { nlp, lexiconSize: id[0] ?? 0 };
}

function current(): Engine {
  engine ??= load();
  return engine;
}

/** How many words wink-nlp has added to its lexicon since it was loaded (bounded by MAX_NEW_WORDS). */
export function newWordsHeld(): number {
  const e = current();
  // A word never seen gets the next id (PROBE itself holds lexiconSize); it is one more word held.
  const probe = `${PROBE}${++probes}`;
  const id = (e.nlp.readDoc(probe).tokens().out(e.nlp.its.uniqueId) as number[])[0] ?? e.lexiconSize;
  return id - e.lexiconSize - 1;
}

let probes = 0;

/** Porter2 stem of a lemma, digits of a number. */
export function keyOf(lemma: string, number = false): string {
  const w = lemma.toLowerCase();
  if (number) return w.replace(/[^0-9a-z]/gu, '');
  let key = stems.get(w);
  if (key === undefined) {
    // The stemmer runs some twenty regular expressions: the same words come back all the time.
    if (stems.size >= MAX_STEMS) stems.clear();
    stems.set(w, (key = stem(w.replace(/[^\p{L}\p{N}]/gu, ''))));
  }
  return key;
}

const stems = new Map<string, string>();
/** Stems remembered at most (a few hundred KB); then forgotten all at once. */
const MAX_STEMS = 20_000;

/** Letters of the Latin alphabet (after NFKC). */
const LATIN_LETTER = /[a-z]/iu;
const WORD_TYPES = new Set(['word', 'number', 'ordinal']);

/**
 * A hyphenated word whose parts are all this long is read as its parts (kushi-gyoza, covid-19);
 * with a shorter part, as one word (wi-fi → wifi, x-ray → xray).
 */
const MIN_HYPHEN_PART = 3;

/**
 * The words of an English text, in order. Grammar words are kept (flagged `stop`) so that the
 * caller can tell English from romaji; punctuation, URLs, e-mail addresses and emoji are left out.
 * `keepParts` (the index) keeps the parts of a hyphenated word besides the word joined.
 */
export function analyseEnglish(text: string, keepParts = false): EnglishWord[] {
  const e = current();
  // Lower case for the lexicon (its ids are per spelling: "See" is not "see"), but I stays I so
  // that wink still splits I'd.
  const lower = text
    .normalize('NFKC')
    .replace(/[’‘]/gu, "'")
    .toLowerCase()
    // wink splits I'd and it's, but keeps I'm whole.
    .replace(/\bi'm\b/gu, 'I am')
    .replace(/\bi\b/gu, 'I');
  const tokens = e.nlp.readDoc(lower).tokens();
  const its = e.nlp.its;
  const values = tokens.out(its.value) as string[];
  const types = tokens.out(its.type) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  // wink's own typing of its.lemma (it takes the model's addons) does not fit out()'s.
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
  const pos = tokens.out(its.pos) as string[];
  const stops = tokens.out(its.stopWordFlag) as boolean[];
  const ids = tokens.out(its.uniqueId) as number[];
  // The next message gets a fresh instance (this one's words are read already).
  if (Math.max(0, ...ids) - e.lexiconSize > MAX_NEW_WORDS) engine = undefined;

  const out: EnglishWord[] = [];
  const word = (i: number): EnglishWord => {
    const number = types[i] !== 'word' || !LATIN_LETTER.test(values[i]!);
    const lemma = (lemmas[i] ?? values[i]!).toLowerCase();
    return {
      text: values[i]!.toLowerCase(),
      lemma,
      key: keyOf(lemma, number),
      pos: pos[i] ?? 'X',
      number,
      stop: stops[i] === true,
      known: (ids[i] ?? Infinity) < e.lexiconSize,
      parts: [],
    };
  };
  for (let i = 0; i < values.length; i++) {
    if (!WORD_TYPES.has(types[i]!)) continue;
    // wink keeps e-mail and covid-19 whole, cuts wi|-|fi: both are read as one hyphenated word.
    const run = [i];
    while (
      values[run[run.length - 1]! + 1] === '-' &&
      !spaces[run[run.length - 1]! + 1] &&
      WORD_TYPES.has(types[run[run.length - 1]! + 2] ?? '') &&
      !spaces[run[run.length - 1]! + 2]
    )
      run.push(run[run.length - 1]! + 2);
    i = run[run.length - 1]!;
    const pieces = run.flatMap((k) => (values[k]!.includes('-') ? splitHyphenated(word(k)) : [word(k)]));
    if (pieces.length === 1) {
      out.push(pieces[0]!);
      continue;
    }
    const joined = joinWords(pieces);
    const whole = pieces.every((p) => p.text.length >= MIN_HYPHEN_PART || p.number);
    if (whole) out.push(...pieces);
    else out.push(joined);
    if (keepParts) {
      if (whole) out.push(joined);
      else out.push(...pieces.filter((p) => !p.stop));
    }
  }
  return out;
}

/** covid-19 → covid, 19 (wink keeps some hyphenated words whole). */
function splitHyphenated(w: EnglishWord): EnglishWord[] {
  return w.text
    .split('-')
    .filter(Boolean)
    .map((t) => {
      const number = !LATIN_LETTER.test(t);
      return { ...w, text: t, lemma: t, key: keyOf(t, number), number, stop: false, known: w.known, parts: [] };
    });
}

function joinWords(ws: EnglishWord[]): EnglishWord {
  const text = ws.map((w) => w.text).join('');
  const e = current();
  const id = (e.nlp.readDoc(text).tokens().out(e.nlp.its.uniqueId) as number[])[0] ?? Infinity;
  return {
    text,
    lemma: text,
    key: keyOf(
      text,
      ws.every((w) => w.number),
    ),
    pos: ws[ws.length - 1]!.pos,
    number: ws.every((w) => w.number),
    stop: false,
    known: id < e.lexiconSize,
    parts: ws.map((w) => w.text),
  };
}

/** How a Latin word of a message reads: English, romaji (Japanese typed without an IME), or neither. */
export type LatinClass = 'english' | 'romaji' | 'neutral' | 'other';

const spellsKana = (word: string): boolean => /^[a-z]+$/u.test(word) && isKana(toKana(word));

/**
 * English when wink's lexicon knows it (free, until, hospital) and it is not a word of Japanese
 * grammar in romaji (wa, desu, doko); romaji when it spells kana and is not English (kodomo,
 * bousai, maruyama) or is Japanese grammar; neutral for the few words that are both (to, no,
 * made, a, o); other for names and typos that are neither (sphere2, hospitl).
 */
export function classifyLatin(w: Pick<EnglishWord, 'text' | 'known' | 'number'>): LatinClass {
  if (w.number) return 'neutral';
  if (ENGLISH_NEUTRAL_SET.has(w.text)) return 'neutral';
  if (ROMAJI_GRAMMAR_SET.has(w.text)) return 'romaji';
  if (w.known) return 'english';
  return spellsKana(w.text) ? 'romaji' : 'other';
}
