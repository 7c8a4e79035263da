import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { createKnowledgeAsync } from '../../src/compose';
import { createConsole } from '../../src/console';
import { createFileUserStore } from '../../src/console/users';
import { createSilentLogger } from '../../src/log';
import type { Knowledge } from '../../src/bot/handler-context';
import { COOKIE_SECRET_KEY, createRedisConsoleSessions, SESSION_KEY_PREFIX } from '../../src/redis/redis-sessions';
import { loadValidData } from '../../src/valid-data';
import { REPO_ROOT } from '../helpers/bot-harness';
import { useTestRedis } from '../helpers/redis-fixture';
import { describeWithRedis } from '../helpers/redis-server';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'data-2026');
const PASSWORD = 'correct horse battery';

describeWithRedis('console sessions in Redis (several instances serve the console)', () => {
  const fx = useTestRedis();
  let root: string;
  let live: Knowledge;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'redis-sessions-'));
    await createFileUserStore(path.join(root, 'console')).add('editor1', 'editor', PASSWORD);
    cpSync(FIXTURE, path.join(root, 'data'), { recursive: true });
    live = await createKnowledgeAsync(loadValidData(path.join(root, 'data')).catalog);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** One instance's console (its own process in production: here its own app and client). */
  async function instance(client = fx.client): Promise<express.Express> {
    const staff = createConsole({
      consoleDir: path.join(root, 'console'),
      dataDir: path.join(root, 'data'),
      trustProxy: false,
      logger: createSilentLogger(),
      published: () => live,
      buildKnowledge: (c) => createKnowledgeAsync(c),
      onPublished: async () => undefined,
      unanswered: async () => [],
      sessions: createRedisConsoleSessions(client),
    });
    const app = express();
    app.use(staff.router);
    return app;
  }

  const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/u.exec(html)?.[1] ?? '';

  async function login(app: express.Express): Promise<string> {
    const page = await request(app).get('/login');
    const cookie = String(page.headers['set-cookie'] ?? '').split(';')[0]!;
    const res = await request(app)
      .post('/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: tokenOf(page.text), name: 'editor1', password: PASSWORD });
    expect(res.status).toBe(303);
    return String(res.headers['set-cookie']).split(';')[0]!;
  }

  test('a login on one instance is valid on another; a logout on that one ends it on both', async () => {
    const a = await instance();
    const b = await instance(await fx.connect());
    const cookie = await login(a);
    const onB = await request(b).get('/inbox').set('Cookie', cookie);
    expect(onB.status).toBe(200);
    expect(onB.text).toContain('editor1');
    // A form from one instance is accepted by the other (the CSRF token lives in the session).
    const out = await request(b)
      .post('/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: tokenOf(onB.text) });
    expect([out.status, out.headers.location]).toEqual([303, '/login']);
    const onA = await request(a).get('/inbox').set('Cookie', cookie);
    expect([onA.status, onA.headers.location]).toEqual([303, '/login']);
  });

  test('Redis holds the sessions (8 hours of idleness) and one shared cookie key; no password', async () => {
    const a = await instance();
    await login(a);
    const keys = await fx.client.keys('*');
    const sessions = keys.filter((k) => k.startsWith(SESSION_KEY_PREFIX));
    expect(sessions).toHaveLength(1);
    expect(keys.sort()).toEqual([COOKIE_SECRET_KEY, sessions[0]].sort());
    const ttl = await fx.client.ttl(sessions[0]!);
    expect(ttl).toBeGreaterThan(8 * 3600 - 60);
    expect(ttl).toBeLessThanOrEqual(8 * 3600);
    expect(await fx.client.get(sessions[0]!)).not.toContain(PASSWORD);
  });

  test('Redis down: the console answers with its error page (no crash, no hang); back up: log in again', async () => {
    const a = await instance();
    const cookie = await login(a);
    await fx.kill();
    const started = Date.now();
    const down = await request(a).get('/inbox').set('Cookie', cookie);
    expect(down.status).toBe(500);
    expect(Date.now() - started).toBeLessThan(3000);
    await fx.redis.restart(); // empty: sessions are gone, the instances keep their cookie key
    await fx.ready();
    const after = await request(a).get('/inbox').set('Cookie', cookie);
    expect([after.status, after.headers.location]).toEqual([303, '/login']);
    expect(
      (
        await request(a)
          .get('/inbox')
          .set('Cookie', await login(a))
      ).status,
    ).toBe(200);
  });
});
