import type { MatchResult } from '../../src/matching/matcher';
import { analyseFixture, matchFixture } from '../helpers/match-fixture';

/**
 * One table per named step of the matcher (src/matching/pledge-matcher.ts), on the matching
 * fixture (test/fixtures/match-data: ten items, one or two per area), never on the live data/.
 */

const ask = (q: string): MatchResult => matchFixture.match(q);
const ids = (r: MatchResult): string[] => r.items.map((i) => i.item.id);
const answered = (r: MatchResult): boolean => r.kind === 'area' || r.kind === 'items';

describe('1. readMessage: the asking part weighs most; context may add evidence', () => {
  test('context sentences do not sink the answer to the asking sentence', () => {
    const r = ask('妻が妊娠しました。初めての子で不安です。保育所でおむつを用意してもらえますか？');
    expect(r.kind).toBe('items');
    expect(ids(r)[0]).toBe('childcare-02');
    const focus = Object.fromEntries(r.words.map((w) => [w.word, w.focus]));
    expect(focus['妊娠']).toBe(false);
    expect(focus['おむつ']).toBe(true);
  });

  test('a message of one sentence is all focus', () => {
    expect(ask('こども医療費は何歳まで無料ですか').words.every((w) => w.focus)).toBe(true);
  });

  test.each([
    ['kodomo iryouhi', 'childcare-01'],
    ['paruso kishime-ta', undefined],
    ['bousai gaidobukku', 'disaster-01'],
  ])('romaji %s is read as kana', (q, id) => {
    const r = ask(q);
    if (id) expect([...ids(r), ...r.candidates.map((c) => c.item.id)]).toContain(id);
  });

  test('a staff keyword is findable by itself, never inside a longer word', () => {
    expect(ask('がん')).toMatchObject({ kind: 'items', category: 'health' });
    expect(ids(ask('がん'))[0]).toBe('health-01');
    expect(ids(ask('がんばって'))).not.toContain('health-01');
  });
});

describe('2. classify: greetings, the menu, nothing to match', () => {
  test.each([
    ['こんにちは', 'smalltalk'],
    ['おはようございます', 'smalltalk'],
    ['ありがとうございました', 'smalltalk'],
    ['hello', 'smalltalk'],
    ['公約を教えて', 'menu'],
    ['メニュー', 'menu'],
    ['menu', 'menu'],
    ['あ', 'none'],
    ['？！', 'none'],
    ['', 'none'],
  ])('%j → %s', (q, kind) => {
    expect(ask(q).kind).toBe(kind);
  });

  test('thanks are told apart from greetings', () => {
    expect(ask('ありがとう')).toMatchObject({ kind: 'smalltalk', thanks: true });
    expect(ask('こんにちは')).toMatchObject({ kind: 'smalltalk', thanks: false });
  });
});

describe('3. findSynonyms: staff synonyms, then Sudachi spellings and synonyms', () => {
  test.each([
    ['病院代タダ？', 'childcare-01'], // staff: 病院代 → 医療費, タダ → 無償
    ['餃子のお祭り', 'industry-02'], // staff: 餃子 → ぎょうざ
    ['癌', 'health-01'], // Sudachi spelling: 癌 → がん
  ])('%s → %s', (q, id) => {
    const r = ask(q);
    expect([...ids(r), ...r.candidates.map((c) => c.item.id)][0]).toBe(id);
  });

  test('a synonym alone never explains a word fully (below the exact word)', () => {
    const viaSynonym = analyseFixture.analyse('癌');
    const exact = analyseFixture.analyse('がん');
    if (viaSynonym.kind !== 'ranked' || exact.kind !== 'ranked') throw new Error('not ranked');
    expect(viaSynonym.item.coverage).toBeLessThan(1);
    expect(exact.item.coverage).toBe(1);
    expect(viaSynonym.item.exact).toBeLessThan(exact.item.exact + 1e-9);
  });
});

