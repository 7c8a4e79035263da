import session from 'express-session';

/**
 * Console sessions, kept in memory with an upper bound (a handful of staff; a restart asks them
 * to log in again). express-session's own MemoryStore never forgets an expired session and says
 * it is not meant for production; this one drops sessions when they expire, and the oldest ones
 * first when there are too many.
 */
export class BoundedSessionStore extends session.Store {
  private readonly sessions = new Map<string, { data: string; expires: number }>();

  constructor(
    private readonly maxSessions = 1000,
    private readonly fallbackTtlMs = 8 * 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  private expiry(sess: session.SessionData): number {
    const e = sess.cookie?.expires;
    return e ? new Date(e).getTime() : this.now() + this.fallbackTtlMs;
  }

  override get = (sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void => {
    const s = this.sessions.get(sid);
    if (!s || s.expires <= this.now()) {
      this.sessions.delete(sid);
      cb(null, null);
      return;
    }
    cb(null, JSON.parse(s.data) as session.SessionData);
  };

  override set = (sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void => {
    this.sessions.delete(sid);
    this.sessions.set(sid, { data: JSON.stringify(sess), expires: this.expiry(sess) });
    while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
    cb?.();
  };

  override destroy = (sid: string, cb?: (err?: unknown) => void): void => {
    this.sessions.delete(sid);
    cb?.();
  };

  override touch = (sid: string, sess: session.SessionData, cb?: () => void): void => {
    const s = this.sessions.get(sid);
    if (s) s.expires = this.expiry(sess);
    cb?.();
  };

  /** Sessions held now (tests). */
  get size(): number {
    return this.sessions.size;
  }
}
