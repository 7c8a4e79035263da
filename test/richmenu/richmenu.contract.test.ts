import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodePostback } from '../../src/cards/postback-codec';
import { graphemeLength } from '../../src/cards/limits';
import { CATEGORY_IDS } from '../../src/pledges/types';
import { REPO_ROOT } from '../helpers/paths';

interface Area {
  bounds: { x: number; y: number; width: number; height: number };
  action: { type: string; label?: string; data?: string; displayText?: string };
}
const menu = JSON.parse(readFileSync(path.join(REPO_ROOT, 'richmenu/menu.json'), 'utf8')) as {
  size: { width: number; height: number };
  chatBarText: string;
  areas: Area[];
};
/**
 * richmenu/menu.json is deployed with the live data. That its tiles carry the data's area names
 * is a data:check warning and a deploy refusal (npm run richmenu:image sets them); that every
 * tile gets an answer is part of the data contract (test/helpers/data-contract.ts).
 */

describe('richmenu/menu.json (contract)', () => {
  test('an allowed size, a short chat bar text, at most 20 tiles', () => {
    expect(menu.size.width).toBeGreaterThanOrEqual(800);
    expect(menu.size.width).toBeLessThanOrEqual(2500);
    expect(menu.size.height).toBeGreaterThanOrEqual(250);
    expect(menu.size.width / menu.size.height).toBeGreaterThanOrEqual(1.45);
    expect(graphemeLength(menu.chatBarText)).toBeLessThanOrEqual(14);
    expect(menu.areas.length).toBeLessThanOrEqual(20);
  });

  test('every tile lies inside the image and no two overlap', () => {
    for (const a of menu.areas) {
      expect(a.bounds.x).toBeGreaterThanOrEqual(0);
      expect(a.bounds.y).toBeGreaterThanOrEqual(0);
      expect(a.bounds.x + a.bounds.width).toBeLessThanOrEqual(menu.size.width);
      expect(a.bounds.y + a.bounds.height).toBeLessThanOrEqual(menu.size.height);
    }
    for (const [i, a] of menu.areas.entries()) {
      for (const b of menu.areas.slice(i + 1)) {
        const apart =
          a.bounds.x + a.bounds.width <= b.bounds.x ||
          b.bounds.x + b.bounds.width <= a.bounds.x ||
          a.bounds.y + a.bounds.height <= b.bounds.y ||
          b.bounds.y + b.bounds.height <= a.bounds.y;
        expect(apart).toBe(true);
      }
    }
  });

  // Whether the labels are still the data's area names is data:check's warning and deploy's
  // refusal (staff may rename an area), not a test of the committed menu.
  test('there is one tile per area, with a short label', () => {
    const areaTiles = menu.areas.map((a) => decodePostback(a.action.data)).filter((c) => c?.action === 'area');
    expect(areaTiles.map((c) => (c?.action === 'area' ? c.area : null)).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const a of menu.areas) {
      expect(a.action.label).toBeTruthy();
      expect(graphemeLength(a.action.label ?? '')).toBeLessThanOrEqual(20);
    }
  });
});
