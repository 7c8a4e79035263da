import { extractSynonyms, readingOf } from '../../src/cli/derived-data';

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
