/**
 * A tiny anti-aliased rasteriser for the rich menu image: filled polygons with the non-zero
 * winding rule (what fonts need: overlapping strokes of 防 or 災 must not cancel out), 4 vertical
 * samples per pixel and exact horizontal coverage. Pure: no canvas, no native code, no fonts.
 */
export type Point = readonly [number, number];
export type Polygon = readonly Point[];

interface Edge {
  yMin: number;
  yMax: number;
  xAtYMin: number;
  slope: number;
  dir: 1 | -1;
}

const SUBSAMPLES = 4;

export class Raster {
  /** RGBA, 8 bits per channel, row-major. */
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: string,
  ) {
    this.data = new Uint8Array(width * height * 4);
    const [r, g, b] = parseColor(background);
    for (let i = 0; i < width * height; i++) this.data.set([r, g, b, 255], i * 4);
  }

  /** Fills the union of the polygons (non-zero winding) with an opaque colour. */
  fill(polygons: readonly Polygon[], color: string): void {
    const edges: Edge[] = [];
    let top = Infinity;
    let bottom = -Infinity;
    for (const poly of polygons) {
      for (let i = 0; i < poly.length; i++) {
        const [x0, y0] = poly[i]!;
        const [x1, y1] = poly[(i + 1) % poly.length]!;
        if (y0 === y1) continue;
        const down = y1 > y0;
        const yMin = down ? y0 : y1;
        const yMax = down ? y1 : y0;
        edges.push({ yMin, yMax, xAtYMin: down ? x0 : x1, slope: (x1 - x0) / (y1 - y0), dir: down ? 1 : -1 });
        top = Math.min(top, yMin);
        bottom = Math.max(bottom, yMax);
      }
    }
    if (!edges.length) return;
    const [r, g, b] = parseColor(color);
    const coverage = new Float32Array(this.width);
    const firstRow = Math.max(0, Math.floor(top));
    const lastRow = Math.min(this.height - 1, Math.ceil(bottom));
    for (let row = firstRow; row <= lastRow; row++) {
      coverage.fill(0);
      let touched = false;
      for (let s = 0; s < SUBSAMPLES; s++) {
        const y = row + (s + 0.5) / SUBSAMPLES;
        const crossings: { x: number; dir: number }[] = [];
        for (const e of edges) if (y >= e.yMin && y < e.yMax) crossings.push({ x: e.xAtYMin + (y - e.yMin) * e.slope, dir: e.dir });
        crossings.sort((a, b) => a.x - b.x);
        let winding = 0;
        for (let i = 0; i < crossings.length - 1; i++) {
          winding += crossings[i]!.dir;
          if (winding === 0) continue;
          const xa = Math.max(0, crossings[i]!.x);
          const xb = Math.min(this.width, crossings[i + 1]!.x);
          for (let px = Math.floor(xa); px < Math.ceil(xb); px++) {
            coverage[px]! += (Math.min(xb, px + 1) - Math.max(xa, px)) / SUBSAMPLES;
            touched = true;
          }
        }
      }
      if (!touched) continue;
      for (let px = 0; px < this.width; px++) {
        const a = Math.min(1, coverage[px]!);
        if (a <= 0) continue;
        const o = (row * this.width + px) * 4;
        this.data[o] = Math.round(this.data[o]! * (1 - a) + r * a);
        this.data[o + 1] = Math.round(this.data[o + 1]! * (1 - a) + g * a);
        this.data[o + 2] = Math.round(this.data[o + 2]! * (1 - a) + b * a);
      }
    }
  }

  /** The colour of a pixel as #RRGGBB (for tests). */
  pixel(x: number, y: number): string {
    const o = (Math.floor(y) * this.width + Math.floor(x)) * 4;
    return `#${[0, 1, 2].map((k) => this.data[o + k]!.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
  }
}

export function parseColor(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/iu.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** Shapes as polygons. */
export const shapes = {
  rect(x: number, y: number, w: number, h: number): Polygon {
    return [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ];
  },
  /** A circle (or arc sector from a to b radians) as a polygon; reversed = a hole when combined. */
  circle(cx: number, cy: number, r: number, reversed = false): Polygon {
    const n = Math.max(24, Math.ceil(r));
    const pts: Point[] = [];
    for (let i = 0; i < n; i++) {
      const t = ((reversed ? -i : i) / n) * Math.PI * 2;
      pts.push([cx + r * Math.cos(t), cy + r * Math.sin(t)]);
    }
    return pts;
  },
  /** An ellipse with radii rx, ry; reversed = a hole when combined. */
  ellipse(cx: number, cy: number, rx: number, ry: number, reversed = false): Polygon {
    const n = Math.max(24, Math.ceil(Math.max(rx, ry)));
    const pts: Point[] = [];
    for (let i = 0; i < n; i++) {
      const t = ((reversed ? -i : i) / n) * Math.PI * 2;
      pts.push([cx + rx * Math.cos(t), cy + ry * Math.sin(t)]);
    }
    return pts;
  },
  roundedRect(x: number, y: number, w: number, h: number, r: number): Polygon {
    const pts: Point[] = [];
    const corner = (cx: number, cy: number, start: number): void => {
      for (let i = 0; i <= 8; i++) {
        const t = start + (i / 8) * (Math.PI / 2);
        pts.push([cx + r * Math.cos(t), cy + r * Math.sin(t)]);
      }
    };
    corner(x + w - r, y + r, -Math.PI / 2);
    corner(x + w - r, y + h - r, 0);
    corner(x + r, y + h - r, Math.PI / 2);
    corner(x + r, y + r, Math.PI);
    return pts;
  },
  /** A thick line from a to b as a quadrilateral. */
  line(a: Point, b: Point, width: number): Polygon {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const len = Math.hypot(dx, dy) || 1;
    const [nx, ny] = [(-dy / len) * (width / 2), (dx / len) * (width / 2)];
    return [
      [a[0] + nx, a[1] + ny],
      [b[0] + nx, b[1] + ny],
      [b[0] - nx, b[1] - ny],
      [a[0] - nx, a[1] - ny],
    ];
  },
};
