import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
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
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
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
