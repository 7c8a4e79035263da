import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { jsonText, readDataFiles, writeDataFiles } from '../../src/console/data-set';
import type { Catalog } from '../../src/pledges/catalog';
import {
  isPublishableName,
  MAX_PUBLISHED_DATA_BYTES,
  PUBLISHED_DATA_CHANNEL,
  PUBLISHED_DATA_KEY,
  publishDataToRedis,
  readPublishedData,
  startDataSync,
  type DataSync,
  type PublishedData,
} from '../../src/redis/data-sync';
import { createRedisClient, type RedisClient } from '../../src/redis/redis-client';
import { loadValidData } from '../../src/valid-data';
import { FROZEN_DATA_DIR } from '../helpers/paths';
import { describeWithRedis, startRedis, type TestRedis } from '../helpers/redis-server';

/** How soon an announced version must be live on every other instance (the promise). */
const DELIVERY_MS = 1000;

interface LogLine {
  level: number;
  msg: string;
  problems?: string[];
}

/** One bot instance: its own DATA_DIR (a copy of the frozen data), client, data sync and logs. */
interface Instance {
  dataDir: string;
  client: RedisClient;
  sync: DataSync;
  current: () => Catalog;
  /** The console's onPublished: this instance answers from `catalog` (not counted in `loaded`). */
  use(catalog: Catalog): void;
  loaded: Catalog[];
  logs: LogLine[];
}

let redis: TestRedis;
let root: string;
let instances: Instance[];

async function startInstance(name: string): Promise<Instance> {
  const dataDir = path.join(root, name, 'data');
  cpSync(FROZEN_DATA_DIR, dataDir, { recursive: true });
  const logs: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => logs.push(JSON.parse(s) as LogLine) });
  const client = createRedisClient(redis.url, logger, { name });
  await client.connect();
  let current = loadValidData(dataDir).catalog;
  const loaded: Catalog[] = [];
  const sync = startDataSync({
    client,
    dataDir,
    logger,
    currentVersion: () => current.version,
    onLoaded: async (catalog) => {
      current = catalog;
      loaded.push(catalog);
    },
  });
  const use = (catalog: Catalog): void => {
    current = catalog;
  };
  const instance = { dataDir, client, sync, current: () => current, use, loaded, logs };
  instances.push(instance);
  await sync.ready;
  return instance;
}

/** What the console does on `from`: new files into its DATA_DIR, the bot on them, then publish. */
async function publishFrom(from: Instance, keyword: string): Promise<PublishedData> {
  const files = withKeyword(await readDataFiles(from.dataDir), keyword);
  await writeDataFiles(from.dataDir, files, { mode: 0o644, prune: true });
  const catalog = loadValidData(from.dataDir).catalog;
  from.use(catalog);
  const published = { version: catalog.version, files: Object.fromEntries(files) };
  await from.sync.publish(published);
  return published;
}

/** The data set with one more keyword on disaster-01. */
function withKeyword(files: ReadonlyMap<string, string>, keyword: string): Map<string, string> {
  const area = JSON.parse(files.get('areas/disaster.json')!) as { items: { id: string; keywords: string[] }[] };
  area.items.find((i) => i.id === 'disaster-01')!.keywords.push(keyword);
  return new Map([...files, ['areas/disaster.json', jsonText(area)]]);
}

async function waitFor(what: string, ok: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}

const keywordsOf = (c: Catalog): readonly string[] => c.findItem('disaster-01')!.keywords;

/** Every file's modification time (a refused set must not touch DATA_DIR). */
const mtimes = (dir: string): Record<string, number> =>
  Object.fromEntries(
    [...readdirSync(dir), ...readdirSync(path.join(dir, 'areas')).map((f) => `areas/${f}`)].map((f) => [
      f,
      statSync(path.join(dir, f)).mtimeMs,
    ]),
  );

