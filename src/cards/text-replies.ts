import { COPY } from '../copy/ja';
import type { Catalog } from '../pledges/catalog';
import { LINE_LIMITS, fitText } from './limits';
import type { TextMessage } from './message-types';
import { buildAreaQuickReply } from './quick-replies';

/** Text message with the 8 areas as quick replies underneath. */
function withAreas(catalog: Catalog, text: string): TextMessage {
  return { type: 'text', text: fitText(text, LINE_LIMITS.textLength), quickReply: buildAreaQuickReply(catalog) };
}

/** The greeting on follow: what the bot knows, how to ask, the 8 areas. */
export function buildGreeting(catalog: Catalog): TextMessage {
  return withAreas(catalog, COPY.greeting(catalog.source.reportTitle, catalog.areas.length, catalog.items.length));
}

/** The honest "not found": nothing invented, the 8 areas offered, and where to ask instead. */
export function buildNotFound(catalog: Catalog): TextMessage {
  const c = catalog.source.contact;
  return withAreas(catalog, COPY.notFound(COPY.contactLine(c.name, c.phone)));
}

/** The list of areas, for "メニュー" and for desktop LINE, which shows no rich menu. */
export function buildMenu(catalog: Catalog): TextMessage {
  return withAreas(catalog, COPY.menuIntro);
}

/** For stickers, images and other messages the bot cannot read. */
export function buildUnsupportedHint(catalog: Catalog): TextMessage {
  return withAreas(catalog, COPY.unsupportedMessage);
}

/** For postbacks the bot does not know (an old rich menu, a tampered client). */
export function buildUnknownPostback(catalog: Catalog): TextMessage {
  return withAreas(catalog, COPY.unknownPostback);
}
