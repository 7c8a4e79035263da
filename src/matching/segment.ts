import type { MessagePart } from './focus';
import { normalizeText } from './normalize';
import {
  ENGLISH_DETAIL_SET,
  isDetailWord,
  FILLER_PHRASES,
  GENERIC_SET,
  PARTICLE_SET,
  PLACE_SUFFIX,
  SMALLTALK_SET,
  STOPWORD_SET,
} from './lexicon';

/**
 * Splits a question into words with Intl.Segmenter (ICU's Japanese dictionary), then repairs
 * what it does badly on short questions: kana strings cut into fragments are glued back
 * (と/しょ/かん → としょかん, デジタル/サイ/ネ/ージ → デジタルサイネージ), a single kanji joins its kanji
 * neighbour (医療/費 → 医療費), Latin letters join digits (sphere/2); particles are peeled off the
 * ends of glued hiragana, and question words and endings are dropped. `known` tells whether the
 * data contains a (normalised) word, so a kana run the report knows is kept whole.
 */

export interface QueryWord {
  /** Normalised form (see normalize.ts). */
  norm: string;
  /** Start and end offsets in the normalised question (QuerySegments.norm). */
  start: number;
  end: number;
  /**
   * stop = particle / question ending; generic = "公約", "市" etc.; smalltalk = a greeting or
   * thanks; content = what the question is about.
   */
  role: 'content' | 'stop' | 'generic' | 'smalltalk';
  /** True when the word is in the asking part of the message (focus.ts). */
  focus: boolean;
  /** The script as typed (before kana folding): katakana words are names, hiragana ones often grammar. */
  script: Script;
  /** A place name with its 市/町/村/区/県/駅 (さいたま市, 大宮駅): never looked up fuzzily. */
  place?: boolean;
  /** Written after a space or punctuation (or first): not one compound with the word before. */
  afterBreak?: boolean;
  /**
   * A Latin word of a message in English (english-reading.ts): matched against the English
   * fields by its key. Its `norm` is the key, and its characters in QuerySegments.norm are
   * placeholders that no Japanese word contains; a word read as romaji as well keeps its kana as
   * `norm` and is matched against the Japanese fields too.
   */
  en?: EnglishQueryWord;
}

/** What an English message's word is, for the English side of the matcher. */
export interface EnglishQueryWord {
  text: string;
  lemma: string;
  key: string;
  pos: string;
  number: boolean;
  /** Also read as romaji (kodomo → こども): `norm` is its kana. */
  romaji: boolean;
}

/** True for a word asking for an administrative detail: DETAIL_WORDS, or ENGLISH_DETAIL by lemma. */
export const isDetailQueryWord = (w: Pick<QueryWord, 'norm' | 'en'>): boolean =>
  w.en && !w.en.romaji ? ENGLISH_DETAIL_SET.has(w.en.lemma) : isDetailWord(w.norm);

export interface QuerySegments {
  /** The whole normalised question: the concatenation of every word's `norm`. */
  norm: string;
  words: QueryWord[];
}

export type Script = 'hira' | 'kata' | 'kanji' | 'latin' | 'okurigana' | 'other';

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
/**
 * A word that can be the name of a town or a station before 市/町/駅: kanji or katakana of two or
 * more characters, or hiragana of three or more that does not end as grammar does (さいたま, not
 * よその, 住んでいた, 小さな).
 */
function canNamePlace(p: Piece): boolean {
  if (p.script === 'kanji' || p.script === 'kata') return p.text.length >= 2;
  return p.script === 'hira' && p.text.length >= 3 && !/[のなるたいてでにをがはもへやかよね]$/u.test(p.text);
}

/** A town's institution ICU keeps as one word: 市役所, 町役場, 市内, 市立… */
const TOWN_THING = /^([市町村区])(役所|役場|内|民|立|営|長)$/u;
/** A word ICU kept whole with its suffix (北本市, 桶川駅): a place name too. */
const PLACE_NAME = /^[\p{Script=Han}\u3041-\u309F]{2,}[市町村区県駅]$/u;

/** True when this Node has ICU data for Japanese word breaking (a small-ICU build does not). */
export function hasJapaneseSegmenter(): boolean {
  return segmenter.resolvedOptions().locale.startsWith('ja');
}

function scriptOf(s: string): Script {
  if (/^[\u3041-\u309F][\u3041-\u309Fー]*$/u.test(s)) return 'hira';
  if (/^[\u30A0-\u30FF]+$/u.test(s)) return 'kata';
  if (/^[\p{Script=Han}々〆ヶ]+$/u.test(s)) return 'kanji';
  if (/^[a-z0-9]+$/u.test(s)) return 'latin';
  if (/^[\p{Script=Han}々]+[\u3041-\u309F]+$/u.test(s)) return 'okurigana';
  return 'other';
}

