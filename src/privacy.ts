import { createHmac, randomBytes } from 'node:crypto';

/**
 * LINE user ids are personal data: logs carry only a keyed hash, stable while the salt is,
 * so one citizen's events can be followed without knowing who they are.
 */
export type UserHasher = (userId: string | undefined) => string | undefined;

export function createUserHasher(salt: string = randomBytes(32).toString('hex')): UserHasher {
  return (userId) => (userId ? createHmac('sha256', salt).update(userId).digest('base64url').slice(0, 16) : undefined);
}
