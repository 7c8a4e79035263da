import { config as loadDotenv } from 'dotenv';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'opentype.js';
import { PNG } from 'pngjs';
import { areaLabel } from '../cards/lang';
import { parseConfig } from '../config';
import { loadCatalog } from '../pledges/load-catalog';
import { decodePostback } from '../cards/postback-codec';
import {
  checkRichMenu,
  loadRichMenus,
  menuTiles,
  RICH_MENU_DIR,
  RICH_MENU_LIMITS,
  type RichMenuDefinition,
} from '../richmenu/definition';
import { drawMenuImage, type GlyphFont } from '../richmenu/menu-image';
import { PROJECT_ROOT } from '../project-root';
import type { Catalog } from '../pledges/catalog';

/**
 * `npm run richmenu:image`: sets the area tiles' labels in richmenu/menu.json (Japanese) and
 * richmenu/menu.en.json (English) to the areas' short names in data/ (`label`, and `en.label`, or
 * the default English name in copy/en.ts) after staff renamed one, and draws menu.png and
 * menu.en.png from them (colours from cards/theme.ts). Deploy them with `npm run richmenu:deploy`.
 * The font is Noto Sans JP Bold from the npm package @expo-google-fonts/noto-sans-jp (SIL Open
 * Font License 1.1, Japanese and Latin letters), a devDependency; no system font is used.
 * Rendering is pure JavaScript (opentype.js outlines, our rasteriser, pngjs), so nothing native
 * or downloaded is needed.
 */
export const MENU_FONT = path.join(
  PROJECT_ROOT,
  'node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
);

/** The menu with its area tiles' labels (and displayTexts) set to the data's names in `lang`. */
export function withDataLabels(menu: RichMenuDefinition, catalog: Catalog, lang: 'ja' | 'en'): RichMenuDefinition {
  return {
    ...menu,
    areas: menu.areas.map((a) => {
      const cmd = decodePostback(a.action.data);
      if (cmd?.action !== 'area') return a;
      const label = areaLabel(catalog.area(cmd.area), lang);
      return {
        ...a,
        action: { ...a.action, label, ...(a.action.displayText !== undefined ? { displayText: label } : {}) },
      };
    }),
  };
}

/** The menu's image as PNG bytes (opaque RGB, as LINE shows it). */
export function menuPng(menu: RichMenuDefinition, catalog: Catalog, lang: 'ja' | 'en', font: GlyphFont): Buffer {
  const raster = drawMenuImage(menu, menuTiles(menu, catalog, lang), font);
  const png = new PNG({ width: raster.width, height: raster.height, colorType: 2 });
  for (let i = 0, j = 0; i < raster.data.length; i += 4, j += 4) {
    png.data[j] = raster.data[i]!;
    png.data[j + 1] = raster.data[i + 1]!;
    png.data[j + 2] = raster.data[i + 2]!;
    png.data[j + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 2, deflateLevel: 9 });
}

/** Loads the menu font (opentype.js). */
export function loadMenuFont(file = MENU_FONT): GlyphFont {
  const buf = readFileSync(file);
  return parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

function main(): number {
  loadDotenv({ quiet: true });
  const catalog = loadCatalog(parseConfig(process.env, process.cwd(), 'tool').dataDir);
  const dir = path.join(PROJECT_ROOT, RICH_MENU_DIR);
  const font = loadMenuFont();
  for (const loaded of loadRichMenus(dir)) {
    const { lang, file, imageFile } = loaded;
    const name = path.relative(process.cwd(), file);
    // Labels follow the data; the menu file changes only when a label did.
    const menu = withDataLabels(loaded.menu, catalog, lang);
    if (JSON.stringify(menu) !== JSON.stringify(loaded.menu)) {
      writeFileSync(file, `${JSON.stringify(menu, null, 2)}\n`);
      process.stdout.write(`${name}: タイルの名前を data/ の分野の名前にそろえました\n`);
    }
    const problems = checkRichMenu(menu, catalog, { lang });
    if (problems.length) {
      process.stderr.write(`${name} に問題があります:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return 1;
    }
    const bytes = menuPng(menu, catalog, lang, font);
    if (bytes.length > RICH_MENU_LIMITS.imageBytes) {
      process.stderr.write(`${path.basename(imageFile)} が ${bytes.length} バイトで、LINE の上限 1 MB を超えます。\n`);
      return 1;
    }
    writeFileSync(imageFile, bytes);
    process.stdout.write(
      `${path.relative(process.cwd(), imageFile)}: ${menu.size.width}×${menu.size.height}, ${bytes.length} bytes\n`,
    );
  }
  return 0;
}

if (require.main === module) process.exitCode = main();
