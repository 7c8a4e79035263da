import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
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

/**
 * Sealing of what the inbox keeps until an event is answered (the raw event holds the user id
 * and the message): AES-256-GCM with a key derived from the user-id key, so neither the journal
 * nor the Redis stream holds a readable user id or text. Instances sharing a Redis stream must
 * share USER_ID_SALT (they must anyway, for their hashed ids to agree).
 */
export interface Sealer {
  seal(text: string): string;
  /** The text, or null when it was not sealed with this key (or was damaged). */
  open(sealed: string): string | null;
}

export function createSealer(secret: string): Sealer {
  const key = createHash('sha256').update(`ageo-inbox-v1:${secret}`).digest();
  return {
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      try {
        const raw = Buffer.from(sealed, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
