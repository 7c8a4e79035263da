/**
 * Small file helpers shared by the console's account store (users.ts) and its audit log
 * (audit-log.ts): both keep private files in CONSOLE_DIR, and both may be written by two
 * processes at once (the running console and `npm run staff:user`).
 *
 * - Private files are mode 0600 whatever the umask (fchmod after open), in a 0700 folder.
 * - A whole-file rewrite goes through a temporary file, fsync and rename: readers see the old
 *   file or the new one, never half of one, even after a crash.
 * - A lock file (created with O_EXCL) keeps the two processes' read-modify-write steps apart.
 *   Good enough for a handful of staff on one machine; a Redis-backed store would use its own
 *   atomic operations instead.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Mode of every file the console keeps (accounts, audit log): the bot's user only. */
export const PRIVATE_FILE_MODE = 0o600;

/** How long to wait for another process's lock, and when a lock is old enough to be a crash's leftover. */
export const FILE_LOCK = { waitMs: 5_000, staleMs: 10_000 } as const;

/** Another process held the lock for longer than FILE_LOCK.waitMs. */
export class FileLockTimeoutError extends Error {
  constructor(readonly lockFile: string) {
    super(`${lockFile} がほかの処理に使われたままです。しばらく待ってからやり直してください (lock busy).`);
    this.name = 'FileLockTimeoutError';
  }
}

/**
 * Replaces `file` with `text`: a temporary file beside it (0600, fsync'd), renamed into place,
 * then the folder fsync'd so the rename itself survives a power cut.
 */
export async function writePrivateFileAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const fh = await open(tmp, 'wx', PRIVATE_FILE_MODE);
  try {
    try {
      await fh.chmod(PRIVATE_FILE_MODE);
      await fh.writeFile(text);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(path.dirname(file));
}

/** fsync of a folder (makes a rename durable); some file systems refuse it, which is harmless. */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // not supported here (e.g. some network or Windows file systems): the data itself is synced
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding `lockFile` (created with O_EXCL, removed afterwards). Waits for
 * another holder up to `waitMs`; a lock older than `staleMs` is taken to be left by a crashed
 * process and removed. Callers in one process should also queue their own calls (this only
 * keeps processes apart, and polls).
 */
export async function withFileLock<T>(
  lockFile: string,
  fn: () => Promise<T>,
  opts: { waitMs?: number; staleMs?: number } = {},
): Promise<T> {
  const waitMs = opts.waitMs ?? FILE_LOCK.waitMs;
  const staleMs = opts.staleMs ?? FILE_LOCK.staleMs;
  const started = Date.now();
  for (;;) {
    try {
      const fh = await open(lockFile, 'wx', PRIVATE_FILE_MODE);
      try {
        await fh.writeFile(`${process.pid}\n`);
      } finally {
        await fh.close();
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lockFile).then(
        (s) => Date.now() - s.mtimeMs,
        () => null, // released meanwhile: try again at once
      );
      if (age === null) continue;
      if (age > staleMs) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() - started > waitMs) throw new FileLockTimeoutError(lockFile);
      await sleep(5 + Math.random() * 20);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/**
 * A queue of one: each call runs after the previous one settled, so steps of one process never
 * overlap (a failure does not stop the queue).
 */
export function createSerialQueue(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
