import { buildAreaCard } from '../../src/cards/area-card';
import { buildItemAnswer } from '../../src/cards/item-answer';
import { buildMenuCard } from '../../src/cards/menu-card';
import { buildSuggestions } from '../../src/cards/suggestions';
import { buildGreeting, buildNotFound, buildUnsupportedHint } from '../../src/cards/text-replies';
import { sampleCatalog } from '../fixtures/sample-catalog';

/** One snapshot per card kind, built from the fixed sample catalog. */
const catalog = sampleCatalog();

describe('card snapshots (test/fixtures/sample-catalog.ts)', () => {
  test('area card, page 1: cover, 10 items, もっと見る', () => {
    expect(buildAreaCard(catalog, 'childcare', 1)).toMatchSnapshot();
  });
  test('area card, page 2: the rest, no cover', () => {
    expect(buildAreaCard(catalog, 'childcare', 2)).toMatchSnapshot();
  });
  test('area card of a short area without subtitle', () => {
    expect(buildAreaCard(catalog, 'covid')).toMatchSnapshot();
  });
  test('item answer: two items, own URL and the report page', () => {
    expect(
      buildItemAnswer(catalog, [catalog.findItem('disaster-01')!, catalog.findItem('disaster-02')!]),
    ).toMatchSnapshot();
  });
  test('did you mean', () => {
    expect(buildSuggestions(catalog, catalog.items.slice(0, 3))).toMatchSnapshot();
  });
  test('not found', () => {
    expect(buildNotFound(catalog)).toMatchSnapshot();
  });
  test('greeting', () => {
    expect(buildGreeting(catalog)).toMatchSnapshot();
  });
  test('menu', () => {
    expect(buildMenuCard(catalog)).toMatchSnapshot();
  });
  test('hint for stickers and images', () => {
    expect(buildUnsupportedHint(catalog)).toMatchSnapshot();
  });
});
