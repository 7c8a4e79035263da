import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { loadRichMenu, menuTilesAsDefined, RICH_MENU_DIR } from '../../src/richmenu/definition';
import {
  answersByArea,
  dayRange,
  describeTargets,
  feedbackCsv,
  feedbackRows,
  mostAnsweredItems,
  OUTCOME_LABELS,
  REASON_LABELS,
  shiftDay,
  sumCounts,
  tapTotals,
  TAP_COLUMN_PREFIX,
  usageCsv,
  usageDays,
} from '../../src/stats/usage-report';
import { createFileUsageReader, OUTCOMES, REASONS } from '../../src/stats/usage-store';
import { csvRecords, parseExcelCsv } from '../helpers/csv';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';
import { fillUsageScenario } from '../helpers/usage-scenario';

const DAY0 = '2026-11-02';
/** The committed menu's tiles: the tap columns are named from them (whatever the labels say). */
const tiles = menuTilesAsDefined(loadRichMenu(path.join(REPO_ROOT, RICH_MENU_DIR)).menu);
const labelOf = (kind: string): string => tiles.find((t) => t.kind === kind)!.label;
const catalog = loadCatalog(FROZEN_DATA_DIR);

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'usage-report-'));
  await fillUsageScenario(dir, DAY0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reader = () => createFileUsageReader(dir);

describe('dates', () => {
  test('shiftDay and dayRange step over month and year ends', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2028-03-01', -1)).toBe('2028-02-29');
    expect(dayRange('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(dayRange('2026-12-02', '2026-12-01')).toEqual([]);
  });
});

describe('usageDays and usageCsv: one row per Japan day', () => {
  test('the header: 日付, 質問, 回答, the outcomes, votes, then 「タップ:<label>」 per tile in menu order', async () => {
    const csv = usageCsv(usageDays(await reader().days(), tiles), tiles);
    const { header } = parseExcelCsv(csv);
    for (const cell of [
      '日付',
      '質問',
      '回答',
      'もしかして',
      '見つからない',
      'あいさつ',
      'メニュー',
      '役に立った',
      '役に立たなかった',
    ])
      expect(header).toContain(cell);
    expect(header.filter((h) => h.startsWith(TAP_COLUMN_PREFIX))).toEqual(tiles.map((t) => `タップ:${t.label}`));
    expect(tiles.length).toBeGreaterThan(1);
    expect(header[0]).toBe('日付');
  });

  test('BOM, CRLF, every field quoted (the CSV staff open in Excel)', async () => {
    const csv = usageCsv(usageDays(await reader().days(), tiles), tiles);
    expect(csv.startsWith('\uFEFF"日付","質問","回答"')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/gu, '')).not.toContain('\n');
    for (const line of csv.slice(1, -2).split('\r\n')) expect(line).toMatch(/^"[^"]*"(,"[^"]*")*$/u);
  });

  test('counts per Japan day; days without counts between the first and the last are zeros', async () => {
    const rows = csvRecords(usageCsv(usageDays(await reader().days(), tiles), tiles));
    expect(rows.map((r) => r['日付'])).toEqual(dayRange(shiftDay(DAY0, -3), shiftDay(DAY0, 2)));
    const day0 = rows.find((r) => r['日付'] === DAY0)!;
    expect(day0).toMatchObject({
      質問: '10',
      回答: '5',
      分野で回答: '2',
      取組で回答: '3',
      もしかして: '1',
      見つからない: '2',
      あいさつ: '1',
      メニュー: '1',
      役に立った: '1',
      役に立たなかった: '3',
      その他のタップ: '0',
    });
    expect(day0[`タップ:${labelOf('disaster')}`]).toBe('2');
    expect(day0[`タップ:${labelOf('help')}`]).toBe('1');
    expect(day0[`タップ:${labelOf('covid')}`]).toBe('0');
    const gap = rows.find((r) => r['日付'] === shiftDay(DAY0, 1))!;
    expect(Object.entries(gap).filter(([k, v]) => k !== '日付' && v !== '0')).toEqual([]);
    const last = rows.find((r) => r['日付'] === shiftDay(DAY0, 2))!;
    expect(last).toMatchObject({ 質問: '2', 回答: '1', 見つからない: '1', その他のタップ: '1' });
    expect(last[`タップ:${labelOf('covid')}`]).toBe('1');
  });

  test('--since (inclusive, Japan day): the reader leaves out earlier days', async () => {
    const rows = csvRecords(usageCsv(usageDays(await reader().days({ since: DAY0 }), tiles), tiles));
    expect(rows.map((r) => r['日付'])).toEqual([DAY0, shiftDay(DAY0, 1), shiftDay(DAY0, 2)]);
    const none = csvRecords(usageCsv(usageDays(await reader().days({ since: shiftDay(DAY0, 3) }), tiles), tiles));
    expect(none).toEqual([]);
  });

  test('with a range (the console charts), every day of it, counted or not', async () => {
    const days = usageDays(await reader().days(), tiles, { from: shiftDay(DAY0, -1), to: shiftDay(DAY0, 4) });
    expect(days.map((d) => d.day)).toEqual(dayRange(shiftDay(DAY0, -1), shiftDay(DAY0, 4)));
    expect(days.map((d) => d.questions)).toEqual([0, 10, 0, 2, 0, 0]);
    expect(days[1]!.outcomes).toEqual({ area: 2, items: 3, suggest: 1, 'not-found': 2, smalltalk: 1, menu: 1 });
  });

  test('the outcome columns are named as the legend names them', () => {
    const { header } = parseExcelCsv(usageCsv([], tiles));
    expect(header.slice(3, 3 + OUTCOMES.length)).toEqual(OUTCOMES.map((o) => OUTCOME_LABELS[o]));
  });
});

