import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodePostback } from '../../src/cards/postback-codec';
import { graphemeLength } from '../../src/cards/limits';
import { createKnowledge } from '../../src/compose';
import { ROUTES } from '../../src/bot/routes';
import { parseEvent } from '../../src/bot/incoming-event';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { CATEGORY_IDS } from '../../src/pledges/types';
import { REPO_ROOT } from '../helpers/bot-harness';
import { postbackEvent } from '../helpers/webhook';

interface Area {
  bounds: { x: number; y: number; width: number; height: number };
  action: { type: string; label?: string; data?: string; displayText?: string };
}
const menu = JSON.parse(readFileSync(path.join(REPO_ROOT, 'richmenu/menu.json'), 'utf8')) as {
  size: { width: number; height: number };
  chatBarText: string;
  areas: Area[];
};
const knowledge = createKnowledge(loadCatalog(path.join(REPO_ROOT, 'data')));

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

  test('there is one tile per area, labelled with the area name from data/', () => {
    const areaTiles = menu.areas.map((a) => decodePostback(a.action.data)).filter((c) => c?.action === 'area');
    expect(areaTiles.map((c) => (c?.action === 'area' ? c.area : null)).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const a of menu.areas) {
      const cmd = decodePostback(a.action.data);
      if (cmd?.action === 'area') expect(a.action.label).toBe(knowledge.catalog.area(cmd.area).label);
      expect(graphemeLength(a.action.label ?? '')).toBeLessThanOrEqual(20);
    }
  });

  test.each(menu.areas.map((a) => [a.action.label, a] as const))('the tile %s reaches a handler and gets a card', (_l, a) => {
    const event = parseEvent(postbackEvent(a.action.data ?? ''))!;
    const reply = ROUTES.map((r) => r.handle(event, knowledge)).find((x) => x !== undefined);
    expect(reply).toBeTruthy();
    const cmd = decodePostback(a.action.data)!;
    if (cmd.action === 'area') {
      expect(reply!.outcome).toBe('area');
      expect(JSON.stringify(reply!.messages)).toContain(knowledge.catalog.area(cmd.area).items[0]!.text);
    } else {
      expect(reply!.outcome).toBe('help');
      expect(JSON.stringify(reply!.messages)).toContain('使い方');
    }
  });
});
