import type { Catalog } from '../pledges/catalog';
import type { Area, CategoryId } from '../pledges/types';
import { buildAreaBubble, buildItemBubble, withFooterBox } from './bubbles';
import { buildFeedbackBox } from './feedback';
import { areaLabel, areaSubtitle, areaTitle, copyFor, itemTitle, reportTitle, type Lang } from './lang';
import { LINE_LIMITS, fitLabel, fitText } from './limits';
import type { FlexBubble, FlexMessage } from './message-types';
import { encodePostback } from './postback-codec';
import { buildAreaQuickReply } from './quick-replies';
import { PALETTE } from './theme';

/**
 * How an area's items are laid out on carousel pages within LINE's 12 bubbles: page 1 has the
 * cover, so 11 items fit; a page that cannot hold the rest keeps its last bubble for "もっと見る".
 * 子育て (16 items) shows the cover + 10 items, then 6 on page 2.
 */
export function areaPages(itemCount: number): { start: number; end: number }[] {
  const pages: { start: number; end: number }[] = [];
  let start = 0;
  do {
    const capacity = LINE_LIMITS.carouselBubbles - (pages.length === 0 ? 1 : 0);
    const remaining = itemCount - start;
    const take = remaining <= capacity ? remaining : capacity - 1;
    pages.push({ start, end: start + take });
    start += take;
  } while (start < itemCount);
  return pages;
}

/** Number of pages an area's card has. */
export function areaPageCount(area: Area): number {
  return areaPages(area.items.length).length;
}

/** How an answer card is built: `ref` adds the feedback buttons; `lang` is its language (default ja). */
export interface CardOptions {
  ref?: string;
  lang?: Lang;
}

/**
 * The area's card: cover bubble, its items, and a "もっと見る" bubble when more pages follow.
 * With a `ref`, the cover (page 1) carries 「役に立った」「役に立たなかった」 (Helpful / Not helpful).
 */
export function buildAreaCard(catalog: Catalog, id: CategoryId, page = 1, opts: CardOptions = {}): FlexMessage {
  const lang = opts.lang ?? 'ja';
  const C = copyFor(lang);
  const area = catalog.area(id);
  const pages = areaPages(area.items.length);
  const current = Math.min(Math.max(1, page), pages.length);
  const { start, end } = pages[current - 1]!;
  const items = area.items.slice(start, end);
  const rest = area.items.length - end;

  const bubbles: FlexBubble[] = [];
  if (current === 1) {
    const cover = buildCover(catalog, area, lang);
    bubbles.push(opts.ref ? withFooterBox(cover, buildFeedbackBox(opts.ref, { area: area.id }, lang)) : cover);
  }
  bubbles.push(...items.map((item) => buildItemBubble(catalog, item, { inArea: true, lang })));
  if (rest > 0) bubbles.push(buildMoreBubble(area, current + 1, rest, lang));

  return {
    type: 'flex',
    altText: fitText(
      C.areaAlt(
        areaLabel(area, lang),
        area.items.length,
        current,
        items.map((i) => itemTitle(i, lang)),
      ),
      LINE_LIMITS.altTextLength,
    ),
    contents: { type: 'carousel', contents: bubbles },
    quickReply: buildAreaQuickReply(catalog, lang),
  };
}

function buildCover(catalog: Catalog, area: Area, lang: Lang): FlexBubble {
  const C = copyFor(lang);
  const subtitle = areaSubtitle(area, lang);
  return buildAreaBubble(
    area,
    [
      { type: 'text', text: areaTitle(area, lang), weight: 'bold', size: 'lg', color: PALETTE.text, wrap: true },
      ...(subtitle
        ? [{ type: 'text' as const, text: subtitle, size: 'sm' as const, color: PALETTE.subText, wrap: true }]
        : []),
      { type: 'separator', margin: 'md', color: PALETTE.separator },
      { type: 'text', text: C.areaCountLabel(area.items.length), size: 'sm', weight: 'bold', color: PALETTE.text },
      { type: 'text', text: C.areaCoverLead(area.items.length), size: 'sm', color: PALETTE.subText, wrap: true },
      {
        type: 'text',
        text: C.sourceLine(reportTitle(catalog.source, lang)),
        size: 'xxs',
        color: PALETTE.subText,
        wrap: true,
        margin: 'lg',
      },
    ],
    undefined,
    lang,
  );
}

function buildMoreBubble(area: Area, nextPage: number, rest: number, lang: Lang): FlexBubble {
  const C = copyFor(lang);
  return buildAreaBubble(
    area,
    [
      { type: 'text', text: C.moreTitle, weight: 'bold', size: 'md', color: PALETTE.text, wrap: true },
      { type: 'text', text: C.moreBody(rest), size: 'sm', color: PALETTE.subText, wrap: true },
    ],
    {
      type: 'button',
      style: 'primary',
      color: PALETTE.city,
      action: {
        type: 'postback',
        label: fitLabel(C.moreButton, LINE_LIMITS.buttonLabel),
        data: encodePostback({ action: 'area', area: area.id, page: nextPage }, lang),
        displayText: fitText(C.moreDisplay(areaLabel(area, lang)), LINE_LIMITS.displayText),
      },
    },
    lang,
  );
}
