import { buildAreaCard } from '../../cards/area-card';
import { buildItemAnswer } from '../../cards/item-answer';
import { buildSuggestions } from '../../cards/suggestions';
import { buildMenuCard } from '../../cards/menu-card';
import { buildNotFound } from '../../cards/text-replies';
import { normalizeText } from '../../matching/normalize';
import type { MatchResult } from '../../matching/matcher';
import type { Knowledge } from '../handler-context';
import type { IncomingEvent } from '../incoming-event';
import { reply, type Reply } from '../reply';

/** Words that ask for the list of areas (desktop LINE shows no rich menu). Compared normalised. */
export const MENU_WORDS: readonly string[] = [
  'メニュー',
  'menu',
  '分野',
  '分野一覧',
  '一覧',
  'ヘルプ',
  'help',
  '使い方',
  'つかいかた',
];
const MENU_KEYS = new Set(MENU_WORDS.map(normalizeText));

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
  if (MENU_KEYS.has(normalizeText(event.text))) return reply('menu', buildMenuCard(k.catalog));
  const result = k.matcher.match(event.text);
  const inGroup = event.meta.source.kind !== 'user';
  if (inGroup && (result.kind === 'suggest' || result.kind === 'none')) return null;
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
    case 'none':
      return result.generic ? reply('menu', buildMenuCard(k.catalog)) : reply('not-found', buildNotFound(k.catalog));
  }
}
