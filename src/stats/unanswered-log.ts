import {
  close,
  existsSync,
  fchmod,
  fchmodSync,
  fdatasync,
  open,
  openSync,
  readFileSync,
  rename,
  statSync,
  unlink,
  write,
  writeSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { ensurePrivateDir } from '../privacy';
import { MAX_KEPT_QUESTION, maskQuestion } from './mask-personal';

/**
 * Questions the bot could not answer ("not found") or was unsure about ("did you mean"), kept so
 * staff can add the keywords citizens used. One JSON object per line in an append-only file.
 *
 * Durability by group commit: record() queues the line and resolves once it is written and
 * flushed to disk (fdatasync), so an acknowledged record survives a crash (at most a torn last
 * line, which the reader skips). The writes and flushes run on libuv's thread pool, one at a
 * time: the lines queued meanwhile go to disk together with the next flush. A flush per question
 * on the main thread cost about a third of the bot's CPU under a burst (measured with the load
 * benchmark); this costs one flush per batch and none of the event loop's time.
 *
 * Privacy at rest: no user id, nothing else about the citizen; the question is masked (phone
 * numbers, e-mail and street addresses, postal codes, long digit runs: see mask-personal.ts) and
 * cut to 200 characters; the file is 0600 in a 0700 folder; records older than `keepDays` are
 * deleted (at start, then every few hours).
 *
 * Bounded: past `maxBytes` the file is rotated to NAME.1 (the previous NAME.1 is dropped), so at
 * most about twice that is kept.
 */
export type UnansweredOutcome = 'not-found' | 'suggest';

export interface UnansweredRecord {
  /** ISO time. */
  t: string;
  outcome: UnansweredOutcome;
  q: string;
}

export interface UnansweredLog {
  /** Resolves once the record is on disk; rejects when it could not be written. */
  record(question: string, outcome: UnansweredOutcome): Promise<void>;
  /** Deletes the records older than the retention period; resolves with how many went. */
  prune(): Promise<number>;
  /** Writes what is queued, then closes the file. */
  close(): Promise<void>;
}

export const UNANSWERED_DEFAULTS = {
  maxBytes: 5 * 1024 * 1024,
  maxQuestionLength: MAX_KEPT_QUESTION,
  keepDays: 180,
  pruneEveryMs: 6 * 60 * 60_000,
} as const;

export interface UnansweredLogOptions {
  maxBytes?: number;
  /** Records older than this are deleted. */
  keepDays?: number;
  pruneEveryMs?: number;
  now?: () => Date;
  /** Told about a failed background prune (it is retried at the next interval). */
  onError?: (err: unknown) => void;
  /** Told when the folder is readable by others (it existed before; it is left as it is). */
  onWarning?: (message: string) => void;
}

/**
 * The record kept for a question the bot could not answer: the time, the outcome and the
 * question masked and cut (see maskQuestion); null when nothing is left to keep. Every log (the
 * file here, Redis in redis/redis-unanswered.ts) stores exactly this, as one JSON object.
 */
export function buildUnansweredRecord(question: string, outcome: UnansweredOutcome, at: Date): UnansweredRecord | null {
  const q = maskQuestion(question);
  return q ? { t: at.toISOString(), outcome, q } : null;
}

/** A stored record read back (one JSON text); null when it is not one (a torn line, other data). */
export function parseUnansweredRecord(text: string): UnansweredRecord | null {
  try {
    const r = JSON.parse(text) as Partial<UnansweredRecord> | null;
    if (
      r &&
      typeof r.t === 'string' &&
      typeof r.q === 'string' &&
      (r.outcome === 'not-found' || r.outcome === 'suggest')
    )
      return { t: r.t, outcome: r.outcome, q: r.q };
  } catch {
    // a line torn by a crash
  }
  return null;
}

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);
const fchmodAsync = promisify(fchmod);
const closeAsync = promisify(close);
const openAsync = promisify(open);
const renameAsync = promisify(rename);
const unlinkAsync = promisify(unlink);

const PRIVATE_FILE = 0o600;

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

