import { COPY } from '../copy/ja';
import type { Catalog } from '../pledges/catalog';
import type { Area, PledgeItem } from '../pledges/types';
import { LINE_LIMITS, fitLabel, fitText } from './limits';
import type { FlexBox, FlexBubble, FlexButton, FlexComponent } from './message-types';
import { AREA_ACCENT, PALETTE } from './theme';

/**
 * Every bubble's size. A carousel's bubbles must all have the same size, so it is set in one
 * place.
 */
export const BUBBLE_SIZE = 'mega';

/** The coloured header every card of an area shares: the city's bot name and the area label. */
export function buildAreaHeader(area: Area, caption: string = COPY.botName): FlexBox {
  return {
    type: 'box',
    layout: 'vertical',
    backgroundColor: AREA_ACCENT[area.id],
    paddingAll: '12px',
    contents: [
      { type: 'text', text: caption, size: 'xxs', color: PALETTE.onAccent },
      { type: 'text', text: area.label, size: 'sm', weight: 'bold', color: PALETTE.onAccent, wrap: true },
    ],
  };
}

/** A bubble in an area's colours: the area header, a body, and optionally a footer button. */
export function buildAreaBubble(area: Area, body: FlexComponent[], button?: FlexButton): FlexBubble {
  return {
    type: 'bubble',
    size: BUBBLE_SIZE,
    header: buildAreaHeader(area),
    body: { type: 'box', layout: 'vertical', spacing: 'md', contents: body },
    ...(button ? { footer: { type: 'box', layout: 'vertical', contents: [button] } } : {}),
  };
}

/** The bubble with `box` added at the end of its footer (a new footer when it had none). */
export function withFooterBox(bubble: FlexBubble, box: FlexBox): FlexBubble {
  const footer: FlexBox = bubble.footer
    ? { ...bubble.footer, contents: [...bubble.footer.contents, box] }
    : { type: 'box', layout: 'vertical', contents: [box] };
  return { ...bubble, footer };
}

/**
 * One initiative as a bubble: area, short title, the official wording, its plain summary (when
 * staff wrote one), source, link. `inArea`: inside an area's carousel, whose cover already names
 * the area and the source, the bubble only carries a bar in the area's colour and leaves the
 * summary out (half the JSON, which matters when thousands ask at once).
 */
export function buildItemBubble(catalog: Catalog, item: PledgeItem, { inArea = false } = {}): FlexBubble {
  const area = catalog.area(item.category);
  const bubble = buildAreaBubble(
    area,
    [
      { type: 'text', text: item.title, weight: 'bold', size: 'md', color: PALETTE.text, wrap: true },
      { type: 'text', text: fitText(item.text, LINE_LIMITS.textLength), size: 'sm', color: PALETTE.text, wrap: true },
      ...(inArea || !item.summary
        ? []
        : [
            { type: 'separator' as const, margin: 'lg' as const, color: PALETTE.separator },
            {
              type: 'text' as const,
              text: COPY.summaryCaption,
              size: 'xxs' as const,
              color: PALETTE.subText,
              margin: 'lg' as const,
            },
            {
              type: 'text' as const,
              text: fitText(item.summary, LINE_LIMITS.textLength),
              size: 'sm' as const,
              color: PALETTE.text,
              wrap: true,
            },
          ]),
      ...(inArea
        ? []
        : [
            {
              type: 'text' as const,
              text: COPY.sourceLine(catalog.source.reportTitle),
              size: 'xxs' as const,
              color: PALETTE.subText,
              wrap: true,
              margin: 'lg' as const,
            },
          ]),
    ],
    {
      type: 'button',
      style: 'link',
      height: 'sm',
      color: PALETTE.link,
      action: {
        type: 'uri',
        label: fitLabel(COPY.linkButton[catalog.itemLinkKind(item)], LINE_LIMITS.buttonLabel),
        uri: catalog.itemUrl(item),
      },
    },
  );
  if (inArea)
    bubble.header = {
      type: 'box',
      layout: 'vertical',
      backgroundColor: AREA_ACCENT[area.id],
      paddingAll: '4px',
      contents: [],
    };
  return bubble;
}
