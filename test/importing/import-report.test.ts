import { readFileSync } from 'node:fs';
import { importReport, type ImportBase, type ImportResult } from '../../src/importing/import-report';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { parseReport } from '../../src/pledges/parse-report';
import { FROZEN_DATA_DIR, REPORT_FIXTURE } from '../helpers/paths';

/** The pure import (no files) on the frozen 2026 data and its report. */
const REPORT = readFileSync(REPORT_FIXTURE, 'utf8');
const catalog = loadCatalog(FROZEN_DATA_DIR);
const base: ImportBase = { source: catalog.source, areas: [...catalog.areas] };
const run = (text: string): ImportResult => importReport(parseReport(text), base);

describe('importReport: the unchanged report', () => {
  const result = run(REPORT);

  test('adds, removes and changes nothing, and flags no title', () => {
    expect(result).toMatchObject({ added: [], removed: [], changed: [], staleTitles: [] });
  });

  test('gives back the data set as it was, each item with its fields in the files’ order', () => {
    expect(result.areas).toEqual(catalog.areas);
    const fieldOrder = (item: object): string[] => Object.keys(item).filter((k) => k !== 'category');
    for (const [i, area] of result.areas.entries())
      for (const [k, item] of area.items.entries())
        expect(fieldOrder(item)).toEqual(fieldOrder(catalog.areas[i]!.items[k]!));
    expect(result.source).toEqual(catalog.source);
  });
});

describe('importReport: a changed wording', () => {
  const result = run(REPORT.replace('こども医療費を18歳まで無償化', 'こども医療費を22歳まで無償化'));
  const before = catalog.findItem('childcare-01')!;

  test('the item keeps its id and staff fields; the change is listed field by field', () => {
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);
    expect(result.changed).toHaveLength(1);
    const [change] = result.changed;
    expect(change!.id).toBe('childcare-01');
    expect(change!.fields).toEqual([
      { field: 'text', before: 'こども医療費を18歳まで無償化', after: 'こども医療費を22歳まで無償化' },
    ]);
    expect(change!.after).toMatchObject({ title: before.title, keywords: before.keywords, summary: before.summary });
  });

  test('its title, summary and keywords were written for the old wording: a stale title to review', () => {
    expect(result.staleTitles).toEqual([
      {
        id: 'childcare-01',
        title: before.title,
        summary: before.summary,
        keywords: before.keywords,
        oldText: 'こども医療費を18歳まで無償化',
        newText: 'こども医療費を22歳まで無償化',
      },
    ]);
  });
});

describe('importReport: a bullet removed, one added, one reworded in one area', () => {
  const health = catalog.area('health');
  const [first, second, third] = health.items;
  const text = REPORT.replace(`・${second!.text}\n`, '')
    .replace(third!.text, `${third!.text}を拡充`)
    .replace(`・${first!.text}\n`, `・${first!.text}\n・市民向けの健康講座をオンラインで開催\n`);
  const result = run(text);

  test('added: a new id never used before, with a provisional title and keywords', () => {
    expect(result.added).toHaveLength(1);
    const [added] = result.added;
    expect(added!.id).toMatch(/^health-\d\d$/u);
    expect(catalog.findItem(added!.id)).toBeUndefined();
    expect(added!).toMatchObject({ bullet: 2, text: '市民向けの健康講座をオンラインで開催', url: '' });
    expect(added!.title.length).toBeGreaterThan(0);
    expect(added!.keywords.length).toBeGreaterThan(0);
  });

  test('removed: the item the report no longer has', () => {
    expect(result.removed.map((i) => i.id)).toEqual([second!.id]);
  });

  test('changed: the reworded item, its new wording and its position; a stale title', () => {
    expect(result.changed.map((c) => c.id)).toEqual([third!.id]);
    expect(result.changed[0]!.fields).toEqual([{ field: 'text', before: third!.text, after: `${third!.text}を拡充` }]);
    expect(result.staleTitles.map((s) => s.id)).toEqual([third!.id]);
  });
});

describe('importReport: the English (en) follows the wording it translates', () => {
  test('the unchanged report keeps every English and asks for no review', () => {
    const result = run(REPORT);
    expect(result.englishReview).toEqual([]);
    expect(result.areas.flatMap((a) => a.items).every((i) => i.en !== undefined)).toBe(true);
    expect(result.areas.every((a) => a.en !== undefined)).toBe(true);
    expect(result.source.en).toEqual(catalog.source.en);
  });

  test('a reworded item loses its English (written for the old wording); the old one is in the review', () => {
    const result = run(REPORT.replace('こども医療費を18歳まで無償化', 'こども医療費を22歳まで無償化'));
    const before = catalog.findItem('childcare-01')!;
    const after = result.areas.find((a) => a.id === 'childcare')!.items.find((i) => i.id === 'childcare-01')!;
    expect(after.en).toBeUndefined();
    expect(result.changed[0]!.after.en).toBeUndefined();
    expect(result.englishReview).toEqual([
      { what: 'item', id: 'childcare-01', reason: 'reworded', previous: before.en },
    ]);
    // The neighbours keep theirs.
    expect(result.areas.find((a) => a.id === 'childcare')!.items[1]!.en).toEqual(catalog.findItem('childcare-02')!.en);
  });

  test('a new item has no English and is listed; a removed one is not', () => {
    const health = catalog.area('health');
    const text = REPORT.replace(`・${health.items[1]!.text}\n`, '').replace(
      `・${health.items[0]!.text}\n`,
      `・${health.items[0]!.text}\n・市民向けの健康講座をオンラインで開催\n`,
    );
    const result = run(text);
    const [added] = result.added;
    expect(added!.en).toBeUndefined();
    expect(result.englishReview).toEqual([{ what: 'item', id: added!.id, reason: 'added' }]);
  });

  test('an area whose title changed keeps its English (label, keywords) but is listed to check', () => {
    const disaster = catalog.area('disaster');
    const result = importReport(parseReport(REPORT.replace(disaster.heading, '災害に強いまちづくり')), base, {
      災害に強いまちづくり: 'disaster',
    });
    expect(result.areas.find((a) => a.id === 'disaster')!.en).toEqual(disaster.en);
    expect(result.englishReview).toEqual([{ what: 'area', id: 'disaster', reason: 'retitled', previous: disaster.en }]);
  });

  test("next year's report: the source's English (old title and period) is removed and listed", () => {
    const result = run(REPORT.replaceAll('2期目3年目', '2期目4年目'));
    expect(result.source.period).toBe('2期目4年目');
    expect(result.source.en).toBeUndefined();
    expect(result.englishReview).toEqual([
      { what: 'source', id: 'source', reason: 'new-report', previous: catalog.source.en },
    ]);
  });
});
