import type { Font } from 'opentype.js';
import type { CategoryId } from '../pledges/types';
import { AREA_ACCENT, PALETTE } from '../cards/theme';
import type { RichMenuDefinition, Tile } from './definition';
import { Raster, shapes, type Point, type Polygon } from './raster';

/** What the image needs of a font: opentype.js's Font (see src/types/opentype.d.ts). */
export type GlyphFont = Pick<Font, 'getPath' | 'getAdvanceWidth'>;

/** Gap between tiles, in image pixels, so that tiles read as separate buttons. */
const GAP = 12;
/** Label size relative to the tile height; large enough to read at phone size (≈ 1/3 of a tile row). */
const LABEL_SIZE = 0.17;
/**
 * A label that would have to shrink below this share of LABEL_SIZE on one line goes on two lines
 * instead (English names such as "Children & Education"), if it has a space to break at.
 */
const TWO_LINES_BELOW = 0.75;

/** A tile's colour: the area's accent, the city's blue for 使い方, slate for the language tile. */
const tileColor = (kind: Tile['kind']): string =>
  kind === 'help' ? PALETTE.city : kind === 'lang' ? PALETTE.language : AREA_ACCENT[kind];

/**
 * Draws a rich menu: one tile per area in the area's accent colour, with a simple white icon and
 * the area's name (Japanese or English, as the tiles say), a how-to-ask tile in the city's colour
 * and the language tile. One font for both languages: Noto Sans JP has Latin letters too.
 */
export function drawMenuImage(menu: RichMenuDefinition, tiles: Tile[], font: GlyphFont): Raster {
  const img = new Raster(menu.size.width, menu.size.height, '#FFFFFF');
  for (const tile of tiles) {
    const { x, y, width, height } = tile.bounds;
    img.fill([shapes.roundedRect(x + GAP / 2, y + GAP / 2, width - GAP, height - GAP, 28)], tileColor(tile.kind));
    const cx = x + width / 2;
    const iconSize = Math.min(height * 0.36, width * 0.5);
    img.fill(icon(tile.kind, cx, y + height * 0.36, iconSize), PALETTE.onAccent);
    if (tile.kind === 'help') {
      // The "?" inside the speech bubble, from the font.
      const q = iconSize * 0.62;
      const w = font.getAdvanceWidth('?', q);
      img.fill(textPolygons(font, '?', cx - w / 2, y + height * 0.36 + q * 0.3, q), PALETTE.onAccent);
    }
    const maxWidth = width - GAP - 60;
    for (const line of labelLines(font, tile.label, height * LABEL_SIZE, maxWidth, y + height * 0.8)) {
      const textWidth = font.getAdvanceWidth(line.text, line.size);
      img.fill(textPolygons(font, line.text, cx - textWidth / 2, line.baseline, line.size), PALETTE.onAccent);
    }
  }
  return img;
}

/**
 * Where a label's lines go: one line at the largest size that fits (at least 20 px); or, when that
 * would be small and the label has spaces, two lines broken at the space that balances them,
 * around the same baseline.
 */
function labelLines(
  font: GlyphFont,
  label: string,
  full: number,
  maxWidth: number,
  baseline: number,
): { text: string; size: number; baseline: number }[] {
  const fit = (text: string, start: number): number => {
    let size = start;
    while (font.getAdvanceWidth(text, size) > maxWidth && size > 20) size -= 2;
    return size;
  };
  const one = fit(label, full);
  const spaces = [...label.matchAll(/ /gu)].map((m) => m.index);
  if (one >= full * TWO_LINES_BELOW || !spaces.length) return [{ text: label, size: one, baseline }];
  const at = spaces.reduce((best, i) =>
    Math.abs(label.length / 2 - i) < Math.abs(label.length / 2 - best) ? i : best,
  );
  const lines = [label.slice(0, at), label.slice(at + 1)];
  const size = Math.min(...lines.map((l) => fit(l, full * 0.8)));
  const step = size * 1.15;
  return lines.map((text, i) => ({ text, size, baseline: baseline - step * 0.45 + i * step }));
}

/** Glyph outlines as polygons (curves flattened). */
export function textPolygons(font: GlyphFont, text: string, x: number, baseline: number, size: number): Polygon[] {
  const polys: Point[][] = [];
  let cur: Point[] = [];
  let last: Point = [0, 0];
  const STEPS = 8;
  for (const c of font.getPath(text, x, baseline, size).commands) {
    if (c.type === 'M') {
      if (cur.length > 2) polys.push(cur);
      cur = [[c.x!, c.y!]];
    } else if (c.type === 'L') cur.push([c.x!, c.y!]);
    else if (c.type === 'Q') {
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        cur.push([u * u * last[0] + 2 * u * t * c.x1! + t * t * c.x!, u * u * last[1] + 2 * u * t * c.y1! + t * t * c.y!]);
      }
    } else if (c.type === 'C') {
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        cur.push([
          u * u * u * last[0] + 3 * u * u * t * c.x1! + 3 * u * t * t * c.x2! + t * t * t * c.x!,
          u * u * u * last[1] + 3 * u * u * t * c.y1! + 3 * u * t * t * c.y2! + t * t * t * c.y!,
        ]);
      }
    } else if (c.type === 'Z') {
      if (cur.length > 2) polys.push(cur);
      cur = [];
    }
    if (c.x !== undefined && c.y !== undefined) last = [c.x, c.y];
  }
  if (cur.length > 2) polys.push(cur);
  return polys;
}

