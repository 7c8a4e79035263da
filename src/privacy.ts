import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * LINE user ids are personal data: logs carry only a keyed hash, stable while the salt is,
 * so one citizen's events can be followed without knowing who they are.
 */
export type UserHasher = (userId: string | undefined) => string | undefined;

export function createUserHasher(salt: string = randomBytes(32).toString('hex')): UserHasher {
  return (userId) => (userId ? createHmac('sha256', salt).update(userId).digest('base64url').slice(0, 16) : undefined);
}

/**
 * The salt for hashing user ids when USER_ID_SALT is not set: generated once and kept in `file`
 * (mode 0600, in a 0700 folder), so hashes stay the same across restarts without anyone having
 * to invent a secret.
 */
export function loadOrCreateSalt(file: string): string {
  ensurePrivateDir(path.dirname(file));
  try {
    const salt = readFileSync(file, 'utf8').trim();
    if (salt.length >= 32) return salt;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const salt = randomBytes(32).toString('hex');
  const fd = openSync(file, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${salt}\n`);
  } finally {
    closeSync(fd);
  }
  return salt;
}

/**
 * Makes `dir` (and any missing parent) with mode 0700, for files with personal data. A folder
 * that already existed is left as it is (it may be shared on purpose, e.g. /tmp); the answer is
 * a warning to log when others can read it, else null.
 */
export function ensurePrivateDir(dir: string): string | null {
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) return null;
  const st = statSync(dir);
  if ((st.mode & 0o077) === 0 || (st.mode & 0o1000) !== 0) return null;
  return `${dir} can be read by other users (mode 0${(st.mode & 0o777).toString(8)}): chmod 700 it, it holds personal data`;
}
