import type { Catalog } from '../pledges/catalog';
import { BUBBLE_SIZE } from './bubbles';
import { areaLabel, copyFor, reportTitle, type Lang } from './lang';
import { LINE_LIMITS, fitLabel, fitText } from './limits';
import type { FlexButton, FlexMessage } from './message-types';
import { encodePostback } from './postback-codec';
import { buildAreaQuickReply } from './quick-replies';
import { AREA_ACCENT, PALETTE } from './theme';

/**
 * The 8 areas as one card, each a button in its area's colour. Answers "メニュー", "公約を教えて"
 * and greetings; desktop LINE shows no rich menu, so this is how PC users browse.
 */
export function buildMenuCard(catalog: Catalog, lang: Lang = 'ja'): FlexMessage {
  const C = copyFor(lang);
  const buttons: FlexButton[] = catalog.areas.map((area) => ({
    type: 'button',
    style: 'primary',
    height: 'sm',
    color: AREA_ACCENT[area.id],
    action: {
      type: 'postback',
      label: fitLabel(areaLabel(area, lang), LINE_LIMITS.buttonLabel),
      data: encodePostback({ action: 'area', area: area.id, page: 1 }, lang),
      displayText: fitText(areaLabel(area, lang), LINE_LIMITS.displayText),
    },
  }));
  return {
    type: 'flex',
    altText: fitText(C.menuAlt(catalog.areas.map((a) => areaLabel(a, lang))), LINE_LIMITS.altTextLength),
    contents: {
      type: 'bubble',
      size: BUBBLE_SIZE,
      header: {
        type: 'box',
        layout: 'vertical',
        backgroundColor: PALETTE.city,
        paddingAll: '12px',
        contents: [
          { type: 'text', text: C.botName, size: 'xxs', color: PALETTE.onAccent },
          { type: 'text', text: C.menuTitle, size: 'md', weight: 'bold', color: PALETTE.onAccent, wrap: true },
        ],
      },
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'sm',
        contents: [
          {
            type: 'text',
            text: C.menuLead(reportTitle(catalog.source, lang)),
            size: 'sm',
            color: PALETTE.subText,
            wrap: true,
          },
          ...buttons,
          { type: 'text', text: C.menuHint, size: 'xs', color: PALETTE.subText, wrap: true, margin: 'md' },
        ],
      },
    },
    quickReply: buildAreaQuickReply(catalog, lang),
  };
}
