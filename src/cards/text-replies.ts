import { COPY } from '../copy/ja';
import type { Catalog } from '../pledges/catalog';
import { LINE_LIMITS, fitText } from './limits';
import type { FlexMessage, TextMessage } from './message-types';
import { buildMenuCard } from './menu-card';
import { buildAreaQuickReply } from './quick-replies';

/** Text message with the 8 areas as quick replies underneath. */
function withAreas(catalog: Catalog, text: string): TextMessage {
  return { type: 'text', text: fitText(text, LINE_LIMITS.textLength), quickReply: buildAreaQuickReply(catalog) };
}

/** The greeting on follow: what the bot knows and how to ask, then the 8 areas as a card. */
export function buildGreeting(catalog: Catalog): [TextMessage, FlexMessage] {
  return [
    { type: 'text', text: COPY.greeting(catalog.source.reportTitle, catalog.areas.length, catalog.items.length) },
    buildMenuCard(catalog),
  ];
}

/** The honest "not found": nothing invented, the 8 areas offered, and where to ask instead. */
export function buildNotFound(catalog: Catalog): TextMessage {
  const c = catalog.source.contact;
  return withAreas(
    catalog,
    COPY.notFound(
      catalog.areas.map((a) => a.label),
      COPY.contactLine(c.name, c.phone),
    ),
  );
}

/** A greeting or thanks: a short polite reply that says what the bot is for (no card). */
export function buildSmalltalk(catalog: Catalog, thanks: boolean): TextMessage {
  return withAreas(catalog, thanks ? COPY.thanksReply : COPY.greetingReply);
}

/** For stickers, images and other messages the bot cannot read. */
export function buildUnsupportedHint(catalog: Catalog): TextMessage {
  return withAreas(catalog, COPY.unsupportedMessage);
}

/** For postbacks the bot does not know (an old rich menu, a tampered client). */
export function buildUnknownPostback(catalog: Catalog): TextMessage {
  return withAreas(catalog, COPY.unknownPostback);
}

/** "使い方" (rich menu tile): how to ask, then the 8 areas as a card. */
export function buildHelp(catalog: Catalog): [TextMessage, FlexMessage] {
  return [{ type: 'text', text: COPY.howToAsk }, buildMenuCard(catalog)];
}

/** The one reply a citizen gets when sending too many messages too fast; no quick replies. */
export function buildRateLimited(): TextMessage {
  return { type: 'text', text: COPY.rateLimited };
}

/** Said first when an answer comes late, as a push (see bot/delivery.ts). */
export function buildLateAnswer(): TextMessage {
  return { type: 'text', text: COPY.lateAnswer };
}
