import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startDataReloader, type DataReloader } from '../src/data-reloader';
import { createKnowledge, createKnowledgeAsync } from '../src/compose';
import type { Catalog } from '../src/pledges/catalog';
import { loadCatalog } from '../src/pledges/load-catalog';
import { FROZEN_DATA_DIR } from './helpers/paths';

let dir: string;
let current: Catalog;
let logs: { level: number; msg: string }[];
let reloader: DataReloader;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reload-'));
  cpSync(FROZEN_DATA_DIR, dir, { recursive: true });
  current = loadCatalog(dir);
  logs = [];
  const logger = pino(
    { level: 'info' },
    { write: (s: string) => logs.push(JSON.parse(s) as { level: number; msg: string }) },
  );
  reloader = startDataReloader({
    dataDir: dir,
    intervalMs: 60_000, // the test calls check() itself
    logger,
    currentVersion: () => current.version,
    onLoaded: (c) => {
      current = c;
    },
  });
});
afterEach(() => {
  reloader.stop();
  rmSync(dir, { recursive: true, force: true });
});

const file = (): string => path.join(dir, 'areas/disaster.json');
const addKeyword = (word: string): void => {
  const area = JSON.parse(readFileSync(file(), 'utf8')) as { items: { keywords: string[] }[] };
  area.items[0]!.keywords.push(word);
  writeFileSync(file(), JSON.stringify(area, null, 2));
};

describe('hot reload of DATA_DIR', () => {
  test('nothing changed: nothing reloaded', async () => {
    expect(await reloader.check()).toBe(false);
  });

  test('a valid edit is loaded and answered from at once', async () => {
    addKeyword('ゾンビ対策訓練');
    expect(await reloader.check()).toBe(true);
    expect(createKnowledge(current).matcher.match('ゾンビ対策訓練').items[0]?.item.id).toBe('disaster-01');
    expect(logs.some((l) => l.msg === 'data reloaded')).toBe(true);
  });

  test('a broken edit is refused with a log line naming the file; the last good data stays', async () => {
    const good = current.version;
    writeFileSync(file(), readFileSync(file(), 'utf8').slice(0, 1000));
    expect(await reloader.check()).toBe(false);
    expect(current.version).toBe(good);
    const refusal = logs.find((l) => l.level === 50)!;
    expect(refusal.msg).toContain('disaster.json');
    expect(refusal.msg).toContain('last good data');
  });

  test('rapid successive edits end with the last one loaded', async () => {
    addKeyword('一回目');
    addKeyword('二回目');
    writeFileSync(file(), readFileSync(file(), 'utf8').slice(0, 10)); // a half-saved state
    expect(await reloader.check()).toBe(false);
    const area = JSON.parse(readFileSync(path.join(FROZEN_DATA_DIR, 'areas/disaster.json'), 'utf8')) as {
      items: { keywords: string[] }[];
    };
    area.items[0]!.keywords.push('一回目', '二回目', '三回目');
    writeFileSync(file(), JSON.stringify(area, null, 2));
    expect(await reloader.check()).toBe(true);
    expect(current.findItem('disaster-01')!.keywords).toEqual(expect.arrayContaining(['一回目', '二回目', '三回目']));
  });

  test('the polling timer picks up an edit by itself', async () => {
    reloader.stop();
    reloader = startDataReloader({
      dataDir: dir,
      intervalMs: 50,
      logger: pino({ level: 'silent' }),
      currentVersion: () => current.version,
      onLoaded: (c) => {
        current = c;
      },
    });
    const before = current.version;
    addKeyword('自動で読み込み');
    const deadline = Date.now() + 3000;
    while (current.version === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(current.version).not.toBe(before);
  });
});

describe('data that could hang or freeze the bot is refused, and the bot keeps answering', () => {
  test('a FIFO among the area files is named, never opened for good', async () => {
    const fifo = path.join(dir, 'areas/zz.json');
    execFileSync('mkfifo', [fifo]);
    expect(await reloader.check()).toBe(false); // would never resolve if the FIFO were opened
    expect(logs.find((l) => l.level === 50)!.msg).toContain('zz.json');
  });

  test('a link to a device is refused without reading it', async () => {
    symlinkSync('/dev/zero', path.join(dir, 'areas/yy.json'));
    expect(await reloader.check()).toBe(false);
    expect(logs.find((l) => l.level === 50)!.msg).toContain('yy.json');
  });

  test('an item with 100,000 keywords is refused before the schema runs, quickly', async () => {
    const area = JSON.parse(readFileSync(file(), 'utf8')) as { items: { keywords: string[] }[] };
    area.items[0]!.keywords = Array.from({ length: 100_000 }, (_, i) => `k${i}`);
    writeFileSync(file(), JSON.stringify(area));
    expect(await reloader.check()).toBe(false);
    expect(logs.find((l) => l.level === 50)!.msg).toMatch(
      /disaster\.json: (大きすぎます|disaster-01 の keywords: 多すぎます)/u,
    );
  });

  test('the bot keeps its turns while a valid edit is loaded (the matcher is built in slices)', async () => {
    let turns = 0;
    let watching = true;
    const tick = (): void => {
      turns++;
      if (watching) setImmediate(tick);
    };
    reloader.stop();
    let loaded = false;
    reloader = startDataReloader({
      dataDir: dir,
      intervalMs: 60_000,
      logger: pino({ level: 'silent' }),
      currentVersion: () => current.version,
      onLoaded: async (c) => {
        await createKnowledgeAsync(c);
        current = c;
        loaded = true;
      },
    });
    addKeyword('応答しながら読み込む');
    tick();
    turns = 0;
    await reloader.check();
    watching = false;
    expect(loaded).toBe(true);
    expect(turns).toBeGreaterThan(5);
  });
});
