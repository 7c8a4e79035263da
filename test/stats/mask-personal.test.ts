import { MASK, maskPersonal } from '../../src/stats/mask-personal';

describe('personal details are masked before a question is stored', () => {
  test.each([
    ['090-1234-5678 に電話したら予約できますか', `${MASK.phone} に電話したら予約できますか`],
    ['０９０ー１２３４ー５６７８まで', `${MASK.phone}まで`],
    ['電話は048(775)5111です', `電話は${MASK.phone}です`],
    ['(048)775-5111', MASK.phone],
    ['+81 90 1234 5678', MASK.phone],
    ['携帯09012345678', `携帯${MASK.phone}`],
    ['taro.yamada@example.com 宛に', `${MASK.mail} 宛に`],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐへ', `${MASK.mail}へ`],
    ['〒362-8501 上尾市本町', `${MASK.postal} 上尾市本町`],
    ['上尾市本町3-1-1の山田です', `上尾市本町${MASK.address}の山田です`],
    ['本町三丁目1番1号', `本町${MASK.address}`],
    ['本町3丁目1-1に住んでます', `本町${MASK.address}に住んでます`],
    ['原市1234-5', `原市${MASK.address}`],
    ['1番地の2', MASK.address],
    ['201号室', MASK.address],
    ['会員番号1234567', `会員番号${MASK.number}`],
  ])('%s', (question, stored) => {
    expect(maskPersonal(question)).toBe(stored);
  });

  test.each([
    '2026年の予算は？',
    'こども医療費は18歳まで',
    '3-4歳の子',
    '1-2月の予定',
    '一番近い避難所は',
    '1番線のホーム',
    '第2号被保険者',
    '10:00-12:00',
    'コロナ5類',
  ])('ordinary numbers stay: %s', (question) => {
    expect(maskPersonal(question)).toBe(question);
  });
});
