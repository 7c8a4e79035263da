import { COPY_EN, EN_ONLY } from '../copy/en';
import { COPY, type Copy } from '../copy/ja';
import type { Lang } from '../matching/language';
import type { Area, PledgeItem, ReportSource } from '../pledges/types';

export type { Lang };

/** The copy for a reply's language. */
export const copyFor = (lang: Lang): Copy => (lang === 'en' ? COPY_EN : COPY);

/*
 * The data's words in a reply's language. English comes from the `en` fields staff add to data/
 * (a reference translation); where one is missing the card still says something useful: the
 * area's default English name, else the Japanese (an item's title), never an empty line.
 */

/** An area's short name (buttons, quick replies, menu tiles). */
export const areaLabel = (area: Area, lang: Lang): string =>
  lang === 'en' ? area.en?.label || EN_ONLY.areaNames[area.id] : area.label;

/** An area's heading on its cover. */
export const areaTitle = (area: Area, lang: Lang): string =>
  lang === 'en' ? area.en?.title || area.en?.label || EN_ONLY.areaNames[area.id] : area.title;

/** An area's subtitle; '' when it has none (in that language). */
export const areaSubtitle = (area: Area, lang: Lang): string =>
  lang === 'en' ? (area.en?.subtitle ?? '') : area.subtitle;

/** An item's short title: its English title, else the Japanese one. */
export const itemTitle = (item: PledgeItem, lang: Lang): string =>
  lang === 'en' ? item.en?.title || item.title : item.title;

/** An item's plain summary in that language; undefined when there is none. */
export const itemSummary = (item: PledgeItem, lang: Lang): string | undefined =>
  (lang === 'en' ? item.en?.summary : item.summary) || undefined;

/** The report's title for source lines and leads. */
export const reportTitle = (source: ReportSource, lang: Lang): string =>
  lang === 'en' ? source.en?.reportTitle || EN_ONLY.reportTitle : source.reportTitle;

/** Who to contact when nothing is found: the English name, else the Japanese one (the phone says enough). */
export const contactName = (source: ReportSource, lang: Lang): string =>
  lang === 'en' ? source.en?.contactName || source.contact.name : source.contact.name;
