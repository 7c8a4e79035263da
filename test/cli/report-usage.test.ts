import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/report-usage';
import { loadRichMenu, menuTilesAsDefined, RICH_MENU_DIR } from '../../src/richmenu/definition';
import { dayRange, shiftDay } from '../../src/stats/usage-report';
import { csvRecords, parseExcelCsv } from '../helpers/csv';
import { REPO_ROOT } from '../helpers/paths';
import { fillUsageScenario } from '../helpers/usage-scenario';

const DAY0 = '2026-11-02';
const tiles = menuTilesAsDefined(loadRichMenu(path.join(REPO_ROOT, RICH_MENU_DIR)).menu);

let root: string;
let usageDir: string;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'report-usage-'));
  usageDir = path.join(root, 'usage');
  await fillUsageScenario(usageDir, DAY0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = { USAGE_DIR: usageDir }) {
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

describe('npm run report:usage', () => {
  test('CSV for Excel, one row per Japan day from the first day with counts to the last', async () => {
    const { code, out, err } = await run([]);
    expect(code).toBe(0);
    const { header } = parseExcelCsv(out);
    expect(header.slice(0, 3)).toEqual(['日付', '質問', '回答']);
    for (const cell of ['もしかして', '見つからない', '役に立った', '役に立たなかった']) expect(header).toContain(cell);
    expect(header.filter((h) => h.startsWith('タップ:'))).toEqual(tiles.map((t) => `タップ:${t.label}`));
    const rows = csvRecords(out);
    expect(rows.map((r) => r['日付'])).toEqual(dayRange(shiftDay(DAY0, -3), shiftDay(DAY0, 2)));
    expect(rows.find((r) => r['日付'] === DAY0)).toMatchObject({
      質問: '10',
      回答: '5',
      もしかして: '1',
      見つからない: '2',
    });
    expect(err).toContain('6 日分');
  });

  test('--since and --until are Japan days, inclusive (both spellings)', async () => {
    const since = await run(['--since', DAY0]);
    expect(csvRecords(since.out).map((r) => r['日付'])).toEqual([DAY0, shiftDay(DAY0, 1), shiftDay(DAY0, 2)]);
    const until = await run([`--since=${shiftDay(DAY0, -3)}`, '--until', DAY0]);
    expect(csvRecords(until.out).map((r) => r['日付'])).toEqual(dayRange(shiftDay(DAY0, -3), DAY0));
  });

  test('unknown arguments and bad dates: exit 2 with the usage line, naming what is wrong', async () => {
    const unknown = await run(['--from', DAY0]);
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toContain('--from');
    expect(unknown.err).toContain('使い方: npm run --silent report:usage');
    for (const bad of [['--since', '2026-13-01'], ['--since', '2026-02-30'], ['--since'], ['--since', 'yesterday']]) {
      const r = await run(bad);
      expect([bad, r.code, r.out]).toEqual([bad, 2, '']);
      expect(r.err).toContain('--since');
      expect(r.err).toContain('使い方');
    }
    expect((await run(['--since', DAY0, '--until', shiftDay(DAY0, -1)])).code).toBe(2);
  });

  test('no store yet: the header only; USAGE_DIR=off: exit 1 saying so', async () => {
    const empty = await run([], { USAGE_DIR: path.join(root, 'none') });
    expect(empty.code).toBe(0);
    expect(parseExcelCsv(empty.out).rows).toEqual([]);
    const off = await run([], { USAGE_DIR: 'off' });
    expect(off).toMatchObject({ code: 1, out: '' });
    expect(off.err).toContain('USAGE_DIR');
  });

  test('as the npm script runs it (dist/)', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['report:usage']).toBe('node dist/src/cli/report-usage.js');
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/src/cli/report-usage.js'), '--since', DAY0], {
      cwd: root,
      env: { PATH: process.env.PATH, USAGE_DIR: usageDir },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(csvRecords(run.stdout)).toHaveLength(3);
    expect(spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/src/cli/report-usage.js'), '-x']).status).toBe(2);
  });
});
