import type { MatchResult } from '../../src/matching/matcher';
import { createPledgeAnalyser, createPledgeMatcher } from '../../src/matching/pledge-matcher';
import { DEFAULT_TUNABLES } from '../../src/matching/tunables';
import { englishCatalog } from './fixtures/english-catalog';

/**
 * One table per rule of English matching, on the matching fixture with English fields
 * (fixtures/english-catalog.ts), never on the live data/.
 */
const matcher = createPledgeMatcher(englishCatalog());
const withoutEnglish = createPledgeMatcher(englishCatalog(false));
const analyser = createPledgeAnalyser(englishCatalog());
const ask = (q: string): MatchResult => matcher.match(q);
const ids = (r: MatchResult): string[] => r.items.map((i) => i.item.id);
const offered = (r: MatchResult): string[] => [...ids(r), ...r.candidates.map((c) => c.item.id)];
const words = (r: MatchResult): string[] => r.words.map((w) => w.word);

describe('English messages are matched against the English fields', () => {
  test.each([
    ['free wifi', 'facilities-01'],
    ['hazard map', 'disaster-01'],
    ['Is hospital cost free for kids until 18?', 'childcare-01'],
    ['Do nursery schools give nappies?', 'childcare-02'], // British word in the keywords
    ['Where can I play the piano at the station?', 'industry-01'],
    ['Can a company donate through the hometown tax?', 'finance-01'],
  ])('%j → %s', (q, id) => {
    const r = ask(q);
    expect(r.kind).toBe('items');
    expect(ids(r)[0]).toBe(id);
  });

  test('without English fields the same messages find far less', () => {
    expect(withoutEnglish.match('Is hospital cost free for kids until 18?').kind).toBe('none');
    expect(withoutEnglish.match('Do nursery schools give nappies?').kind).toBe('none');
  });

  test('grammar and asking frames are no subject: "doing" does not weigh', () => {
    const r = ask('What is the city doing about disaster prevention?');
    expect(words(r)).toEqual(['disaster', 'prevention']);
  });

  test('words are shown by their dictionary form', () => {
    expect(words(ask('Do nursery schools give nappies?'))).toEqual(['nursery', 'school', 'nappy']);
  });

  test('asking broadly about an area gets the area card', () => {
    expect(ask('What is the city doing about disaster prevention?')).toMatchObject({
      kind: 'area',
      category: 'disaster',
    });
  });
});

describe('WordNet synonyms (the english part of synonyms.generated.json)', () => {
  test('a synonym explains, below the word itself', () => {
    const viaSynonym = analyser.analyse('calamity guidebook');
    const exact = analyser.analyse('disaster guidebook');
    if (viaSynonym.kind !== 'ranked' || exact.kind !== 'ranked') throw new Error('not ranked');
    expect(viaSynonym.scored[0]!.item.item.id).toBe('disaster-01');
    expect(viaSynonym.scored[0]!.item.matched).toContain('calamity→disast');
    expect(viaSynonym.item.coverage).toBeLessThan(exact.item.coverage);
  });

  test("staff's English synonyms (synonyms.json) lead to English or Japanese words", () => {
    const fest = analyser.analyse('When is the gyoza fest?');
    if (fest.kind !== 'ranked') throw new Error('not ranked');
    expect(fest.scored[0]!.item.item.id).toBe('industry-02');
    expect(fest.scored[0]!.item.matched).toContain('fest→festiv');
    const spo2 = analyser.analyse('Can I borrow a SpO2 device?');
    if (spo2.kind !== 'ranked') throw new Error('not ranked');
    expect(spo2.scored[0]!.item.item.id).toBe('covid-01');
    expect(spo2.scored[0]!.item.matched).toContain('spo2→ぱるすおきしめいた'); // normalised, as Japanese synonyms show
  });

  test('a word WordNet does not link stays unknown', () => {
    const r = ask('Is there money for a toupee?');
    expect(r.words.find((w) => w.word === 'toupee')?.known).toBe(false);
  });
});

describe('mixed messages: romaji against the Japanese fields, English against the English ones', () => {
  test.each([
    ['kodomo iryouhi free until 18?', 'childcare-01', ['こども', 'いりょうひ', 'free', '18']],
    ['When is the kushi gyoza festival?', 'industry-02', ['くし', 'ぎょざ', 'festival']],
    ['What is 串ぎょうざ festival?', 'industry-02', ['串ぎょうざ', 'festival']], // Japanese script in English
  ])('%j → %s', (q, id, ws) => {
    const r = ask(q);
    expect(r.kind).toBe('items');
    expect(ids(r)[0]).toBe(id);
    expect(words(r)).toEqual(ws);
  });

  test('a romaji message is still read as Japanese, as before', () => {
    const r = ask('bousai gaidobukku');
    expect(ids(r)[0]).toBe('disaster-01');
    expect(withoutEnglish.match('bousai gaidobukku').items[0]?.item.id).toBe('disaster-01');
  });
});

describe('out of scope, small talk and the menu in English', () => {
  test.each(['How do I sort garbage?', 'Where can I renew my visa?', 'What is the weather tomorrow?'])(
    '%j gets no card',
    (q) => {
      expect(['none', 'suggest']).toContain(ask(q).kind);
    },
  );

  test('an asked-for detail nothing gives is not answered with a card', () => {
    expect(ask('What time does the library open?').kind).not.toBe('items');
  });

  test.each([
    ['hello', 'smalltalk'],
    ['Good morning!', 'smalltalk'],
    ['menu', 'menu'],
    ['pledges', 'menu'],
    ["What are the mayor's pledges?", 'menu'],
  ])('%j → %s', (q, kind) => {
    expect(ask(q).kind).toBe(kind);
  });

  test('thanks are told apart from greetings', () => {
    expect(ask('Thank you!')).toMatchObject({ kind: 'smalltalk', thanks: true });
    expect(ask('hello')).toMatchObject({ kind: 'smalltalk', thanks: false });
  });
});

describe('Japanese messages are read as before', () => {
  test.each(['こども医療費', '防災', 'おむつ', 'がん', 'ネーミングライツの募集', '今日の天気は？'])('%s', (q) => {
    const a = ask(q);
    const b = withoutEnglish.match(q);
    expect({ kind: a.kind, items: ids(a), confidence: a.confidence }).toEqual({
      kind: b.kind,
      items: ids(b),
      confidence: b.confidence,
    });
  });
});

describe('the English decision', () => {
  test('English messages decide with their own model; Japanese ones with the Japanese model', () => {
    const en = analyser.analyse('free wifi');
    const ja = analyser.analyse('フリーWi-Fi');
    if (en.kind !== 'ranked' || ja.kind !== 'ranked') throw new Error('not ranked');
    expect(en.lang).toBe('en');
    expect(ja.lang).toBe('ja');
    expect(DEFAULT_TUNABLES.englishDecision.model).not.toEqual(DEFAULT_TUNABLES.decision.model);
  });

  test('the thresholds are ordered', () => {
    const d = DEFAULT_TUNABLES.englishDecision;
    expect(0 < d.suggest && d.suggest < d.answer && d.answer < 1).toBe(true);
  });

  test('an English candidate of the top item is offered as もしかして when unsure', () => {
    expect(offered(ask('Is there money for a hairpiece after cancer?'))).toContain('health-01');
  });
});