interface Piece {
  text: string;
  script: Script;
  place?: boolean;
  /** The first piece after a space or punctuation (or of the sentence). */
  opensRun?: boolean;
}

function shouldGlue(a: Piece, b: Piece): boolean {
  if (a.script !== b.script) return false;
  switch (a.script) {
    case 'hira':
    case 'kata':
    case 'latin':
      return true;
    case 'kanji':
      return a.text.length === 1 || b.text.length === 1;
    default:
      return false;
  }
}

const isStop = (text: string): boolean => {
  const n = normalizeText(text);
  return STOPWORD_SET.has(n) || PARTICLE_SET.has(n);
};

/**
 * Splits a run of hiragana segments into stop words at its ends and the glued content between:
 * [は, なん, さい, まで] → は / なんさい / まで; [に, つい, て] → について (one stop word).
 * Only ICU's segment boundaries are cut, so words such as こども keep their last kana.
 */
function splitHiraganaRun(run: Piece[], known: (norm: string) => boolean, afterWord: boolean, atEnd: boolean): Piece[] {
  const joined = (ps: Piece[]): Piece => ({ text: ps.map((p) => p.text).join(''), script: 'hira' });
  // A run the report knows as a whole (いるみねーしょん, こそだて) is one word, whatever ICU cut.
  const whole = joined(run);
  const wholeNorm = normalizeText(whole.text);
  const special = (norm: string): boolean => GENERIC_SET.has(norm) || SMALLTALK_SET.has(norm);
  if (special(wholeNorm) || (run.length > 1 && known(wholeNorm))) return [whole];
  // A greeting followed by more (おはようございます|です): the greeting stays whole.
  for (let k = run.length - 1; k > 0; k--) {
    const head = joined(run.slice(0, k));
    if (special(normalizeText(head.text))) return [head, ...splitHiraganaRun(run.slice(k), known, true, atEnd)];
  }
  const out: Piece[] = [];
  let lo = 0;
  let hi = run.length;
  const tail: Piece[] = [];
  while (lo < hi) {
    let took = false;
    for (let k = hi; k > lo; k--) {
      const head = joined(run.slice(lo, k));
      // A lone particle opens a run only after a word (医療費|は); at the start of a word it is
      // the word's own kana (に|ほん, の|うか).
      if (head.text.length === 1 && !afterWord && lo === 0) continue;
      if (isStop(head.text)) {
        out.push(head);
        lo = k;
        took = true;
        break;
      }
    }
    if (!took) break;
  }
  while (hi > lo) {
    let took = false;
    for (let k = lo; k < hi; k++) {
      const end = joined(run.slice(k, hi));
      // Never leave a stem of one kana (く|に), nor cut a lone kana that is not a particle (くる|ま).
      const rest = joined(run.slice(lo, k)).text.length;
      if (rest > 0 && rest < MIN_STEM) continue;
      if (end.text.length === 1 && (!PARTICLE_SET.has(end.text) || tail.length > 0) && rest > 0) continue;
      if (isStop(end.text)) {
        tail.unshift(end);
        hi = k;
        took = true;
        break;
      }
    }
    if (!took) break;
  }
  if (hi > lo) out.push(...stripEndings(joined(run.slice(lo, hi)), known, atEnd && tail.length === 0));
  return [...out, ...tail];
}

/**
 * Particles and endings that ICU left inside a hiragana word (めんきょを, かえたいです: easy
 * Japanese written in kana with spaces): one particle at the very end (の, を, に…) when none was
 * cut at ICU's boundaries, and
 * endings of two or more characters before it (です, たい, ますか), while at least two
 * characters remain and the word is not one the data knows. A single kana other than a particle
 * is never cut (くるま keeps its ま, いくら its ら).
 */
function stripEndings(word: Piece, known: (norm: string) => boolean, particle: boolean): Piece[] {
  const tail: Piece[] = [];
  let text = word.text;
  const cutOff = (k: number): void => {
    tail.unshift({ text: text.slice(text.length - k), script: 'hira' });
    text = text.slice(0, text.length - k);
  };
  if (particle && !known(normalizeText(text)) && text.length > MIN_STEM && PARTICLE_SET.has(text.slice(-1))) cutOff(1);
  for (;;) {
    if (known(normalizeText(text))) break;
    let cut = 0;
    for (let k = 2; k <= text.length - MIN_STEM; k++) if (isStop(text.slice(text.length - k))) cut = k;
    if (!cut) break;
    cutOff(cut);
  }
  return [{ text, script: 'hira' }, ...tail];
}

/** A hiragana word keeps at least this many characters when its endings are cut off. */
const MIN_STEM = 2;