/** A simple pictogram per area, centred on (cx, cy), about s pixels across. */
function icon(kind: CategoryId | 'help' | 'lang', cx: number, cy: number, s: number): Polygon[] {
  const h = s / 2;
  const P = (dx: number, dy: number): Point => [cx + dx * h, cy + dy * h];
  switch (kind) {
    case 'covid': // a medical cross in a ring
      return [
        shapes.circle(cx, cy, h),
        shapes.circle(cx, cy, h * 0.82, true),
        shapes.rect(cx - h * 0.16, cy - h * 0.55, h * 0.32, h * 1.1),
        shapes.rect(cx - h * 0.55, cy - h * 0.16, h * 1.1, h * 0.32),
      ];
    case 'childcare': // a parent and a child
      return [
        shapes.circle(cx - h * 0.35, cy - h * 0.6, h * 0.28),
        shapes.roundedRect(cx - h * 0.72, cy - h * 0.25, h * 0.74, h * 1.2, h * 0.2),
        shapes.circle(cx + h * 0.45, cy - h * 0.15, h * 0.22),
        shapes.roundedRect(cx + h * 0.17, cy + h * 0.15, h * 0.56, h * 0.8, h * 0.16),
      ];
    case 'health': // a heart
      return [shapes.circle(cx - h * 0.42, cy - h * 0.3, h * 0.48), shapes.circle(cx + h * 0.42, cy - h * 0.3, h * 0.48), [P(-0.88, -0.12), P(0.88, -0.12), P(0, 0.95)]];
    case 'disaster': // a warning triangle with "!"
      return [
        [P(0, -1), P(1.05, 0.85), P(-1.05, 0.85)],
        [P(0, -0.62), P(-0.72, 0.65), P(0.72, 0.65)],
        shapes.rect(cx - h * 0.09, cy - h * 0.28, h * 0.18, h * 0.55),
        shapes.circle(cx, cy + h * 0.45, h * 0.1),
      ];
    case 'industry': // a factory
      return [[P(-1, 0.85), P(-1, -0.1), P(-0.45, -0.45), P(-0.45, -0.1), P(0.1, -0.45), P(0.1, -0.1), P(0.55, -0.45), P(0.55, -0.95), P(0.85, -0.95), P(0.85, -0.1), P(1, -0.1), P(1, 0.85)]];
    case 'facilities': // a public hall: roof, columns, base
      return [
        [P(0, -1), P(1.05, -0.45), P(-1.05, -0.45)],
        ...[-0.7, -0.23, 0.23, 0.7].map((dx) => shapes.rect(cx + (dx - 0.1) * h, cy - h * 0.35, h * 0.2, h * 0.95)),
        shapes.rect(cx - h * 1.05, cy + h * 0.65, h * 2.1, h * 0.25),
      ];
    case 'finance': // a stack of coins
      return [0.55, 0.15, -0.25, -0.65].map((dy, i) => shapes.roundedRect(cx - h * (0.8 - i * 0.05), cy + dy * h - h * 0.17, h * (1.6 - i * 0.1), h * 0.34, h * 0.17));
    case 'governance': // a balance scale
      return [
        shapes.rect(cx - h * 0.07, cy - h * 0.85, h * 0.14, h * 1.55),
        shapes.rect(cx - h * 0.45, cy + h * 0.7, h * 0.9, h * 0.18),
        shapes.line(P(-0.9, -0.55), P(0.9, -0.55), h * 0.12),
        [P(-1.05, 0.05), P(-0.35, 0.05), P(-0.7, -0.55)],
        [P(0.35, 0.05), P(1.05, 0.05), P(0.7, -0.55)],
      ];
    case 'lang': // a globe: a ring, the equator, two meridians
      return [
        shapes.circle(cx, cy, h),
        shapes.circle(cx, cy, h * 0.86, true),
        shapes.ellipse(cx, cy, h * 0.5, h),
        shapes.ellipse(cx, cy, h * 0.36, h * 0.86, true),
        shapes.rect(cx - h * 0.93, cy - h * 0.07, h * 1.86, h * 0.14),
        shapes.rect(cx - h * 0.07, cy - h * 0.93, h * 0.14, h * 1.86),
        shapes.rect(cx - h * 0.78, cy - h * 0.5, h * 1.56, h * 0.1),
        shapes.rect(cx - h * 0.78, cy + h * 0.4, h * 1.56, h * 0.1),
      ];
    case 'help': // a speech bubble (the "?" is drawn from the font)
      return [
        shapes.roundedRect(cx - h, cy - h * 0.8, h * 2, h * 1.4, h * 0.35),
        [P(-0.35, 0.55), P(-0.6, 1), P(0.05, 0.55)],
        shapes.roundedRect(cx - h * 0.85, cy - h * 0.65, h * 1.7, h * 1.1, h * 0.25).slice().reverse() as Polygon,
      ];
  }
}
