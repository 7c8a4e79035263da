import { buildItemAnswer } from '../../src/cards/item-answer';
import { COPY } from '../../src/copy/ja';
import { createCatalog } from '../../src/pledges/catalog';
import { sampleCatalog } from '../fixtures/sample-catalog';

/**
 * An item's button opens the item's own page, else the report's page (source.json pageUrl),
 * else the city's front page (cityUrl), and says which.
 */
const sample = sampleCatalog();
const CITY = 'https://www.city.ageo.lg.jp/';
const REPORT = 'https://www.city.ageo.lg.jp/page/387322.html';
const ITEM = 'https://www.city.ageo.lg.jp/page/item.html';

function buttonOf(itemUrl: string, pageUrl: string): { label: string; uri: string } {
  const area = sample.area('disaster');
  const item = { ...area.items[0]!, url: itemUrl };
  const catalog = createCatalog(
    { ...sample.source, pageUrl, cityUrl: CITY },
    [...sample.areas.filter((a) => a.id !== 'disaster'), { ...area, items: [item] }],
    'test',
  );
  const found: { label: string; uri: string }[] = [];
  JSON.stringify(buildItemAnswer(catalog, [item]), (_k, v: unknown) => {
    const o = v as { type?: string; label?: string; uri?: string } | null;
    if (o?.type === 'uri') found.push({ label: o.label!, uri: o.uri! });
    return v;
  });
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe("an item's link button", () => {
  test.each([
    ['the item has its own page', ITEM, REPORT, { uri: ITEM, label: COPY.linkButton.item }],
    ['no page of its own: the report page', '', REPORT, { uri: REPORT, label: COPY.linkButton.report }],
    ['neither: the city front page', '', '', { uri: CITY, label: COPY.linkButton.city }],
  ])('%s', (_what, itemUrl, pageUrl, expected) => {
    expect(buttonOf(itemUrl, pageUrl)).toEqual(expected);
  });
});
