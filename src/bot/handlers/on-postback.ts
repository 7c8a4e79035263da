import { buildAreaCard } from '../../cards/area-card';
import { buildItemAnswer } from '../../cards/item-answer';
import { decodePostback } from '../../cards/postback-codec';
import { buildMenuCard } from '../../cards/menu-card';
import { buildHelp, buildUnknownPostback } from '../../cards/text-replies';
import type { Knowledge } from '../handler-context';
import type { IncomingEvent } from '../incoming-event';
import { reply, type Reply } from '../reply';

/** Rich menu tiles, card buttons and quick replies: decoded by the one postback codec. */
export function onPostback(event: Extract<IncomingEvent, { type: 'postback' }>, k: Knowledge): Reply {
  const cmd = decodePostback(event.data);
  if (!cmd) return reply('unknown-postback', buildUnknownPostback(k.catalog));
  switch (cmd.action) {
    case 'area':
      return reply('area', buildAreaCard(k.catalog, cmd.area, cmd.page));
    case 'item': {
      const item = k.catalog.findItem(cmd.item);
      return item
        ? reply('items', buildItemAnswer(k.catalog, [item]))
        : reply('unknown-postback', buildUnknownPostback(k.catalog));
    }
    case 'menu':
      return reply('menu', buildMenuCard(k.catalog));
    case 'help':
      return reply('help', ...buildHelp(k.catalog));
  }
}
