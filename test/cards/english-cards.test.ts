import { buildAreaCard } from '../../src/cards/area-card';
import { buildReasonThanks, buildVoteThanks, buildWhyAsk } from '../../src/cards/feedback';
import { buildItemAnswer } from '../../src/cards/item-answer';
import { buildMenuCard } from '../../src/cards/menu-card';
import type { FlexMessage, OutgoingMessage, TextMessage } from '../../src/cards/message-types';
import { decodePostback, encodePostback, postbackLanguage } from '../../src/cards/postback-codec';
import { buildAreaQuickReply } from '../../src/cards/quick-replies';
import { buildSuggestions } from '../../src/cards/suggestions';
import {
  buildGreeting,
  buildHelp,
  buildLanguageSwitched,
  buildNotFound,
  buildSmalltalk,
  buildUnsupportedHint,
} from '../../src/cards/text-replies';
import { COPY_EN, EN_ONLY } from '../../src/copy/en';
import { COPY } from '../../src/copy/ja';
import { cardLimitProblems, postbacksIn } from '../helpers/card-checks';
import { sampleCatalogEn } from '../fixtures/sample-catalog-en';
import { sampleCatalog } from '../fixtures/sample-catalog';

/** English cards, snapshotted from the sample catalog with English (test/fixtures/sample-catalog-en.ts). */
const catalog = sampleCatalogEn();
const ref = 'AbCdEfGhIjKl';
const json = (x: unknown): string => JSON.stringify(x);
/** Kana or kanji anywhere. */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const quickLabels = (m: OutgoingMessage): string[] => m.quickReply?.items.map((i) => i.action.label) ?? [];

describe('English card snapshots (test/fixtures/sample-catalog-en.ts)', () => {
  test.each<[string, () => OutgoingMessage | OutgoingMessage[]]>([
    ['area card, page 1, with feedback', () => buildAreaCard(catalog, 'childcare', 1, { ref, lang: 'en' })],
    ['area card, page 2', () => buildAreaCard(catalog, 'childcare', 2, { lang: 'en' })],
    ['area card without English (fallbacks)', () => buildAreaCard(catalog, 'covid', 1, { lang: 'en' })],
    [
      'item answer: an item with English and one without',
      () =>
        buildItemAnswer(catalog, [catalog.findItem('disaster-01')!, catalog.findItem('disaster-02')!], {
          ref,
          lang: 'en',
        }),
    ],
    ['did you mean', () => buildSuggestions(catalog, catalog.items.slice(0, 3), 'en')],
    ['not found', () => buildNotFound(catalog, 'en')],
    ['greeting', () => buildGreeting(catalog, 'en')],
    ['menu', () => buildMenuCard(catalog, 'en')],
    ['help', () => buildHelp(catalog, 'en')],
    ['hint for stickers and images', () => buildUnsupportedHint(catalog, 'en')],
    ['language switched', () => buildLanguageSwitched(catalog, 'en')],
    [
      'feedback: thanks, why, reason thanks',
      () => [buildVoteThanks('en'), buildWhyAsk(ref, { area: 'health' }, 'en'), buildReasonThanks(catalog, 'en')],
    ],
  ])('%s', (_name, build) => {
    const built = build();
    const messages = Array.isArray(built) ? built : [built];
    for (const m of messages) expect(cardLimitProblems(m)).toEqual([]);
    expect(built).toMatchSnapshot();
  });
});

