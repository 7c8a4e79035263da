import http from 'node:http';
import https from 'node:https';

/**
 * The HTTP under the bot's replies: keep-alive connections to LINE's API host (node:http(s) with a
 * bounded agent), a bearer token, a per-request timeout that really aborts, and bodies written as
 * ready-made bytes. Replies are the bot's hot path: under a burst of citizens every microsecond
 * here is paid thousands of times a second, so the JSON of each card is encoded once and reused
 * (see line-client.ts) instead of being serialised again by the SDK for every citizen.
 */
export interface LineHttpOptions {
  /** LINE_API_BASE_URL (https://api.line.me, or a fake server's URL in tests). */
  baseUrl: string;
  channelAccessToken: string;
  /** Most open connections to LINE. */
  maxSockets: number;
}

export interface LineHttpResponse {
  status: number;
  /** A response header (lower-case name), or undefined. */
  header(name: string): string | undefined;
  body: string;
}

export interface LineHttp {
  /** POSTs the JSON body made of `chunks`; rejects with a TimeoutError after `timeoutMs`. */
  postJson(
    path: string,
    chunks: readonly Buffer[],
    timeoutMs: number,
    headers?: Readonly<Record<string, string>>,
  ): Promise<LineHttpResponse>;
  close(): void;
}

export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer from LINE within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

export const LINE_HTTP_DEFAULTS = { maxSockets: 64 } as const;

export function createLineHttp(opts: LineHttpOptions): LineHttp {
  const base = new URL(opts.baseUrl);
  const secure = base.protocol === 'https:';
  const lib = secure ? https : http;
  const agent = new lib.Agent({
    keepAlive: true,
    maxSockets: opts.maxSockets,
    maxFreeSockets: opts.maxSockets,
    scheduling: 'lifo',
  });
  const prefix = base.pathname.replace(/\/$/u, '');
  const authorization = `Bearer ${opts.channelAccessToken}`;

  return {
    postJson(path, chunks, timeoutMs, extraHeaders) {
      let length = 0;
      for (const c of chunks) length += c.length;
      return new Promise<LineHttpResponse>((resolve, reject) => {
        const req = lib.request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            path: prefix + path,
            method: 'POST',
            agent,
            headers: {
              authorization,
              'content-type': 'application/json; charset=utf-8',
              'content-length': length,
              'user-agent': 'ageo-pledge-bot',
              ...extraHeaders,
            },
          },
          (res) => {
            const parts: Buffer[] = [];
            res.on('data', (c: Buffer) => parts.push(c));
            res.on('error', fail);
            res.on('end', () => {
              clearTimeout(timer);
              const headers = res.headers;
              resolve({
                status: res.statusCode ?? 0,
                header: (name) => {
                  const v = headers[name];
                  return Array.isArray(v) ? v.join(', ') : v;
                },
                body: parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8'),
              });
            });
          },
        );
        const timer = setTimeout(() => req.destroy(new TimeoutError(timeoutMs)), timeoutMs);
        function fail(err: Error): void {
          clearTimeout(timer);
          reject(err);
        }
        req.on('error', fail);
        for (const c of chunks) req.write(c);
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}
