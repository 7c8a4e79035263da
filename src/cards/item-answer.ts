import { COPY } from '../copy/ja';
import type { Catalog } from '../pledges/catalog';
import type { PledgeItem } from '../pledges/types';
import { buildItemBubble } from './bubbles';
import { LINE_LIMITS, fitText } from './limits';
import type { FlexMessage } from './message-types';
import { buildAreaQuickReply } from './quick-replies';

/** The answer to an item question: the best items first, one bubble each. */
export function buildItemAnswer(catalog: Catalog, items: readonly PledgeItem[]): FlexMessage {
  const shown = items.slice(0, LINE_LIMITS.carouselBubbles);
  if (shown.length === 0) throw new Error('buildItemAnswer needs at least one item');
  return {
    type: 'flex',
    altText: fitText(COPY.itemsAlt(shown.map((i) => i.title)), LINE_LIMITS.altTextLength),
    contents: { type: 'carousel', contents: shown.map((item) => buildItemBubble(catalog, item)) },
    quickReply: buildAreaQuickReply(catalog),
  };
}
