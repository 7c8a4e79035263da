import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { createApp } from '../../src/app';
import { createHardenedServer, SERVER_LIMITS } from '../../src/http/server';
import { createRejectionLog } from '../../src/http/rejection-log';
import { REFUSED_BODY_DRAIN, WEBHOOK_BODY_LIMIT_BYTES, webhookHandlers } from '../../src/http/webhook-route';
import { createSilentLogger, type Logger } from '../../src/log';
import express from 'express';
import request from 'supertest';
import { SECRET } from '../helpers/bot-harness';
import { sign } from '../helpers/webhook';

/** The limits under test, shortened so that the tests take a second, not ten. */
const FAST = { headersTimeoutMs: 600, requestTimeoutMs: 1200, keepAliveTimeoutMs: 500, checkIntervalMs: 100 };

let server: Server;
let port: number;

async function listen(perAddress = 4): Promise<void> {
  const app = express();
  app.post('/webhook', ...webhookHandlers({ channelSecret: SECRET, accept: () => Promise.resolve() }));
  app.get('/ok', (_req, res) => res.send('ok'));
  server = createHardenedServer(app, { perAddress, limits: FAST });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Opens a raw connection, writes `data`, and resolves with what came back and how it ended. */
function raw(
  data: string | Buffer,
  opts: { waitMs?: number } = {},
): Promise<{ text: string; ended: 'closed' | 'open'; ms: number; error?: string }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let error: string | undefined;
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, ended: 'open', ms: Date.now() - t0 });
    }, opts.waitMs ?? 5000);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, ended: 'closed', ms: Date.now() - t0, ...(error ? { error } : {}) });
    });
    socket.write(data);
  });
}

describe('the public server closes what a stranger leaves hanging', () => {
  beforeEach(() => listen());

  test('a half-sent request line and headers are closed within the header timeout', async () => {
    const r = await raw('POST /webhook HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n');
    expect(r.ended).toBe('closed');
    expect(r.ms).toBeLessThan(FAST.headersTimeoutMs + 1000);
  });

  test('a body dribbled too slowly is closed within the request timeout', async () => {
    const sig = sign('{}', SECRET);
    const r = await raw(
      `POST /webhook HTTP/1.1\r\nHost: x\r\nx-line-signature: ${sig}\r\nContent-Length: 100\r\n\r\n{`,
    );
    expect(r.ended).toBe('closed');
    expect(r.ms).toBeLessThan(FAST.requestTimeoutMs + 1000);
  });

  test('headers over the size cap are answered 431 at once', async () => {
    const fat = Array.from({ length: 40 }, (_, i) => `X-Fat-${i}: ${'a'.repeat(400)}\r\n`).join('');
    const r = await raw(`GET /ok HTTP/1.1\r\nHost: x\r\n${fat}`);
    expect(r.text).toMatch(/^HTTP\/1\.1 431/u);
    expect(r.ms).toBeLessThan(FAST.headersTimeoutMs);
  });

  test('more connections from one address than the cap are refused; the others still work', async () => {
    const held = Array.from({ length: 4 }, () => net.connect(port, '127.0.0.1'));
    await Promise.all(held.map((s) => new Promise((r) => s.once('connect', r))));
    const refused = await raw('GET /ok HTTP/1.1\r\nHost: x\r\n\r\n', { waitMs: 2000 });
    expect(refused.ended).toBe('closed');
    expect(refused.text).toBe('');
    held[0]!.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const ok = await raw('GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(ok.text).toMatch(/^HTTP\/1\.1 200/u);
    for (const s of held) s.destroy();
  });

  test('the defaults are seconds, not minutes', () => {
    expect(SERVER_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(SERVER_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(SERVER_LIMITS.checkIntervalMs).toBeLessThanOrEqual(1000);
  });
});

describe('a refused body', () => {
  beforeEach(() => listen());
  const sig = sign('{}', SECRET);

  test('of a plausible size, sent in full, is read and thrown away, then answered (no reset)', async () => {
    const size = WEBHOOK_BODY_LIMIT_BYTES + 100_000;
    expect(size).toBeLessThanOrEqual(REFUSED_BODY_DRAIN.maxBytes);
    const head = `POST /webhook HTTP/1.1\r\nHost: x\r\nx-line-signature: ${sig}\r\nContent-Length: ${size}\r\n\r\n`;
    const r = await raw(Buffer.concat([Buffer.from(head), Buffer.alloc(size, 0x20)]));
    expect(r.text).toMatch(/^HTTP\/1\.1 413/u);
    expect(r.error).toBeUndefined();
  });

  test('declared far over the limit is answered at once and the connection closed unread', async () => {
    const head = `POST /webhook HTTP/1.1\r\nHost: x\r\nx-line-signature: ${sig}\r\nContent-Length: 50000000\r\n\r\n`;
    const r = await raw(`${head}{"events":[`);
    expect(r.text).toMatch(/^HTTP\/1\.1 413/u);
    expect(r.ended).toBe('closed');
    expect(r.ms).toBeLessThan(1000);
  });

  test('without a signature, on a body that never completes, is refused and closed within seconds', async () => {
    const r = await raw(`POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 520000\r\n\r\n{"events":[`);
    // 401 once the drain gives up, or 408 when the request timeout comes first
    expect(r.text).toMatch(/^HTTP\/1\.1 (401|408)/u);
    expect(r.ended).toBe('closed');
    expect(r.ms).toBeLessThan(REFUSED_BODY_DRAIN.ms + 1000);
  });
});

describe('refusals are logged as sampled summaries', () => {
  test('a flood of 401s: the first is logged, the rest counted and summarised in one line', () => {
    const lines: unknown[] = [];
    const logger = { warn: (o: unknown) => lines.push(o) } as unknown as Logger;
    const counted: string[] = [];
    const log = createRejectionLog(logger, (s, c) => counted.push(`${s}:${c}`), 60_000);
    for (let i = 0; i < 5000; i++) log.reject(401, 'bad_signature');
    log.reject(413, 'too_large');
    expect(lines).toHaveLength(2);
    log.flush();
    expect(lines).toHaveLength(3);
    expect(lines[2]).toEqual({ status: 401, code: 'bad_signature', count: 4999 });
    expect(counted).toHaveLength(5001);
    log.stop();
  });

  test('the public app wires it: unsigned requests are counted, not logged one by one', async () => {
    const lines: unknown[] = [];
    const logger = { warn: (o: unknown) => lines.push(o) } as unknown as Logger;
    const log = createRejectionLog(logger, undefined, 60_000);
    const app = createApp({
      channelSecret: SECRET,
      accept: () => Promise.resolve(),
      onRejected: (status, code) => log.reject(status, code),
      serving: () => true,
      logger: createSilentLogger(),
    });
    for (let i = 0; i < 50; i++) expect((await request(app).post('/webhook').send('{"events":[]}')).status).toBe(401);
    expect(lines).toHaveLength(1);
    log.stop();
    expect(lines).toEqual([expect.anything(), { status: 401, code: 'bad_signature', count: 49 }]);
  });
});
