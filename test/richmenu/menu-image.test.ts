import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'opentype.js';
import { PNG } from 'pngjs';
import { loadCatalog } from '../../src/pledges/load-catalog';
import {
  checkRichMenu,
  loadRichMenu,
  menuTiles,
  menuTilesAsDefined,
  type RichMenuDefinition,
} from '../../src/richmenu/definition';
import { checkRichMenuImage } from '../../src/richmenu/image-check';
import { drawMenuImage } from '../../src/richmenu/menu-image';
import { Raster, shapes } from '../../src/richmenu/raster';
import { AREA_ACCENT, PALETTE } from '../../src/cards/theme';
import { EN_ONLY } from '../../src/copy/en';
import type { CategoryId } from '../../src/pledges/types';
import { sampleCatalog } from '../fixtures/sample-catalog';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';

/** The image shows the live area labels (npm run richmenu:image after changing one). */
// The checker's behaviour is tested on the frozen data; the committed menu only against itself.
const catalog = loadCatalog(FROZEN_DATA_DIR);
const { menu, imageFile } = loadRichMenu(path.join(REPO_ROOT, 'richmenu'));
const image = readFileSync(imageFile);
const en = loadRichMenu(path.join(REPO_ROOT, 'richmenu'), 'en');
const enImage = readFileSync(en.imageFile);
const fontFile = path.join(REPO_ROOT, 'node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');
const fontBuf = readFileSync(fontFile);
const font = parse(fontBuf.buffer.slice(fontBuf.byteOffset, fontBuf.byteOffset + fontBuf.byteLength));
/** Decoded once: decoding a 2500×1686 PNG takes seconds. */
const decoded = new Map<Buffer, PNG>();
const readPng = (b: Buffer): PNG => {
  if (!decoded.has(b)) decoded.set(b, PNG.sync.read(b));
  return decoded.get(b)!;
};
const hexAt = (png: PNG, x: number, y: number): string => {
  const o = (y * png.width + x) * 4;
  return `#${[0, 1, 2].map((k) => png.data[o + k]!.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
};
/** Pixels where two RGBA images differ. */
const differing = (a: Uint8Array, b: Uint8Array): number => {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  return n;
};

describe('Raster (non-zero winding, anti-aliased)', () => {
  test('overlapping shapes stay filled (fonts draw 防 with overlapping strokes)', () => {
    const r = new Raster(40, 20, '#FFFFFF');
    r.fill([shapes.rect(2, 2, 20, 10), shapes.rect(10, 5, 20, 10)], '#000000');
    expect(r.pixel(15, 8)).toBe('#000000');
    expect(r.pixel(35, 18)).toBe('#FFFFFF');
  });
  test('a reversed inner shape is a hole', () => {
    const r = new Raster(40, 40, '#FFFFFF');
    r.fill([shapes.circle(20, 20, 15), shapes.circle(20, 20, 8, true)], '#000000');
    expect(r.pixel(20, 20)).toBe('#FFFFFF');
    expect(r.pixel(20, 8)).toBe('#000000');
  });
  test('edges are blended, not jagged', () => {
    const r = new Raster(10, 10, '#FFFFFF');
    r.fill([shapes.rect(0, 0, 4.5, 10)], '#000000');
    expect(r.pixel(4, 5)).toBe('#808080');
  });
});

describe('richmenu/menu.png', () => {
  test('is a PNG of exactly the menu size, ≤ 1 MB', () => {
    expect(checkRichMenuImage(image, menu)).toEqual({ problems: [], contentType: 'image/png' });
  });

  test('is up to date with menu.json (npm run richmenu:image)', () => {
    const drawn = drawMenuImage(menu, menuTilesAsDefined(menu), font);
    const committed = readPng(image);
    let differing = 0;
    for (let i = 0, j = 0; i < drawn.data.length; i += 4, j += 4) {
      if (drawn.data[i] !== committed.data[j] || drawn.data[i + 1] !== committed.data[j + 1] || drawn.data[i + 2] !== committed.data[j + 2]) differing++;
    }
    expect(differing).toBe(0);
  });

  test("each area tile is painted in its area's colour", () => {
    const png = readPng(image);
    for (const tile of menuTilesAsDefined(menu)) {
      if (tile.kind === 'help' || tile.kind === 'lang') continue;
      const x = tile.bounds.x + 40;
      const y = tile.bounds.y + 40;
      const o = (y * png.width + x) * 4;
      const hex = `#${[0, 1, 2].map((k) => png.data[o + k]!.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
      expect(hex).toBe(AREA_ACCENT[tile.kind]);
    }
  });

  test('an image of the wrong size or kind is refused', () => {
    const small = { ...menu, size: { width: 1200, height: 810 } } as RichMenuDefinition;
    expect(checkRichMenuImage(image, small).problems[0]).toContain('2500×1686');
    expect(checkRichMenuImage(Buffer.from('GIF89a'), menu).problems[0]).toContain('PNG か JPEG');
  });
});

