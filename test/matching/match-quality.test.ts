import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toAskLine } from '../../src/cli/ask';
import { parseGold, scoreAnswers } from '../../src/cli/score-answers';
import { createPledgeMatcher } from '../../src/matching/pledge-matcher';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { REPO_ROOT } from '../helpers/bot-harness';

/**
 * A regression floor on the repo's question set (test/fixtures/match-questions.jsonl, written
 * like the evaluation's questions, never used to write keywords). `npm run bench:match` prints
 * the full table; this only guards against a change that makes answers clearly worse.
 */
const FLOOR = { category: 0.9, hit3: 0.88, reject: 0.9, falseAnswer: 0.05 };

test(`the repo question set stays above ${JSON.stringify(FLOOR)}`, () => {
  const gold = parseGold(readFileSync(path.join(REPO_ROOT, 'test/fixtures/match-questions.jsonl'), 'utf8'));
  const matcher = createPledgeMatcher(loadCatalog(path.join(REPO_ROOT, 'data')));
  const all = scoreAnswers(
    gold,
    gold.map((g) => toAskLine(g.q, matcher.match(g.q))),
  ).find((r) => r.kind === 'all')!;
  expect(all.category).toBeGreaterThanOrEqual(FLOOR.category);
  expect(all.hit3).toBeGreaterThanOrEqual(FLOOR.hit3);
  expect(all.reject).toBeGreaterThanOrEqual(FLOOR.reject);
  expect(all.falseAnswer).toBeLessThanOrEqual(FLOOR.falseAnswer);
});

describe('scoreAnswers', () => {
  test('scores like the evaluation: refusals show no results; out-of-scope needs null', () => {
    const gold = parseGold(
      [
        '{"id":"1","q":"a","kind":"k","category":"disaster","items":["防災"]}',
        '{"id":"2","q":"b","kind":"k","category":["covid","industry"],"items":[]}',
        '{"id":"3","q":"c","kind":"o","category":null,"items":[]}',
      ].join('\n'),
    );
    const rows = scoreAnswers(gold, [
      { query: 'a', category: null, results: [{ id: 'x', category: 'disaster', text: '防災' }] },
      { query: 'b', category: 'industry', results: [] },
      { query: 'c', category: null, results: [] },
    ]);
    const all = rows.find((r) => r.kind === 'all')!;
    expect(all).toMatchObject({ n: 3, hit3: 0, reject: 1, falseAnswer: 0 });
    expect(all.category).toBeCloseTo(2 / 3);
  });
});
