import { readFileSync } from 'node:fs';
import path from 'node:path';
import { graphemeLength } from '../cards/limits';
import { decodePostback } from '../cards/postback-codec';
import type { Catalog } from '../pledges/catalog';
import type { CategoryId } from '../pledges/types';
import { PROJECT_ROOT } from '../project-root';

/**
 * The rich menu as data (richmenu/menu.json, the request body of LINE's "create rich menu") and
 * the rules LINE applies to it (Messaging API reference, rich menu object; line-platform.md §4).
 */
export interface RichMenuArea {
  bounds: { x: number; y: number; width: number; height: number };
  action: { type: string; label?: string; data?: string; displayText?: string; text?: string; uri?: string };
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

/** Loads richmenu/menu.json; the image is menu.png beside it. */
export function loadRichMenu(dir: string): { menu: RichMenuDefinition; file: string; imageFile: string } {
  const file = path.join(dir, RICH_MENU_FILE);
  const menu = JSON.parse(readFileSync(file, 'utf8')) as RichMenuDefinition;
  return { menu, file, imageFile: path.join(dir, RICH_MENU_IMAGE) };
}

/** What a tile shows: derived from its action and the area data, so labels never drift. */
export interface Tile {
  bounds: RichMenuArea['bounds'];
  label: string;
  /** An area id, or 'help' for the how-to-ask tile. */
  kind: CategoryId | 'help';
}

/** The tiles as menu.json labels them (what menu.png shows, whatever data/ says now). */
export function menuTilesAsDefined(menu: RichMenuDefinition): Tile[] {
  return menu.areas.map((a) => {
    const cmd = decodePostback(a.action.data);
    return { bounds: a.bounds, label: a.action.label ?? '', kind: cmd?.action === 'area' ? cmd.area : 'help' };
  });
}

/**
 * Area tiles whose label is not the area's short name in the data any more (staff renamed an
 * area): the menu and its image must be redrawn and deployed (npm run richmenu:image, then
 * richmenu:deploy). A warning for data:check and the console; deploy refuses such a menu.
 */
export function staleMenuLabels(menu: RichMenuDefinition, catalog: Catalog): string[] {
  const out: string[] = [];
  for (const a of menu.areas) {
    const cmd = decodePostback(a.action.data);
    if (cmd?.action !== 'area') continue;
    const label = catalog.findArea(cmd.area)?.label;
    if (label !== undefined && a.action.label !== label)
      out.push(`リッチメニューのタイル「${a.action.label ?? ''}」は、分野 ${cmd.area} の今の名前「${label}」と違います (npm run richmenu:image のあと richmenu:deploy で直ります)。`);
  }
  return out;
}

/**
 * The tiles of the project's committed menu as menu.json labels them ([] when it cannot be read):
 * the tap columns of the usage report and the console's chart of taps.
 */
export function committedMenuTiles(): Tile[] {
  try {
    return menuTilesAsDefined(loadRichMenu(path.join(PROJECT_ROOT, RICH_MENU_DIR)).menu);
  } catch {
    return [];
  }
}

/** staleMenuLabels for the project's committed menu (none when it cannot be read). */
export function committedMenuWarnings(catalog: Catalog): string[] {
  try {
    return staleMenuLabels(loadRichMenu(path.join(PROJECT_ROOT, RICH_MENU_DIR)).menu, catalog);
  } catch {
    return [];
  }
}

export function menuTiles(menu: RichMenuDefinition, catalog: Catalog): Tile[] {
  return menu.areas.map((a) => {
    const cmd = decodePostback(a.action.data);
    if (cmd?.action === 'area') return { bounds: a.bounds, label: catalog.area(cmd.area).label, kind: cmd.area };
    return { bounds: a.bounds, label: a.action.label ?? '', kind: 'help' };
  });
}

/**
 * Every rule LINE (and this bot) applies to the definition; [] when it may be deployed.
 * `labels: false` leaves out whether the tiles still carry the data's area names (tests of the
 * committed menu, which must not depend on what staff name an area).
 */
export function checkRichMenu(menu: RichMenuDefinition, catalog: Catalog, opts: { labels?: boolean } = {}): string[] {
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
        const label = catalog.findArea(cmd.area)?.label;
        if (opts.labels !== false && a.action.label !== label)
          p.push(`${where}.action.label "${a.action.label}": 分野の名前「${label}」と同じにしてください (npm run richmenu:image でそろいます)`);
      }
    } else if (a.action.type !== 'message' && a.action.type !== 'uri') {
      p.push(`${where}.action.type "${a.action.type}": postback / message / uri にしてください`);
    }
  });
  for (const area of catalog.areas) if (!seenAreas.has(area.id)) p.push(`分野「${area.label}」(${area.id}) のタイルがありません`);
  return p;
}
