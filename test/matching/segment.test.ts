import { hasJapaneseSegmenter, segmentQuery } from '../../src/matching/segment';

const content = (q: string, known: (w: string) => boolean = () => false): string[] =>
  segmentQuery(q, 120, known)
    .words.filter((w) => w.role === 'content')
    .map((w) => w.norm);

describe('segmentQuery', () => {
  test('this Node segments Japanese (full ICU)', () => {
    expect(hasJapaneseSegmenter()).toBe(true);
  });

  test.each([
    ['子育て支援について教えてください', ['子育て', '支援']],
    ['荒川の堤防は大丈夫？', ['荒川', '堤防', '大丈夫']],
    ['ＡＧＥＣＯＣＯってなに', ['agecoco']],
    ['図書館の仮の本館はどこ', ['図書館', '仮', '本館']],
    ['給食費の補助ある?', ['給食費', '補助']],
    ['こども医療費は何歳まで無料ですか', ['こども', '医療費', '何歳', '無料']],
    ['デジタルサイネージ', ['でじたるさいねいじ']],
    ['free wifi', ['free', 'wifi']],
    ['荒川 堤防 要望 !!', ['荒川', '堤防', '要望']],
    ['保育園の空き状況を知りたいです', ['保育園', '空き', '状況']],
    ['さいたま市の子育て支援', ['さいたま市', '子育て', '支援']],
    // a particle before 市 is not a town's name (の市); 市 and 進捗状況 frame the question
    ['子育てについての市の方針', ['子育て']],
    ['防災の進捗状況', ['防災']],
  ])('%s → %j', (q, words) => {
    expect(content(q)).toEqual(words);
  });

  test('a kana run the data knows stays whole; unknown runs lose their edge particles', () => {
    expect(content('いるみねーしょん', (w) => w === 'いるみねいしょん')).toEqual(['いるみねいしょん']);
    expect(content('ぴーしーあーるけんさ', () => false).join('')).toBe('ぴいしいああるけんさ');
  });

  test.each(['について', 'ありますか？', '教えてください', '？！', ''])('%j has no content', (q) => {
    expect(content(q)).toEqual([]);
  });

  test.each([['公約を教えて'], ['市長の取り組み']])('%s is generic', (q) => {
    const seg = segmentQuery(q, 120);
    expect(seg.words.some((w) => w.role === 'generic')).toBe(true);
    expect(seg.words.some((w) => w.role === 'content')).toBe(false);
  });

  test.each([['こんにちは'], ['ありがとう'], ['おはようございます'], ['よろしくお願いします']])(
    '%s is small talk',
    (q) => {
      const seg = segmentQuery(q, 120);
      expect(seg.words.some((w) => w.role === 'smalltalk')).toBe(true);
      expect(seg.words.some((w) => w.role === 'content')).toBe(false);
    },
  );

  test.each([
    // easy Japanese in kana with spaces: particles and endings come off, words stay whole
    ['くにの くるまの めんきょを かえたいです', ['くに', 'くるま', 'めんきょ', 'かえ']],
    ['わたしは のうかの しごとを てつだいたい です', ['わたし', 'のうか', 'しごと', 'てつだい']],
    ['こどもが びょういんに いきます', ['こども', 'びょういん', 'いき']],
    // a town's office names the town (桶川市), a station its town's place
    ['桶川市役所にも番号札ある？', ['桶川市', '役所', '番号札']],
    // one kanji with a question word after it is not an inflected word (1通|いくら)
    ['住民票の写しって1通いくら？', ['住民票', '写し', '1', '通', 'いくら']],
  ])('%s → %j', (q, words) => {
    expect(content(q)).toEqual(words);
  });

  test('place names keep their suffix and are marked as places', () => {
    const place = (q: string): string[] =>
      segmentQuery(q, 120)
        .words.filter((w) => w.place)
        .map((w) => w.norm);
    expect(place('さいたま市の子育て支援')).toEqual(['さいたま市']);
    expect(place('大宮駅のピアノ')).toEqual(['大宮駅']);
    expect(place('北本市でも補助ある？')).toEqual(['北本市']);
    expect(place('あげお浅市っていつ')).toEqual([]); // one kanji and 市 is not a town (a typo of 朝市)
  });

  test('offsets index the normalised question', () => {
    const seg = segmentQuery('防災ガイドブックはどこ', 120);
    for (const w of seg.words) expect(seg.norm.slice(w.start, w.end)).toBe(w.norm);
  });

  test('a word after punctuation or a space is marked, so 「ヤギ、孫」 is not one compound', () => {
    const seg = segmentQuery('丸山公園のヤギ、孫が見たい 駅前', 120);
    const marked = seg.words.filter((w) => w.afterBreak).map((w) => w.norm);
    expect(marked).toContain('孫');
    expect(marked).toContain('駅前');
    expect(marked).not.toContain('公園');
  });

  test('the question is cut at maxLength', () => {
    expect(segmentQuery('防災'.repeat(1000), 120).norm.length).toBeLessThanOrEqual(120);
  });
});