/** Segments and classifies a message made of parts (sentences, focus.ts). Pure and cheap. */
export function segmentMessage(
  parts: readonly MessagePart[],
  known: (norm: string) => boolean = () => false,
): QuerySegments {
  const words: QueryWord[] = [];
  let norm = '';
  for (const part of parts) {
    let breakBefore = true;
    for (const p of pieces(part.text, known)) {
      const n = normalizeText(p.text);
      breakBefore ||= p.opensRun === true;
      if (!n) continue;
      let role: QueryWord['role'] = isStop(n)
        ? 'stop'
        : GENERIC_SET.has(n)
          ? 'generic'
          : SMALLTALK_SET.has(n)
            ? 'smalltalk'
            : 'content';
      if (role === 'content' && n.length === 1 && /[\u3041-\u309F]/u.test(n)) role = 'stop';
      words.push({
        norm: n,
        start: norm.length,
        end: norm.length + n.length,
        role,
        focus: part.focus,
        script: p.script,
        ...(p.place || PLACE_NAME.test(n) ? { place: true } : {}),
        ...(breakBefore ? { afterBreak: true } : {}),
      });
      breakBefore = false;
      norm += n;
    }
  }
  return { norm, words };
}

/** One sentence (a single part that is its own focus), cut at maxLength: for tests and tools. */
export function segmentQuery(question: string, maxLength: number, known?: (norm: string) => boolean): QuerySegments {
  return segmentMessage([{ text: question.slice(0, maxLength), focus: true }], known);
}

/** ICU's words of one sentence, repaired and glued (see the module comment). */
function pieces(sentence: string, known: (norm: string) => boolean): Piece[] {
  const text = sentence.normalize('NFKC').toLowerCase().replace(FILLER_PHRASES, ' ');
  // 1. ICU word segments; anything that is not a word (spaces, punctuation) is a hard boundary.
  const runs: Piece[][] = [[]];
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) {
      if (runs[runs.length - 1]!.length) runs.push([]);
      continue;
    }
    const run = runs[runs.length - 1]!;
    const prev = run[run.length - 1];
    // ICU cuts the long vowel mark off (ぴ|ー, ね|ー): it belongs to the kana before it.
    if (prev && /^ー+$/u.test(s.segment)) prev.text += s.segment;
    else run.push({ text: s.segment, script: scriptOf(s.segment) });
  }
  // A town's office or its inside (桶川|市役所, 川越|市内): the town keeps its 市, so it is a place.
  for (const run of runs) {
    for (let k = 1; k < run.length; k++) {
      const m = TOWN_THING.exec(run[k]!.text);
      if (m && run[k - 1]!.script === 'kanji' && run[k - 1]!.text.length >= 2) {
        run.splice(k, 1, { text: m[1]!, script: 'kanji' }, { text: m[2]!, script: 'kanji' });
      }
    }
  }
  // 2. Glue fragments of one script inside each run; hiragana runs lose their stop words first.
  const glued: Piece[] = [];
  for (const run of runs) {
    const first = glued.length;
    glued.push(...glueRun(run, known));
    if (glued[first]) glued[first] = { ...glued[first], opensRun: true };
  }
  return glued;
}

/** Step 2 for one run of word segments (no space or punctuation inside). */
function glueRun(run: Piece[], known: (norm: string) => boolean): Piece[] {
  const glued: Piece[] = [];
  let i = 0;
  {
    while (i < run.length) {
      const p = run[i]!;
      if (p.script === 'hira') {
        let j = i;
        while (j < run.length && run[j]!.script === 'hira') j++;
        const parts = splitHiraganaRun(run.slice(i, j), known, i > 0, j === run.length);
        const last = glued[glued.length - 1];
        const first = parts[0];
        // A lone kanji followed by kana is an inflected word cut by ICU (届|いてる, 知|りたい);
        // not when the kana is a question of its own (1通|いくら).
        if (
          i > 0 &&
          last?.script === 'kanji' &&
          last.text.length === 1 &&
          first &&
          !isStop(first.text) &&
          !isDetailWord(normalizeText(first.text))
        ) {
          glued[glued.length - 1] = { text: last.text + first.text, script: 'okurigana' };
          parts.shift();
        }
        glued.push(...parts);
        i = j;
        continue;
      }
      const last = glued[glued.length - 1];
      if (last && i > 0 && PLACE_SUFFIX.test(p.text) && !isStop(last.text) && canNamePlace(last)) {
        // さいたま|市, 大宮|駅: a place name keeps its suffix, so other towns stay unknown words.
        glued[glued.length - 1] = { text: last.text + p.text, script: 'other', place: true };
      } else if (last && i > 0 && run[i - 1] !== undefined && run[i - 1]!.script !== 'hira' && shouldGlue(last, p)) {
        glued[glued.length - 1] = { text: last.text + p.text, script: p.script };
      } else glued.push(p);
      i++;
    }
  }
  return glued;
}
