import type { AskLine } from '../../src/cli/ask';
import { outcomeOf, parseGold, scoreAnswers, scoreReplies } from '../../src/cli/score-answers';

const gold = parseGold(
  [
    '{"id":"1","q":"a","kind":"k","category":"disaster","items":["防災"]}',
    '{"id":"2","q":"b","kind":"k","category":["covid","industry"],"items":[]}',
    '{"id":"3","q":"c","kind":"o","category":null,"items":[]}',
    '{"id":"4","q":"d","kind":"detail","category":"health","items":["ヘルメット"]}',
    '{"id":"5","q":"e","kind":"english","category":null,"items":[]}',
  ].join('\n'),
);
const line = (over: Partial<AskLine>): AskLine => ({
  query: '',
  category: null,
  results: [],
  reply: 'not-found',
  suggestions: [],
  lang: 'ja',
  ...over,
});
const hit = { id: 'x', category: 'disaster', text: '防災ガイドブック' };
const helmet = { id: 'h', category: 'health', text: '自転車用ヘルメットの購入補助' };

describe('scoreAnswers (score.mjs)', () => {
  test('refusals show no results; out-of-scope needs null', () => {
    const rows = scoreAnswers(gold.slice(0, 3), [
      line({ category: null, results: [hit] }),
      line({ category: 'industry', reply: 'area' }),
      line({}),
    ]);
    const all = rows.find((r) => r.kind === 'all')!;
    expect(all).toMatchObject({ n: 3, hit3: 0, reject: 1, falseAnswer: 0 });
    expect(all.category).toBeCloseTo(2 / 3);
  });
});

describe('outcomeOf / scoreReplies (score-replies.mjs)', () => {
  test.each([
    [0, line({ reply: 'items', category: 'disaster', results: [hit] }), 'answer-ok'],
    [0, line({ reply: 'items', category: 'covid', results: [hit] }), 'wrong'],
    [0, line({ reply: 'suggest', suggestions: [hit] }), 'suggest-ok'],
    [0, line({ reply: 'not-found' }), 'refused'],
    [1, line({ reply: 'area', category: 'industry' }), 'answer-ok'],
    [2, line({ reply: 'suggest', suggestions: [hit] }), 'reject-ok'],
    [2, line({ reply: 'items', category: 'covid', results: [hit] }), 'wrong'],
  ] as const)('question %i, %j → %s', (i, a, outcome) => {
    expect(outcomeOf(gold[i]!, a)).toBe(outcome);
  });

  test('the summary counts Japanese messages only', () => {
    const s = scoreReplies(gold, [
      line({ reply: 'items', category: 'disaster', results: [hit] }),
      line({ reply: 'not-found' }),
      line({}),
      line({ reply: 'suggest', suggestions: [helmet] }),
      line({ reply: 'items', category: 'covid', results: [hit] }), // English: not in the summary
    ]).summary;
    expect(s.answerOk).toBeCloseTo(1 / 3);
    expect(s.withinOneTap).toBeCloseTo(2 / 3);
    expect(s.wrong).toBe(0);
    expect(s.detailWithinOneTap).toBe(1);
    expect(s.refused).toBe(1);
  });

  test('English messages have a summary of their own', () => {
    const replies = [
      line({ reply: 'items', category: 'disaster', results: [hit] }),
      line({}),
      line({}),
      line({ reply: 'suggest', suggestions: [helmet] }),
      line({ reply: 'not-found' }), // the English out-of-scope question, refused
    ];
    expect(scoreReplies(gold, replies).english).toEqual({ answerOk: 0, withinOneTap: 0, wrong: 0, refused: 1 });
    expect(scoreReplies(gold.slice(0, 4), replies.slice(0, 4)).english).toBeNull();
  });
});
