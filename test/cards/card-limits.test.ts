import { areaPageCount, areaPages, buildAreaCard } from '../../src/cards/area-card';
import { graphemeLength, LINE_LIMITS } from '../../src/cards/limits';
import { decodePostback } from '../../src/cards/postback-codec';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { REPO_ROOT } from '../helpers/bot-harness';
import { everyMessage } from '../helpers/every-message';
import path from 'node:path';

const catalog = loadCatalog(path.join(REPO_ROOT, 'data'));

const everyMessageOfCatalog = (): ReturnType<typeof everyMessage> => everyMessage(catalog);

/** Collects every object with a `type` inside a message. */
function walk(x: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(x)) x.forEach((y) => walk(y, visit));
  else if (x && typeof x === 'object') {
    visit(x as Record<string, unknown>);
    Object.values(x).forEach((y) => walk(y, visit));
  }
}

const bytes = (x: unknown): number => Buffer.byteLength(JSON.stringify(x));

describe.each(everyMessageOfCatalog())('%s stays within LINE limits', (_name, msg) => {
  test('message level', () => {
    if (msg.type === 'text') {
      expect(msg.text.length).toBeGreaterThan(0);
      expect(msg.text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
    } else {
      expect(msg.altText.length).toBeGreaterThan(10);
      expect(msg.altText.length).toBeLessThanOrEqual(LINE_LIMITS.altTextLength);
      if (msg.contents.type === 'carousel') {
        expect(msg.contents.contents.length).toBeGreaterThan(0);
        expect(msg.contents.contents.length).toBeLessThanOrEqual(LINE_LIMITS.carouselBubbles);
        expect(bytes(msg.contents)).toBeLessThanOrEqual(LINE_LIMITS.carouselBytes);
        expect(new Set(msg.contents.contents.map((b) => b.size)).size).toBe(1);
        for (const b of msg.contents.contents) expect(bytes(b)).toBeLessThanOrEqual(LINE_LIMITS.bubbleBytes);
      } else {
        expect(bytes(msg.contents)).toBeLessThanOrEqual(LINE_LIMITS.bubbleBytes);
      }
    }
    if (msg.quickReply) {
      expect(msg.quickReply.items.length).toBeLessThanOrEqual(LINE_LIMITS.quickReplyItems);
      for (const q of msg.quickReply.items)
        expect(graphemeLength(q.action.label)).toBeLessThanOrEqual(LINE_LIMITS.quickReplyLabel);
    }
  });

  test('actions and texts', () => {
    walk(msg, (o) => {
      if (o.type === 'postback') {
        expect(typeof o.data).toBe('string');
        expect((o.data as string).length).toBeLessThanOrEqual(LINE_LIMITS.postbackData);
        expect(decodePostback(o.data)).not.toBeNull();
        if (o.displayText) expect(graphemeLength(o.displayText as string)).toBeLessThanOrEqual(LINE_LIMITS.displayText);
      }
      if (o.type === 'uri') {
        expect(o.uri).toMatch(/^https:\/\//u);
        expect((o.uri as string).length).toBeLessThanOrEqual(LINE_LIMITS.uriLength);
      }
      if (o.type === 'button') {
        const label = (o.action as { label: string }).label;
        expect(graphemeLength(label)).toBeGreaterThan(0);
        expect(graphemeLength(label)).toBeLessThanOrEqual(LINE_LIMITS.buttonLabel);
      }
      if (o.type === 'text' && 'text' in o && msg.type === 'flex') expect((o.text as string).length).toBeGreaterThan(0);
    });
  });
});

describe('area paging', () => {
  test('long areas continue on a second page; every item appears exactly once', () => {
    for (const area of catalog.areas) {
      const seen: string[] = [];
      for (let page = 1; page <= areaPageCount(area); page++) {
        const s = JSON.stringify(buildAreaCard(catalog, area.id, page));
        for (const item of area.items) if (s.includes(JSON.stringify(item.text))) seen.push(item.id);
      }
      expect(seen.sort()).toEqual(area.items.map((i) => i.id).sort());
    }
    expect(areaPageCount(catalog.area('childcare'))).toBe(2);
    expect(areaPages(11)).toEqual([{ start: 0, end: 11 }]);
    expect(areaPages(12)).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 12 },
    ]);
    expect(areaPages(40).map((p) => p.end - p.start)).toEqual([10, 11, 11, 8]);
  });
});
