import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDraftStore } from '../../src/console/draft';
import { readDataFiles } from '../../src/console/data-set';
import { addKeyword, editItem, findItem, readAreas } from '../../src/console/editable';
import { createPublisher, type PublishOutcome } from '../../src/console/publisher';
import { createVersionStore } from '../../src/console/versions';
import type { Catalog } from '../../src/pledges/catalog';
import { loadValidDataAsync } from '../../src/valid-data';
import { REPO_ROOT } from '../helpers/bot-harness';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'data-2026');
const DERIVED = ['readings.json', 'synonyms.generated.json'];

let root: string;
let dataDir: string;
let consoleDir: string;
let live: Catalog[];
let derivedBuilds: number;

/** Derived files copied from the fixture: publishing is tested without the dictionaries' seconds. */
const copyDerived = async (dir: string): Promise<void> => {
  derivedBuilds++;
  for (const f of DERIVED) cpSync(path.join(FIXTURE, f), path.join(dir, f));
};

function setup() {
  const versions = createVersionStore(path.join(consoleDir, 'versions'));
  const draft = createDraftStore(consoleDir);
  const publisher = createPublisher({
    dataDir,
    consoleDir,
    versions,
    draft,
    validate: loadValidDataAsync,
    buildDerived: copyDerived,
    onPublished: async (c) => {
      live.push(c);
    },
  });
  return { versions, draft, publisher };
}

const hashes = (dir: string): Record<string, number> =>
  Object.fromEntries(
    ['source.json', 'synonyms.json', ...DERIVED, ...readdirSync(path.join(dir, 'areas')).map((f) => `areas/${f}`)].map(
      (f) => [f, statSync(path.join(dir, f)).mtimeMs],
    ),
  );

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'publisher-'));
  dataDir = path.join(root, 'data');
  consoleDir = path.join(root, 'console');
  cpSync(FIXTURE, dataDir, { recursive: true });
  live = [];
  derivedBuilds = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const ok = (o: PublishOutcome) => {
  if (!o.ok) throw new Error(`not published: ${JSON.stringify(o)}`);
  return o.version;
};

