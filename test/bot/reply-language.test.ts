import type { Knowledge } from '../../src/bot/handler-context';
import { onFollow } from '../../src/bot/handlers/on-follow';
import { onPostback } from '../../src/bot/handlers/on-postback';
import { onText } from '../../src/bot/handlers/on-text';
import { onUnhandled } from '../../src/bot/handlers/on-unhandled';
import { parseEvent, type IncomingEvent } from '../../src/bot/incoming-event';
import type { Reply } from '../../src/bot/reply';
import { encodePostback } from '../../src/cards/postback-codec';
import type { OutgoingMessage } from '../../src/cards/message-types';
import { createKnowledge } from '../../src/compose';
import { COPY_EN } from '../../src/copy/en';
import { COPY } from '../../src/copy/ja';
import type { Lang } from '../../src/matching/language';
import type { MatchResult, Matcher } from '../../src/matching/matcher';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { FROZEN_DATA_DIR } from '../helpers/paths';
import { followEvent, postbackEvent, stickerEvent, textEvent } from '../helpers/webhook';

/**
 * The language of replies, rule by rule: a typed message is answered in its own language; a tap
 * in the language its data says, else the person's; greetings and hints in the person's.
 */
const catalog = loadCatalog(FROZEN_DATA_DIR);
const real = createKnowledge(catalog);
const event = <T extends IncomingEvent['type']>(raw: Record<string, unknown>) =>
  parseEvent(raw) as Extract<IncomingEvent, { type: T }>;
const withResult = (result: MatchResult, lang?: Lang): Knowledge => ({
  catalog,
  matcher: { match: () => result } satisfies Matcher,
  ...(lang ? { lang } : {}),
});

/** The language a message is in, by the marks each language's copy puts on it. */
function languageOf(m: OutgoingMessage): Lang {
  const said = m.type === 'flex' ? m.altText : m.text;
  if (m.type === 'flex') {
    if (said.startsWith('[Ageo City pledges]')) return 'en';
    if (said.startsWith('【上尾市 公約】')) return 'ja';
  }
  const en = Object.values(COPY_EN).filter((v): v is string => typeof v === 'string');
  const ja = Object.values(COPY).filter((v): v is string => typeof v === 'string');
  if (en.some((s) => said.startsWith(s.slice(0, 20)))) return 'en';
  if (ja.some((s) => said.startsWith(s.slice(0, 12)))) return 'ja';
  // Generated texts (greeting, not found): English has no kana.
  return /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(said) ? 'ja' : 'en';
}
const languages = (r: Reply | null): Lang[] => r!.messages.map(languageOf);
/** Every quick reply of a reply carries lang=en (English) or no lang (Japanese). */
const quickLangs = (r: Reply | null): string[] =>
  r!.messages.flatMap((m) => m.quickReply?.items.map((i) => (/lang=en/u.test(JSON.stringify(i)) ? 'en' : 'ja')) ?? []);

const items = catalog.items.slice(0, 3).map((item) => ({ item, score: 0.9, matched: ['x'] }));
const base = { words: [], confidence: 0.9, candidates: items };
const RESULTS: [string, MatchResult][] = [
  ['area', { kind: 'area', category: 'disaster', items, matchedArea: ['x'], ...base }],
  ['items', { kind: 'items', category: 'disaster', items, ...base }],
  ['suggest', { kind: 'suggest', category: null, items, ...base }],
  ['menu', { kind: 'menu', category: null, items: [], ...base }],
  ['smalltalk', { kind: 'smalltalk', category: null, items: [], thanks: true, ...base }],
  ['none', { kind: 'none', category: null, items: [], ...base }],
];

