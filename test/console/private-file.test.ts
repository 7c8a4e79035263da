import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileLockTimeoutError, withFileLock, writePrivateFileAtomic } from '../../src/console/private-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'private-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writePrivateFileAtomic', () => {
  test('replaces the file whole, mode 0600 under umask 000, no temporary file left', async () => {
    const old = process.umask(0);
    try {
      const file = path.join(dir, 'users.json');
      writeFileSync(file, 'old', { mode: 0o644 });
      await writePrivateFileAtomic(file, 'new\n');
      expect(readFileSync(file, 'utf8')).toBe('new\n');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readdirSync(dir)).toEqual(['users.json']);
    } finally {
      process.umask(old);
    }
  });
});

describe('withFileLock', () => {
  const lock = (): string => path.join(dir, 'x.lock');

  test('a second holder waits for the first', async () => {
    const order: string[] = [];
    let release!: () => void;
    const first = withFileLock(lock(), async () => {
      order.push('first in');
      await new Promise<void>((r) => (release = r));
      order.push('first out');
    });
    await new Promise((r) => setTimeout(r, 20));
    const second = withFileLock(lock(), async () => void order.push('second'));
    await new Promise((r) => setTimeout(r, 50));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second']);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a lock left by a crashed process is taken over once stale; a live one times out', async () => {
    writeFileSync(lock(), '99999\n');
    await expect(withFileLock(lock(), async () => 'ran', { waitMs: 50, staleMs: 10_000 })).rejects.toBeInstanceOf(
      FileLockTimeoutError,
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock(), old, old);
    await expect(withFileLock(lock(), async () => 'ran')).resolves.toBe('ran');
  });

  test('the lock is released when the work fails', async () => {
    await expect(withFileLock(lock(), () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(readdirSync(dir)).toEqual([]);
  });
});