describe('richmenu/menu.en.png (the English menu)', () => {
  test('is a PNG of exactly the menu size, ≤ 1 MB, the same size as the Japanese one', () => {
    expect(checkRichMenuImage(enImage, en.menu)).toEqual({ problems: [], contentType: 'image/png' });
    expect(en.menu.size).toEqual(menu.size);
    const png = readPng(enImage);
    expect([png.width, png.height]).toEqual([2500, 1686]);
  });

  test('is up to date with menu.en.json (npm run richmenu:image), and differs from the Japanese image', () => {
    const drawn = drawMenuImage(en.menu, menuTilesAsDefined(en.menu), font);
    const committed = readPng(enImage);
    expect(differing(drawn.data, committed.data)).toBe(0);
    expect(differing(committed.data, readPng(image).data)).toBeGreaterThan(10_000);
  });

  test('has English labels on its area tiles, How to ask, and 日本語 on the language tile', () => {
    const tiles = menuTilesAsDefined(en.menu);
    for (const t of tiles.filter((x) => x.kind !== 'lang')) expect(t.label).toMatch(/^[\x20-\x7E]+$/u);
    expect(tiles.find((t) => t.kind === 'help')!.label).toBe('How to ask');
    expect(tiles.find((t) => t.kind === 'lang')!.label).toBe(EN_ONLY.switchToJapanese);
    expect(menuTilesAsDefined(menu).find((t) => t.kind === 'lang')!.label).toBe(EN_ONLY.switchToEnglish);
  });

  test("each tile is painted in its colour: areas in their accent, the language tile in slate", () => {
    for (const [file, m] of [
      [enImage, en.menu],
      [image, menu],
    ] as const) {
      const png = readPng(file);
      for (const tile of menuTilesAsDefined(m)) {
        const want = tile.kind === 'help' ? PALETTE.city : tile.kind === 'lang' ? PALETTE.language : AREA_ACCENT[tile.kind];
        expect(hexAt(png, tile.bounds.x + 40, tile.bounds.y + 40)).toBe(want);
      }
    }
  });

  test('a label that would be small on one line is drawn on two (a narrow tile, a long name)', () => {
    // One tile, alone (drawing the whole menu takes seconds).
    const lines = (label: string, width: number): number => {
      const bounds = { x: 0, y: 0, width, height: 562 };
      const m: RichMenuDefinition = {
        ...en.menu,
        size: { width, height: 562 },
        areas: [{ bounds, action: { ...en.menu.areas[1]!.action, label } }],
      };
      const drawn = drawMenuImage(m, menuTilesAsDefined(m), font);
      // Rows of the label band with white text pixels, grouped into runs.
      const rows: number[] = [];
      // Inside the tile's rounded corners (radius 28), where the background is white.
      for (let py = Math.round(bounds.height * 0.6); py < bounds.height - 36; py++) {
        for (let px = 36; px < bounds.width - 36; px++)
          if (drawn.pixel(px, py) === '#FFFFFF') {
            rows.push(py);
            break;
          }
      }
      return 1 + rows.filter((r, i) => i > 0 && r - rows[i - 1]! > 4).length;
    };
    expect(lines('How to ask', 417)).toBe(2);
    expect(lines('Children, Youth and Lifelong Learning', 834)).toBe(2);
    expect(lines('Children & Education', 834)).toBe(1);
    expect(lines('Health', 834)).toBe(1);
  });
});

describe('checkRichMenu', () => {
  test('the committed menus pass', () => {
    expect(checkRichMenu(menu, catalog, { labels: false })).toEqual([]);
    expect(checkRichMenu(en.menu, catalog, { labels: false, lang: 'en' })).toEqual([]);
  });

  test('English tiles follow the data: en.label, else the default English name', () => {
    const areaTiles = (c: typeof catalog) =>
      menuTiles(en.menu, c, 'en').filter((t) => t.kind !== 'help' && t.kind !== 'lang');
    for (const t of areaTiles(catalog)) {
      const area = catalog.area(t.kind as CategoryId);
      expect(t.label).toBe(area.en?.label ?? EN_ONLY.areaNames[area.id]);
    }
    // Data without English (the sample catalog): the defaults of copy/en.ts.
    for (const t of areaTiles(sampleCatalog())) expect(t.label).toBe(EN_ONLY.areaNames[t.kind as CategoryId]);
  });

  test.each<[string, (m: RichMenuDefinition) => void, string]>([
    ['a language tile to its own alias', (m) => (m.areas[9]!.action.richMenuAliasId = 'ageo-en'), 'もう一方のメニュー'],
    ['a language tile whose data names another language', (m) => (m.areas[9]!.action.data = 'action=lang&from=menu&lang=en'), 'lang=ja'],
    ['an area tile without lang=en', (m) => (m.areas[0]!.action.data = 'action=area&area=covid&from=menu'), 'lang=en'],
  ])('English menu: %s is refused', (_what, change, words) => {
    const m = JSON.parse(JSON.stringify(en.menu)) as RichMenuDefinition;
    change(m);
    expect(checkRichMenu(m, catalog, { labels: false, lang: 'en' }).join('\n')).toContain(words);
  });
  const broken = (change: (m: RichMenuDefinition) => void): string[] => {
    const m = JSON.parse(JSON.stringify(menu)) as RichMenuDefinition;
    change(m);
    return checkRichMenu(m, catalog);
  };
  test.each<[string, (m: RichMenuDefinition) => void, string]>([
    ['a tile outside the image', (m) => (m.areas[0]!.bounds.x = 2400), '内側'],
    ['overlapping tiles', (m) => (m.areas[1]!.bounds.x = 100), '重なって'],
    ['a long chat bar text', (m) => (m.chatBarText = '市長公約の取組状況メニューです'), 'chatBarText'],
    ['a postback the bot cannot read', (m) => (m.areas[0]!.action.data = 'category=kosodate'), '知らない形式'],
    ['a label that differs from the area name', (m) => (m.areas[3]!.action.label = 'ぼうさい'), '防災'],
    ['a missing area', (m) => m.areas.splice(7, 1), '公正な行政'],
    ['a bad size', (m) => (m.size = { width: 2500, height: 2000 }), '幅÷高さ'],
  ])('%s is refused', (_what, change, words) => {
    expect(broken(change).join('\n')).toContain(words);
  });
});
