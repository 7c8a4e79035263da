import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, fchmodSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, type Sealer } from '../privacy';
import {
  eventId,
  isKeepable,
  MAX_ANSWER_AGE_MS,
  MAX_EVENTS_PER_WEBHOOK,
  REDELIVERY_MEMORY_MS,
  retryPause,
  type Inbox,
  type InboxEntry,
  type InboxWorker,
} from './inbox';

/**
 * The inbox on the local disk: an append-only journal (INBOX_DIR/journal.jsonl, 0600 in a 0700
 * folder). One line per accepted event (`{"k":"a","id","at","ev"}`), one per answered event
 * (`{"k":"d","id"}`). Lines are written in batches and each batch is flushed to disk
 * (fdatasync) before the webhooks whose events it holds get their 200: group commit, so a burst
 * costs one disk flush per batch, not one per event.
 *
 * At start the journal is read back: events accepted and not answered (the process died, or
 * stopped while LINE hung) are answered again. The journal is compacted (rewritten with only
 * the unanswered events, through a temporary file and rename) every 30 seconds when something
 * was answered, and at start, so the residents' messages stay on disk only until they are
 * answered. Ids of recent events (no text, no user) are kept 10 minutes to recognise
 * redelivered copies, across a restart too.
 *
 * `dir` null: the same inbox in memory only (INBOX_DIR=off; no durability; for comparison).
 */
export interface FileInboxOptions {
  onError?(err: unknown, what: string): void;
  now?: () => number;
  /** Compaction period (ms). */
  compactEveryMs?: number;
  /** Seals the events written to disk (no readable user id or text); plain JSON without. */
  sealer?: Sealer;
}

export const JOURNAL_FILE = 'journal.jsonl';

type Line =
  | { k: 'a'; id: string; at: number; ev?: unknown; se?: string }
  | { k: 'd'; id: string }
  /** An id seen recently (kept through compaction for redelivery; no content). */
  | { k: 's'; id: string; at: number };

interface Pending extends InboxEntry {
  attempts: number;
  timer?: NodeJS.Timeout;
  working: boolean;
}

export interface FileInbox extends Inbox {
  /** Events accepted and not answered yet (tests, /healthz details). */
  pendingCount(): number;
}

