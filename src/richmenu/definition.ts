import { readFileSync } from 'node:fs';
import path from 'node:path';
import { areaLabel, type Lang } from '../cards/lang';
import { graphemeLength } from '../cards/limits';
import { decodePostback, postbackLanguage } from '../cards/postback-codec';
import type { Catalog } from '../pledges/catalog';
import type { CategoryId } from '../pledges/types';
import { PROJECT_ROOT } from '../project-root';

/**
 * The rich menus as data (richmenu/menu.json in Japanese, richmenu/menu.en.json in English: the
 * request bodies of LINE's "create rich menu") and the rules LINE applies to them (Messaging API
 * reference, rich menu object; line-platform.md §4).
 */
export interface RichMenuArea {
  bounds: { x: number; y: number; width: number; height: number };
  action: {
    type: string;
    label?: string;
    data?: string;
    displayText?: string;
    text?: string;
    uri?: string;
    /** `richmenuswitch`: the alias of the menu to show instead. */
    richMenuAliasId?: string;
  };
}

export interface RichMenuDefinition {
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: RichMenuArea[];
}

export const RICH_MENU_LIMITS = {
  minWidth: 800,
  maxWidth: 2500,
  minHeight: 250,
  minAspect: 1.45,
  maxAreas: 20,
  chatBarText: 14,
  name: 300,
  label: 20,
  imageBytes: 1024 * 1024,
} as const;

export const RICH_MENU_DIR = 'richmenu';
export const RICH_MENU_FILE = 'menu.json';
export const RICH_MENU_IMAGE = 'menu.png';

/**
 * The bot's two rich menus. The Japanese one is the channel's default; the English one is linked
 * to people whose LINE profile is English. Each has an alias (richmenu/deploy.ts keeps them
 * pointing at the deployed menus) so that the other menu's language tile, a `richmenuswitch`
 * action, swaps to it in one tap.
 */
export const RICH_MENUS: readonly { lang: Lang; file: string; image: string; alias: string }[] = [
  { lang: 'ja', file: RICH_MENU_FILE, image: RICH_MENU_IMAGE, alias: 'ageo-ja' },
  { lang: 'en', file: 'menu.en.json', image: 'menu.en.png', alias: 'ageo-en' },
];

/** The alias of the menu in `lang` (LINE: 1–32 of a-z 0-9 _ -). */
export const richMenuAlias = (lang: Lang): string => RICH_MENUS.find((m) => m.lang === lang)!.alias;

/** Loads the menu in `lang` (richmenu/menu.json, menu.en.json); the image is beside it. */
export function loadRichMenu(
  dir: string,
  lang: Lang = 'ja',
): { menu: RichMenuDefinition; file: string; imageFile: string; lang: Lang; alias: string } {
  const m = RICH_MENUS.find((x) => x.lang === lang)!;
  const file = path.join(dir, m.file);
  const menu = JSON.parse(readFileSync(file, 'utf8')) as RichMenuDefinition;
  return { menu, file, imageFile: path.join(dir, m.image), lang, alias: m.alias };
}

/** Both menus, the default (Japanese) first. */
export function loadRichMenus(dir: string): ReturnType<typeof loadRichMenu>[] {
  return RICH_MENUS.map((m) => loadRichMenu(dir, m.lang));
}

/** What a tile shows: derived from its action and the area data, so labels never drift. */
export interface Tile {
  bounds: RichMenuArea['bounds'];
  label: string;
  /** An area id, 'help' for the how-to-ask tile, 'lang' for the language tile. */
  kind: CategoryId | 'help' | 'lang';
}

/** The language a tile's postback asks for ("lang=en" on the English menu), if it says. */
const postbackLang = (data: string | undefined): Lang | undefined => (data ? postbackLanguage(data) : undefined);

const tileKind = (a: RichMenuArea): Tile['kind'] => {
  if (a.action.type === 'richmenuswitch') return 'lang';
  const cmd = decodePostback(a.action.data);
  return cmd?.action === 'area' ? cmd.area : 'help';
};

/** The tiles as the menu file labels them (what its image shows, whatever data/ says now). */
export function menuTilesAsDefined(menu: RichMenuDefinition): Tile[] {
  return menu.areas.map((a) => ({ bounds: a.bounds, label: a.action.label ?? '', kind: tileKind(a) }));
}

/**
 * Area tiles whose label is not the area's short name (in the menu's language) in the data any
 * more (staff renamed an area): the menu and its image must be redrawn and deployed (npm run
 * richmenu:image, then richmenu:deploy). A warning for data:check and the console; deploy refuses
 * such a menu.
 */
export function staleMenuLabels(menu: RichMenuDefinition, catalog: Catalog, lang: Lang = 'ja'): string[] {
  const out: string[] = [];
  for (const a of menu.areas) {
    const cmd = decodePostback(a.action.data);
    if (cmd?.action !== 'area') continue;
    const area = catalog.findArea(cmd.area);
    const label = area ? areaLabel(area, lang) : undefined;
    if (label !== undefined && a.action.label !== label)
      out.push(
        `${lang === 'en' ? '英語の' : ''}リッチメニューのタイル「${a.action.label ?? ''}」は、分野 ${cmd.area} の今の${lang === 'en' ? '英語の' : ''}名前「${label}」と違います (npm run richmenu:image のあと richmenu:deploy で直ります)。`,
      );
  }
  return out;
}

/**
 * The tiles of the project's committed (Japanese) menu as menu.json labels them ([] when it cannot
 * be read): the tap columns of the usage report and the console's chart of taps. A tap on the
 * English menu counts for the same tile (same area, 'help' or 'lang').
 */
