import { buildAreaCard } from '../../cards/area-card';
import { buildReasonThanks, buildVoteThanks, buildWhyAsk } from '../../cards/feedback';
import { buildItemAnswer } from '../../cards/item-answer';
import { decodePostback } from '../../cards/postback-codec';
import { buildMenuCard } from '../../cards/menu-card';
import { buildHelp, buildUnknownPostback } from '../../cards/text-replies';
import type { Knowledge } from '../handler-context';
import type { IncomingEvent } from '../incoming-event';
import { noted, reply, type Reply, type ReplyNote } from '../reply';
import { replyRef, targetsOf } from '../reply-ref';

/**
 * Rich menu tiles, card buttons, quick replies and the feedback buttons: decoded by the one
 * postback codec. Answers reached by a tap can be voted on too (no question behind them).
 */
export function onPostback(event: Extract<IncomingEvent, { type: 'postback' }>, k: Knowledge): Reply {
  const cmd = decodePostback(event.data);
  if (!cmd) return reply('unknown-postback', buildUnknownPostback(k.catalog));
  // Rich-menu tiles carry a marker: a tap on the menu is told apart from the same area chosen elsewhere.
  const fromMenu = (cmd.action === 'area' || cmd.action === 'help') && cmd.menu === true;
  const tap = (tile: string): ReplyNote[] => (fromMenu ? [{ kind: 'tap', tile }] : []);
  switch (cmd.action) {
    case 'area': {
      if (!k.catalog.findArea(cmd.area)) return reply('unknown-postback', buildUnknownPostback(k.catalog));
      const targets = [`area:${cmd.area}`];
      const ref = replyRef('', targets);
      return noted(
        reply('area', buildAreaCard(k.catalog, cmd.area, cmd.page, cmd.page === 1 ? { ref } : undefined)),
        ...tap(cmd.area),
        ...(cmd.page === 1 ? [{ kind: 'answer' as const, ref, targets }] : []),
      );
    }
    case 'item': {
      const item = k.catalog.findItem(cmd.item);
      if (!item) return reply('unknown-postback', buildUnknownPostback(k.catalog));
      const targets = [`item:${item.id}`];
      const ref = replyRef('', targets);
      return noted(reply('items', buildItemAnswer(k.catalog, [item], { ref })), { kind: 'answer', ref, targets });
    }
    case 'menu':
      return reply('menu', buildMenuCard(k.catalog));
    case 'help':
      return noted(reply('help', ...buildHelp(k.catalog)), ...tap('help'));
    case 'vote': {
      const note: ReplyNote = { kind: 'vote', vote: cmd.vote, ref: cmd.ref, targets: targetsOf(cmd.target) };
      return noted(reply('feedback', cmd.vote === 'up' ? buildVoteThanks() : buildWhyAsk(cmd.ref, cmd.target)), note);
    }
    case 'why':
      return noted(reply('feedback', buildReasonThanks(k.catalog)), {
        kind: 'why',
        reason: cmd.reason,
        ref: cmd.ref,
        targets: targetsOf(cmd.target),
      });
  }
}