describe('feedbackRows and feedbackCsv: one row per item or area answered', () => {
  test('the header: 取組ID, 役に立った, 役に立たなかった and a column per reason', () => {
    const { header } = parseExcelCsv(feedbackCsv([]));
    for (const cell of ['取組ID', '役に立った', '役に立たなかった', '回答した回数', '題名', '分野'])
      expect(header).toContain(cell);
    for (const words of ['答えが違う', '情報が足りない', 'その他'])
      expect(header.filter((h) => h.includes(words))).toHaveLength(1);
    expect(header.filter((h) => h.startsWith('理由:'))).toEqual(REASONS.map((r) => `理由:${REASON_LABELS[r]}`));
  });

  test('answers, votes and reasons per target, the most 👎 first; a changed vote counts once', async () => {
    const csv = feedbackCsv(feedbackRows(sumCounts(await reader().days()), describeTargets(catalog)));
    const rows = csvRecords(csv);
    expect(rows.map((r) => r['取組ID'])).toEqual(['disaster', 'health-09', 'health-01']);
    expect(rows[0]).toMatchObject({
      種類: '分野',
      回答した回数: '2',
      役に立った: '0',
      役に立たなかった: '2',
      '理由:答えが違う': '0',
      '理由:情報が足りない': '1',
      '理由:その他': '1',
    });
    expect(rows[1]).toMatchObject({
      種類: '取組',
      回答した回数: '4',
      役に立った: '1',
      役に立たなかった: '1',
      '理由:答えが違う': '1',
    });
    expect(rows[1]!['題名']).toBe(catalog.findItem('health-09')!.title);
    expect(rows[1]!['分野']).toBe(catalog.area('health').label);
    expect(rows[0]!['分野']).toBe(catalog.area('disaster').label);
    expect(rows[2]).toMatchObject({ 回答した回数: '2', 役に立った: '0', 役に立たなかった: '0' });
  });

  test('--since leaves out the earlier answers; without data the titles are empty', async () => {
    const rows = csvRecords(feedbackCsv(feedbackRows(sumCounts(await reader().days({ since: DAY0 })))));
    expect(rows.find((r) => r['取組ID'] === 'health-01')!['回答した回数']).toBe('1');
    expect(rows.every((r) => r['題名'] === '' && r['分野'] === '')).toBe(true);
  });

  test('quotes in a title are doubled, not cut', () => {
    const csv = feedbackCsv(
      feedbackRows({ 'ans:item:x-01': 1 }, () => ({ title: '「あげお」"健康", 手帳', area: '健康・福祉' })),
    );
    expect(csv).toContain('"x-01","取組","健康・福祉","「あげお」""健康"", 手帳","1"');
    expect(csvRecords(csv)[0]!['題名']).toBe('「あげお」"健康", 手帳');
  });
});

describe('what the console charts', () => {
  test('answers per area in catalog order: the area list and its items', async () => {
    const areas = answersByArea(sumCounts(await reader().days()), catalog);
    expect(areas.map((a) => a.id)).toEqual(catalog.areas.map((a) => a.id));
    expect(areas.find((a) => a.id === 'disaster')).toMatchObject({ asArea: 2, asItems: 0 });
    expect(areas.find((a) => a.id === 'health')).toMatchObject({
      asArea: 0,
      asItems: 6,
      label: catalog.area('health').label,
    });
  });

  test('the most answered items, most first, at most ten', async () => {
    expect(mostAnsweredItems(sumCounts(await reader().days()))).toEqual([
      { id: 'health-09', count: 4 },
      { id: 'health-01', count: 2 },
    ]);
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`ans:item:a-${i}`, i + 1]));
    expect(mostAnsweredItems(many).map((t) => t.count)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
  });

  test('taps per tile in menu order, then tiles the menu no longer has', async () => {
    const taps = tapTotals(sumCounts(await reader().days()), tiles);
    expect(taps.slice(0, tiles.length).map((t) => t.label)).toEqual(tiles.map((t) => t.label));
    expect(taps.find((t) => t.kind === 'disaster')!.count).toBe(2);
    expect(taps.slice(tiles.length)).toEqual([
      { kind: 'retired-tile', label: 'retired-tile (今のメニューにない)', count: 1 },
    ]);
  });
});
