import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseReport, ReportParseError, splitBullet, splitHeading } from '../../src/pledges/parse-report';

const REPORT = readFileSync(path.join(__dirname, '../fixtures/report-2nd-term-year3.txt'), 'utf8');

describe('parseReport on the published report', () => {
  const r = parseReport(REPORT);
  test('reads title, period and the 8 areas with 86 bullets and 91 parts', () => {
    expect(r.reportTitle).toBe('市長公約取組状況(2期目3年目)');
    expect(r.period).toBe('2期目3年目');
    expect(r.sections).toHaveLength(8);
    expect(r.sections.reduce((n, s) => n + s.bullets.length, 0)).toBe(86);
    expect(r.sections.reduce((n, s) => n + s.bullets.reduce((m, b) => m + b.parts.length, 0), 0)).toBe(91);
  });
  test('splits "title ~ subtitle ~" headings', () => {
    expect(r.sections[1]).toMatchObject({
      title: '子育て世代が頑張れるまち',
      subtitle: '子育て・教育環境のさらなる充実',
    });
    expect(r.sections[3]).toMatchObject({ title: '防災力のさらなる強化!', subtitle: '' });
  });
});

describe('pieces', () => {
  test.each([
    ['A/B/C', ['A', 'B', 'C']],
    ['A／B', ['A', 'B']],
    ['A', ['A']],
    ['A//B', ['A', 'B']],
  ])('splitBullet(%s)', (text, parts) => {
    expect(splitBullet(text).map((p) => p.text)).toEqual(parts);
  });
  test.each([
    ['まち ~ 副題 ~', 'まち', '副題'],
    ['まち 〜 副題 〜', 'まち', '副題'],
    ['見出しだけ', '見出しだけ', ''],
  ])('splitHeading(%s)', (h, title, subtitle) => {
    expect(splitHeading(h)).toEqual({ title, subtitle });
  });
});

describe('bad reports', () => {
  test.each([
    ['', '空'],
    ['題名\n報告書\n本文だけ\n', '見出し'],
    ['題名\n報告書\n見出し\n・項目\n見出し2\n', '見出し2'],
  ])('%j is refused', (text, word) => {
    expect(() => parseReport(text)).toThrow(ReportParseError);
    expect(() => parseReport(text)).toThrow(word);
  });
});
