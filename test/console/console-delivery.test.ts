import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import type { Knowledge } from '../../src/bot/handler-context';
import { createKnowledgeAsync } from '../../src/compose';
import { createConsole, type ConsoleDeps } from '../../src/console';
import { readDataFiles } from '../../src/console/data-set';
import type { PublishedSet } from '../../src/console/publisher';
import { createFileUserStore } from '../../src/console/users';
import type { Catalog } from '../../src/pledges/catalog';
import { startDataSync, type DataSync } from '../../src/redis/data-sync';
import { createRedisClient, type RedisClient } from '../../src/redis/redis-client';
import { loadValidData } from '../../src/valid-data';
import { FROZEN_DATA_DIR } from '../helpers/paths';
import { describeWithRedis, startRedis, type TestRedis } from '../helpers/redis-server';

/**
 * 公開 and この版に戻す hand the published set to the other instances (afterPublish, wired to
 * Redis with REDIS_URL): with every file of DATA_DIR and the catalog's version; a failure leaves
 * the publish here standing and is told on the page, in the log and in the audit log.
 */

const PASSWORD = 'correct horse battery';
const KEYWORD = 'ドローンで避難誘導';

let root: string;
let dataDir: string;
let live: Knowledge;
let logs: { level: number; msg: string }[];

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'console-delivery-'));
  dataDir = path.join(root, 'data');
  cpSync(FROZEN_DATA_DIR, dataDir, { recursive: true });
  await createFileUserStore(path.join(root, 'console')).add('approver1', 'approver', PASSWORD);
  live = await createKnowledgeAsync(loadValidData(dataDir).catalog);
  logs = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function consoleApp(extra: Partial<ConsoleDeps>): Promise<express.Express> {
  const staff = createConsole({
    consoleDir: path.join(root, 'console'),
    dataDir,
    trustProxy: false,
    logger: pino(
      { level: 'info' },
      { write: (s: string) => logs.push(JSON.parse(s) as { level: number; msg: string }) },
    ),
    published: () => live,
    buildKnowledge: (c: Catalog) => createKnowledgeAsync(c),
    onPublished: async (c) => {
      live = await createKnowledgeAsync(c);
    },
    unanswered: null,
    buildDerived: async (dir) => {
      for (const f of ['readings.json', 'synonyms.generated.json'])
        cpSync(path.join(FROZEN_DATA_DIR, f), path.join(dir, f));
    },
    ...extra,
  });
  await staff.ready();
  const app = express();
  app.use(staff.router);
  return app;
}

const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/u.exec(html)?.[1] ?? '';

async function approver(app: express.Express) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: tokenOf(page.text), name: 'approver1', password: PASSWORD });
  const post = async (from: string, action: string, fields: Record<string, string>) => {
    const form = await agent.get(from);
    return agent
      .post(action)
      .type('form')
      .send({ _csrf: tokenOf(form.text), ...fields });
  };
  return { agent, post };
}

/** Adds KEYWORD to disaster-01 in the draft and publishes it. */
async function editAndPublish(as: Awaited<ReturnType<typeof approver>>) {
  const item = live.catalog.findItem('disaster-01')!;
  const saved = await as.post('/edit/item/disaster-01', '/edit/item/disaster-01', {
    title: item.title,
    summary: item.summary ?? '',
    keywords: [...item.keywords, KEYWORD].join('\n'),
    url: item.url,
  });
  expect(saved.status).toBe(303);
  return as.post('/publish', '/publish', {});
}

