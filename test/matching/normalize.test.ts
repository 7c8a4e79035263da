import { isKanaOnly, normalizeText } from '../../src/matching/normalize';

describe('normalizeText', () => {
  test.each([
    ['ボウサイ', 'ぼうさい'],
    ['ﾜｸﾁﾝ', 'わくちん'],
    ['ＡＧＥＣＯＣＯ', 'agecoco'],
    ['Free Wi-Fi', 'freewifi'],
    ['防災 って？！', '防災って'],
    ['スタンプラリ－', 'すたんぷらりい'],
    ['スタンプラリー', 'すたんぷらりい'],
    ['ぎょーざ', 'ぎょうざ'],
    ['16ヶ所', '16か所'],
    ['16カ所', '16か所'],
    ['国土強靭化', '国土強靱化'],
    ['ｅスポーツ', 'eすぽうつ'],
    ['すぽーつ', 'すぽうつ'],
    ['ケーキ', 'けいき'],
    ['  ', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
  test('is idempotent', () => {
    for (const s of ['ボウサイ', 'ＡＧＥＣＯＣＯ', 'こども医療費を18歳まで無償化']) {
      expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
    }
  });
  test('isKanaOnly', () => {
    expect(isKanaOnly('ぼうさい')).toBe(true);
    expect(isKanaOnly('防災')).toBe(false);
  });
});
