import type { Catalog } from '../pledges/catalog';
import { areaLabel, contactName, copyFor, reportTitle, type Lang } from './lang';
import { LINE_LIMITS, fitText } from './limits';
import type { FlexMessage, TextMessage } from './message-types';
import { buildMenuCard } from './menu-card';
import { buildAreaQuickReply } from './quick-replies';

/** Text message with the 8 areas as quick replies underneath. */
function withAreas(catalog: Catalog, text: string, lang: Lang): TextMessage {
  return {
    type: 'text',
    text: fitText(text, LINE_LIMITS.textLength),
    quickReply: buildAreaQuickReply(catalog, lang),
  };
}

/** The greeting on follow: what the bot knows and how to ask, then the 8 areas as a card. */
export function buildGreeting(catalog: Catalog, lang: Lang = 'ja'): [TextMessage, FlexMessage] {
  return [
    {
      type: 'text',
      text: copyFor(lang).greeting(reportTitle(catalog.source, lang), catalog.areas.length, catalog.items.length),
    },
    buildMenuCard(catalog, lang),
  ];
}

/** The honest "not found": nothing invented, the 8 areas offered, and where to ask instead. */
export function buildNotFound(catalog: Catalog, lang: Lang = 'ja'): TextMessage {
  const C = copyFor(lang);
  const source = catalog.source;
  return withAreas(
    catalog,
    C.notFound(
      catalog.areas.map((a) => areaLabel(a, lang)),
      C.contactLine(contactName(source, lang), source.contact.phone),
    ),
    lang,
  );
}

/** A greeting or thanks: a short polite reply that says what the bot is for (no card). */
export function buildSmalltalk(catalog: Catalog, thanks: boolean, lang: Lang = 'ja'): TextMessage {
  const C = copyFor(lang);
  return withAreas(catalog, thanks ? C.thanksReply : C.greetingReply, lang);
}

/** For stickers, images and other messages the bot cannot read. */
export function buildUnsupportedHint(catalog: Catalog, lang: Lang = 'ja'): TextMessage {
  return withAreas(catalog, copyFor(lang).unsupportedMessage, lang);
}

/** For postbacks the bot does not know (an old rich menu, a tampered client). */
export function buildUnknownPostback(catalog: Catalog, lang: Lang = 'ja'): TextMessage {
  return withAreas(catalog, copyFor(lang).unknownPostback, lang);
}

/** "使い方" (rich menu tile): how to ask, then the 8 areas as a card. */
export function buildHelp(catalog: Catalog, lang: Lang = 'ja'): [TextMessage, FlexMessage] {
  return [{ type: 'text', text: copyFor(lang).howToAsk }, buildMenuCard(catalog, lang)];
}

/**
 * The rich menu's language tile was tapped (LINE has already swapped the menu): a short word in
 * the new language on how to ask, with the 8 areas in that language.
 */
export function buildLanguageSwitched(catalog: Catalog, lang: Lang): TextMessage {
  return withAreas(catalog, copyFor(lang).languageSwitched, lang);
}

/** The one reply a citizen gets when sending too many messages too fast; no quick replies. */
export function buildRateLimited(lang: Lang = 'ja'): TextMessage {
  return { type: 'text', text: copyFor(lang).rateLimited };
}

/** Said first when an answer comes late, as a push (see bot/delivery.ts). */
export function buildLateAnswer(lang: Lang = 'ja'): TextMessage {
  return { type: 'text', text: copyFor(lang).lateAnswer };
}