describe('the console hands each publish to the other instances (afterPublish)', () => {
  test('公開 and この版に戻す call afterPublish with every file of DATA_DIR and the version the bot answers from', async () => {
    const delivered: PublishedSet[] = [];
    const app = await consoleApp({
      afterPublish: async (p) => {
        delivered.push(p);
      },
    });
    const as = await approver(app);
    const original = Object.fromEntries(await readDataFiles(dataDir));

    expect((await editAndPublish(as)).status).toBe(303);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.version).toBe(live.catalog.version);
    expect(live.catalog.findItem('disaster-01')!.keywords).toContain(KEYWORD);
    expect(delivered[0]!.files).toEqual(Object.fromEntries(await readDataFiles(dataDir)));
    expect(Object.keys(delivered[0]!.files)).toEqual(expect.arrayContaining(['readings.json', 'areas/disaster.json']));
    const page = await as.agent.get('/publish');
    expect(page.text).toContain('公開しました (版 2)');
    expect(page.text).not.toContain('配信に失敗');

    expect((await as.post('/publish', '/rollback', { n: '1' })).status).toBe(303);
    expect(delivered).toHaveLength(2);
    expect(delivered[1]!.files).toEqual(original);
    expect(delivered[1]!.version).toBe(live.catalog.version);
  });

  test('when the delivery fails, the publish stands here, the page says so, and the log and the audit log record it', async () => {
    const app = await consoleApp({
      afterPublish: () => Promise.reject(new Error('The client is closed')),
    });
    const as = await approver(app);
    expect((await editAndPublish(as)).status).toBe(303);
    expect(live.catalog.findItem('disaster-01')!.keywords).toContain(KEYWORD);
    expect((await readDataFiles(dataDir)).get('areas/disaster.json')).toContain(KEYWORD);

    const page = await as.agent.get('/publish');
    expect(page.text).toContain('公開しました (版 2)');
    expect(page.text).toContain('公開しましたが、ほかのサーバーへの配信に失敗しました');
    expect(page.text).toMatch(/<p class="flash error" role="alert">[^<]*ほかのサーバーへの配信に失敗/u);
    const logged = logs.find((l) => l.msg.includes('could not hand the data to the other instances'));
    expect(logged?.level).toBe(50);

    expect((await as.post('/publish', '/rollback', { n: '1' })).status).toBe(303);
    expect((await as.agent.get('/publish')).text).toContain(
      '版 1 に戻しましたが、ほかのサーバーへの配信に失敗しました',
    );
    const audit = (await as.agent.get('/audit')).text;
    expect(audit.match(/ほかのサーバーへの配信に失敗/gu)).toHaveLength(2);
  });

  test('without afterPublish (no Redis) nothing is said about other servers', async () => {
    const app = await consoleApp({});
    const as = await approver(app);
    expect((await editAndPublish(as)).status).toBe(303);
    const page = await as.agent.get('/publish');
    expect(page.text).toContain('公開しました (版 2)。ボットは数秒以内にこのデータで答えます。');
    expect(page.text).not.toContain('ほかのサーバー');
  });
});

describeWithRedis('a publish in the console reaches another instance through Redis', () => {
  let redis: TestRedis;
  const clients: RedisClient[] = [];
  const syncs: DataSync[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });
  afterEach(async () => {
    for (const s of syncs.splice(0)) await s.stop();
    for (const c of clients.splice(0)) c.destroy();
  });

  async function instance(dir: string, current: () => string, onLoaded: (c: Catalog) => Promise<void>) {
    const logger = pino({ level: 'silent' });
    const client = createRedisClient(redis.url, logger);
    await client.connect();
    clients.push(client);
    const sync = startDataSync({ client, dataDir: dir, logger, currentVersion: current, onLoaded });
    syncs.push(sync);
    await sync.ready;
    return sync;
  }

  test('console on one instance → the other instance answers from the published data', async () => {
    const sync = await instance(
      dataDir,
      () => live.catalog.version,
      async (c) => {
        live = await createKnowledgeAsync(c);
      },
    );
    const otherDir = path.join(root, 'other-data');
    cpSync(FROZEN_DATA_DIR, otherDir, { recursive: true });
    let other = loadValidData(otherDir).catalog;
    await instance(
      otherDir,
      () => other.version,
      async (c) => {
        other = c;
      },
    );

    const app = await consoleApp({ afterPublish: (p) => sync.publish(p) });
    expect((await editAndPublish(await approver(app))).status).toBe(303);
    for (let i = 0; i < 100 && other.version !== live.catalog.version; i++) await new Promise((r) => setTimeout(r, 10));
    expect(other.version).toBe(live.catalog.version);
    expect(other.findItem('disaster-01')!.keywords).toContain(KEYWORD);
    expect(await readDataFiles(otherDir)).toEqual(await readDataFiles(dataDir));
  });
});
