import http from 'node:http';
import https from 'node:https';

/**
 * The HTTP transport under the LINE SDK. The SDK's clients call the global `fetch`, which on
 * Node 20 costs about 4× the CPU of node:http for the same request (measured: ~275 µs against
 * ~90 µs per reply with this transport, `npm run bench`); under a burst of citizens that is the
 * bot's main cost. This installs a `fetch` that sends requests to LINE's API hosts through
 * node:http(s) with keep-alive agents, a socket timeout that really aborts, and a bounded number
 * of connections; every other request (and anything this transport does not handle, such as
 * streamed bodies) goes to the original fetch unchanged.
 */
export interface KeepAliveOptions {
  /** Origins served by this transport, e.g. https://api.line.me and https://api-data.line.me. */
  origins: string[];
  /** Abort a request that has been silent this long. */
  timeoutMs: number;
  /** Most open connections per origin. */
  maxSockets: number;
}

export const KEEP_ALIVE_DEFAULTS = { timeoutMs: 10_000, maxSockets: 64 } as const;

type FetchFn = typeof fetch;

export function installKeepAliveTransport(opts: KeepAliveOptions): () => void {
  const original: FetchFn = globalThis.fetch;
  const origins = new Set(opts.origins.map((o) => new URL(o).origin));
  const agentOptions = {
    keepAlive: true,
    maxSockets: opts.maxSockets,
    maxFreeSockets: opts.maxSockets,
    scheduling: 'lifo' as const,
  };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const transport: FetchFn = (input, init) => {
    const url = input instanceof URL ? input : typeof input === 'string' ? new URL(input) : null;
    const body = init?.body;
    const simpleBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    if (!url || !origins.has(url.origin) || !simpleBody || init?.signal) return original(input, init);
    return send(url, init ?? {}, body as string | Uint8Array | null | undefined);
  };

  function send(url: URL, init: RequestInit, body: string | Uint8Array | null | undefined): Promise<Response> {
    return new Promise((resolve, reject) => {
      const headers = new Headers(init.headers);
      if (body !== undefined && body !== null) headers.set('content-length', String(Buffer.byteLength(body)));
      const lib = url.protocol === 'https:' ? https : http;
      const req = lib.request(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(headers),
          agent: agents[url.protocol as 'http:' | 'https:'],
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => resolve(toResponse(res, Buffer.concat(chunks))));
        },
      );
      req.setTimeout(opts.timeoutMs, () =>
        req.destroy(new Error(`no answer from ${url.origin} within ${opts.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  }

  globalThis.fetch = transport;
  return () => {
    if (globalThis.fetch === transport) globalThis.fetch = original;
    agents['http:'].destroy();
    agents['https:'].destroy();
  };
}

/**
 * A Response for what LINE answers. JSON answers (every Messaging API call the bot makes) get a
 * light object with what the SDK reads (ok, status, statusText, headers.get, text, json): building
 * a full web Response costs more than the request itself. Anything else (images) is a real one.
 */
function toResponse(res: http.IncomingMessage, body: Buffer): Response {
  const status = res.statusCode ?? 0;
  const statusText = res.statusMessage ?? '';
  const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
  const type = String(res.headers['content-type'] ?? '');
  if (noBody || !type.includes('json')) {
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
      else if (v !== undefined) headers.set(k, v);
    }
    return new Response(noBody ? null : body, { status, statusText, headers });
  }
  const headers = {
    get: (name: string): string | null => {
      const v = res.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
    has: (name: string): boolean => res.headers[name.toLowerCase()] !== undefined,
    forEach: (fn: (value: string, key: string) => void): void => {
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) fn(Array.isArray(v) ? v.join(', ') : v, k);
    },
  };
  const text = body.toString('utf8');
  const light = {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    headers,
    url: '',
    redirected: false,
    bodyUsed: false,
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
    arrayBuffer: () => Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)),
    get body(): ReadableStream<Uint8Array> {
      return new Response(body).body!;
    },
  };
  return light as unknown as Response;
}
