import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small fake of the LINE Messaging API on 127.0.0.1, written for this suite: it records every
 * call, checks the bearer token, makes reply tokens single-use, rejects what LINE rejects at the
 * envelope level (1–5 messages), and can be told to fail the next calls.
 */
export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
  status: number;
}

export interface FakeLineServer {
  baseUrl: string;
  calls: RecordedCall[];
  replies(): { replyToken: string; messages: Record<string, unknown>[] }[];
  /** The next `count` calls answer `status` with a LINE-shaped error body. */
  failNext(status: number, count?: number, message?: string): void;
  /** Resolves once `n` reply calls have been recorded (or rejects after `timeoutMs`). */
  waitForReplies(n: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeLineServer(token: string): Promise<FakeLineServer> {
  const calls: RecordedCall[] = [];
  const usedTokens = new Set<string>();
  let faults: { status: number; message: string }[] = [];
  const waiters: (() => void)[] = [];

  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const send = (status: number, body: unknown): void => {
        const call: RecordedCall = {
          method: req.method ?? '',
          path: req.url ?? '',
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body: parse(raw),
          status,
        };
        calls.push(call);
        res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': `req-${calls.length}` });
        res.end(JSON.stringify(body));
        waiters.splice(0).forEach((w) => w());
      };
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'Authentication failed' });
      const fault = faults.shift();
      if (fault) return send(fault.status, { message: fault.message });
      if (req.method === 'POST' && req.url === '/v2/bot/message/reply') {
        const body = parse(raw) as { replyToken?: unknown; messages?: unknown } | undefined;
        const messages = body?.messages;
        if (
          typeof body?.replyToken !== 'string' ||
          !Array.isArray(messages) ||
          messages.length < 1 ||
          messages.length > 5
        ) {
          return send(400, {
            message: 'The request body has 1 error(s)',
            details: [{ message: 'invalid', property: 'messages' }],
          });
        }
        if (usedTokens.has(body.replyToken)) return send(400, { message: 'Invalid reply token' });
        usedTokens.add(body.replyToken);
        return send(200, { sentMessages: messages.map((_, i) => ({ id: String(i + 1) })) });
      }
      return send(404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const replyCalls = (): RecordedCall[] => calls.filter((c) => c.path === '/v2/bot/message/reply' && c.status === 200);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    replies: () => replyCalls().map((c) => c.body as { replyToken: string; messages: Record<string, unknown>[] }),
    failNext(status, count = 1, message = 'fault') {
      for (let i = 0; i < count; i++) faults.push({ status, message });
    },
    waitForReplies(n, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${n} reply call(s), got ${replyCalls().length}`)),
          timeoutMs,
        );
        const check = (): void => {
          if (replyCalls().length >= n) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    },
    reset() {
      calls.length = 0;
      faults = [];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
