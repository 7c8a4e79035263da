import type { Area, CategoryId, PledgeItem, ReportSource } from './types';

/** The loaded, validated pledge data with lookups. Immutable once built. */
export interface Catalog {
  readonly source: ReportSource;
  /** Areas in display order. */
  readonly areas: readonly Area[];
  /** Every item, in area order then report order. */
  readonly items: readonly PledgeItem[];
  /** A short fingerprint of the data files, shown by /healthz. */
  readonly version: string;
  area(id: CategoryId): Area;
  findArea(id: string): Area | undefined;
  findItem(id: string): PledgeItem | undefined;
  /** The page a citizen should open for an item: its own URL, else the report's, else the city's. */
  itemUrl(item: PledgeItem): string;
  /** Which of those three itemUrl gives. */
  itemLinkKind(item: PledgeItem): 'item' | 'report' | 'city';
  /** The number of report bullets (items split from one bullet count once). */
  bulletCount(): number;
  /** Hiragana reading of a text from data/readings.json; undefined when not generated yet. */
  reading(text: string): string | undefined;
  /** Staff's synonym dictionary: a citizen's word → words of the report (data/synonyms.json). */
  readonly synonyms: ReadonlyMap<string, readonly string[]>;
  /** Sudachi's synonyms that touch the data (data/synonyms.generated.json, built with the readings). */
  readonly generatedSynonyms: ReadonlyMap<string, readonly string[]>;
  /** Other spellings of the data's words from the same file (癌 → がん). */
  readonly generatedVariants: ReadonlyMap<string, readonly string[]>;
  /** WordNet's synonyms of the English fields' words, from the same file (kid → child). */
  readonly englishSynonyms: ReadonlyMap<string, readonly string[]>;
}

/** Optional parts of the data set. */
export interface CatalogExtras {
  readings?: Readonly<Record<string, string>>;
  synonyms?: Readonly<Record<string, readonly string[]>>;
  generatedSynonyms?: Readonly<Record<string, readonly string[]>>;
  generatedVariants?: Readonly<Record<string, readonly string[]>>;
  englishSynonyms?: Readonly<Record<string, readonly string[]>>;
}

/** Builds a Catalog from already validated parts. */
export function createCatalog(
  source: ReportSource,
  areas: Area[],
  version: string,
  extras: CatalogExtras = {},
): Catalog {
  const ordered = [...areas].sort((a, b) => a.order - b.order);
  const items = ordered.flatMap((a) => a.items);
  const byArea = new Map(ordered.map((a) => [a.id as string, a]));
  const byItem = new Map(items.map((i) => [i.id, i]));
  const readings = new Map(Object.entries(extras.readings ?? {}));
  return {
    source,
    areas: ordered,
    items,
    version,
    area(id) {
      const found = byArea.get(id);
      if (!found) throw new Error(`unknown area ${id}`);
      return found;
    },
    findArea: (id) => byArea.get(id),
    findItem: (id) => byItem.get(id),
    itemUrl: (item) => item.url || source.pageUrl || source.cityUrl,
    itemLinkKind: (item) => (item.url ? 'item' : source.pageUrl ? 'report' : 'city'),
    bulletCount: () => new Set(items.map((i) => `${i.category}/${i.bullet}`)).size,
    reading: (text) => readings.get(text),
    synonyms: new Map(Object.entries(extras.synonyms ?? {})),
    generatedSynonyms: new Map(Object.entries(extras.generatedSynonyms ?? {})),
    generatedVariants: new Map(Object.entries(extras.generatedVariants ?? {})),
    englishSynonyms: new Map(Object.entries(extras.englishSynonyms ?? {})),
  };
}
