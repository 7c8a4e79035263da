import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/report-feedback';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { shiftDay } from '../../src/stats/usage-report';
import { csvRecords, parseExcelCsv } from '../helpers/csv';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';
import { fillUsageScenario } from '../helpers/usage-scenario';

const DAY0 = '2026-11-02';
const catalog = loadCatalog(FROZEN_DATA_DIR);

let root: string;
let usageDir: string;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'report-feedback-'));
  usageDir = path.join(root, 'usage');
  await fillUsageScenario(usageDir, DAY0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = { USAGE_DIR: usageDir, DATA_DIR: FROZEN_DATA_DIR }) {
  let out = '';
  let err = '';
  const code = await main(
    args,
    env,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

describe('npm run report:feedback', () => {
  test('CSV for Excel, one row per item or area answered, with titles from DATA_DIR', async () => {
    const { code, out, err } = await run([]);
    expect(code).toBe(0);
    const { header } = parseExcelCsv(out);
    for (const cell of ['取組ID', '役に立った', '役に立たなかった']) expect(header).toContain(cell);
    for (const words of ['答えが違う', '情報が足りない', 'その他'])
      expect(header.some((h) => h.includes(words))).toBe(true);
    const rows = csvRecords(out);
    expect(rows.map((r) => r['取組ID'])).toEqual(['disaster', 'health-09', 'health-01']);
    expect(rows[1]).toMatchObject({
      題名: catalog.findItem('health-09')!.title,
      回答した回数: '4',
      役に立った: '1',
      役に立たなかった: '1',
      '理由:答えが違う': '1',
    });
    expect(rows[0]).toMatchObject({ 役に立たなかった: '2', '理由:情報が足りない': '1', '理由:その他': '1' });
    expect(err).toContain('3 件');
  });

  test('--since (Japan day, inclusive) leaves out earlier answers', async () => {
    const rows = csvRecords((await run(['--since', DAY0])).out);
    expect(rows.find((r) => r['取組ID'] === 'health-01')!['回答した回数']).toBe('1');
    expect(csvRecords((await run(['--since', shiftDay(DAY0, 3)])).out)).toEqual([]);
  });

  test('unknown arguments and a bad --since: exit 2 with the usage line', async () => {
    const unknown = await run(['feedback.csv']);
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toContain('使い方: npm run --silent report:feedback');
    const bad = await run(['--since', '11/02']);
    expect(bad).toMatchObject({ code: 2, out: '' });
    expect(bad.err).toContain('--since "11/02"');
  });

  test('data that cannot be read: the rows still come, titles empty, with a warning', async () => {
    const { code, out, err } = await run([], { USAGE_DIR: usageDir, DATA_DIR: path.join(root, 'no-data') });
    expect(code).toBe(0);
    expect(csvRecords(out).map((r) => r['題名'])).toEqual(['', '', '']);
    expect(err).toContain('注意');
  });

  test('as the npm script runs it (dist/)', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['report:feedback']).toBe('node dist/src/cli/report-feedback.js');
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/src/cli/report-feedback.js')], {
      cwd: root,
      env: { PATH: process.env.PATH, USAGE_DIR: usageDir, DATA_DIR: FROZEN_DATA_DIR },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(csvRecords(run.stdout).map((r) => r['取組ID'])).toEqual(['disaster', 'health-09', 'health-01']);
  });
});
