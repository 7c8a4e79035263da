import {
  close,
  existsSync,
  fdatasync,
  mkdirSync,
  open,
  openSync,
  readFileSync,
  rename,
  statSync,
  write,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

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
 * Bounded: past `maxBytes` the file is rotated to NAME.1 (the previous NAME.1 is dropped), so at
 * most about twice that is kept. No user id and nothing else about the citizen is stored: only
 * the time, the outcome and the question's text (cut to 200 characters).
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
  /** Writes what is queued, then closes the file. */
  close(): Promise<void>;
}

export const UNANSWERED_DEFAULTS = { maxBytes: 5 * 1024 * 1024, maxQuestionLength: 200 } as const;

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);
const closeAsync = promisify(close);
const openAsync = promisify(open);
const renameAsync = promisify(rename);

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

export function createUnansweredLog(file: string, opts: { maxBytes?: number; now?: () => Date } = {}): UnansweredLog {
  const maxBytes = opts.maxBytes ?? UNANSWERED_DEFAULTS.maxBytes;
  const now = opts.now ?? (() => new Date());
  mkdirSync(path.dirname(file), { recursive: true });
  let fd = openSync(file, 'a');
  let size = statSync(file).size;
  // A crash may have left half a line: start on a fresh one so the next record stays readable.
  if (size > 0 && !readFileSync(file).subarray(-1).equals(Buffer.from('\n'))) {
    writeSync(fd, '\n');
    size += 1;
  }
  let queued: string[] = [];
  let waiters: Waiter[] = [];
  let flushing: Promise<void> | null = null;
  let closed = false;

  /** Writes and flushes one batch: everything queued when it starts. */
  async function flushBatch(): Promise<void> {
    const lines = queued;
    const batch = waiters;
    queued = [];
    waiters = [];
    try {
      const data = Buffer.from(lines.join(''));
      if (size > 0 && size + data.length > maxBytes) {
        await closeAsync(fd);
        await renameAsync(file, `${file}.1`);
        fd = await openAsync(file, 'a');
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
    if (flushing || !queued.length) return;
    flushing = flushBatch().finally(() => {
      flushing = null;
      schedule();
    });
  }

  return {
    record(question, outcome) {
      const q = question.replace(/\s+/gu, ' ').trim().slice(0, UNANSWERED_DEFAULTS.maxQuestionLength);
      if (!q) return Promise.resolve();
      if (closed) return Promise.reject(new Error('the unanswered-questions log is closed'));
      const line = `${JSON.stringify({ t: now().toISOString(), outcome, q } satisfies UnansweredRecord)}\n`;
      return new Promise<void>((resolve, reject) => {
        queued.push(line);
        waiters.push({ resolve, reject });
        schedule();
      });
    },
    async close() {
      closed = true;
      while (flushing) await flushing;
      await closeAsync(fd);
    },
  };
}

/** Reads the rotated and the current file, oldest first; torn or foreign lines are skipped. */
export function readUnanswered(file: string): UnansweredRecord[] {
  const records: UnansweredRecord[] = [];
  for (const f of [`${file}.1`, file]) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as Partial<UnansweredRecord>;
        if (
          typeof r.t === 'string' &&
          typeof r.q === 'string' &&
          (r.outcome === 'not-found' || r.outcome === 'suggest')
        ) {
          records.push({ t: r.t, outcome: r.outcome, q: r.q });
        }
      } catch {
        // a line torn by a crash
      }
    }
  }
  return records;
}
