import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'opentype.js';
import { PNG } from 'pngjs';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { checkRichMenu, loadRichMenu, menuTilesAsDefined, type RichMenuDefinition } from '../../src/richmenu/definition';
import { checkRichMenuImage } from '../../src/richmenu/image-check';
import { drawMenuImage } from '../../src/richmenu/menu-image';
import { Raster, shapes } from '../../src/richmenu/raster';
import { AREA_ACCENT } from '../../src/cards/theme';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';

/** The image shows the live area labels (npm run richmenu:image after changing one). */
// The checker's behaviour is tested on the frozen data; the committed menu only against itself.
const catalog = loadCatalog(FROZEN_DATA_DIR);
const { menu, imageFile } = loadRichMenu(path.join(REPO_ROOT, 'richmenu'));
const image = readFileSync(imageFile);

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
    const fontFile = path.join(REPO_ROOT, 'node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');
    const buf = readFileSync(fontFile);
    const font = parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const drawn = drawMenuImage(menu, menuTilesAsDefined(menu), font);
    const committed = PNG.sync.read(image);
    let differing = 0;
    for (let i = 0, j = 0; i < drawn.data.length; i += 4, j += 4) {
      if (drawn.data[i] !== committed.data[j] || drawn.data[i + 1] !== committed.data[j + 1] || drawn.data[i + 2] !== committed.data[j + 2]) differing++;
    }
    expect(differing).toBe(0);
  });

  test("each area tile is painted in its area's colour", () => {
    const png = PNG.sync.read(image);
    for (const tile of menuTilesAsDefined(menu)) {
      if (tile.kind === 'help') continue;
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

describe('checkRichMenu', () => {
  test('the committed menu passes', () => {
    expect(checkRichMenu(menu, catalog, { labels: false })).toEqual([]);
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
