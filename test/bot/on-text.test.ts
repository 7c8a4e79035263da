import path from 'node:path';
import { onText } from '../../src/bot/handlers/on-text';
import { parseEvent } from '../../src/bot/incoming-event';
import { createKnowledge } from '../../src/compose';
import type { MatchResult, Matcher } from '../../src/matching/matcher';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { REPO_ROOT } from '../helpers/bot-harness';
import { groupSource, textEvent } from '../helpers/webhook';

const catalog = loadCatalog(path.join(REPO_ROOT, 'data'));
const real = createKnowledge(catalog);
/** The handler with a matcher that answers `result` whatever is asked. */
const withResult = (result: MatchResult) => ({ catalog, matcher: { match: () => result } satisfies Matcher });
const text = (q: string, group = false) =>
  parseEvent(textEvent(q, group ? groupSource() : undefined)) as Extract<
    ReturnType<typeof parseEvent>,
    { type: 'text' }
  >;

describe('onText', () => {
  test('"もしかして": candidates as buttons, no answer claimed', () => {
    const items = catalog.items.slice(0, 4).map((item) => ({ item, score: 0.4, matched: ['x'] }));
    const reply = onText(text('q'), withResult({ kind: 'suggest', category: null, items, words: [] }))!;
    expect(reply.outcome).toBe('suggest');
    const json = JSON.stringify(reply.messages);
    expect(json).toContain('もしかして');
    expect(json).toContain('action=item&item=covid-01');
    expect(json).not.toContain('covid-04'); // at most 3 candidates
  });

  test('"公約を教えて" and greetings get the list of areas', () => {
    for (const q of ['公約を教えて', 'こんにちは']) expect(onText(text(q), real)!.outcome).toBe('menu');
  });

  test('メニュー / menu get the list of areas', () => {
    for (const q of ['メニュー', 'menu', 'ﾒﾆｭｰ']) expect(onText(text(q), real)!.outcome).toBe('menu');
  });

  test('in a group, no "not found" and no candidates', () => {
    expect(onText(text('今日の天気は？', true), real)).toBeNull();
    const items = catalog.items.slice(0, 2).map((item) => ({ item, score: 0.4, matched: ['x'] }));
    expect(onText(text('q', true), withResult({ kind: 'suggest', category: null, items, words: [] }))).toBeNull();
  });
});
