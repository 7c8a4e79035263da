import path from 'node:path';
import { createPledgeMatcher } from '../../src/matching/pledge-matcher';
import { DEFAULT_THRESHOLDS } from '../../src/matching/thresholds';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { REPO_ROOT } from '../helpers/bot-harness';

const catalog = loadCatalog(path.join(REPO_ROOT, 'data'));
const matcher = createPledgeMatcher(catalog);

describe('area questions answer with the area', () => {
  test.each([
    ['防災', 'disaster'],
    ['ぼうさい', 'disaster'],
    ['防災力の強化', 'disaster'],
    ['子育て', 'childcare'],
    ['こそだて', 'childcare'],
    ['子育て支援について', 'childcare'],
    ['健康', 'health'],
    ['コロナ対策', 'covid'],
    ['公共施設', 'facilities'],
    ['disaster', 'disaster'],
  ])('%s → %s', (q, category) => {
    const r = matcher.match(q);
    expect(r.kind).toBe('area');
    expect(r.category).toBe(category);
  });
});

describe('questions about progress are answered by their subject, not refused for their frame', () => {
  test.each([
    ['子育て支援の公約の進み具合を教えてください', 'childcare'],
    ['防災の進捗はどうですか', 'disaster'],
    ['防災の進捗状況', 'disaster'],
    ['防災の取り組みの現状を知りたい', 'disaster'],
    ['子育て支援の実績を教えて', 'childcare'],
    ['防災の成果はありますか', 'disaster'],
    ['防災はどこまで進んでいますか', 'disaster'],
    ['防災に関する公約の達成度は', 'disaster'],
    ['子育てについての市の方針を知りたいです', 'childcare'],
    ['上尾市の防災の取り組み', 'disaster'],
    ['防災のこと詳しく', 'disaster'],
    // English function words and colloquial placeholders are not the subject either
    ['Where can I get the COVID vaccine?', 'covid'],
    ['disaster prevention plans', 'disaster'],
    ['コロナで家で療養してた時に食べ物届けてくれたやつ', 'covid'],
  ])('%s → %s', (q, category) => {
    expect(matcher.match(q).category).toBe(category);
  });

  test.each(['進捗状況を教えて', '市長の公約の成果は？'])('%s alone asks for the overview (generic)', (q) => {
    expect(matcher.match(q)).toMatchObject({ kind: 'none', generic: true });
  });
});

describe('a question that names an area is not answered from another one', () => {
  test.each(['防災の情報を知らせて', '防災について最新の情報をください'])(
    '%s → never the vaccine-information item',
    (q) => {
      const r = matcher.match(q);
      expect(r.category === null || r.category === 'disaster').toBe(true);
      expect(r.items[0]?.item.id).not.toBe('covid-01');
    },
  );
});

describe('details the report never gives (deadlines, phone numbers, parking) are not answered with a card', () => {
  test.each([
    '自転車ヘルメット補助の申請期限はいつまで？',
    'マイナンバーカードの交付予約の電話番号を教えて',
    '丸山公園の駐車場は無料ですか',
    '防災士養成講座の申し込みはいつから',
  ])('%s → no answer (もしかして at most)', (q) => {
    expect(matcher.match(q).category).toBeNull();
  });

  test('the same topics without the detail are answered', () => {
    expect(matcher.match('自転車ヘルメットの補助').category).toBe('health');
    expect(matcher.match('防災士の養成講座').category).toBe('disaster');
  });

  test('「として市」 is not a town (地球温暖化対策として市は…)', () => {
    expect(matcher.match('地球温暖化対策として市はどんな計画を立てていますか？').category).toBe('finance');
  });
});

describe('a kanji word with one wrong character (a wrong conversion) still finds its item', () => {
  test.each([
    ['子供の医僚費', 'childcare-01'],
    ['ワクチン設種体制', 'covid-03'],
    ['コンプライアンス検修', 'governance-02'],
    ['給食費の保助', 'childcare-13'],
    ['公分書管理条例', 'governance-03'],
  ])('%s → %s', (q, id) => {
    const r = matcher.match(q);
    expect(r.kind).toBe('items');
    expect(r.items[0]?.item.id).toBe(id);
  });

  test('but a detail word is never read as a typo (開館時間 is not 閉館, 期限 is not 期間)', () => {
    expect(matcher.match('図書館の開館時間を教えて').category).toBeNull();
    expect(matcher.match('窓口の待ち時間').category).toBe('finance'); // the item itself speaks of 待ち時間
  });
});

describe('another town is never answered for', () => {
  test.each(['さいたま市の子ども医療費は何歳まで無料？', '川越市のふるさと納税の返礼品は？'])('%s → no answer', (q) => {
    expect(matcher.match(q).category).toBeNull();
  });

  test('a town the report itself names (伊奈町, the joint fire service) is answered', () => {
    expect(matcher.match('消防って伊奈町と一緒になったんだっけ?').category).toBe('disaster');
  });
});