export function createFileInbox(dir: string | null, opts: FileInboxOptions = {}): FileInbox {
  const now = opts.now ?? Date.now;
  const onError = opts.onError ?? (() => {});
  const file = dir ? path.join(dir, JOURNAL_FILE) : null;
  const pending = new Map<string, Pending>();
  /** id → accepted at; insertion order doubles as the expiry queue. */
  const seen = new Map<string, number>();
  if (dir && file) {
    const warning = ensurePrivateDir(dir);
    if (warning) onError(new Error(warning), 'inbox folder');
    for (const line of readJournal(file)) {
      if (line.k === 'a') {
        const ev = line.se !== undefined ? unseal(line.se, opts.sealer) : line.ev;
        if (ev === undefined) {
          onError(new Error(`event ${line.id} in the journal cannot be read (USER_ID_SALT changed?)`), 'inbox');
          continue;
        }
        pending.set(line.id, { id: line.id, event: ev, acceptedAt: line.at, attempts: 0, working: false });
        seen.set(line.id, line.at);
      } else if (line.k === 'd') pending.delete(line.id);
      else seen.set(line.id, line.at);
    }
    rewriteSync(file, journalText(pending, seen, now(), opts.sealer));
  }

  let fh: FileHandle | null = null;
  let writing = false;
  let queue: { bytes: string; resolve(): void; reject(err: unknown): void }[] = [];
  let doneSinceCompaction = 0;
  let lastWriteFailed = false;
  let stopped = false;
  let closed = false;
  let worker: InboxWorker | null = null;

  const forget = (t: number): void => {
    for (const [id, at] of seen) {
      if (at > t - REDELIVERY_MEMORY_MS && seen.size <= 50_000) break;
      seen.delete(id);
    }
  };

  /** One batch at a time: write, flush, then tell everybody in the batch. */
  const kick = (): void => {
    if (writing || !queue.length || !file) return;
    writing = true;
    const batch = queue;
    queue = [];
    void (async () => {
      try {
        if (!fh) fh = await openJournal(file);
        await fh.write(batch.map((b) => b.bytes).join(''));
        await fh.datasync();
        lastWriteFailed = false;
        for (const b of batch) b.resolve();
      } catch (err) {
        lastWriteFailed = true;
        // Whatever happened to the handle, the next batch opens the file again.
        await fh?.close().catch(() => {});
        fh = null;
        for (const b of batch) b.reject(err);
      } finally {
        writing = false;
        kick();
      }
    })();
  };
  const append = (lines: Line[]): Promise<void> => {
    if (!file) return Promise.resolve();
    return new Promise((resolve, reject) => {
      queue.push({ bytes: lines.map((l) => JSON.stringify(l) + '\n').join(''), resolve, reject });
      kick();
    });
  };

  /** Rewrites the journal with only what is unanswered, between batches. */
  const compact = async (): Promise<void> => {
    if (!file || !doneSinceCompaction || closed) return;
    await new Promise<void>((resolve, reject) => {
      // Queued like a batch, so no append lands in the old file after the copy was taken.
      queue.push({ bytes: '', resolve, reject });
      kick();
    });
    if (writing) return;
    writing = true;
    try {
      await fh?.close().catch(() => {});
      fh = null;
      forget(now());
      rewriteSync(file, journalText(pending, seen, now(), opts.sealer));
      doneSinceCompaction = 0;
    } catch (err) {
      onError(err, 'inbox compaction');
    } finally {
      writing = false;
      kick();
    }
  };
  const compactTimer = setInterval(() => {
    void compact();
  }, opts.compactEveryMs ?? 30_000);
  compactTimer.unref();
  // After a failed write /healthz says 503 (a load balancer may stop sending webhooks): try the
  // journal again every few seconds, so health comes back by itself once the disk does.
  const probeTimer = setInterval(() => {
    if (lastWriteFailed && !closed) append([]).catch(() => {});
  }, 5_000);
  probeTimer.unref();

  /** Once everything is answered, the journal is rewritten within a second (nothing readable stays). */
  let soon: NodeJS.Timeout | null = null;
  const finish = (entry: Pending): void => {
    pending.delete(entry.id);
    doneSinceCompaction++;
    if (!pending.size && !soon && !closed) {
      soon = setTimeout(() => {
        soon = null;
        void compact();
      }, 1000);
      soon.unref();
    }
    append([{ k: 'd', id: entry.id }]).catch((err: unknown) => onError(err, 'inbox: marking an event answered'));
  };

  /** Accepts under way (their webhooks get a 200 when the journal has them). */
  let accepting = 0;
  let acceptsSettled: (() => void) | null = null;

  const work = (entry: Pending, retry = false): void => {
    // After stop(), what this process accepted (its 200 is sent) is still answered; only the
    // retries wait for the next start.
    if (!worker || entry.working || (retry && stopped)) return;
    entry.working = true;
    void worker
      .answer(entry)
      .catch((err: unknown) => {
        onError(err, 'inbox: answering');
        return 'retry' as const;
      })
      .then((result) => {
        entry.working = false;
        if (result === 'done') return finish(entry);
        if (now() - entry.acceptedAt > MAX_ANSWER_AGE_MS) {
          onError(new Error(`event ${entry.id} could not be answered within a day; given up`), 'inbox');
          return finish(entry);
        }
        entry.attempts++;
        if (stopped) return;
        entry.timer = setTimeout(() => work(entry, true), retryPause(entry.attempts));
        entry.timer.unref();
      });
  };

  return {
    async accept(events) {
      const t = now();
      forget(t);
      const fresh: Pending[] = [];
      for (const ev of events.slice(0, MAX_EVENTS_PER_WEBHOOK)) {
        if (!isKeepable(ev)) continue;
        const known = eventId(ev);
        if (known !== undefined && (seen.has(known) || pending.has(known))) continue;
        const id = known ?? `local-${randomUUID()}`;
        seen.set(id, t);
        fresh.push({ id, event: ev, acceptedAt: t, attempts: 0, working: false });
      }
      if (!fresh.length) return 0;
      accepting++;
      try {
        await append(fresh.map((e) => acceptLine(e, opts.sealer)));
      } catch (err) {
        // Not kept: forget the ids so that LINE's redelivery (after our 500) is accepted.
        for (const e of fresh) seen.delete(e.id);
        throw err;
      } finally {
        if (--accepting === 0) acceptsSettled?.();
      }
      for (const e of fresh) pending.set(e.id, e);
      // After the 200 has been written (the caller answers as soon as this resolves).
      setImmediate(() => {
        for (const e of fresh) work(e);
      });
      return fresh.length;
    },
    start(w) {
      worker = w;
      stopped = false;
      for (const e of [...pending.values()].sort((a, b) => a.acceptedAt - b.acceptedAt)) work(e);
    },
    healthy: () => !lastWriteFailed && !closed,
    pendingCount: () => pending.size,
    async stop() {
      stopped = true;
      for (const e of pending.values()) clearTimeout(e.timer);
      // Webhooks still being written get their 200 and their answer from this process: wait for
      // them, then for the tick that hands their entries to the worker (the caller drains next).
      if (accepting) await new Promise<void>((resolve) => (acceptsSettled = resolve));
      await new Promise((r) => setImmediate(r));
    },
    async close() {
      if (closed) return;
      clearInterval(compactTimer);
      clearInterval(probeTimer);
      if (soon) clearTimeout(soon);
      await compact();
      if (file)
        await new Promise<void>((resolve) => {
          queue.push({ bytes: '', resolve, reject: () => resolve() });
          kick();
        });
      closed = true;
      await fh?.close().catch(() => {});
      fh = null;
    },
  };
}