export function createUnansweredLog(file: string, opts: UnansweredLogOptions = {}): UnansweredLog {
  const maxBytes = opts.maxBytes ?? UNANSWERED_DEFAULTS.maxBytes;
  const keepMs = (opts.keepDays ?? UNANSWERED_DEFAULTS.keepDays) * 86_400_000;
  const now = opts.now ?? (() => new Date());
  const looseFolder = ensurePrivateDir(path.dirname(file));
  if (looseFolder) opts.onWarning?.(looseFolder);
  let fd = openSync(file, 'a', PRIVATE_FILE);
  // A file left by an older version (or another umask) is made private too.
  fchmodSync(fd, PRIVATE_FILE);
  let size = statSync(file).size;
  // A crash may have left half a line: start on a fresh one so the next record stays readable.
  if (size > 0 && !readFileSync(file).subarray(-1).equals(Buffer.from('\n'))) {
    writeSync(fd, '\n');
    size += 1;
  }
  let queued: string[] = [];
  let waiters: Waiter[] = [];
  let closed = false;
  /** Everything that touches the file runs here, one step at a time (writes and prunes). */
  let chain: Promise<unknown> = Promise.resolve();
  let flushScheduled = false;
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = chain.then(step);
    chain = next.catch(() => undefined);
    return next;
  };

  async function openPrivate(): Promise<void> {
    fd = await openAsync(file, 'a', PRIVATE_FILE);
    await fchmodAsync(fd, PRIVATE_FILE);
  }

  /** Writes and flushes one batch: everything queued when it starts. */
  async function flushBatch(): Promise<void> {
    flushScheduled = false;
    const lines = queued;
    const batch = waiters;
    queued = [];
    waiters = [];
    if (!lines.length) return;
    try {
      const data = Buffer.from(lines.join(''));
      if (size > 0 && size + data.length > maxBytes) {
        await closeAsync(fd);
        await renameAsync(file, `${file}.1`);
        await openPrivate();
        size = 0;
      }
      for (let off = 0; off < data.length;) off += (await writeAsync(fd, data, off, data.length - off)).bytesWritten;
      await fdatasyncAsync(fd);
      size += data.length;
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  function schedule(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    void serially(flushBatch);
  }

  /** Rewrites one file without its old lines; true when something was dropped. */
  async function pruneFile(f: string, cutoff: string): Promise<number> {
    let text: string;
    try {
      text = await readFile(f, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    const lines = text.split('\n').filter((l) => l.trim());
    // Lines start {"t":"<ISO time>", so the time compares as text without parsing JSON.
    const kept = lines.filter((l) => !l.startsWith('{"t":"') || l.slice(6, 30) >= cutoff);
    if (kept.length === lines.length) return 0;
    if (!kept.length) {
      await unlinkAsync(f);
      return lines.length;
    }
    const tmp = `${f}.tmp`;
    const out = await openAsync(tmp, 'w', PRIVATE_FILE);
    try {
      await fchmodAsync(out, PRIVATE_FILE);
      const data = Buffer.from(`${kept.join('\n')}\n`);
      for (let off = 0; off < data.length;) off += (await writeAsync(out, data, off, data.length - off)).bytesWritten;
      await fdatasyncAsync(out);
    } finally {
      await closeAsync(out);
    }
    await renameAsync(tmp, f);
    return lines.length - kept.length;
  }

  async function pruneOld(): Promise<number> {
    const cutoff = new Date(now().getTime() - keepMs).toISOString();
    let dropped = await pruneFile(`${file}.1`, cutoff);
    await closeAsync(fd);
    try {
      dropped += await pruneFile(file, cutoff);
    } finally {
      await openPrivate();
      size = statSync(file).size;
    }
    return dropped;
  }

  const prune = (): Promise<number> => serially(pruneOld);
  const report = (err: unknown): void => opts.onError?.(err);
  void prune().catch(report);
  const timer = setInterval(() => void prune().catch(report), opts.pruneEveryMs ?? UNANSWERED_DEFAULTS.pruneEveryMs);
  timer.unref();

  return {
    record(question, outcome) {
      const rec = buildUnansweredRecord(question, outcome, now());
      if (!rec) return Promise.resolve();
      if (closed) return Promise.reject(new Error('the unanswered-questions log is closed'));
      const line = `${JSON.stringify(rec)}\n`;
      return new Promise<void>((resolve, reject) => {
        queued.push(line);
        waiters.push({ resolve, reject });
        schedule();
      });
    },
    prune,
    async close() {
      closed = true;
      clearInterval(timer);
      await serially(flushBatch);
      await chain;
      await closeAsync(fd);
    },
  };
}

/** Reads the rotated and the current file, oldest first; torn or foreign lines are skipped. */
export function readUnanswered(file: string): UnansweredRecord[] {
  const records: UnansweredRecord[] = [];
  for (const f of [`${file}.1`, file]) if (existsSync(f)) parseRecords(readFileSync(f, 'utf8'), records);
  return records;
}

/** The same without holding the event loop for the reads (the staff console). */
export async function readUnansweredAsync(file: string): Promise<UnansweredRecord[]> {
  const records: UnansweredRecord[] = [];
  for (const f of [`${file}.1`, file]) {
    try {
      parseRecords(await readFile(f, 'utf8'), records);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return records;
}

function parseRecords(text: string, into: UnansweredRecord[]): void {
  for (const line of text.split('\n')) {
    const r = line.trim() ? parseUnansweredRecord(line) : null;
    if (r) into.push(r);
  }
}