describeWithRedis('published data reaches every instance (real redis-server)', () => {
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'data-sync-'));
    instances = [];
    const admin = createRedisClient(redis.url, pino({ level: 'silent' }));
    await admin.connect();
    await admin.flushAll();
    admin.destroy();
  });
  afterEach(async () => {
    for (const i of instances) {
      await i.sync.stop();
      i.client.destroy();
    }
    rmSync(root, { recursive: true, force: true });
  });

  test('a publish on one instance is in the other DATA_DIR, byte for byte, and answered from, within a second', async () => {
    const a = await startInstance('a');
    const b = await startInstance('b');
    expect(a.loaded).toEqual([]);
    expect(b.loaded).toEqual([]);

    const published = await publishFrom(a, 'ドローンで避難誘導');
    const took = await waitFor('b loaded the new version', () => b.loaded.length === 1, DELIVERY_MS);
    expect(took).toBeLessThan(DELIVERY_MS);
    expect(b.current().version).toBe(published.version);
    expect(keywordsOf(b.loaded[0]!)).toContain('ドローンで避難誘導');
    expect(Object.fromEntries(await readDataFiles(b.dataDir))).toEqual(published.files);
    expect(await readDataFiles(b.dataDir)).toEqual(await readDataFiles(a.dataDir));
    // The instance that published ignores its own announcement.
    expect(a.loaded).toEqual([]);
    // Nothing left beside DATA_DIR (the validation's temporary folder is removed).
    expect(readdirSync(path.join(root, 'b'))).toEqual(['data']);
    expect(b.logs.some((l) => l.msg === 'published data loaded')).toBe(true);

    // The next publish comes from b; a follows. Stored: one key, the whole set and its version.
    const second = await publishFrom(b, '避難所の混雑');
    await waitFor('a loaded the second version', () => a.loaded.length === 1, DELIVERY_MS);
    expect(a.current().version).toBe(second.version);
    expect(await readDataFiles(a.dataDir)).toEqual(await readDataFiles(b.dataDir));
    const stored = await readPublishedData(a.client);
    expect(stored).toMatchObject({ version: second.version, files: second.files });
    expect(Object.keys(stored!.files).sort()).toEqual([...(await readDataFiles(a.dataDir)).keys()].sort());
  });

  test('an instance started later starts from the latest published version', async () => {
    const a = await startInstance('a');
    await publishFrom(a, 'ドローンで避難誘導');
    const latest = await publishFrom(a, '避難所の混雑');
    const c = await startInstance('c');
    expect(c.loaded.map((x) => x.version)).toEqual([latest.version]);
    expect(keywordsOf(c.current())).toEqual(expect.arrayContaining(['ドローンで避難誘導', '避難所の混雑']));
    expect(Object.fromEntries(await readDataFiles(c.dataDir))).toEqual(latest.files);
    // Already on it: a second look changes nothing.
    await c.sync.check();
    expect(c.loaded).toHaveLength(1);
  });

  test('a broken published set is refused: nothing loaded, DATA_DIR untouched, the log names file, item and field', async () => {
    const b = await startInstance('b');
    const before = mtimes(b.dataDir);
    const filesBefore = await readDataFiles(b.dataDir);
    const files = Object.fromEntries(await readDataFiles(b.dataDir));
    const area = JSON.parse(files['areas/disaster.json']!) as { items: { id: string; title: string }[] };
    area.items.find((i) => i.id === 'disaster-01')!.title = '';
    files['areas/disaster.json'] = jsonText(area);
    await publishDataToRedis(b.client, { version: 'broken', files });

    await waitFor('b refused it', () => b.logs.some((l) => l.msg.startsWith('published data refused')), DELIVERY_MS);
    const refusal = b.logs.find((l) => l.msg.startsWith('published data refused'))!;
    expect(refusal.level).toBe(50);
    expect(refusal.msg).toMatch(/areas\/disaster\.json: disaster-01 の title: /u);
    expect(refusal.problems!.join('\n')).not.toContain('.sync-');
    expect(b.loaded).toEqual([]);
    expect(mtimes(b.dataDir)).toEqual(before);
    expect(await readDataFiles(b.dataDir)).toEqual(filesBefore);
    // Refused once, not again at every look.
    await b.sync.check();
    expect(b.logs.filter((l) => l.msg.startsWith('published data refused'))).toHaveLength(1);
    expect(readdirSync(path.join(root, 'b'))).toEqual(['data']);
  });

  test('names from Redis never leave DATA_DIR; a stored set that is not data files is ignored', async () => {
    for (const name of ['../evil.json', 'areas/../../evil.json', '/etc/evil.json', 'areas/x/y.json', 'schema/a.json'])
      expect([name, isPublishableName(name)]).toEqual([name, false]);
    for (const name of [
      'source.json',
      'synonyms.json',
      'readings.json',
      'synonyms.generated.json',
      'areas/disaster.json',
    ])
      expect([name, isPublishableName(name)]).toEqual([name, true]);

    const b = await startInstance('b');
    const files = Object.fromEntries(await readDataFiles(b.dataDir));
    await expect(
      publishDataToRedis(b.client, { version: 'x', files: { ...files, '../evil.json': '{}' } }),
    ).rejects.toThrow(/not data file names/u);
    expect(await readPublishedData(b.client)).toBeNull();
    expect(MAX_PUBLISHED_DATA_BYTES).toBeGreaterThan(JSON.stringify(files).length * 10);

    // Written by something else than publishDataToRedis: refused as a whole.
    await b.client.hSet(PUBLISHED_DATA_KEY, {
      version: 'tampered',
      publishedAt: new Date().toISOString(),
      files: JSON.stringify({ ...files, '../evil.json': '{}' }),
    });
    await b.sync.check();
    expect(b.logs.some((l) => l.msg.startsWith('published data unusable'))).toBe(true);
    expect(existsSync(path.join(root, 'b', 'evil.json'))).toBe(false);
    expect(b.loaded).toEqual([]);
  });

  test('Redis stopped and back: no crash, the instances answer on; a publish made meanwhile and one made after arrive', async () => {
    const a = await startInstance('a');
    const b = await startInstance('b');
    await redis.stop(true);

    // The console's publish on a: live there, but Redis is gone, so the hook fails (the page says so).
    const files = withKeyword(await readDataFiles(a.dataDir), 'ドローンで避難誘導');
    await writeDataFiles(a.dataDir, files, { mode: 0o644, prune: true });
    a.use(loadValidData(a.dataDir).catalog);
    const meanwhile = { version: a.current().version, files: Object.fromEntries(files) };
    await expect(a.sync.publish(meanwhile)).rejects.toThrow();
    await b.sync.check();
    expect(b.loaded).toEqual([]);
    expect(b.logs.some((l) => l.msg.startsWith('published data: could not sync'))).toBe(true);

    await redis.restart(); // empty, as a Redis without persistence comes back
    // a delivers what it published while Redis was away; b loads it once it is subscribed again.
    await waitFor('b got the publish made while Redis was down', () => b.loaded.length === 1, 10_000);
    expect(b.current().version).toBe(meanwhile.version);
    expect(a.logs.some((l) => l.msg === 'published data delivered to the other instances after all')).toBe(true);

    await waitFor('both connected', () => a.client.isReady && b.client.isReady, 5000);
    await subscribers(a.client, 2, 5000); // both subscriptions are back (their reconnect waits up to 2 s)
    const after = await publishFrom(a, '避難所の混雑');
    await waitFor('b got the publish made after Redis came back', () => b.loaded.length === 2, DELIVERY_MS);
    expect(b.current().version).toBe(after.version);
    expect(await readDataFiles(b.dataDir)).toEqual(await readDataFiles(a.dataDir));
  }, 30_000);

  test('Redis down when an instance starts: it starts on its own data without waiting long, and catches up later', async () => {
    const a = await startInstance('a');
    const published = await publishFrom(a, 'ドローンで避難誘導');
    await redis.stop(true);
    await redis.restart();
    await publishDataToRedisWhenUp(a.client, published);
    await redis.stop(true);

    const dataDir = path.join(root, 'late', 'data');
    cpSync(FROZEN_DATA_DIR, dataDir, { recursive: true });
    const logger = pino({ level: 'silent' });
    const client = createRedisClient(redis.url, logger);
    void client.connect().catch(() => undefined);
    let current = loadValidData(dataDir).catalog;
    const before = current.version;
    const started = Date.now();
    const sync = startDataSync({
      client,
      dataDir,
      logger,
      currentVersion: () => current.version,
      onLoaded: async (c) => {
        current = c;
      },
      startTimeoutMs: 300,
    });
    instances.push({ dataDir, client, sync, current: () => current, use: () => undefined, loaded: [], logs: [] });
    await sync.ready;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(current.version).toBe(before);

    await redis.restart();
    await publishDataToRedisWhenUp(a.client, published);
    await waitFor('the late instance caught up', () => current.version === published.version, 10_000);
  }, 30_000);

  test('stop() returns at once while Redis is down, and nothing runs after it', async () => {
    const a = await startInstance('a');
    await redis.stop(true);
    await a.sync.check();
    const started = Date.now();
    await a.sync.stop();
    expect(Date.now() - started).toBeLessThan(500);
    instances.splice(instances.indexOf(a), 1);
    a.client.destroy();
    // Also one that never reached Redis (its subscription still connecting).
    const client = createRedisClient(redis.url, pino({ level: 'silent' }));
    void client.connect().catch(() => undefined);
    const never = startDataSync({
      client,
      dataDir: a.dataDir,
      logger: pino({ level: 'silent' }),
      currentVersion: () => a.current().version,
      onLoaded: () => Promise.reject(new Error('not expected')),
      startTimeoutMs: 100,
    });
    await never.ready;
    const stopping = Date.now();
    await never.stop();
    expect(Date.now() - stopping).toBeLessThan(500);
    client.destroy();
    const logged = a.logs.length;
    await redis.restart();
    await new Promise((r) => setTimeout(r, 1500));
    expect(a.logs.slice(logged).filter((l) => l.msg.startsWith('published data'))).toEqual([]);
  });
});

/** Waits until `n` connections listen on the channel. */
async function subscribers(client: RedisClient, n: number, ms: number): Promise<void> {
  const start = Date.now();
  while (Number((await client.pubSubNumSub(PUBLISHED_DATA_CHANNEL))[PUBLISHED_DATA_CHANNEL] ?? 0) < n) {
    if (Date.now() - start > ms) throw new Error(`fewer than ${n} subscribers after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Publishes once the client is connected again (after a restart). */
async function publishDataToRedisWhenUp(client: RedisClient, data: PublishedData): Promise<void> {
  await waitFor('connected', () => client.isReady, 5000);
  await publishDataToRedis(client, data);
}