async function openJournal(file: string): Promise<FileHandle> {
  const fh = await open(file, 'a', 0o600);
  await fh.chmod(0o600);
  return fh;
}

/** The journal's lines; a torn last line (the process died mid-write) and junk are skipped. */
function readJournal(file: string): Line[] {
  if (!existsSync(file)) return [];
  const lines: Line[] = [];
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (!text) continue;
    try {
      const l = JSON.parse(text) as Line;
      if ((l.k === 'a' || l.k === 'd' || l.k === 's') && typeof l.id === 'string') lines.push(l);
    } catch {
      // a torn line: its batch was never flushed, so its webhook never got a 200
    }
  }
  return lines;
}

function acceptLine(e: InboxEntry, sealer: Sealer | undefined): Line {
  const ev = JSON.stringify(e.event);
  return sealer
    ? { k: 'a', id: e.id, at: e.acceptedAt, se: sealer.seal(ev) }
    : { k: 'a', id: e.id, at: e.acceptedAt, ev: e.event };
}

function unseal(sealed: string, sealer: Sealer | undefined): unknown {
  const text = sealer?.open(sealed);
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function journalText(
  pending: Map<string, InboxEntry>,
  seen: Map<string, number>,
  t: number,
  sealer: Sealer | undefined,
): string {
  let text = '';
  for (const [id, at] of seen)
    if (!pending.has(id) && at > t - REDELIVERY_MEMORY_MS) text += JSON.stringify({ k: 's', id, at }) + '\n';
  for (const e of pending.values()) text += JSON.stringify(acceptLine(e, sealer)) + '\n';
  return text;
}

/** Replaces the journal through a temporary file, fsync and rename (then the folder's fsync). */
function rewriteSync(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const d = openSync(path.dirname(file), 'r');
    try {
      fsyncSync(d);
    } finally {
      closeSync(d);
    }
  } catch {
    // some file systems refuse a folder fsync; the rename is still atomic
  }
}