describe('English answers say what the Japanese ones say, in English', () => {
  test('altText, headers, labels and quick replies are English; the official wording stays Japanese and is labelled', () => {
    const item = catalog.findItem('disaster-01')!;
    const answer = buildItemAnswer(catalog, [item], { ref, lang: 'en' });
    expect(answer.altText).toBe(`[Ageo City pledges] 1 initiative related to your question: ${item.en!.title}`);
    expect(answer.altText).not.toMatch(JAPANESE);
    const s = json(answer);
    expect(s).toContain(item.en!.title);
    expect(s).toContain(item.en!.summary);
    expect(s).toContain(EN_ONLY.officialCaption);
    expect(s).toContain(json(item.text).slice(1, -1));
    expect(s).toContain('Source: Progress on the pledges (sample)');
    expect(s).toContain(COPY_EN.linkButton.item);
    // English first, then the official Japanese text under its caption.
    expect(s.indexOf(item.en!.summary)).toBeLessThan(s.indexOf(EN_ONLY.officialCaption));
    expect(s.indexOf(EN_ONLY.officialCaption)).toBeLessThan(s.indexOf(json(item.text).slice(1, -1)));
    expect(quickLabels(answer)).toEqual([...catalog.areas.map((a) => a.en?.label ?? EN_ONLY.areaNames[a.id]), 'Menu']);
    expect(quickLabels(answer).join('')).not.toMatch(JAPANESE);
  });

  test('every postback of an English card says lang=en, and means what the Japanese one means', () => {
    const all: OutgoingMessage[] = [
      buildAreaCard(catalog, 'childcare', 1, { ref, lang: 'en' }),
      buildItemAnswer(catalog, catalog.items.slice(0, 3), { ref, lang: 'en' }),
      buildSuggestions(catalog, catalog.items.slice(0, 3), 'en'),
      buildMenuCard(catalog, 'en'),
      buildNotFound(catalog, 'en'),
      buildWhyAsk(ref, { items: ['disaster-01'] }, 'en'),
    ];
    for (const data of all.flatMap(postbacksIn)) {
      expect(postbackLanguage(data)).toBe('en');
      // Without "&lang=en" it is the Japanese card's data: the same command.
      const ja = data.replace(/&lang=en$/u, '');
      expect(decodePostback(data)).toEqual(decodePostback(ja));
      expect(decodePostback(ja)).not.toBeNull();
    }
  });

  test('「役に立った」「役に立たなかった」 become Helpful / Not helpful; the vote data is recorded the same', () => {
    const en = buildAreaCard(catalog, 'health', 1, { ref, lang: 'en' });
    const ja = buildAreaCard(sampleCatalog(), 'health', 1, { ref });
    const votes = (m: FlexMessage) => postbacksIn(m).filter((d) => d.startsWith('action=vote'));
    expect(votes(en)).toEqual(votes(ja).map((d) => `${d}&lang=en`));
    expect(votes(en).map(decodePostback)).toEqual(votes(ja).map(decodePostback));
    const s = json(en);
    expect(s).toContain('"text":"Helpful"');
    expect(s).toContain('"text":"Not helpful"');
    expect(s).toContain('"displayText":"Not helpful"');
    expect(s).not.toContain(COPY.feedback.up);
  });

  test('fallbacks: no English title shows the Japanese one, an area without English has its default English name', () => {
    const covid = buildAreaCard(catalog, 'covid', 1, { lang: 'en' });
    expect(covid.altText).toContain(`[Ageo City pledges] ${EN_ONLY.areaNames.covid} (2 initiatives)`);
    expect(json(covid)).toContain(catalog.findItem('covid-01')!.title);
    const noEnglish = buildItemAnswer(catalog, [catalog.findItem('disaster-02')!], { lang: 'en' });
    expect(noEnglish.altText).toContain(catalog.findItem('disaster-02')!.title);
    expect(json(noEnglish)).toContain(EN_ONLY.officialCaption);
  });

  test('not found names the contact in English with its phone; greeting and small talk are English', () => {
    const notFound = buildNotFound(catalog, 'en');
    expect(notFound.text).toContain('Sorry, I could not find that');
    expect(notFound.text).toContain('please contact Ageo City Hall (048-775-5111)');
    const [greeting, menu] = buildGreeting(catalog, 'en');
    expect(greeting.text).toContain('Thank you for adding us as a friend');
    expect(greeting.text).toContain('“Progress on the pledges (sample)”');
    expect(menu.altText).toMatch(/^\[Ageo City pledges\] The 8 areas: /u);
    expect((buildSmalltalk(catalog, true, 'en') as TextMessage).text).toBe(COPY_EN.thanksReply);
  });

  test('a label too long for a quick reply is cut to 20 characters', () => {
    const long = sampleCatalogEn();
    (long.areas[1] as { en?: { label: string } }).en!.label = 'A very long English area label';
    const labels = quickLabels({ type: 'text', text: 'x', quickReply: buildAreaQuickReply(long, 'en') });
    expect(Math.max(...labels.map((l) => [...l].length))).toBeLessThanOrEqual(20);
  });

  test('the language switch command round-trips', () => {
    for (const lang of ['ja', 'en'] as const) {
      const data = encodePostback({ action: 'lang', lang, menu: true });
      expect(data).toBe(`action=lang&from=menu&lang=${lang}`);
      expect(decodePostback(data)).toEqual({ action: 'lang', lang, menu: true });
      expect(postbackLanguage(data)).toBe(lang);
    }
    expect(decodePostback('action=lang&lang=fr')).toBeNull();
    expect(postbackLanguage('action=area&area=disaster')).toBeUndefined();
  });
});
