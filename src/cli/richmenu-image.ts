import { config as loadDotenv } from 'dotenv';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'opentype.js';
import { PNG } from 'pngjs';
import { parseConfig } from '../config';
import { loadCatalog } from '../pledges/load-catalog';
import { decodePostback } from '../cards/postback-codec';
import { checkRichMenu, loadRichMenu, menuTiles, RICH_MENU_DIR, RICH_MENU_LIMITS } from '../richmenu/definition';
import { drawMenuImage } from '../richmenu/menu-image';
import { PROJECT_ROOT } from '../project-root';

/**
 * `npm run richmenu:image`: sets the area tiles' labels in richmenu/menu.json to the areas'
 * short names in data/ (after staff renamed one) and draws richmenu/menu.png from it (colours
 * from cards/theme.ts). Deploy it with `npm run richmenu:deploy`. The Japanese font is Noto Sans JP Bold from
 * the npm package @expo-google-fonts/noto-sans-jp (SIL Open Font License 1.1), a devDependency;
 * no system font is used. Rendering is pure JavaScript (opentype.js outlines, our rasteriser,
 * pngjs), so nothing native or downloaded is needed.
 */
const FONT = path.join(PROJECT_ROOT, 'node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');

function main(): number {
  loadDotenv({ quiet: true });
  const catalog = loadCatalog(parseConfig(process.env, process.cwd(), 'tool').dataDir);
  const dir = path.join(PROJECT_ROOT, RICH_MENU_DIR);
  const loaded = loadRichMenu(dir);
  const { imageFile } = loaded;
  // Labels follow the data; the menu file changes only when a label did.
  const menu = {
    ...loaded.menu,
    areas: loaded.menu.areas.map((a) => {
      const cmd = decodePostback(a.action.data);
      if (cmd?.action !== 'area') return a;
      const label = catalog.area(cmd.area).label;
      return {
        ...a,
        action: { ...a.action, label, ...(a.action.displayText !== undefined ? { displayText: label } : {}) },
      };
    }),
  };
  if (JSON.stringify(menu) !== JSON.stringify(loaded.menu)) {
    writeFileSync(path.join(dir, 'menu.json'), `${JSON.stringify(menu, null, 2)}\n`);
    process.stdout.write('richmenu/menu.json: タイルの名前を data/ の分野の名前にそろえました\n');
  }
  const problems = checkRichMenu(menu, catalog);
  if (problems.length) {
    process.stderr.write(`richmenu/menu.json に問題があります:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  const buf = readFileSync(FONT);
  const font = parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const raster = drawMenuImage(menu, menuTiles(menu, catalog), font);
  const png = new PNG({ width: raster.width, height: raster.height, colorType: 2 });
  for (let i = 0, j = 0; i < raster.data.length; i += 4, j += 4) {
    png.data[j] = raster.data[i]!;
    png.data[j + 1] = raster.data[i + 1]!;
    png.data[j + 2] = raster.data[i + 2]!;
    png.data[j + 3] = 255;
  }
  const bytes = PNG.sync.write(png, { colorType: 2, deflateLevel: 9 });
  if (bytes.length > RICH_MENU_LIMITS.imageBytes) {
    process.stderr.write(`画像が ${bytes.length} バイトで、LINE の上限 1 MB を超えます。\n`);
    return 1;
  }
  writeFileSync(imageFile, bytes);
  process.stdout.write(
    `${path.relative(process.cwd(), imageFile)}: ${raster.width}×${raster.height}, ${bytes.length} bytes\n`,
  );
  return 0;
}

process.exitCode = main();
