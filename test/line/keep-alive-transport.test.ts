import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messagingApi } from '@line/bot-sdk';
import { installKeepAliveTransport } from '../../src/line/keep-alive-transport';

let server: Server;
let base: string;
let connections = 0;
let delayMs = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-line-request-id': 'abc' });
        res.end(JSON.stringify({ sentMessages: [{ id: '1' }], got: req.headers['content-length'] }));
      }, delayMs);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));
afterEach(() => {
  delayMs = 0;
});

describe('keep-alive transport for the LINE SDK', () => {
  test('SDK calls to LINE go over reused connections and read like fetch responses', async () => {
    const uninstall = installKeepAliveTransport({ origins: [base], timeoutMs: 2000, maxSockets: 4 });
    try {
      const client = new messagingApi.MessagingApiClient({ channelAccessToken: 't', baseURL: base });
      connections = 0;
      for (let i = 0; i < 10; i++) {
        const res = await client.replyMessageWithHttpInfo({
          replyToken: `r${i}`,
          messages: [{ type: 'text', text: 'こんにちは' }],
        });
        expect(res.httpResponse.status).toBe(200);
        expect(res.httpResponse.headers.get('x-line-request-id')).toBe('abc');
        expect(res.body).toMatchObject({ sentMessages: [{ id: '1' }] });
      }
      expect(connections).toBe(1);
    } finally {
      uninstall();
    }
  });

  test('a silent LINE is cut off at the timeout', async () => {
    const uninstall = installKeepAliveTransport({ origins: [base], timeoutMs: 200, maxSockets: 4 });
    try {
      delayMs = 1000;
      const t0 = Date.now();
      await expect(fetch(`${base}/v2/bot/message/reply`, { method: 'POST', body: '{}' })).rejects.toThrow(
        /within 200 ms/u,
      );
      expect(Date.now() - t0).toBeLessThan(900);
    } finally {
      uninstall();
    }
  });

  test('other origins and uninstalling leave the original fetch in charge', async () => {
    const original = globalThis.fetch;
    const uninstall = installKeepAliveTransport({ origins: ['https://api.line.me'], timeoutMs: 2000, maxSockets: 4 });
    expect(globalThis.fetch).not.toBe(original);
    const res = await fetch(`${base}/x`);
    expect(res.status).toBe(200);
    uninstall();
    expect(globalThis.fetch).toBe(original);
  });
});
