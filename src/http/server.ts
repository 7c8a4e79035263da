import http, { type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The public HTTP server, hardened against one stranger taking the bot down:
 * - headers must arrive within HEADERS_TIMEOUT_MS and the whole request within REQUEST_TIMEOUT_MS
 *   (Node checks every CHECK_INTERVAL_MS: its default of 30 s let a half-open connection live
 *   85–90 s), so slowly dribbled requests are closed within seconds;
 * - headers over MAX_HEADER_BYTES are answered 431 at once (they never reach the JavaScript heap);
 * - at most MAX_CONNECTIONS connections in all, and at most `perAddress` from one address: a
 *   flood from one client is cut at the door and leaves room for LINE's connections.
 */
export const SERVER_LIMITS = {
  headersTimeoutMs: 5000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5000,
  checkIntervalMs: 500,
  maxHeaderBytes: 8192,
  maxHeadersCount: 64,
  maxConnections: 4096,
  /** LINE opens a few dozen connections at most; a reverse proxy is one address (see README). */
  perAddress: 64,
} as const;

export type ServerLimits = { -readonly [K in keyof typeof SERVER_LIMITS]: number };

export interface HardenedServerOptions {
  perAddress?: number;
  /** Other limits than SERVER_LIMITS (tests). */
  limits?: Partial<ServerLimits>;
  /** Told when a connection is refused (too many from one address, or in all). */
  onRefused?(reason: 'per_address' | 'total'): void;
}

export function createHardenedServer(app: RequestListener, opts: HardenedServerOptions = {}): Server {
  const limits: ServerLimits = { ...SERVER_LIMITS, ...opts.limits };
  const perAddress = opts.perAddress ?? limits.perAddress;
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
      maxHeaderSize: limits.maxHeaderBytes,
    },
    app,
  );
  server.maxHeadersCount = limits.maxHeadersCount;
  server.maxConnections = limits.maxConnections;
  server.on('drop', () => opts.onRefused?.('total'));
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '?';
    const n = (open.get(address) ?? 0) + 1;
    if (n > perAddress) {
      opts.onRefused?.('per_address');
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return server;
}

/** The internal server (metrics, console): the same timeouts; it listens on 127.0.0.1 by default. */
export function createInternalServer(app: RequestListener): Server {
  return http.createServer(
    {
      headersTimeout: SERVER_LIMITS.headersTimeoutMs,
      requestTimeout: SERVER_LIMITS.requestTimeoutMs * 3,
      connectionsCheckingInterval: SERVER_LIMITS.checkIntervalMs,
      maxHeaderSize: SERVER_LIMITS.maxHeaderBytes * 2,
    },
    app,
  );
}