describe('publish and rollback', () => {
  test('the live data becomes version 1 and the first draft; nothing to publish until something changes', async () => {
    const { versions, draft, publisher } = setup();
    await publisher.sync();
    expect((await versions.list()).map((v) => [v.n, v.how, v.by])).toEqual([[1, 'found', null]]);
    const d = (await draft.get())!;
    expect(d.meta.base).toBe(1);
    expect(await publisher.publish('approver1')).toEqual({ ok: false, reason: 'unchanged' });
    await publisher.sync();
    expect(await versions.list()).toHaveLength(1);
  });

  test('a publish validates, rebuilds derived files, keeps a version, writes only changed files, and hands the bot the catalog', async () => {
    const { versions, draft, publisher } = setup();
    await publisher.sync();
    const item = readAreas((await draft.get())!.files)[0]!.items[0]!;
    await draft.update('editor1', (files) => {
      const r = addKeyword(files, item.id, 'ドローンで避難誘導');
      return { files: r.ok ? r.files : null, value: null };
    });
    const before = hashes(dataDir);
    const sourceBefore = readFileSync(path.join(dataDir, 'source.json'));
    const v = ok(await publisher.publish('approver1'));
    expect(v).toMatchObject({ n: 2, how: 'publish', by: 'approver1' });
    expect(v.summary).toContain(item.id);
    expect(derivedBuilds).toBe(1);
    expect(live).toHaveLength(1);
    expect(live[0]!.items.find((i) => i.id === item.id)!.keywords).toContain('ドローンで避難誘導');
    const after = hashes(dataDir);
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    const area = readAreas(await readDataFiles(dataDir)).find((a) => a.items.some((i) => i.id === item.id))!;
    expect(changed).toEqual([`areas/${area.id}.json`]);
    expect(readFileSync(path.join(dataDir, 'source.json'))).toEqual(sourceBefore);
    expect(findItem(await versions.files(2), item.id)!.item.keywords).toContain('ドローンで避難誘導');
    expect((await draft.get())!.meta.base).toBe(2);
  });

  test('an invalid draft publishes nothing and names the file, item and field in Japanese', async () => {
    const { versions, draft, publisher } = setup();
    await publisher.sync();
    const item = readAreas((await draft.get())!.files)[0]!.items[0]!;
    // A draft broken as an editor outside the console could break it (the console refuses this edit).
    const file = path.join(consoleDir, 'draft', 'areas', `${readAreas((await draft.get())!.files)[0]!.id}.json`);
    const area = JSON.parse(readFileSync(file, 'utf8')) as { items: { id: string; title: string }[] };
    area.items[0]!.title = '';
    writeFileSync(file, JSON.stringify(area, null, 2));
    const fresh = setup();
    const before = hashes(dataDir);
    const o = await fresh.publisher.publish('approver1');
    expect(o).toMatchObject({ ok: false, reason: 'invalid' });
    if (o.ok || o.reason !== 'invalid') return;
    expect(o.problems.join('\n')).toMatch(new RegExp(`${item.id} の 題名 \\(title\\)`, 'u'));
    expect(o.problems.join('\n')).not.toContain('staging');
    expect(hashes(dataDir)).toEqual(before);
    expect(await versions.list()).toHaveLength(1);
    expect(derivedBuilds).toBe(0);
    expect(live).toHaveLength(0);
  });

  test('rollback publishes a copy of an old version as a new one; versions are never rewritten', async () => {
    const { versions, draft, publisher } = setup();
    await publisher.sync();
    const original = await readDataFiles(dataDir);
    const item = readAreas(original)[0]!.items[0]!;
    await draft.update('editor1', (files) => {
      const r = editItem(files, item.id, { title: '変えた題名', summary: '', keywords: item.keywords, url: '' });
      return { files: r.ok ? r.files : null, value: null };
    });
    ok(await publisher.publish('approver1'));
    const v = ok(await publisher.rollback(1, 'approver1'));
    expect(v).toMatchObject({ n: 3, how: 'rollback', from: 1 });
    expect(await readDataFiles(dataDir)).toEqual(original);
    expect(live.at(-1)!.items.find((i) => i.id === item.id)!.title).toBe(item.title);
    expect(findItem(await versions.files(2), item.id)!.item.title).toBe('変えた題名');
    expect((await draft.get())!.files).toEqual(original);
    expect(await publisher.rollback(3, 'approver1')).toEqual({ ok: false, reason: 'unchanged' });
    expect(await publisher.rollback(99, 'approver1')).toEqual({ ok: false, reason: 'no-version' });
  });

  test('an edit made outside the console is recorded as a version before the next publish', async () => {
    const { versions, publisher } = setup();
    await publisher.sync();
    const file = path.join(dataDir, 'source.json');
    const src = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      file,
      `${JSON.stringify({ ...src, pageUrl: 'https://www.city.ageo.lg.jp/page/387322.html' }, null, 2)}\n`,
    );
    await publisher.sync();
    const list = await versions.list();
    expect(list.map((v) => v.how)).toEqual(['found', 'found']);
    expect(list[0]!.summary).toContain('コンソールの外');
  });

  test('console files are private: 0600 files in 0700 folders', async () => {
    const { publisher } = setup();
    const old = process.umask(0o022);
    try {
      await publisher.sync();
    } finally {
      process.umask(old);
    }
    const mode = (p: string): number => statSync(p).mode & 0o777;
    expect(mode(path.join(consoleDir, 'versions'))).toBe(0o700);
    expect(mode(path.join(consoleDir, 'draft'))).toBe(0o700);
    expect(mode(path.join(consoleDir, 'versions', '0001', 'source.json'))).toBe(0o600);
    expect(mode(path.join(consoleDir, 'draft', 'source.json'))).toBe(0o600);
    expect(mode(path.join(consoleDir, 'draft.json'))).toBe(0o600);
  });
});