describe('4. explainAll: readings meet kana on word boundaries only; typos are guessed', () => {
  test('kana questions meet kanji wording through the readings', () => {
    expect(ask('ぼうさいがいどぶっく').category).toBe('disaster');
    expect(ask('ぎょうざ').category).toBe('industry');
  });

  test('a reading never matches inside a longer word (がん in がんばれる, ぎょうざ in ぎょうざいせい)', () => {
    // The childcare area's title reads こそだてせだい が がんばれる まち; the finance area's
    // 行財政 reads ぎょうざいせい.
    expect(ask('がん').category).not.toBe('childcare');
    expect(ask('ぎょうざ').category).not.toBe('finance');
  });

  test('a one-character typo in a name is offered, never refused outright', () => {
    for (const q of ['ハザードマツプ', 'ネーミングライッ']) {
      const r = ask(q);
      expect(['items', 'suggest']).toContain(r.kind);
    }
  });
});

describe('5. weighWords: rare words weigh most; context words less', () => {
  test('a word found in one item outweighs one found in many', () => {
    const w = Object.fromEntries(ask('子どもの医療費').words.map((x) => [x.word, x.weight]));
    expect(w['医療費']!).toBeGreaterThan(w['子ども']!);
  });

  test('words of the context sentences are marked, and what is asked is not', () => {
    const r = ask('母が入院しています。家族みんな不安です。がんの人のウィッグの助成はありますか？');
    expect(r.words.filter((w) => !w.focus).map((w) => w.word)).toEqual(expect.arrayContaining(['母', '入院']));
    expect(r.words.filter((w) => w.focus).map((w) => w.word)).toEqual(expect.arrayContaining(['うぃっぐ', '助成']));
  });

  test('a word no item knows is flagged as unknown', () => {
    expect(ask('パスポートの申請').words.find((w) => w.word === 'ぱすぽうと')?.known).toBe(false);
  });
});

describe('6–8. rank and decide: never a confident wrong card', () => {
  test.each([
    ['大宮駅にもストリートピアノってある？'], // another town's station
    ['北本市のおむつのサービス'], // another town
    ['桶川市役所にもWi-Fiある？'], // another town's office
  ])('another town: %s gets no card', (q) => {
    expect(answered(ask(q))).toBe(false);
  });

  test('a place the item mentions, and something else asked about it: no card', () => {
    expect(answered(ask('上尾駅の自由通路の駐輪場'))).toBe(false);
  });

  test('a question about something the report does not cover gets no card', () => {
    for (const q of ['今日の天気は？', 'パスポートの申請はどこでできますか', '犬の登録をしたい']) {
      expect(answered(ask(q))).toBe(false);
    }
  });

  test('もしかして offers only candidates backed by a word of the question', () => {
    const r = ask('市長の名前は？');
    expect(answered(r)).toBe(false);
    expect(r.kind === 'suggest' ? r.items : []).toEqual([]);
  });

  test('the area card answers a question about the area as a whole', () => {
    expect(ask('防災')).toMatchObject({ kind: 'area', category: 'disaster' });
    expect(ask('子育て')).toMatchObject({ kind: 'area', category: 'childcare' });
  });

  test('an item question answers with the item', () => {
    const r = ask('こども医療費');
    expect(r).toMatchObject({ kind: 'items', category: 'childcare' });
    expect(ids(r)[0]).toBe('childcare-01');
  });

  test('a message with two topics answers with both', () => {
    const r = ask('ストリートピアノと、ハザードマップのこと両方知りたい');
    expect(r.kind).toBe('items');
    expect(ids(r)).toEqual(expect.arrayContaining(['industry-01', 'disaster-01']));
  });

  test('confidence is reported, between 0 and 1, and answers are the confident ones', () => {
    for (const q of ['こども医療費', '防災', 'ピアノの予約方法', '今日の天気は？']) {
      const r = ask(q);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
    expect(ask('こども医療費').confidence).toBeGreaterThan(ask('今日の天気は？').confidence);
  });

  test('results and candidates are bounded (ask contract: 5 results, 3 suggestions)', () => {
    for (const q of ['防災', 'ピアノの予約方法', 'がん']) {
      const r = ask(q);
      expect(r.items.length).toBeLessThanOrEqual(r.kind === 'suggest' ? 3 : 5);
      expect(r.candidates.length).toBeLessThanOrEqual(5);
    }
  });

  test('a 5,000-character message is read (its asking part first) and answered', () => {
    const long = `${'前置きの文章です。'.repeat(600)}こども医療費は何歳まで無料ですか？`;
    expect(long.length).toBeGreaterThan(5000);
    expect(ask(long).category).toBe('childcare');
  });
});
