import { onText } from '../../src/bot/handlers/on-text';
import { parseEvent } from '../../src/bot/incoming-event';
import { createKnowledge } from '../../src/compose';
import type { MatchResult, Matcher } from '../../src/matching/matcher';
import { matchCatalog as catalog } from '../helpers/match-fixture';
import { groupSource, textEvent } from '../helpers/webhook';

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
    const reply = onText(
      text('q'),
      withResult({ kind: 'suggest', category: null, items, words: [], confidence: 0.5, candidates: items }),
    )!;
    expect(reply.outcome).toBe('suggest');
    const json = JSON.stringify(reply.messages);
    expect(json).toContain('もしかして');
    expect(json).toContain(`action=item&item=${items[0]!.item.id}`);
    expect(json).not.toContain(items[3]!.item.id); // at most 3 candidates
  });

  test('"公約を教えて" gets the list of areas', () => {
    expect(onText(text('公約を教えて'), real)!.outcome).toBe('menu');
  });

  test('greetings and thanks get a short polite text, not the menu', () => {
    for (const [q, says] of [
      ['こんにちは', '公約案内'],
      ['ありがとうございました', 'どういたしまして'],
    ] as const) {
      const reply = onText(text(q), real)!;
      expect(reply.outcome).toBe('smalltalk');
      expect(reply.messages).toHaveLength(1);
      expect(reply.messages[0]!.type).toBe('text');
      expect(JSON.stringify(reply.messages)).toContain(says);
    }
  });

  test('メニュー / menu get the list of areas', () => {
    for (const q of ['メニュー', 'menu', 'ﾒﾆｭｰ']) expect(onText(text(q), real)!.outcome).toBe('menu');
  });

  test('in a group, no "not found" and no candidates', () => {
    expect(onText(text('今日の天気は？', true), real)).toBeNull();
    const items = catalog.items.slice(0, 2).map((item) => ({ item, score: 0.4, matched: ['x'] }));
    const suggest: MatchResult = {
      kind: 'suggest',
      category: null,
      items,
      words: [],
      confidence: 0.5,
      candidates: items,
    };
    expect(onText(text('q', true), withResult(suggest))).toBeNull();
    expect(onText(text('こんにちは', true), real)).toBeNull();
  });
});
