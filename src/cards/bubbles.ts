import { EN_ONLY } from '../copy/en';
import type { Catalog } from '../pledges/catalog';
import type { Area, PledgeItem } from '../pledges/types';
import { areaLabel, copyFor, itemSummary, itemTitle, reportTitle, type Lang } from './lang';
import { LINE_LIMITS, fitLabel, fitText } from './limits';
import type { FlexBox, FlexBubble, FlexButton, FlexComponent } from './message-types';
import { AREA_ACCENT, PALETTE } from './theme';

/**
 * Every bubble's size. A carousel's bubbles must all have the same size, so it is set in one
 * place.
 */
export const BUBBLE_SIZE = 'mega';

/** The coloured header every card of an area shares: the city's bot name and the area label. */
export function buildAreaHeader(area: Area, lang: Lang = 'ja'): FlexBox {
  return {
    type: 'box',
    layout: 'vertical',
    backgroundColor: AREA_ACCENT[area.id],
    paddingAll: '12px',
    contents: [
      { type: 'text', text: copyFor(lang).botName, size: 'xxs', color: PALETTE.onAccent },
      { type: 'text', text: areaLabel(area, lang), size: 'sm', weight: 'bold', color: PALETTE.onAccent, wrap: true },
    ],
  };
}

/** A bubble in an area's colours: the area header, a body, and optionally a footer button. */
export function buildAreaBubble(area: Area, body: FlexComponent[], button?: FlexButton, lang: Lang = 'ja'): FlexBubble {
  return {
    type: 'bubble',
    size: BUBBLE_SIZE,
    header: buildAreaHeader(area, lang),
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

const sourceText = (catalog: Catalog, lang: Lang): FlexComponent => ({
  type: 'text',
  text: copyFor(lang).sourceLine(reportTitle(catalog.source, lang)),
  size: 'xxs',
  color: PALETTE.subText,
  wrap: true,
  margin: 'lg',
});

/**
 * One initiative as a bubble: area, short title, the official wording, its plain summary (when
 * staff wrote one), source, link. `inArea`: inside an area's carousel, whose cover already names
 * the area and the source, the bubble only carries a bar in the area's colour and leaves the
 * summary out (half the JSON, which matters when thousands ask at once).
 *
 * In English the reference translation comes first (title, then summary, kept in the area's
 * carousel too: the reader may not read the Japanese), then the city's Japanese text under
 * 「公式の文言 / Official wording (Japanese)」: the English is never presented as the official one.
 */
export function buildItemBubble(
  catalog: Catalog,
  item: PledgeItem,
  { inArea = false, lang = 'ja' as Lang } = {},
): FlexBubble {
  const area = catalog.area(item.category);
  const C = copyFor(lang);
  const title: FlexComponent = {
    type: 'text',
    text: itemTitle(item, lang),
    weight: 'bold',
    size: 'md',
    color: PALETTE.text,
    wrap: true,
  };
  const official: FlexComponent = {
    type: 'text',
    text: fitText(item.text, LINE_LIMITS.textLength),
    size: 'sm',
    color: PALETTE.text,
    wrap: true,
  };
  const summary = itemSummary(item, lang);
  const summaryText: FlexComponent | null = summary
    ? { type: 'text', text: fitText(summary, LINE_LIMITS.textLength), size: 'sm', color: PALETTE.text, wrap: true }
    : null;
  const caption = (text: string, wrap = false): FlexComponent => ({
    type: 'text',
    text,
    size: 'xxs',
    color: PALETTE.subText,
    margin: 'lg',
    ...(wrap ? { wrap } : {}),
  });
  const separator: FlexComponent = { type: 'separator', margin: 'lg', color: PALETTE.separator };
  const body: FlexComponent[] =
    lang === 'en'
      ? [
          title,
          ...(summaryText ? [summaryText] : []),
          separator,
          caption(EN_ONLY.officialCaption, true),
          official,
          ...(inArea ? [] : [sourceText(catalog, lang)]),
        ]
      : [
          title,
          official,
          ...(inArea || !summaryText ? [] : [separator, caption(C.summaryCaption), summaryText]),
          ...(inArea ? [] : [sourceText(catalog, lang)]),
        ];
  const bubble = buildAreaBubble(
    area,
    body,
    {
      type: 'button',
      style: 'link',
      height: 'sm',
      color: PALETTE.link,
      action: {
        type: 'uri',
        label: fitLabel(C.linkButton[catalog.itemLinkKind(item)], LINE_LIMITS.buttonLabel),
        uri: catalog.itemUrl(item),
      },
    },
    lang,
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
