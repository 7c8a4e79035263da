import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { JOURNAL_FILE } from '../../src/bot/file-inbox';
import { SECRET, startHarness, TOKEN, type Harness } from '../helpers/bot-harness';
import { startFakeLineServer, type FakeLineServer } from '../helpers/fake-line-server';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';
import { redelivered, sign, textEvent, webhookBody } from '../helpers/webhook';

/**
 * The durable inbox seen from outside: a webhook is answered 200 only once its events are on
 * disk, 500 when they cannot be kept (LINE then sends them again), and a bot killed while
 * answering answers every accepted event exactly once after its restart.
 */
const post = (app: Parameters<typeof request>[0], events: Record<string, unknown>[]) => {
  const body = webhookBody(events);
  return request(app)
    .post('/webhook')
    .set('x-line-signature', sign(body, SECRET))
    .set('content-type', 'application/json')
    .send(body);
};

describe('the webhook and the journal', () => {
  let h: Harness;
  let inboxDir: string;
  beforeEach(async () => {
    inboxDir = mkdtempSync(path.join(tmpdir(), 'inbox-http-'));
    h = await startHarness({ INBOX_DIR: inboxDir });
  });
  afterEach(async () => {
    await h.close();
    rmSync(inboxDir, { recursive: true, force: true });
  });

  test('events that cannot be stored get 500 (LINE sends them again); the copy is then accepted and answered once', async () => {
    // The journal's place is taken by a folder: nothing can be appended.
    rmSync(path.join(inboxDir, JOURNAL_FILE), { force: true });
    mkdirSync(path.join(inboxDir, JOURNAL_FILE));
    const event = textEvent('防災');
    const refused = await post(h.app, [event]);
    expect(refused.status).toBe(500);
    expect(refused.body).toMatchObject({ error: 'not_stored' });
    expect((await request(h.app).get('/healthz')).status).toBe(503);
    rmSync(path.join(inboxDir, JOURNAL_FILE), { recursive: true });

    const copy = redelivered(event);
    expect((await post(h.app, [copy])).status).toBe(200);
    expect((await post(h.app, [redelivered(event)])).status).toBe(200);
    await h.line.waitForReplies(1);
    await h.bot.runner.drain();
    expect(h.line.replies().filter((r) => r.replyToken === event.replyToken)).toHaveLength(1);
    expect((await request(h.app).get('/healthz')).status).toBe(200);
  });

  test('an event whose reply token has run out is answered by push, once, with a retry key', async () => {
    const event = { ...textEvent('こども医療費'), timestamp: Date.now() - 55_000 };
    expect((await post(h.app, [event])).status).toBe(200);
    for (let i = 0; i < 50 && !h.line.pushes().length; i++) await new Promise((r) => setTimeout(r, 50));
    await h.bot.runner.drain();
    const pushes = h.line.pushes();
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.to).toBe((event as unknown as { source: { userId: string } }).source.userId);
    expect(pushes[0]!.retryKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(h.line.replies()).toHaveLength(0);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function healthy(port: number, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the bot on ${port} did not become healthy`);
}

describe('a crash (SIGKILL of the real process) loses no accepted event', () => {
  let line: FakeLineServer;
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    line = await startFakeLineServer(TOKEN);
    dir = mkdtempSync(path.join(tmpdir(), 'inbox-crash-'));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await line.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const startBot = async (port: number): Promise<ChildProcess> => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/src/main.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        ADMIN_PORT: 'off',
        LINE_CHANNEL_SECRET: SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
        LINE_API_BASE_URL: line.baseUrl,
        LINE_DATA_API_BASE_URL: line.baseUrl,
        DATA_DIR: FROZEN_DATA_DIR,
        INBOX_DIR: path.join(dir, 'inbox'),
        UNANSWERED_LOG: 'off',
        USER_ID_SALT: 'test-salt',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    children.push(child);
    await healthy(port);
    return child;
  };

  test('events accepted while LINE was slow are answered by the restarted process, each exactly once', async () => {
    const port = await freePort();
    const first = await startBot(port);
    // LINE holds the first process's replies: they are under way when it dies.
    for (let i = 0; i < 4; i++) line.hangNext(5000);
    const events = ['防災', 'こども医療費', 'ふるさと納税', 'ハザードマップ'].map((q) => textEvent(q));
    for (const e of events) {
      const body = webhookBody([e]);
      const res = await fetch(`http://127.0.0.1:${port}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, SECRET) },
        body,
      });
      expect(res.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 300));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(line.replies()).toHaveLength(0);

    await startBot(port);
    await line.waitForReplies(4, 15_000);
    await new Promise((r) => setTimeout(r, 500));
    for (const e of events) expect(line.replies().filter((r) => r.replyToken === e.replyToken)).toHaveLength(1);
    expect(line.pushes()).toHaveLength(0);
  }, 60_000);
});
