import type { Catalog } from '../pledges/catalog';
import { areaPageCount, buildAreaCard } from './area-card';
import { buildReasonThanks, buildVoteThanks, buildWhyAsk } from './feedback';
import { buildItemAnswer } from './item-answer';
import type { Lang } from './lang';
import { LINE_LIMITS } from './limits';
import { buildMenuCard } from './menu-card';
import type { OutgoingMessage } from './message-types';
import { buildSuggestions } from './suggestions';
import {
  buildGreeting,
  buildHelp,
  buildLanguageSwitched,
  buildLateAnswer,
  buildNotFound,
  buildRateLimited,
  buildSmalltalk,
  buildUnknownPostback,
  buildUnsupportedHint,
} from './text-replies';

/** The reply languages, in the order listAllCards lists them. */
export const REPLY_LANGUAGES: readonly Lang[] = ['ja', 'en'];

/**
 * Every message the bot can send for a catalog, by a file-friendly name: every page of every area,
 * every item, and one of each other kind, in Japanese and then in English (names prefixed
 * `en-`). Used by `npm run cards:dump`, `cards:preview` and the tests.
 */
export function listAllCards(catalog: Catalog): [string, OutgoingMessage][] {
  return REPLY_LANGUAGES.flatMap((lang) =>
    cardsIn(catalog, lang).map(([name, m]): [string, OutgoingMessage] => [lang === 'ja' ? name : `${lang}-${name}`, m]),
  );
}

function cardsIn(catalog: Catalog, lang: Lang): [string, OutgoingMessage][] {
  const all: [string, OutgoingMessage][] = [];
  // As sent: answers carry the feedback buttons (a reference of the longest kind).
  const ref = 'AbCdEfGhIjKl';
  for (const area of catalog.areas) {
    for (let page = 1; page <= areaPageCount(area); page++) {
      all.push([
        `area-${area.id}-p${page}`,
        buildAreaCard(catalog, area.id, page, page === 1 ? { ref, lang } : { lang }),
      ]);
    }
  }
  for (const item of catalog.items) all.push([`item-${item.id}`, buildItemAnswer(catalog, [item], { ref, lang })]);
  all.push(['items-top5-sample', buildItemAnswer(catalog, catalog.items.slice(0, 5), { ref, lang })]);
  // The longest item ids in a full carousel: the feedback data must stay within LINE's 300 characters.
  const longest = [...catalog.items].sort((a, b) => b.id.length - a.id.length).slice(0, LINE_LIMITS.carouselBubbles);
  all.push(['items-longest-ids', buildItemAnswer(catalog, longest, { ref, lang })]);
  all.push(['feedback-thanks', buildVoteThanks(lang)]);
  all.push(['feedback-why', buildWhyAsk(ref, { items: longest.map((i) => i.id) }, lang)]);
  all.push(['feedback-reason-thanks', buildReasonThanks(catalog, lang)]);
  all.push(['did-you-mean-sample', buildSuggestions(catalog, catalog.items.slice(0, 3), lang)]);
  all.push(['menu', buildMenuCard(catalog, lang)]);
  all.push(['not-found', buildNotFound(catalog, lang)]);
  all.push(['hint', buildUnsupportedHint(catalog, lang)]);
  all.push(['unknown-postback', buildUnknownPostback(catalog, lang)]);
  for (const [i, m] of buildGreeting(catalog, lang).entries()) all.push([`greeting-${i + 1}`, m]);
  all.push(['help-1', buildHelp(catalog, lang)[0]]);
  all.push(['rate-limited', buildRateLimited(lang)]);
  all.push(['smalltalk-hello', buildSmalltalk(catalog, false, lang)]);
  all.push(['smalltalk-thanks', buildSmalltalk(catalog, true, lang)]);
  all.push(['late-answer', buildLateAnswer(lang)]);
  all.push(['language-switched', buildLanguageSwitched(catalog, lang)]);
  return all;
}
