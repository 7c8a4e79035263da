import type { Catalog } from '../pledges/catalog';
import type { PledgeItem } from '../pledges/types';
import { buildItemBubble, withFooterBox } from './bubbles';
import type { CardOptions } from './area-card';
import { buildFeedbackBox } from './feedback';
import { copyFor, itemTitle } from './lang';
import { LINE_LIMITS, fitText } from './limits';
import type { FlexMessage } from './message-types';
import { buildAreaQuickReply } from './quick-replies';

/** The items an answer shows: the best first, a carousel's worth. */
export const itemsShown = <T>(items: readonly T[]): T[] => items.slice(0, LINE_LIMITS.carouselBubbles);

/**
 * The answer to an item question: the best items first, one bubble each. With a `ref`, the
 * first (best) bubble carries 「役に立った」「役に立たなかった」 (Helpful / Not helpful) for the whole reply.
 */
export function buildItemAnswer(catalog: Catalog, items: readonly PledgeItem[], opts: CardOptions = {}): FlexMessage {
  const lang = opts.lang ?? 'ja';
  const shown = itemsShown(items);
  if (shown.length === 0) throw new Error('buildItemAnswer needs at least one item');
  const bubbles = shown.map((item) => buildItemBubble(catalog, item, { lang }));
  if (opts.ref)
    bubbles[0] = withFooterBox(bubbles[0]!, buildFeedbackBox(opts.ref, { items: shown.map((i) => i.id) }, lang));
  return {
    type: 'flex',
    altText: fitText(copyFor(lang).itemsAlt(shown.map((i) => itemTitle(i, lang))), LINE_LIMITS.altTextLength),
    contents: { type: 'carousel', contents: bubbles },
    quickReply: buildAreaQuickReply(catalog, lang),
  };
}
