import { buildAreaCard } from '../../cards/area-card';
import { buildReasonThanks, buildVoteThanks, buildWhyAsk } from '../../cards/feedback';
import { buildItemAnswer } from '../../cards/item-answer';
import { decodePostback, postbackLanguage } from '../../cards/postback-codec';
import { buildMenuCard } from '../../cards/menu-card';
import { buildHelp, buildLanguageSwitched, buildUnknownPostback } from '../../cards/text-replies';
import type { Knowledge } from '../handler-context';
import type { IncomingEvent } from '../incoming-event';
import { noted, reply, type Reply, type ReplyNote } from '../reply';
import { replyRef, targetsOf } from '../reply-ref';

/**
 * Rich menu tiles, card buttons, quick replies and the feedback buttons: decoded by the one
 * postback codec. Answers reached by a tap can be voted on too (no question behind them).
 *
 * The answer's language: what the data says (buttons of English cards and tiles of the English
 * menu carry "lang=en"), else the person's language (their LINE profile, or the menu language
 * they chose), else Japanese.
 */
export function onPostback(event: Extract<IncomingEvent, { type: 'postback' }>, k: Knowledge): Reply {
  const lang = postbackLanguage(event.data) ?? k.lang ?? 'ja';
  const cmd = decodePostback(event.data);
  if (!cmd) return reply('unknown-postback', buildUnknownPostback(k.catalog, lang));
  // Rich-menu tiles carry a marker: a tap on the menu is told apart from the same area chosen elsewhere.
  const fromMenu = (cmd.action === 'area' || cmd.action === 'help' || cmd.action === 'lang') && cmd.menu === true;
  const tap = (tile: string): ReplyNote[] => (fromMenu ? [{ kind: 'tap', tile }] : []);
  switch (cmd.action) {
    case 'area': {
      if (!k.catalog.findArea(cmd.area)) return reply('unknown-postback', buildUnknownPostback(k.catalog, lang));
      const targets = [`area:${cmd.area}`];
      const ref = replyRef('', targets);
      return noted(
        reply('area', buildAreaCard(k.catalog, cmd.area, cmd.page, cmd.page === 1 ? { ref, lang } : { lang })),
        ...tap(cmd.area),
        ...(cmd.page === 1 ? [{ kind: 'answer' as const, ref, targets }] : []),
      );
    }
    case 'item': {
      const item = k.catalog.findItem(cmd.item);
      if (!item) return reply('unknown-postback', buildUnknownPostback(k.catalog, lang));
      const targets = [`item:${item.id}`];
      const ref = replyRef('', targets);
      return noted(reply('items', buildItemAnswer(k.catalog, [item], { ref, lang })), {
        kind: 'answer',
        ref,
        targets,
      });
    }
    case 'menu':
      return reply('menu', buildMenuCard(k.catalog, lang));
    case 'help':
      return noted(reply('help', ...buildHelp(k.catalog, lang)), ...tap('help'));
    case 'lang':
      // LINE has swapped the rich menu already (richmenuswitch); say how to ask in that language.
      return noted(reply('help', buildLanguageSwitched(k.catalog, cmd.lang)), ...tap('lang'));
    case 'vote': {
      const note: ReplyNote = { kind: 'vote', vote: cmd.vote, ref: cmd.ref, targets: targetsOf(cmd.target) };
      return noted(
        reply('feedback', cmd.vote === 'up' ? buildVoteThanks(lang) : buildWhyAsk(cmd.ref, cmd.target, lang)),
        note,
      );
    }
    case 'why':
      return noted(reply('feedback', buildReasonThanks(k.catalog, lang)), {
        kind: 'why',
        reason: cmd.reason,
        ref: cmd.ref,
        targets: targetsOf(cmd.target),
      });
  }
}
