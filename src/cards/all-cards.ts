import type { Catalog } from '../pledges/catalog';
import { areaPageCount, buildAreaCard } from './area-card';
import { buildItemAnswer } from './item-answer';
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
  for (const area of catalog.areas) {
    for (let page = 1; page <= areaPageCount(area); page++) {
      all.push([`area-${area.id}-p${page}`, buildAreaCard(catalog, area.id, page)]);
    }
  }
  for (const item of catalog.items) all.push([`item-${item.id}`, buildItemAnswer(catalog, [item])]);
  all.push(['items-top5-sample', buildItemAnswer(catalog, catalog.items.slice(0, 5))]);
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
