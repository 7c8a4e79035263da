import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataError } from '../../src/pledges/data-error';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { parseReport } from '../../src/pledges/parse-report';
import { CATEGORY_IDS } from '../../src/pledges/types';
import { FROZEN_DATA_DIR, REPORT_FIXTURE } from '../helpers/paths';

/**
 * The loader on the frozen 2026 data (test/fixtures/data-2026): counts and wording are pinned here,
 * never on the live data/ (which only has to keep the data contract, test/helpers/data-contract.ts).
 */
const DATA = FROZEN_DATA_DIR;

describe('the frozen 2026 data, as imported from its report', () => {
  const catalog = loadCatalog(DATA);

  test('8 areas with the contract ids, in display order', () => {
    expect(catalog.areas.map((a) => a.id)).toEqual([...CATEGORY_IDS]);
    expect(catalog.areas.map((a) => a.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('86 bullets, 91 items after splitting "/"-joined bullets', () => {
    expect(catalog.bulletCount()).toBe(86);
    expect(catalog.items).toHaveLength(91);
    expect(new Set(catalog.items.map((i) => i.id)).size).toBe(91);
  });

  test("every item's text is the report's wording, verbatim, in report order", () => {
    const report = parseReport(readFileSync(REPORT_FIXTURE, 'utf8'));
    const expected = report.sections.flatMap((s) => s.bullets.flatMap((b) => b.parts.map((p) => p.text)));
    expect(catalog.items.map((i) => i.text)).toEqual(expected);
    expect(catalog.areas.map((a) => a.heading)).toEqual(report.sections.map((s) => s.heading));
  });

  test('every item has a short title and keywords; every area a label and keywords', () => {
    for (const item of catalog.items) {
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.keywords.length).toBeGreaterThan(0);
    }
    for (const area of catalog.areas) expect(area.keywords.length).toBeGreaterThan(0);
  });

  test('the source names the report and its period', () => {
    expect(catalog.source.reportTitle).toBe('市長公約取組状況(2期目3年目)');
    expect(catalog.source.period).toBe('2期目3年目');
    expect(catalog.itemUrl(catalog.items[0]!)).toMatch(/^https:\/\//u);
  });
});

describe('broken data is refused, naming file, record and field', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pledge-data-'));
    cpSync(DATA, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const problemsOf = (): DataError => {
    try {
      loadCatalog(dir);
    } catch (err) {
      if (err instanceof DataError) return err;
      throw err;
    }
    throw new Error('expected a DataError');
  };
  const edit = (file: string, change: (json: Record<string, unknown>) => void): void => {
    const p = path.join(dir, file);
    const json = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
    change(json);
    writeFileSync(p, JSON.stringify(json, null, 2));
  };
  type Item = Record<string, unknown>;

  test('a truncated file', () => {
    const p = path.join(dir, 'areas/disaster.json');
    const text = readFileSync(p, 'utf8');
    writeFileSync(p, text.slice(0, text.length / 2));
    const err = problemsOf();
    expect(err.problems[0]!.file).toContain('disaster.json');
    expect(err.message).toContain('JSON として読めません');
  });

  test('an item without keywords', () => {
    edit('areas/health.json', (a) => {
      ((a.items as Item[])[2] as Item).keywords = [];
    });
    const p = problemsOf().problems[0]!;
    expect(p).toMatchObject({ record: 'health-03', field: 'keywords' });
    expect(p.file).toContain('health.json');
  });

  test('a misspelt field and a non-https link', () => {
    edit('areas/covid.json', (a) => {
      const item = (a.items as Item[])[0] as Item;
      item.keyword = ['x'];
      item.url = 'http://example.com';
    });
    const fields = problemsOf().problems.map((p) => `${p.record}/${p.field}`);
    expect(fields).toEqual(expect.arrayContaining(['covid-01/keyword', 'covid-01/url']));
  });

  test('a duplicated item id', () => {
    edit('areas/finance.json', (a) => {
      ((a.items as Item[])[1] as Item).id = 'finance-01';
    });
    expect(problemsOf().problems[0]).toMatchObject({ record: 'finance-01', field: 'id' });
  });

  test('a missing area', () => {
    rmSync(path.join(dir, 'areas/governance.json'));
    expect(problemsOf().problems[0]).toMatchObject({ record: 'governance' });
  });

  test('a missing required field in source.json', () => {
    edit('source.json', (s) => {
      delete s.reportTitle;
    });
    expect(problemsOf().problems[0]).toMatchObject({ field: 'reportTitle' });
  });
});
