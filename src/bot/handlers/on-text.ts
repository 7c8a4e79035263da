import { buildAreaCard } from '../../cards/area-card';
import { buildItemAnswer, itemsShown } from '../../cards/item-answer';
import { buildSuggestions } from '../../cards/suggestions';
import { buildMenuCard } from '../../cards/menu-card';
import { buildNotFound, buildSmalltalk } from '../../cards/text-replies';
import { detectLanguage, type Lang } from '../../matching/language';
import type { MatchResult } from '../../matching/matcher';
import type { Knowledge } from '../handler-context';
import type { IncomingEvent } from '../incoming-event';
import { noted, reply, type Reply } from '../reply';
import { maskedQuestion, replyRef } from '../reply-ref';

/**
 * Replies built for a match result (per language), remembered with it: the matcher caches results
 * of repeated questions, so repeated questions skip building their cards too. Cards are never mutated.
 */
const built = new WeakMap<object, Partial<Record<Lang, Reply>>>();

/**
 * A typed question: the area's card, the matching items, "もしかして" candidates when unsure, or
 * an honest "not found" (the list of areas for "公約を教えて"). In groups
 * and rooms the bot stays quiet unless it has an answer, so it does not interrupt conversations.
 * The reply is in the message's language: English for English, Japanese for everything else,
 * whatever the person's profile says.
 */
export function onText(event: Extract<IncomingEvent, { type: 'text' }>, k: Knowledge): Reply | null {
  const result = k.matcher.match(event.text);
  const inGroup = event.meta.source.kind !== 'user';
  if (inGroup && result.kind !== 'area' && result.kind !== 'items') return null;
  const lang = detectLanguage(event.text);
  let byLang = built.get(result);
  const cached = byLang?.[lang];
  if (cached) return cached;
  const r = replyFor(result, k, event.text, lang);
  if (!byLang) built.set(result, (byLang = {}));
  byLang[lang] = r;
  return r;
}

function replyFor(result: MatchResult, k: Knowledge, text: string, lang: Lang): Reply {
  switch (result.kind) {
    case 'area': {
      const q = maskedQuestion(text);
      const targets = [`area:${result.category}`];
      const ref = replyRef(q, targets);
      return noted(reply('area', buildAreaCard(k.catalog, result.category, 1, { ref, lang })), {
        kind: 'question',
        outcome: 'area',
        targets,
        ref,
        question: q,
      });
    }
    case 'items': {
      const q = maskedQuestion(text);
      const items = itemsShown(result.items.map((r) => r.item));
      const targets = items.map((i) => `item:${i.id}`);
      const ref = replyRef(q, targets);
      return noted(reply('items', buildItemAnswer(k.catalog, items, { ref, lang })), {
        kind: 'question',
        outcome: 'items',
        targets,
        ref,
        question: q,
      });
    }
    case 'suggest':
      return noted(
        reply(
          'suggest',
          buildSuggestions(
            k.catalog,
            result.items.map((r) => r.item),
            lang,
          ),
        ),
        { kind: 'question', outcome: 'suggest', targets: [] },
      );
    case 'menu':
      return noted(reply('menu', buildMenuCard(k.catalog, lang)), { kind: 'question', outcome: 'menu', targets: [] });
    case 'smalltalk':
      return noted(reply('smalltalk', buildSmalltalk(k.catalog, result.thanks === true, lang)), {
        kind: 'question',
        outcome: 'smalltalk',
        targets: [],
      });
    case 'none':
      return noted(reply('not-found', buildNotFound(k.catalog, lang)), {
        kind: 'question',
        outcome: 'not-found',
        targets: [],
      });
  }
}
