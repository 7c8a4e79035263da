import {
  closeSync,
  existsSync,
  fdatasyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
  mkdirSync,
} from 'node:fs';
import path from 'node:path';

/**
 * Questions the bot could not answer ("not found") or was unsure about ("did you mean"), kept so
 * staff can add the keywords citizens used. One JSON object per line in an append-only file,
 * written and flushed to disk (fdatasync) before record() returns, so a crash loses no recorded
 * question (at most a torn last line, which the reader skips). Bounded: past `maxBytes` the file
 * is rotated to NAME.1 (the previous NAME.1 is dropped), so at most twice that is kept.
 * No user id and nothing else about the citizen is stored: only the time, the outcome and the
 * question's text (cut to 200 characters).
 */
export type UnansweredOutcome = 'not-found' | 'suggest';

export interface UnansweredRecord {
  /** ISO time. */
  t: string;
  outcome: UnansweredOutcome;
  q: string;
}

export interface UnansweredLog {
  record(question: string, outcome: UnansweredOutcome): void;
  close(): void;
}

export const UNANSWERED_DEFAULTS = { maxBytes: 5 * 1024 * 1024, maxQuestionLength: 200 } as const;

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
  return {
    record(question, outcome) {
      const q = question.replace(/\s+/gu, ' ').trim().slice(0, UNANSWERED_DEFAULTS.maxQuestionLength);
      if (!q) return;
      const line = `${JSON.stringify({ t: now().toISOString(), outcome, q } satisfies UnansweredRecord)}\n`;
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) {
        closeSync(fd);
        renameSync(file, `${file}.1`);
        fd = openSync(file, 'a');
        size = 0;
      }
      writeSync(fd, line);
      fdatasyncSync(fd);
      size += bytes;
    },
    close() {
      closeSync(fd);
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
