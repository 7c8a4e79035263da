import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runReport } from '../../src/cli/report-unanswered';
import { groupQuestions, toCsv } from '../../src/stats/group-questions';
import { formatJapanTime, japanMidnight } from '../../src/stats/japan-time';
import { createUnansweredLog, type UnansweredRecord } from '../../src/stats/unanswered-log';

const rec = (
  q: string,
  t = '2026-11-20T01:00:00.000Z',
  outcome: UnansweredRecord['outcome'] = 'not-found',
): UnansweredRecord => ({ t, outcome, q });

describe('groupQuestions', () => {
  test('groups similar wording, most frequent first, with counts and variants', () => {
    const groups = groupQuestions([
      rec('ＷｉＦｉある?'),
      rec('wifiある'),
      rec('Wi-Fi ある？', '2026-11-21T00:00:00.000Z', 'suggest'),
      rec('ごみの収集日'),
      rec('ごみの収集日は？'),
      rec('今日の天気'),
    ]);
    expect(groups.map((g) => g.count)).toEqual([3, 2, 1]);
    expect(groups[0]).toMatchObject({ notFound: 2, suggest: 1, last: '2026-11-21T00:00:00.000Z' });
    expect(groups[0]!.variants).toHaveLength(2);
    expect(groups[1]!.example).toMatch(/^ごみの収集日/u);
  });

  test('CSV for Excel: BOM, CRLF, quoted fields', () => {
    const csv = toCsv(groupQuestions([rec('"引用" を含む, 質問')]));
    expect(csv.startsWith('\uFEFF"件数","質問 (代表)"')).toBe(true);
    expect(csv).toContain('\r\n"1","""引用"" を含む, 質問"');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('npm run report:unanswered', () => {
  test('reads the log, filters by --since (Japan time) and prints CSV', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-'));
    try {
      const file = path.join(dir, 'u.jsonl');
      let now = new Date('2026-10-31T12:00:00Z');
      const log = createUnansweredLog(file, { now: () => now });
      await log.record('古い質問', 'not-found');
      now = new Date('2026-11-02T12:00:00Z');
      await log.record('新しい質問', 'suggest');
      await log.record('新しい質問', 'not-found');
      await log.close();
      let out = '';
      let err = '';
      const code = await runReport(
        ['--since', '2026-11-01'],
        { UNANSWERED_LOG: file },
        (s) => (out += s),
        (s) => (err += s),
      );
      expect(code).toBe(0);
      expect(out).toContain('"2","新しい質問","1","1"');
      expect(out).not.toContain('古い質問');
      expect(err).toContain('2 件');
      expect(
        await runReport(
          ['--since', 'yesterday'],
          { UNANSWERED_LOG: file },
          () => undefined,
          () => undefined,
        ),
      ).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Japan time (Asia/Tokyo, UTC+9, no daylight saving)', () => {
  test.each([
    ['2026-11-30T15:00:00.000Z', '2026-12-01 00:00'],
    ['2026-12-01T09:05:59.999Z', '2026-12-01 18:05'],
    ['2026-12-31T14:59:00Z', '2026-12-31 23:59'],
    ['2026-12-31T15:00:00Z', '2027-01-01 00:00'],
  ])('%s is %s in Japan', (utc, japan) => {
    expect(formatJapanTime(utc)).toBe(japan);
    expect(formatJapanTime(new Date(utc))).toBe(japan);
  });

  test('--since days are midnight in Japan; malformed or impossible days are refused', () => {
    expect(japanMidnight('2026-12-01')?.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    for (const bad of ['yesterday', '2026-12-1', '2026-02-30', '2026-13-01', ''])
      expect(japanMidnight(bad)).toBeUndefined();
  });

  test('the report shows Japan times, consistent with --since', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-jst-'));
    try {
      const file = path.join(dir, 'u.jsonl');
      let now = new Date('2026-11-30T14:59:00Z'); // 2026-11-30 23:59 in Japan
      const log = createUnansweredLog(file, { now: () => now });
      await log.record('前の日の質問', 'not-found');
      now = new Date('2026-11-30T15:00:00Z'); // 2026-12-01 00:00 in Japan
      await log.record('当日の質問', 'not-found');
      now = new Date('2026-12-01T09:05:00Z'); // 18:05 in Japan
      await log.record('当日の質問', 'suggest');
      await log.close();
      let out = '';
      const code = await runReport(
        ['--since', '2026-12-01'],
        { UNANSWERED_LOG: file },
        (s) => (out += s),
        () => undefined,
      );
      expect(code).toBe(0);
      expect(out).toContain('"最初 (日本時間)","最後 (日本時間)"');
      expect(out).toContain('"2","当日の質問","1","1","2026-12-01 00:00","2026-12-01 18:05"');
      expect(out).not.toContain('前の日の質問');
      expect(out).not.toMatch(/\d{4}-\d\d-\d\dT/u);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
