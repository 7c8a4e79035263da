import type { Catalog } from '../pledges/catalog';
import { areaLabel, copyFor, type Lang } from './lang';
import { LINE_LIMITS, fitLabel } from './limits';
import type { QuickReply, QuickReplyItem } from './message-types';
import { encodePostback } from './postback-codec';

/** A quick reply button that opens an area's card; the citizen sees the area's name as their message. */
function areaButton(catalog: Catalog, index: number, lang: Lang): QuickReplyItem | null {
  const area = catalog.areas[index];
  if (!area) return null;
  const label = fitLabel(areaLabel(area, lang), LINE_LIMITS.quickReplyLabel);
  return {
    type: 'action',
    action: {
      type: 'postback',
      label,
      data: encodePostback({ action: 'area', area: area.id, page: 1 }, lang),
      displayText: label,
    },
  };
}

/** The 8 areas as quick reply buttons (LINE allows 13), in the reply's language. */
export function buildAreaQuickReply(catalog: Catalog, lang: Lang = 'ja'): QuickReply {
  const C = copyFor(lang);
  const items = catalog.areas
    .map((_, i) => areaButton(catalog, i, lang))
    .filter((x): x is QuickReplyItem => x !== null)
    .slice(0, LINE_LIMITS.quickReplyItems - 1);
  items.push({
    type: 'action',
    action: {
      type: 'postback',
      label: C.menuLabel,
      data: encodePostback({ action: 'menu' }, lang),
      displayText: C.menuLabel,
    },
  });
  return { items };
}
