import { COPY } from '../copy/ja';
import type { Catalog } from '../pledges/catalog';
import type { Area, CategoryId } from '../pledges/types';
import { buildAreaBubble, buildItemBubble } from './bubbles';
import { LINE_LIMITS, fitLabel, fitText } from './limits';
import type { FlexBubble, FlexMessage } from './message-types';
import { encodePostback } from './postback-codec';
import { buildAreaQuickReply } from './quick-replies';
import { PALETTE } from './theme';

/**
 * Items per carousel page: a cover (page 1) + 10 items + a "もっと見る" bubble stays within
 * LINE's 12 bubbles. Areas with 16 items (子育て, 行財政) continue on page 2.
 */
export const AREA_ITEMS_PER_PAGE = LINE_LIMITS.carouselBubbles - 2;

/** Number of pages an area's card has. */
export function areaPageCount(area: Area): number {
  return Math.max(1, Math.ceil(area.items.length / AREA_ITEMS_PER_PAGE));
}

/** The area's card: cover bubble, its items, and a "もっと見る" bubble when more pages follow. */
export function buildAreaCard(catalog: Catalog, id: CategoryId, page = 1): FlexMessage {
  const area = catalog.area(id);
  const pages = areaPageCount(area);
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * AREA_ITEMS_PER_PAGE;
  const items = area.items.slice(start, start + AREA_ITEMS_PER_PAGE);
  const rest = area.items.length - start - items.length;

  const bubbles: FlexBubble[] = [];
  if (current === 1) bubbles.push(buildCover(area));
  bubbles.push(...items.map((item) => buildItemBubble(catalog, item)));
  if (rest > 0) bubbles.push(buildMoreBubble(area, current + 1, rest));

  return {
    type: 'flex',
    altText: fitText(
      COPY.areaAlt(
        area.label,
        area.items.length,
        current,
        items.map((i) => i.title),
      ),
      LINE_LIMITS.altTextLength,
    ),
    contents: { type: 'carousel', contents: bubbles },
    quickReply: buildAreaQuickReply(catalog),
  };
}

function buildCover(area: Area): FlexBubble {
  return buildAreaBubble(area, [
    { type: 'text', text: area.title, weight: 'bold', size: 'lg', color: PALETTE.text, wrap: true },
    ...(area.subtitle
      ? [{ type: 'text' as const, text: area.subtitle, size: 'sm' as const, color: PALETTE.subText, wrap: true }]
      : []),
    { type: 'separator', margin: 'md', color: PALETTE.separator },
    { type: 'text', text: COPY.areaCountLabel(area.items.length), size: 'sm', weight: 'bold', color: PALETTE.text },
    { type: 'text', text: COPY.areaCoverLead(area.items.length), size: 'sm', color: PALETTE.subText, wrap: true },
  ]);
}

function buildMoreBubble(area: Area, nextPage: number, rest: number): FlexBubble {
  return buildAreaBubble(
    area,
    [
      { type: 'text', text: COPY.moreTitle, weight: 'bold', size: 'md', color: PALETTE.text, wrap: true },
      { type: 'text', text: COPY.moreBody(rest), size: 'sm', color: PALETTE.subText, wrap: true },
    ],
    {
      type: 'button',
      style: 'primary',
      color: PALETTE.city,
      action: {
        type: 'postback',
        label: fitLabel(COPY.moreButton, LINE_LIMITS.buttonLabel),
        data: encodePostback({ action: 'area', area: area.id, page: nextPage }),
        displayText: COPY.moreDisplay(area.label),
      },
    },
  );
}
