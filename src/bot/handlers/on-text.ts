import { buildAreaCard } from '../../cards/area-card';
import { buildItemAnswer } from '../../cards/item-answer';
import { buildSuggestions } from '../../cards/suggestions';
import { buildMenuCard } from '../../cards/menu-card';
import { buildNotFound, buildSmalltalk } from '../../cards/text-replies';
import type { MatchResult } from '../../matching/matcher';
import type { Knowledge } from '../handler-context';
import type { IncomingEvent } from '../incoming-event';
import { reply, type Reply } from '../reply';

/**
 * Replies built for a match result, remembered with it: the matcher caches results of repeated
 * questions, so repeated questions skip building their cards too. Cards are never mutated.
 */
const built = new WeakMap<object, Reply>();

/**
 * A typed question: the area's card, the matching items, "もしかして" candidates when unsure, or
 * an honest "not found" (the list of areas for "公約を教えて"). In groups
 * and rooms the bot stays quiet unless it has an answer, so it does not interrupt conversations.
 */
export function onText(event: Extract<IncomingEvent, { type: 'text' }>, k: Knowledge): Reply | null {
  const result = k.matcher.match(event.text);
  const inGroup = event.meta.source.kind !== 'user';
  if (inGroup && result.kind !== 'area' && result.kind !== 'items') return null;
  const cached = built.get(result);
  if (cached) return cached;
  const r = replyFor(result, k);
  built.set(result, r);
  return r;
}

function replyFor(result: MatchResult, k: Knowledge): Reply {
  switch (result.kind) {
    case 'area':
      return reply('area', buildAreaCard(k.catalog, result.category));
    case 'items':
      return reply(
        'items',
        buildItemAnswer(
          k.catalog,
          result.items.map((r) => r.item),
        ),
      );
    case 'suggest':
      return reply(
        'suggest',
        buildSuggestions(
          k.catalog,
          result.items.map((r) => r.item),
        ),
      );
    case 'menu':
      return reply('menu', buildMenuCard(k.catalog));
    case 'smalltalk':
      return reply('smalltalk', buildSmalltalk(k.catalog, result.thanks === true));
    case 'none':
      return reply('not-found', buildNotFound(k.catalog));
  }
}
