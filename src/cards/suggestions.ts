import type { Catalog } from '../pledges/catalog';
import type { PledgeItem } from '../pledges/types';
import { LINE_LIMITS, fitLabel, fitText } from './limits';
import type { FlexMessage } from './message-types';
import { encodePostback } from './postback-codec';
import { buildAreaQuickReply } from './quick-replies';
import { BUBBLE_SIZE } from './bubbles';
import { copyFor, itemTitle, type Lang } from './lang';
import { PALETTE } from './theme';

/** Most candidates a "もしかして" card offers. */
export const MAX_SUGGESTION_BUTTONS = 3;

/**
 * "Did you mean": the matcher is unsure, so the bot claims no answer and offers the candidates
 * as buttons (a tap shows that item), with the 8 areas as quick replies.
 */
export function buildSuggestions(catalog: Catalog, items: readonly PledgeItem[], lang: Lang = 'ja'): FlexMessage {
  const C = copyFor(lang);
  const shown = items.slice(0, MAX_SUGGESTION_BUTTONS);
  return {
    type: 'flex',
    altText: fitText(C.suggestAlt(shown.map((i) => itemTitle(i, lang))), LINE_LIMITS.altTextLength),
    contents: {
      type: 'bubble',
      size: BUBBLE_SIZE,
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'md',
        contents: [
          { type: 'text', text: C.botName, size: 'xxs', color: PALETTE.subText },
          { type: 'text', text: C.suggestTitle, weight: 'bold', size: 'md', color: PALETTE.text, wrap: true },
          { type: 'text', text: C.suggestLead, size: 'sm', color: PALETTE.subText, wrap: true },
        ],
      },
      footer: {
        type: 'box',
        layout: 'vertical',
        spacing: 'sm',
        contents: shown.map((item) => ({
          type: 'button' as const,
          style: 'secondary' as const,
          height: 'sm' as const,
          action: {
            type: 'postback' as const,
            label: fitLabel(itemTitle(item, lang), LINE_LIMITS.buttonLabel),
            data: encodePostback({ action: 'item', item: item.id }, lang),
            displayText: fitText(itemTitle(item, lang), LINE_LIMITS.displayText),
          },
        })),
      },
    },
    quickReply: buildAreaQuickReply(catalog, lang),
  };
}