describe('item questions answer with the item first', () => {
  test.each([
    // keywords and the report's own names
    ['こども医療費', 'childcare-01'],
    ['ハザードマップ', 'disaster-02'],
    ['ふるさと納税', 'finance-01'],
    ['高度救助隊', 'disaster-10'],
    ['国土強靱化地域計画は策定されましたか', 'disaster-05'],
    // kana for kanji, width and kanji variants
    ['こうどきゅうじょたい', 'disaster-10'],
    ['ＡＧＥＣＯＣＯ', 'childcare-14'],
    ['ﾜｸﾁﾝの情報', 'covid-01'],
    ['国土強靭化', 'disaster-05'],
    // typos
    ['コンプライアソス研修', 'governance-02'],
    ['自宅寮養者への支援', 'covid-05'],
    // words the report never uses
    ['ヤングケアラー', 'childcare-12'],
    ['電線を地中に埋める計画', 'disaster-07'],
    ['ウィッグの補助', 'health-09'],
    ['給食費タダになるの?', 'childcare-13'],
    ['脱炭素', 'finance-09'],
    // whole sentences and casual speech
    ['自転車のヘルメットを買うと補助が出るって本当ですか', 'health-05'],
    ['ストリートピアノってどこにあるの?', 'industry-10'],
    // a little English
    ['free wifi', 'facilities-04'],
    ['hometown tax', 'finance-01'],
  ])('%s → %s', (q, id) => {
    const r = matcher.match(q);
    expect(r.kind).toBe('items');
    expect(r.items[0]?.item.id).toBe(id);
    expect(r.category).toBe(r.items[0]?.item.category);
  });

  test('a phrase late in the longest item is found', () => {
    const longest = [...catalog.items].sort((a, b) => b.text.length - a.text.length)[0]!;
    const r = matcher.match(longest.text.slice(-12));
    expect(r.items.map((x) => x.item.id)).toContain(longest.id);
  });

  test('answers list at most 5 items, best first, and explain what matched', () => {
    const r = matcher.match('ワクチン接種');
    expect(r.items.length).toBeLessThanOrEqual(5);
    const scores = r.items.map((x) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(r.items[0]!.matched.length).toBeGreaterThan(0);
  });
});

describe('questions the report cannot answer stay unanswered', () => {
  test.each([
    '今日の天気は？',
    'あ',
    '',
    '？？？',
    'ごみの収集日',
    'プラスチックごみは何曜日？',
    '防犯カメラを増やしてほしい',
    'パスポートの申請はどこでできますか？',
    '児童手当の振込日',
    'さいたま市の子育て支援',
    '上尾でおすすめのラーメン屋',
    '暇だから話そう',
    '選挙はいつ？',
    // a service question about a pledge topic: 状況 here is not a pledge's progress
    '保育園の空き状況を知りたいです',
    // 日 found only inside 休日 says nothing about garbage days
    '燃えるごみの日はいつですか？',
  ])('%j → not an answer', (q) => {
    expect(matcher.match(q).category).toBeNull();
  });

  test.each(['公約を教えて', 'こんにちは', 'ありがとう'])('%s asks for the overview (generic)', (q) => {
    const r = matcher.match(q);
    expect(r).toMatchObject({ kind: 'none', generic: true });
  });
});

describe('thresholds decide answer / suggest / none', () => {
  test('a question between suggest and answer gets candidates, not an answer', () => {
    const strict = createPledgeMatcher(catalog, { ...DEFAULT_THRESHOLDS, answer: 1.5, suggest: 0.3 });
    const r = strict.match('こども医療費');
    expect(r.kind).toBe('suggest');
    expect(r.category).toBeNull();
    expect(r.items[0]?.item.id).toBe('childcare-01');
    expect(r.items.length).toBeLessThanOrEqual(3);
  });

  test('with suggest at the answer threshold there are no candidates', () => {
    const noSuggest = createPledgeMatcher(catalog, { ...DEFAULT_THRESHOLDS, suggest: DEFAULT_THRESHOLDS.answer });
    expect(noSuggest.match('上尾市の天気').kind).toBe('none');
  });

  test('the thresholds are ordered', () => {
    expect(DEFAULT_THRESHOLDS.suggest).toBeLessThan(DEFAULT_THRESHOLDS.answer);
    expect(DEFAULT_THRESHOLDS.relatedRatio).toBeLessThanOrEqual(1);
  });
});

describe('cost is bounded', () => {
  test('a 5,000-character text in any script is matched without error', () => {
    for (const s of ['防災', 'あ', 'a', '😀', 'ﾜ', '\u0000', '한국어', 'مرحبا']) {
      expect(() => matcher.match(s.repeat(5000 / s.length))).not.toThrow();
    }
  });
});
