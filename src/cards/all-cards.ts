import type { Catalog } from '../pledges/catalog';
import { areaPageCount, buildAreaCard } from './area-card';
import { buildReasonThanks, buildVoteThanks, buildWhyAsk } from './feedback';
import { buildItemAnswer } from './item-answer';
import { LINE_LIMITS } from './limits';
import { buildMenuCard } from './menu-card';
import type { OutgoingMessage } from './message-types';
import { buildSuggestions } from './suggestions';
import {
  buildGreeting,
  buildHelp,
  buildNotFound,
  buildRateLimited,
  buildUnknownPostback,
  buildUnsupportedHint,
} from './text-replies';

/**
 * Every message the bot can send for a catalog, by a file-friendly name: every page of every area,
 * every item, and one of each other kind. Used by `npm run cards:dump` and the tests.
 */
export function listAllCards(catalog: Catalog): [string, OutgoingMessage][] {
  const all: [string, OutgoingMessage][] = [];
  // As sent: answers carry the feedback buttons (a reference of the longest kind).
  const ref = 'AbCdEfGhIjKl';
  for (const area of catalog.areas) {
    for (let page = 1; page <= areaPageCount(area); page++) {
      all.push([`area-${area.id}-p${page}`, buildAreaCard(catalog, area.id, page, page === 1 ? { ref } : undefined)]);
    }
  }
  for (const item of catalog.items) all.push([`item-${item.id}`, buildItemAnswer(catalog, [item], { ref })]);
  all.push(['items-top5-sample', buildItemAnswer(catalog, catalog.items.slice(0, 5), { ref })]);
  // The longest item ids in a full carousel: the feedback data must stay within LINE's 300 characters.
  const longest = [...catalog.items].sort((a, b) => b.id.length - a.id.length).slice(0, LINE_LIMITS.carouselBubbles);
  all.push(['items-longest-ids', buildItemAnswer(catalog, longest, { ref })]);
  all.push(['feedback-thanks', buildVoteThanks()]);
  all.push(['feedback-why', buildWhyAsk(ref, { items: longest.map((i) => i.id) })]);
  all.push(['feedback-reason-thanks', buildReasonThanks(catalog)]);
  all.push(['did-you-mean-sample', buildSuggestions(catalog, catalog.items.slice(0, 3))]);
  all.push(['menu', buildMenuCard(catalog)]);
  all.push(['not-found', buildNotFound(catalog)]);
  all.push(['hint', buildUnsupportedHint(catalog)]);
  all.push(['unknown-postback', buildUnknownPostback(catalog)]);
  for (const [i, m] of buildGreeting(catalog).entries()) all.push([`greeting-${i + 1}`, m]);
  all.push(['help-1', buildHelp(catalog)[0]]);
  all.push(['rate-limited', buildRateLimited()]);
  return all;
}
