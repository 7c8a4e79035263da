import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../pledges/catalog';
import { readingTexts, type ReadingsFile } from '../pledges/readings';
import type { SynonymsFile } from '../pledges/synonyms';
import { normalizeText } from '../matching/normalize';

/**
 * The files derived from the data when it is built (data:readings, data:import), never by the
 * running bot:
 *
 * - readings.json: the hiragana reading of every text, title, keyword and summary, one space
 *   between every word (kuromoji's tokens), so that a kana question matches a reading only on
 *   word boundaries (がん is not inside がんばれる).
 * - synonyms.generated.json: the groups of Sudachi's synonym dictionary that touch a word of the
 *   data, as "a citizen's word → the data's words". The 14 MB dictionary is read here only.
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

function buildSynonyms(catalog: Pick<Catalog, 'areas' | 'items'>, tokenize: Tokenize): SynonymsFile {
  const groups = JSON.parse(
    readFileSync(
      path.join(path.dirname(require.resolve('sudachi-synonyms-dictionary')), 'sudachi-synonyms-dictionary.json'),
      'utf8',
    ),
  ) as SudachiGroup[];
  return {
    $comment:
      'npm run data:readings が作るファイルです (手で編集しないでください)。Sudachi の同義語辞書 (Apache-2.0, Works Applications) のうち、データの言葉を含むグループ。言い換えを足すときは synonyms.json へ。',
    ...extractSynonyms(groups, dataWords(catalog, tokenize)),
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