export function committedMenuTiles(): Tile[] {
  try {
    return menuTilesAsDefined(loadRichMenu(path.join(PROJECT_ROOT, RICH_MENU_DIR)).menu);
  } catch {
    return [];
  }
}

/** staleMenuLabels for the project's committed menus, both languages (none when they cannot be read). */
export function committedMenuWarnings(catalog: Catalog): string[] {
  return RICH_MENUS.flatMap((m) => {
    try {
      return staleMenuLabels(loadRichMenu(path.join(PROJECT_ROOT, RICH_MENU_DIR), m.lang).menu, catalog, m.lang);
    } catch {
      return [];
    }
  });
}

/** The tiles with the data's current area names in `lang` (what `npm run richmenu:image` draws). */
export function menuTiles(menu: RichMenuDefinition, catalog: Catalog, lang: Lang = 'ja'): Tile[] {
  return menu.areas.map((a) => {
    const kind = tileKind(a);
    if (kind !== 'help' && kind !== 'lang') return { bounds: a.bounds, label: areaLabel(catalog.area(kind), lang), kind };
    return { bounds: a.bounds, label: a.action.label ?? '', kind };
  });
}

/**
 * Every rule LINE (and this bot) applies to the definition; [] when it may be deployed.
 * `labels: false` leaves out whether the tiles still carry the data's area names (tests of the
 * committed menu, which must not depend on what staff name an area).
 */
export function checkRichMenu(
  menu: RichMenuDefinition,
  catalog: Catalog,
  opts: { labels?: boolean; lang?: Lang } = {},
): string[] {
  const lang = opts.lang ?? 'ja';
  const L = RICH_MENU_LIMITS;
  const p: string[] = [];
  const { width, height } = menu.size ?? { width: 0, height: 0 };
  if (!(width >= L.minWidth && width <= L.maxWidth)) p.push(`size.width ${width}: ${L.minWidth}〜${L.maxWidth} にしてください`);
  if (!(height >= L.minHeight)) p.push(`size.height ${height}: ${L.minHeight} 以上にしてください`);
  if (width / height < L.minAspect) p.push(`size: 幅÷高さ は ${L.minAspect} 以上にしてください`);
  if (typeof menu.chatBarText !== 'string' || graphemeLength(menu.chatBarText) > L.chatBarText || !menu.chatBarText)
    p.push(`chatBarText: 1〜${L.chatBarText} 文字にしてください`);
  if (typeof menu.name !== 'string' || !menu.name || graphemeLength(menu.name) > L.name) p.push(`name: 1〜${L.name} 文字にしてください`);
  if (!Array.isArray(menu.areas) || !menu.areas.length || menu.areas.length > L.maxAreas)
    return [...p, `areas: 1〜${L.maxAreas} 個にしてください`];
  const seenAreas = new Set<string>();
  menu.areas.forEach((a, i) => {
    const where = `areas[${i}]`;
    const b = a.bounds;
    if (!(b && b.x >= 0 && b.y >= 0 && b.width > 0 && b.height > 0 && b.x + b.width <= width && b.y + b.height <= height))
      p.push(`${where}.bounds: 画像 (${width}×${height}) の内側に収めてください`);
    menu.areas.slice(i + 1).forEach((o, k) => {
      const apart =
        b.x + b.width <= o.bounds.x || o.bounds.x + o.bounds.width <= b.x || b.y + b.height <= o.bounds.y || o.bounds.y + o.bounds.height <= b.y;
      if (!apart) p.push(`${where} と areas[${i + k + 1}] が重なっています`);
    });
    if (a.action.label !== undefined && graphemeLength(a.action.label) > L.label) p.push(`${where}.action.label: ${L.label} 文字までにしてください`);
    if (a.action.type === 'postback') {
      const cmd = decodePostback(a.action.data);
      if (!cmd) p.push(`${where}.action.data "${a.action.data}": ボットが知らない形式です (cards/postback-codec.ts)`);
      if (cmd?.action === 'area') {
        seenAreas.add(cmd.area);
        const area = catalog.findArea(cmd.area);
        const label = area ? areaLabel(area, lang) : undefined;
        if (opts.labels !== false && a.action.label !== label)
          p.push(`${where}.action.label "${a.action.label}": 分野の名前「${label}」と同じにしてください (npm run richmenu:image でそろいます)`);
      }
      if (cmd && cmd.action !== 'lang' && lang === 'en' && postbackLang(a.action.data) !== 'en')
        p.push(`${where}.action.data "${a.action.data}": 英語のメニューのタイルには lang=en をつけてください`);
    } else if (a.action.type === 'richmenuswitch') {
      // The language tile: switches to the other menu by its alias and tells the bot (a postback).
      const cmd = decodePostback(a.action.data);
      const target = RICH_MENUS.find((m) => m.alias === a.action.richMenuAliasId);
      if (!target || target.lang === lang)
        p.push(`${where}.action.richMenuAliasId "${a.action.richMenuAliasId}": もう一方のメニューのエイリアス (${RICH_MENUS.filter((m) => m.lang !== lang).map((m) => m.alias).join(', ')}) にしてください`);
      else if (cmd?.action !== 'lang' || cmd.lang !== target.lang)
        p.push(`${where}.action.data "${a.action.data}": action=lang&from=menu&lang=${target.lang} にしてください`);
    } else if (a.action.type !== 'message' && a.action.type !== 'uri') {
      p.push(`${where}.action.type "${a.action.type}": postback / richmenuswitch / message / uri にしてください`);
    }
  });
  for (const area of catalog.areas) if (!seenAreas.has(area.id)) p.push(`分野「${area.label}」(${area.id}) のタイルがありません`);
  return p;
}
