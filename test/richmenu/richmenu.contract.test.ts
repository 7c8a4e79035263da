import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodePostback, postbackLanguage } from '../../src/cards/postback-codec';
import { graphemeLength } from '../../src/cards/limits';
import { CATEGORY_IDS } from '../../src/pledges/types';
import { RICH_MENUS } from '../../src/richmenu/definition';
import { REPO_ROOT } from '../helpers/paths';

interface Area {
  bounds: { x: number; y: number; width: number; height: number };
  action: { type: string; label?: string; data?: string; displayText?: string; richMenuAliasId?: string };
}
interface Menu {
  size: { width: number; height: number };
  name: string;
  chatBarText: string;
  areas: Area[];
}
const menus = RICH_MENUS.map((m) => ({
  ...m,
  menu: JSON.parse(readFileSync(path.join(REPO_ROOT, 'richmenu', m.file), 'utf8')) as Menu,
}));
/**
 * richmenu/menu.json (Japanese, the default) and richmenu/menu.en.json (English) are deployed with
 * the live data. That their tiles carry the data's area names is a data:check warning and a deploy
 * refusal (npm run richmenu:image sets them); that every tile gets an answer is part of the data
 * contract (test/helpers/data-contract.ts).
 */

describe.each(menus)('richmenu/$file (contract)', ({ lang, menu, alias }) => {
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

  test("one language tile switches to the other menu's alias and tells the bot (richmenuswitch)", () => {
    const other = RICH_MENUS.find((m) => m.lang !== lang)!;
    const switches = menu.areas.filter((a) => a.action.type === 'richmenuswitch');
    expect(switches).toHaveLength(1);
    expect(switches[0]!.action.richMenuAliasId).toBe(other.alias);
    expect(switches[0]!.action.richMenuAliasId).not.toBe(alias);
    expect(decodePostback(switches[0]!.action.data)).toEqual({ action: 'lang', lang: other.lang, menu: true });
  });

  test(lang === 'en' ? 'every other tile asks for English answers (lang=en)' : 'the tiles leave the language to the person', () => {
    for (const a of menu.areas.filter((x) => x.action.type === 'postback'))
      expect(postbackLanguage(a.action.data ?? '')).toBe(lang === 'en' ? 'en' : undefined);
  });
});

test('the two menus have the same layout, names of their own and aliases LINE accepts', () => {
  const [ja, en] = menus;
  expect(en!.menu.areas.map((a) => a.bounds)).toEqual(ja!.menu.areas.map((a) => a.bounds));
  expect(en!.menu.name).not.toBe(ja!.menu.name);
  for (const m of RICH_MENUS) expect(m.alias).toMatch(/^[a-z0-9_-]{1,32}$/u);
  expect(RICH_MENUS[0]!.lang).toBe('ja');
});
