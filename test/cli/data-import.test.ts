import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDataImport } from '../../src/cli/data-import';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';

const REPORT_FILE = path.join(__dirname, '../fixtures/report-2nd-term-year3.txt');
const REPORT = readFileSync(REPORT_FILE, 'utf8');
const NEW_BULLET = '・ドローンによる避難誘導システムの実証実験を開始';
const withNewBullet = REPORT.replace(
  '・避難行動要支援者等に対し家具転倒防止器具等設置等の設置費用補助を予算計上',
  (b) => `${b}\n${NEW_BULLET}`,
);

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'data-import-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function importText(text: string, out: string, ...extra: string[]): Promise<{ code: number; log: string }> {
  const file = path.join(work, `report-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, text);
  let log = '';
  const code = await runDataImport(
    [file, '--out', out, ...extra],
    { DATA_DIR: FROZEN_DATA_DIR },
    (s) => (log += `${s}\n`),
  );
  return { code, log };
}
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const p = path.join(e.parentPath, e.name);
        return [path.relative(dir, p), readFileSync(p, 'utf8')];
      }),
  );

describe('npm run data:import -- FILE --out DIR', () => {
  test('a report with one more bullet becomes a complete data set that keeps staff keywords', async () => {
    const out = path.join(work, 'data');
    const { code, log } = await importText(withNewBullet, out);
    expect(code).toBe(0);
    expect(log).toContain('追加 1 件');
    expect(log).toContain('+ disaster-13 ドローンによる避難誘導システムの実証実験を開始');
    expect(log).toContain('削除 0 件');
    const catalog = loadCatalog(out);
    expect(catalog.items).toHaveLength(92);
    const carer = catalog.findItem('childcare-12')!;
    expect(carer.keywords).toContain('ヤングケアラー');
    const drone = catalog.findItem('disaster-13')!;
    expect(drone.keywords.length).toBeGreaterThan(0);
    expect(drone.title.length).toBeLessThanOrEqual(20);
    expect(existsSync(path.join(out, 'schema/area.schema.json'))).toBe(true);
    // English: kept for the unchanged items, none yet for the new one, which is listed.
    expect(drone.en).toBeUndefined();
    expect(carer.en).toEqual(loadCatalog(FROZEN_DATA_DIR).findItem('childcare-12')!.en);
    expect(log).toContain(
      '英語を見直してください 1 件 (English needs review):\n  ! disaster-13 en (英語) がありません。',
    );
  });

  test('as a command (dist/), it also writes kana readings for the new wording', () => {
    const cli = path.join(REPO_ROOT, 'dist/src/cli/data-import.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does it first).`);
    const file = path.join(work, 'report.txt');
    writeFileSync(file, withNewBullet);
    const out = path.join(work, 'data');
    execFileSync(process.execPath, [cli, file, '--out', out], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: FROZEN_DATA_DIR },
    });
    const catalog = loadCatalog(out);
    // one space between words (kuromoji's tokens); the words read ドローン
    expect(catalog.reading(catalog.findItem('disaster-13')!.text)!.replace(/\s/gu, '')).toContain('どろーん');
    expect(catalog.generatedSynonyms.size).toBeGreaterThan(0);
  });

  test('re-importing an edited bullet keeps its id and keywords and reports the change', async () => {
    const out = path.join(work, 'data');
    await importText(withNewBullet, out);
    const before = loadCatalog(out).findItem('disaster-13')!;
    const { code, log } = await importText(withNewBullet.replace('実証実験を開始', '本格運用を開始'), out);
    expect(code).toBe(0);
    expect(log).toContain('変更 1 件');
    const after = loadCatalog(out).findItem('disaster-13')!;
    expect(after.text).toBe('ドローンによる避難誘導システムの本格運用を開始');
    expect(after.keywords).toEqual(before.keywords);
  });

  test('a removed bullet is reported; ids of the others do not change', async () => {
    const out = path.join(work, 'data');
    const { code, log } = await importText(REPORT.replace('・「スポーツ健康都市」を宣言\n', ''), out);
    expect(code).toBe(0);
    expect(log).toContain('削除 1 件');
    expect(loadCatalog(out).findItem('health-07')?.text).toBe(
      '福祉に関して困ったときの総合相談窓口「ふくしの窓口」を開設',
    );
  });

  test.each([
    ['an empty report', ''],
    ['a report without headings', '題名\n報告書\n本文だけの行\n'],
    ['an unknown area heading', REPORT.replace('防災力のさらなる強化!', '新しい分野の見出し')],
  ])('%s exits non-zero and writes nothing', async (_what, text) => {
    const out = path.join(work, 'fresh');
    const { code, log } = await importText(text, out);
    expect(code).toBe(1);
    expect(log).toContain('何も書き込んでいません');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  test('a failed import leaves an existing data set byte-identical', async () => {
    const out = path.join(work, 'data');
    cpSync(FROZEN_DATA_DIR, out, { recursive: true });
    const before = snapshot(out);
    expect((await importText('', out)).code).toBe(1);
    expect(snapshot(out)).toEqual(before);
  });

  test('as a command, re-importing the unchanged report leaves every file byte-identical and untouched', () => {
    const out = path.join(work, 'data');
    cpSync(FROZEN_DATA_DIR, out, { recursive: true });
    cpSync(path.join(REPO_ROOT, 'data', 'schema'), path.join(out, 'schema'), { recursive: true });
    const hashes = (): Record<string, { sha256: string; mtimeMs: number }> =>
      Object.fromEntries(
        readdirSync(out, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => {
            const p = path.join(e.parentPath, e.name);
            const sha256 = createHash('sha256').update(readFileSync(p)).digest('hex');
            return [path.relative(out, p), { sha256, mtimeMs: statSync(p).mtimeMs }];
          }),
      );
    const before = hashes();
    const log = execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, 'dist/src/cli/data-import.js'), REPORT_FILE, '--out', out],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      },
    );
    expect(log).toContain('ファイルの中身は変わりません');
    expect(hashes()).toEqual(before);
    expect(readdirSync(work)).toEqual(['data']); // no staging folder left behind
  });

  test('a changed wording is listed for review: the old title and summary stay and may contradict it', async () => {
    const out = path.join(work, 'data');
    cpSync(FROZEN_DATA_DIR, out, { recursive: true });
    const { code, log } = await importText(
      REPORT.replace('こども医療費を18歳まで無償化', 'こども医療費を22歳まで無償化'),
      out,
    );
    expect(code).toBe(0);
    expect(log).toContain('変更 1 件');
    expect(log).toContain('題名・説明を見直してください 1 件');
    const title = loadCatalog(FROZEN_DATA_DIR).findItem('childcare-01')!.title;
    expect(log).toContain(`! childcare-01 「${title}」`);
    expect(log).toContain('前の文言: こども医療費を18歳まで無償化');
    expect(log).toContain('今の文言: こども医療費を22歳まで無償化');
    expect(loadCatalog(out).findItem('childcare-01')!.title).toBe(title);
    // Its English translated the old wording: removed, and shown for the translator to reuse.
    const oldEn = loadCatalog(FROZEN_DATA_DIR).findItem('childcare-01')!.en!;
    expect(log).toContain('英語を見直してください 1 件 (English needs review):');
    expect(log).toContain('! childcare-01 文言が変わったので en (英語) を外しました。');
    expect(log).toContain(`前の英語: ${JSON.stringify(oldEn)}`);
    const written = JSON.parse(readFileSync(path.join(out, 'areas', 'childcare.json'), 'utf8')) as {
      items: { id: string; en?: unknown }[];
    };
    expect(written.items.find((i) => i.id === 'childcare-01')!.en).toBeUndefined();
    expect(written.items.filter((i) => i.en === undefined).map((i) => i.id)).toEqual(['childcare-01']);
  });

  test('--map assigns a renamed heading to its area', async () => {
    const out = path.join(work, 'data');
    const renamed = REPORT.replace('防災力のさらなる強化!', '災害に強いまちづくり');
    expect((await importText(renamed, out)).code).toBe(1);
    const { code } = await importText(renamed, out, '--map', '災害に強いまちづくり=disaster');
    expect(code).toBe(0);
    expect(loadCatalog(out).area('disaster').title).toBe('災害に強いまちづくり');
  });
});
