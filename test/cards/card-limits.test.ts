import { areaPageCount, areaPages, buildAreaCard } from '../../src/cards/area-card';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { cardLimitProblems } from '../helpers/card-checks';
import { everyMessage } from '../helpers/every-message';
import { FROZEN_DATA_DIR } from '../helpers/paths';

/**
 * LINE's limits on every message the bot sends, on the frozen 2026 data (the same checks run on
 * the live data/ as part of the data contract, test/helpers/data-contract.ts).
 */
const catalog = loadCatalog(FROZEN_DATA_DIR);

describe('every message stays within LINE limits (test/helpers/card-checks.ts)', () => {
  test.each(everyMessage(catalog))('%s', (_name, msg) => {
    expect(cardLimitProblems(msg)).toEqual([]);
  });
});

describe('the limit checks catch what they should', () => {
  const area = buildAreaCard(catalog, 'disaster', 1);
  test.each([
    ['an http link', JSON.stringify(area).replace(/"uri":"https:/u, '"uri":"http:'), /not https/u],
    ['a postback the bot cannot read', JSON.stringify(area).replace(/"data":"[^"]*"/u, '"data":"x=1"'), /cannot read/u],
    ['a one-word altText', JSON.stringify({ ...area, altText: '防災' }), /says too little/u],
  ])('%s', (_what, json, problem) => {
    expect(cardLimitProblems(JSON.parse(json) as typeof area).join('\n')).toMatch(problem);
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
