import { randomBytes } from 'node:crypto';
import { csrfSync } from 'csrf-sync';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Role } from '../users';
import { BoundedSessionStore } from './session-store';

/**
 * The console's protections, in one place:
 * - sessions in an HttpOnly, SameSite=Strict cookie (Secure behind a TLS proxy, TRUST_PROXY),
 *   a new session id at login (no fixation), 8 hours of idleness ends it;
 * - a CSRF token per session in every form (synchroniser token, csrf-sync), and POSTs from
 *   another origin refused whatever their token (Origin / Sec-Fetch-Site);
 * - login throttling: 5 failed logins for one name within 15 minutes lock that name for 15
 *   minutes; many failures from one address slow that address too;
 * - roles checked on the server for every action, whatever the page showed.
 */
declare module 'express-session' {
  interface SessionData {
    user?: { name: string; role: Role };
    /** Messages for the next page (after a POST and its redirect). */
    flash?: { kind: 'ok' | 'error'; text: string }[];
  }
}

export const COOKIE_NAME = 'ageo_console';
export const SESSION_IDLE_MS = 8 * 60 * 60_000;
export const LOGIN_LOCK = { failures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 } as const;
/** Failed logins from one address within the window before it is refused for a while. */
export const ADDRESS_LOCK = { failures: 30, windowSeconds: 15 * 60, lockSeconds: 15 * 60 } as const;
/** The form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';

export interface ConsoleSecurity {
  session: RequestHandler;
  /** Refuses (403) a state-changing request without this session's token or from elsewhere. */
  checkPost: RequestHandler;
  /** The token for this session's forms. */
  token(req: Request): string;
  /** Lock state of a login name and address: seconds left, or 0. */
  lockedFor(name: string, address: string): Promise<number>;
  /** Counts one failed login; resolves to true when this failure locked the name. */
  failed(name: string, address: string): Promise<boolean>;
  succeeded(name: string): Promise<void>;
}

/**
 * Where console sessions live, and the key that signs their cookies. By default both stay in this
 * process (a restart asks staff to log in again); several instances behind one address share both
 * (redis/redis-sessions.ts), or a login on one would not be known to the others.
 */
export interface ConsoleSessions {
  store: session.Store;
  /** The cookie-signing key: asked for at the first request (and again after a failure). */
  secret(): Promise<string>;
}

/** Sessions in this process's memory, signed with a key made at start. */
export function memorySessions(): ConsoleSessions {
  const secret = randomBytes(32).toString('hex');
  return { store: new BoundedSessionStore(), secret: () => Promise.resolve(secret) };
}

export function createConsoleSecurity(opts: {
  trustProxy: boolean;
  forbidden: (req: Request, res: Response) => void;
  sessions?: ConsoleSessions;
}): ConsoleSecurity {
  const sessions = opts.sessions ?? memorySessions();
  const build = (secret: string): RequestHandler =>
    session({
      name: COOKIE_NAME,
      secret,
      store: sessions.store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'strict', secure: opts.trustProxy, maxAge: SESSION_IDLE_MS, path: '/' },
    });
  let built: Promise<RequestHandler> | null = null;
  const sessionMiddleware: RequestHandler = (req, res, next) => {
    built ??= sessions.secret().then(build, (err: unknown) => {
      built = null;
      throw err;
    });
    built.then((middleware) => middleware(req, res, next), next);
  };
  const csrf = csrfSync({
    getTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const value = body?.[CSRF_FIELD] ?? req.headers['x-csrf-token'];
      return typeof value === 'string' ? value : undefined;
    },
  });
  const byName = new RateLimiterMemory({
    keyPrefix: 'login-name',
    points: LOGIN_LOCK.failures,
    duration: LOGIN_LOCK.windowSeconds,
    blockDuration: LOGIN_LOCK.lockSeconds,
  });
  const byAddress = new RateLimiterMemory({
    keyPrefix: 'login-address',
    points: ADDRESS_LOCK.failures,
    duration: ADDRESS_LOCK.windowSeconds,
    blockDuration: ADDRESS_LOCK.lockSeconds,
  });
  const nameKey = (name: string): string => name.trim().toLowerCase().slice(0, 64);
  const left = async (limiter: RateLimiterMemory, key: string, points: number): Promise<number> => {
    const r = await limiter.get(key);
    return r && r.consumedPoints >= points ? Math.ceil(r.msBeforeNext / 1000) : 0;
  };

  const sameOrigin = (req: Request): boolean => {
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const host = req.headers.host;
    return origin === `${req.protocol}://${host}` || (opts.trustProxy && origin === `https://${host}`);
  };

  return {
    session: sessionMiddleware,
    checkPost(req, res, next: NextFunction) {
      if (req.method === 'GET' || req.method === 'HEAD') return next();
      if (!sameOrigin(req) || !csrf.isRequestValid(req)) return opts.forbidden(req, res);
      next();
    },
    token: (req) => csrf.generateToken(req),
    async lockedFor(name, address) {
      return Math.max(
        await left(byName, nameKey(name), LOGIN_LOCK.failures),
        await left(byAddress, address, ADDRESS_LOCK.failures),
      );
    },
    async failed(name, address) {
      // The failure that reaches the limit starts a full lock (not just the rest of the window).
      const spend = async (
        limiter: RateLimiterMemory,
        key: string,
        lock: { failures: number; lockSeconds: number },
      ) => {
        const r = await limiter.consume(key).catch((rejected: unknown) => rejected as { consumedPoints: number });
        if (r.consumedPoints < lock.failures) return false;
        await limiter.block(key, lock.lockSeconds);
        return true;
      };
      await spend(byAddress, address, ADDRESS_LOCK);
      return spend(byName, nameKey(name), LOGIN_LOCK);
    },
    async succeeded(name) {
      await byName.delete(nameKey(name));
    },
  };
}

/** Regenerates the session id and stores the user (call at login). */
export function startSession(req: Request, user: { name: string; role: Role }): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err as Error);
      req.session.user = user;
      resolve();
    });
  });
}

export function endSession(req: Request): Promise<void> {
  return new Promise((resolve) => req.session.destroy(() => resolve()));
}

export function flash(req: Request, kind: 'ok' | 'error', text: string): void {
  req.session.flash = [...(req.session.flash ?? []), { kind, text }];
}

export function takeFlash(req: Request): { kind: 'ok' | 'error'; text: string }[] {
  const f = req.session.flash ?? [];
  if (f.length) delete req.session.flash;
  return f;
}