describe('a typed message is answered in its own language', () => {
  test.each(RESULTS)('%s: an English message gets English, its quick replies too', (_kind, result) => {
    const r = onText(event<'text'>(textEvent('what does the city do for disaster prevention?')), withResult(result));
    expect(languages(r)).toEqual(r!.messages.map(() => 'en'));
    expect(new Set(quickLangs(r))).toEqual(new Set(['en']));
  });

  test.each(RESULTS)('%s: a Japanese message gets Japanese, even from an English speaker', (_kind, result) => {
    const r = onText(event<'text'>(textEvent('防災について教えて')), withResult(result, 'en'));
    expect(languages(r)).toEqual(r!.messages.map(() => 'ja'));
    expect(new Set(quickLangs(r))).toEqual(new Set(['ja']));
  });

  test('with the real matcher: 「こども医療費」 → Japanese altText; an English question → English altText', () => {
    const ja = onText(event<'text'>(textEvent('こども医療費')), real)!;
    expect(ja.outcome).toBe('items');
    expect((ja.messages[0] as { altText: string }).altText).toMatch(/^【上尾市 公約】/u);
    const en = onText(event<'text'>(textEvent('medical costs for children')), real)!;
    expect(languages(en)).toEqual(en.messages.map(() => 'en'));
  });

  test('the same result asked in both languages keeps both replies (the cache is per language)', () => {
    const [, result] = RESULTS[0]!;
    const k = withResult(result);
    const en = onText(event<'text'>(textEvent('disaster prevention')), k);
    const ja = onText(event<'text'>(textEvent('防災')), k);
    expect(languages(en)).toEqual(['en']);
    expect(languages(ja)).toEqual(['ja']);
    expect(onText(event<'text'>(textEvent('disaster prevention')), k)).toBe(en);
  });
});

describe('a tap is answered in the language its data says, else the person’s', () => {
  const tile = encodePostback({ action: 'area', area: 'disaster', page: 1, menu: true });
  test('a tile of the Japanese menu: Japanese for a Japanese speaker, English for an English profile', () => {
    expect(languages(onPostback(event<'postback'>(postbackEvent(tile)), real))).toEqual(['ja']);
    expect(languages(onPostback(event<'postback'>(postbackEvent(tile)), { ...real, lang: 'en' }))).toEqual(['en']);
  });

  test('a tile of the English menu (lang=en) is English for anyone; the tap is counted for the same tile', () => {
    const en = encodePostback({ action: 'area', area: 'disaster', page: 1, menu: true }, 'en');
    const r = onPostback(event<'postback'>(postbackEvent(en)), real);
    expect(languages(r)).toEqual(['en']);
    expect(r.notes).toContainEqual({ kind: 'tap', tile: 'disaster' });
    expect(onPostback(event<'postback'>(postbackEvent(tile)), real).notes).toContainEqual({
      kind: 'tap',
      tile: 'disaster',
    });
  });

  test('English feedback buttons: the same vote note, an English answer', () => {
    const ja = encodePostback({ action: 'vote', vote: 'down', ref: 'AbCdEfGhIjKl', target: { area: 'disaster' } });
    const en = encodePostback(
      { action: 'vote', vote: 'down', ref: 'AbCdEfGhIjKl', target: { area: 'disaster' } },
      'en',
    );
    const rJa = onPostback(event<'postback'>(postbackEvent(ja)), real);
    const rEn = onPostback(event<'postback'>(postbackEvent(en)), real);
    expect(rEn.notes).toEqual(rJa.notes);
    expect((rEn.messages[0] as { text: string }).text).toBe(COPY_EN.feedbackWhy);
    expect(rEn.messages[0]!.quickReply!.items.map((i) => i.action.label)).toEqual(Object.values(COPY_EN.reasons));
  });

  test('the language tile: answered in the chosen language, counted as the language tile', () => {
    const toJa = onPostback(event<'postback'>(postbackEvent('action=lang&from=menu&lang=ja')), { ...real, lang: 'en' });
    expect((toJa.messages[0] as { text: string }).text).toBe(COPY.languageSwitched);
    expect(toJa.notes).toEqual([{ kind: 'tap', tile: 'lang' }]);
    const toEn = onPostback(event<'postback'>(postbackEvent('action=lang&from=menu&lang=en')), real);
    expect((toEn.messages[0] as { text: string }).text).toBe(COPY_EN.languageSwitched);
  });
});

describe('greetings and hints are in the person’s language', () => {
  test('follow: English for an English profile, Japanese otherwise', () => {
    const f = event<'follow'>(followEvent());
    expect(languages(onFollow(f, { ...real, lang: 'en' }))).toEqual(['en', 'en']);
    expect(languages(onFollow(f, real))).toEqual(['ja', 'ja']);
  });
  test('a sticker: the hint in the person’s language', () => {
    const s = event<'message'>(stickerEvent());
    expect(languages(onUnhandled(s, { ...real, lang: 'en' }))).toEqual(['en']);
    expect(languages(onUnhandled(s, real))).toEqual(['ja']);
  });
});
