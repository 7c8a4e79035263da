/** The data model of the pledge report, as loaded from data/. Pure types, no I/O. */

/** The 8 policy areas, in the contract's ids (see DEVELOPERS.md). */
export const CATEGORY_IDS = [
  'covid',
  'childcare',
  'health',
  'disaster',
  'industry',
  'facilities',
  'finance',
  'governance',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

export function isCategoryId(value: unknown): value is CategoryId {
  return typeof value === 'string' && (CATEGORY_IDS as readonly string[]).includes(value);
}

/** One initiative: a '・' bullet of the report, or one part of a '/'-joined bullet. */
export interface PledgeItem {
  id: string;
  category: CategoryId;
  /** 1-based bullet number inside the area. Items split from one bullet share it. */
  bullet: number;
  /** 1-based part number when the bullet was '/'-joined. */
  part?: number;
  /** The city's official wording, verbatim. */
  text: string;
  /** Short title for card headings. */
  title: string;
  summary?: string;
  /** Words a citizen would use for this item. */
  keywords: string[];
  /** The city's page for this item; empty when none is known. */
  url: string;
  /** The city's reference translation for English speakers (the Japanese `text` stays official). */
  en?: ItemEnglish;
}

/** English for one item: what the card shows, and how an English speaker would ask. */
export interface ItemEnglish {
  title: string;
  /** Plain English: what it is, for whom, where. */
  summary: string;
  keywords: string[];
}

/** English for one area. */
export interface AreaEnglish {
  title: string;
  subtitle: string;
  /** Short name for buttons, menus and rich-menu tiles. */
  label: string;
  keywords: string[];
}

/** English for the report's source line and the contact offered when nothing is found. */
export interface SourceEnglish {
  reportTitle: string;
  period: string;
  contactName: string;
}

/** One of the 8 policy areas. */
export interface Area {
  id: CategoryId;
  order: number;
  /** The heading as published in the report. */
  heading: string;
  title: string;
  subtitle: string;
  /** Short name for buttons and menus. */
  label: string;
  keywords: string[];
  items: PledgeItem[];
  en?: AreaEnglish;
}

export interface ReportContact {
  name: string;
  phone?: string;
  url?: string;
}

/** Which report the data comes from. */
export interface ReportSource {
  pageTitle: string;
  reportTitle: string;
  period: string;
  slogan?: string;
  intro?: string;
  publisher: string;
  /** The city's page of the report; empty when not filled in yet. */
  pageUrl: string;
  cityUrl: string;
  contact: ReportContact;
  en?: SourceEnglish;
}
