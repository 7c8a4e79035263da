import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small fake of the LINE Messaging API on 127.0.0.1, for the test suite and `npm run bench`. It records every
 * call, checks the bearer token, makes reply tokens single-use and rejects what LINE rejects at
 * the envelope level (1–5 messages). It keeps rich menus (create, validate, list, get, image upload
 * with its content type and download, default, delete, aliases, per-user links, the batch that
 * moves people between menus), answers profiles (language 'ja' unless told otherwise) and can be
 * told to fail the next calls, optionally only on one path.
 */
export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
  status: number;
  retryKey?: string;
}

export interface FakeRichMenu {
  richMenuId: string;
  name: string;
  menu: Record<string, unknown>;
  image?: { contentType: string; bytes: number };
}

interface Fault {
  status: number;
  message: string;
  path?: string;
  details?: { property: string; message: string }[];
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** Instead of failing: wait this long, then answer normally (a hanging LINE). */
  delayMs?: number;
}

export interface FakeLineServer {
  baseUrl: string;
  calls: RecordedCall[];
  replies(): { replyToken: string; messages: Record<string, unknown>[] }[];
  /** Accepted push messages, with the X-Line-Retry-Key each carried. */
  pushes(): { to: string; messages: Record<string, unknown>[]; retryKey: string | undefined }[];
  /** The next `count` calls (to paths starting with `path`, if given) answer `status` with a LINE-shaped body. */
  failNext(status: number, count?: number, message?: string, path?: string, details?: Fault['details']): void;
  /** The next call answers 429 with Retry-After: `seconds`. */
  rateLimitNext(seconds: number): void;
  /** The next call is answered only after `ms`. */
  hangNext(ms: number): void;
  /** Resolves once `n` reply calls have been recorded (or rejects after `timeoutMs`). */
  waitForReplies(n: number, timeoutMs?: number): Promise<void>;
  richMenus(): FakeRichMenu[];
  /** Accepted replies so far (the only thing kept in countOnly mode). */
  replyCount(): number;
  defaultRichMenu(): string | null;
  /** Rich menu aliases: alias id → menu id. */
  aliases(): Record<string, string>;
  /** The menu linked to one user (POST /v2/bot/user/{userId}/richmenu/{id}), or null. */
  userRichMenu(userId: string): string | null;
  /** What GET /v2/bot/profile/{userId} says of `language` for this user; null: 404 (no profile). */
  setProfileLanguage(userId: string, language: string | null): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeLineServer(token: string, opts: { countOnly?: boolean } = {}): Promise<FakeLineServer> {
  const calls: RecordedCall[] = [];
  let counted = 0;
  const usedTokens = new Set<string>();
  const retryKeys = new Set<string>();
  let faults: Fault[] = [];
  const waiters: (() => void)[] = [];
  const menus = new Map<string, FakeRichMenu>();
  const images = new Map<string, Buffer>();
  const aliases = new Map<string, string>();
  const userMenus = new Map<string, string>();
  const profiles = new Map<string, string | null>();
  let defaultMenu: string | null = null;

  const server: Server = createServer((req, res) => {
    if (opts.countOnly) {
      // The load benchmark's mode: accept every authorised reply, remember nothing but the count.
      req.resume();
      req.on('end', () => {
        const ok = req.headers.authorization === `Bearer ${token}` && req.url === '/v2/bot/message/reply';
        if (ok) counted++;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(ok ? '{"sentMessages":[{"id":"1"}]}' : '{"message":"Authentication failed"}');
      });
      return;
    }
    void readBody(req).then(async (raw) => {
      const url = req.url ?? '';
      const isJson = (req.headers['content-type'] ?? '').includes('json');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}, bytes?: Buffer): void => {
        calls.push({
          method: req.method ?? '',
          path: url,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body: isJson ? parse(raw.toString('utf8')) : { bytes: raw.length },
          status,
          ...(typeof req.headers['x-line-retry-key'] === 'string' ? { retryKey: req.headers['x-line-retry-key'] } : {}),
        });
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-line-request-id': `req-${calls.length}`,
          ...headers,
        });
        res.end(bytes ?? JSON.stringify(body));
        waiters.splice(0).forEach((w) => w());
      };
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'Authentication failed' });
      const at = faults.findIndex((f) => !f.path || url.startsWith(f.path));
      const fault = at >= 0 ? faults.splice(at, 1)[0]! : undefined;
      if (fault?.delayMs !== undefined) {
        await new Promise((r) => setTimeout(r, fault.delayMs).unref());
        // The caller gave up meanwhile (its timeout, or it died): like LINE, nothing was sent
        // and a reply token stays unused.
        if (req.socket.destroyed) return;
      } else if (fault) {
        return send(
          fault.status,
          { message: fault.message, ...(fault.details ? { details: fault.details } : {}) },
          fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
        );
      }
      const body = isJson ? (parse(raw.toString('utf8')) as Record<string, unknown> | undefined) : undefined;
      const route = `${req.method} ${url}`;
      let m: RegExpExecArray | null;
      if (route === 'POST /v2/bot/message/reply') {
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
      if (route === 'POST /v2/bot/message/push') {
        const messages = body?.messages;
        if (typeof body?.to !== 'string' || !Array.isArray(messages) || messages.length < 1 || messages.length > 5)
          return send(400, { message: 'The request body has 1 error(s)' });
        const key = req.headers['x-line-retry-key'];
        if (typeof key === 'string') {
          if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(key))
            return send(400, { message: 'The value for the X-Line-Retry-Key header is invalid' });
          if (retryKeys.has(key))
            return send(
              409,
              { message: 'The retry key is already accepted' },
              { 'x-line-accepted-request-id': 'req-0' },
            );
          retryKeys.add(key);
        }
        return send(200, { sentMessages: messages.map((_, i) => ({ id: String(i + 1) })) });
      }
      if (route === 'POST /v2/bot/richmenu/validate') return send(200, {});
      if ((m = /^GET \/v2\/bot\/profile\/(U[0-9a-f]{32})$/u.exec(route))) {
        const language = profiles.has(m[1]!) ? profiles.get(m[1]!) : 'ja';
        if (language === null) return send(404, { message: 'Not found' });
        return send(200, { userId: m[1], displayName: 'テスト 利用者', language });
      }
      if (route === 'GET /v2/bot/richmenu/alias/list') {
        return send(200, {
          aliases: [...aliases].map(([richMenuAliasId, richMenuId]) => ({ richMenuAliasId, richMenuId })),
        });
      }
      if (route === 'POST /v2/bot/richmenu/alias') {
        const aliasId = String(body?.richMenuAliasId ?? '');
        const menu = menus.get(String(body?.richMenuId ?? ''));
        if (!/^[a-z0-9_-]{1,32}$/u.test(aliasId)) return send(400, { message: 'The request body has 1 error(s)' });
        if (!menu?.image) return send(400, { message: 'richmenu not found' });
        if (aliases.has(aliasId)) return send(400, { message: 'conflict richmenu alias id' });
        aliases.set(aliasId, menu.richMenuId);
        return send(200, {});
      }
      if ((m = /^(GET|POST|DELETE) \/v2\/bot\/richmenu\/alias\/([^/]+)$/u.exec(route))) {
        const aliasId = m[2]!;
        if (!aliases.has(aliasId)) return send(404, { message: 'Not found' });
        if (m[1] === 'GET') return send(200, { richMenuAliasId: aliasId, richMenuId: aliases.get(aliasId) });
        if (m[1] === 'DELETE') {
          aliases.delete(aliasId);
          return send(200, {});
        }
        const menu = menus.get(String(body?.richMenuId ?? ''));
        if (!menu?.image) return send(400, { message: 'richmenu not found' });
        aliases.set(aliasId, menu.richMenuId);
        return send(200, {});
      }
      if (route === 'POST /v2/bot/richmenu/batch') {
        const ops = Array.isArray(body?.operations) ? (body.operations as Record<string, unknown>[]) : [];
        for (const op of ops) {
          if (op.type !== 'link' || !menus.get(String(op.to))?.image)
            return send(400, { message: 'invalid operation' });
          for (const [user, id] of userMenus) if (id === op.from) userMenus.set(user, String(op.to));
        }
        return send(202, {});
      }
      if (url.startsWith('/v2/bot/richmenu/progress/batch?') && req.method === 'GET') {
        return send(200, { phase: 'succeeded', acceptedTime: new Date().toISOString() });
      }
      if ((m = /^POST \/v2\/bot\/user\/(U[0-9a-f]{32})\/richmenu\/([^/]+)$/u.exec(route))) {
        const menu = menus.get(m[2]!);
        if (!menu) return send(404, { message: 'Not found' });
        if (!menu.image) return send(400, { message: 'must upload richmenu image before applying it to user' });
        userMenus.set(m[1]!, menu.richMenuId);
        return send(200, {});
      }
      if ((m = /^GET \/v2\/bot\/user\/(U[0-9a-f]{32})\/richmenu$/u.exec(route))) {
        const id = userMenus.get(m[1]!);
        return id ? send(200, { richMenuId: id }) : send(404, { message: 'the user has no richmenu' });
      }
      if ((m = /^DELETE \/v2\/bot\/user\/(U[0-9a-f]{32})\/richmenu$/u.exec(route))) {
        userMenus.delete(m[1]!);
        return send(200, {});
      }
      if ((m = /^GET \/v2\/bot\/richmenu\/([^/]+)\/content$/u.exec(route))) {
        const menu = menus.get(m[1]!);
        const image = images.get(m[1]!);
        if (!menu?.image || !image) return send(404, { message: 'Not found' });
        return send(200, null, { 'content-type': menu.image.contentType }, image);
      }
      if (route === 'GET /v2/bot/richmenu/list') {
        return send(200, { richmenus: [...menus.values()].map((x) => ({ richMenuId: x.richMenuId, ...x.menu })) });
      }
      if (route === 'POST /v2/bot/richmenu') {
        const richMenuId = `richmenu-${randomBytes(16).toString('hex')}`;
        menus.set(richMenuId, { richMenuId, name: String(body?.name ?? ''), menu: body ?? {} });
        return send(200, { richMenuId });
      }
      if ((m = /^POST \/v2\/bot\/richmenu\/([^/]+)\/content$/u.exec(route))) {
        const menu = menus.get(m[1]!);
        if (!menu) return send(404, { message: 'Not found' });
        const type = req.headers['content-type'] ?? '';
        if (type !== 'image/png' && type !== 'image/jpeg') return send(415, { message: 'Unsupported Media Type' });
        if (menu.image) return send(400, { message: 'An image has already been uploaded to the richmenu' });
        menu.image = { contentType: type, bytes: raw.length };
        images.set(menu.richMenuId, raw);
        return send(200, {});
      }
      if ((m = /^POST \/v2\/bot\/user\/all\/richmenu\/([^/]+)$/u.exec(route))) {
        const menu = menus.get(m[1]!);
        if (!menu) return send(404, { message: 'Not found' });
        if (!menu.image) return send(400, { message: 'must upload richmenu image before applying it to user' });
        defaultMenu = menu.richMenuId;
        return send(200, {});
      }
      if (route === 'GET /v2/bot/user/all/richmenu') {
        return defaultMenu ? send(200, { richMenuId: defaultMenu }) : send(404, { message: 'no default richmenu' });
      }
      if ((m = /^GET \/v2\/bot\/richmenu\/([^/]+)$/u.exec(route)) && m[1] !== 'list') {
        const menu = menus.get(m[1]!);
        return menu ? send(200, { richMenuId: menu.richMenuId, ...menu.menu }) : send(404, { message: 'Not found' });
      }
      if ((m = /^DELETE \/v2\/bot\/richmenu\/([^/]+)$/u.exec(route))) {
        if (!menus.delete(m[1]!)) return send(404, { message: 'Not found' });
        images.delete(m[1]!);
        if (defaultMenu === m[1]) defaultMenu = null;
        // Like LINE: people linked to a deleted menu see the default one again.
        for (const [user, id] of userMenus) if (id === m[1]) userMenus.delete(user);
        return send(200, {});
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
    pushes: () =>
      calls
        .filter((c) => c.path === '/v2/bot/message/push' && c.status === 200)
        .map((c) => ({ ...(c.body as { to: string; messages: Record<string, unknown>[] }), retryKey: c.retryKey })),
    failNext(status, count = 1, message = 'fault', path, details) {
      for (let i = 0; i < count; i++)
        faults.push({ status, message, ...(path ? { path } : {}), ...(details ? { details } : {}) });
    },
    rateLimitNext(seconds) {
      faults.push({
        status: 429,
        message: 'The API rate limit has been exceeded. Try again later.',
        retryAfter: seconds,
      });
    },
    hangNext(ms) {
      faults.push({ status: 200, message: '', delayMs: ms });
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
    richMenus: () => [...menus.values()],
    replyCount: () => (opts.countOnly ? counted : replyCalls().length),
    defaultRichMenu: () => defaultMenu,
    aliases: () => Object.fromEntries(aliases),
    userRichMenu: (userId) => userMenus.get(userId) ?? null,
    setProfileLanguage(userId, language) {
      profiles.set(userId, language);
    },
    reset() {
      calls.length = 0;
      counted = 0;
      faults = [];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
