/**
 * The staff console's accounts: who may log in, with which role, kept in CONSOLE_DIR/users.json.
 *
 * What is kept: per account its name, role, an Argon2id hash of its password (never the password;
 * OWASP's parameters, see ARGON2_OPTIONS) and when it was created and last changed. Nothing
 * about residents.
 *
 * Why a file: a handful of staff on one machine, managed from the command line
 * (`npm run staff:user`) as well as from the console's 「ユーザー管理」 page. The running console
 * sees an account the command added without a restart: every call stats the file (cheap) and
 * reads it again when it changed. Each change reads the file again right before writing (under a
 * lock file, so the command and the console do not lose each other's change) and replaces it
 * atomically (0600, in a 0700 folder). The store is behind the async UserStore interface so
 * that a Redis-backed one can replace it later without touching the callers.
 *
 * Mistakes of the person typing (a short password, a taken name, the last admin removed) are
 * UserStoreError with a Japanese message that says what to do, and a code for programs.
 */
import { hash, verify as verifyHash, type Algorithm } from '@node-rs/argon2';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir } from '../privacy';
import { createSerialQueue, withFileLock, writePrivateFileAtomic } from './private-file';

/** editor: edits the draft. approver: also publishes and rolls back. admin: also manages accounts. */
export const ROLES = ['editor', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles as staff read them on screen. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = { editor: '編集者', approver: '承認者', admin: '管理者' };

export type ConsoleAction = 'edit' | 'publish' | 'manage-users' | 'view-audit';

/** Which roles may do what (checked on the server for every request, whatever the page showed). */
export const PERMISSIONS: Readonly<Record<ConsoleAction, readonly Role[]>> = {
  edit: ['editor', 'approver', 'admin'],
  publish: ['approver', 'admin'],
  'manage-users': ['admin'],
  /** Every staff member: the log is how they see who changed what (its link is in every menu). */
  'view-audit': ['editor', 'approver', 'admin'],
};

/** May `role` do `action`? */
export function can(role: Role, action: ConsoleAction): boolean {
  return PERMISSIONS[action].includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Password length in Unicode code points (a kanji or an emoji counts as one). */
export const PASSWORD_LIMITS = { min: 12, max: 256 } as const;

/** Account names: ASCII letters, digits, dot, underscore, hyphen; 1–32 of them. */
export const NAME_SHAPE = /^[A-Za-z0-9._-]{1,32}$/u;

/** Argon2id with OWASP's minimum (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  // A const enum in the typings (isolatedModules cannot read it); 2 is Argon2id.
  algorithm: 2 as Algorithm,
} as const;

/**
 * A hash of a random password nobody knows, with ARGON2_OPTIONS: verify() checks a password for
 * an unknown name against it, so that an unknown name costs as much time as a wrong password.
 */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$TSCOb+6ocjKXFRVKywdW4w$jnonurQ7PlnlprHG8bBjOFifzhLCC4IzrfUsFr9aghs';

export const USERS_FILE_NAME = 'users.json';

/** An account as callers see it (the hash stays inside the store). */
export interface User {
  name: string;
  role: Role;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
}

export type UserStoreErrorCode =
  | 'name-invalid'
  | 'password-too-short'
  | 'password-too-long'
  | 'password-is-name'
  | 'role-invalid'
  | 'name-taken'
  | 'not-found'
  | 'last-admin'
  | 'file-invalid';

/** A refused change (the message, in Japanese, says why and what to do) or an unreadable users.json. */
export class UserStoreError extends Error {
  constructor(
    readonly code: UserStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserStoreError';
  }
}

/** The problem with a name, in Japanese, or null when it is fine. */
export function checkName(name: string): string | null {
  return NAME_SHAPE.test(name)
    ? null
    : 'ユーザー名は半角の英字・数字と . _ - だけで、1〜32 文字にしてください (例: tanaka.h)。';
}

/** The problem with a password, or null when it is fine. */
export function checkPassword(password: string, name?: string): { code: UserStoreErrorCode; message: string } | null {
  const length = [...password].length;
  if (length < PASSWORD_LIMITS.min)
    return {
      code: 'password-too-short',
      message: `パスワードは ${PASSWORD_LIMITS.min} 文字以上にしてください。`,
    };
  if (length > PASSWORD_LIMITS.max)
    return {
      code: 'password-too-long',
      message: `パスワードは ${PASSWORD_LIMITS.max} 文字以内にしてください。`,
    };
  if (name !== undefined && password.toLowerCase() === name.toLowerCase())
    return { code: 'password-is-name', message: 'ユーザー名と同じパスワードは使えません。' };
  return null;
}

const ROLE_PROBLEM = `役割は ${ROLES.map((r) => `${r} (${ROLE_LABELS[r]})`).join('・')} のどれかにしてください。`;

/**
 * The accounts. Async from the start, so that another backend (Redis) fits behind it. Names are
 * found case-insensitively (they are unique that way); results carry the name as it was added.
 */
export interface UserStore {
  /** Adds an account; UserStoreError when the name, role or password is refused. */
  add(name: string, role: Role, password: string): Promise<User>;
  /** Removes an account; refused for the last admin. */
  remove(name: string): Promise<void>;
  resetPassword(name: string, password: string): Promise<User>;
  /** Changes a role; refused when it would leave no admin. */
  setRole(name: string, role: Role): Promise<User>;
  /** All accounts, in the order they were added. */
  list(): Promise<User[]>;
  /** One account, or null (e.g. to end the session of an account removed meanwhile). */
  get(name: string): Promise<User | null>;
  /**
   * The account when `password` is its password, else null. Takes about the same time for an
   * unknown name as for a wrong password.
   */
  verify(name: string, password: string): Promise<User | null>;
}

interface StoredUser extends User {
  /** Argon2id PHC string. */
  hash: string;
}

interface UsersFile {
  version: 1;
  users: StoredUser[];
}

export interface FileUserStoreOptions {
  /** Told when the folder already existed and others can read it. */
  warn?: (message: string) => void;
  /** The clock (tests). */
  now?: () => Date;
}

/** The account store kept in `dir`/users.json (see the top of this file). */
export function createFileUserStore(dir: string, opts: FileUserStoreOptions = {}): UserStore {
  const file = path.join(dir, USERS_FILE_NAME);
  const lockFile = `${file}.lock`;
  const now = opts.now ?? (() => new Date());
  const serial = createSerialQueue();
  let cache: { key: string; users: StoredUser[] } | null = null;
  let dirReady = false;

  /** The accounts on disk, read again only when the file changed (inode, size or times). */
  async function load(): Promise<StoredUser[]> {
    let key: string;
    try {
      const s = await stat(file);
      key = `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      cache = null;
      return [];
    }
    if (cache?.key === key) return cache.users;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return [];
    }
    const users = parseUsersFile(text, file);
    cache = { key, users };
    return users;
  }

  /** Reads, changes and writes users.json, apart from this process's and other processes' changes. */
  function change<T>(apply: (users: StoredUser[]) => { users: StoredUser[]; result: T }): Promise<T> {
    return serial(async () => {
      if (!dirReady) {
        const warning = ensurePrivateDir(dir);
        if (warning) opts.warn?.(warning);
        dirReady = true;
      }
      return withFileLock(lockFile, async () => {
        cache = null;
        const { users, result } = apply(await load());
        const content: UsersFile = { version: 1, users };
        await writePrivateFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`);
        cache = null;
        return result;
      });
    });
  }

  const find = (users: StoredUser[], name: string): StoredUser | undefined => {
    const folded = name.toLowerCase();
    return users.find((u) => u.name.toLowerCase() === folded);
  };
  const existing = (users: StoredUser[], name: string): StoredUser => {
    const user = find(users, name);
    if (!user) throw new UserStoreError('not-found', `ユーザー「${name}」はいません。名前を確かめてください。`);
    return user;
  };
  const validName = (name: string): void => {
    const problem = checkName(name);
    if (problem) throw new UserStoreError('name-invalid', problem);
  };
  const validPassword = (password: string, name: string): void => {
    const problem = checkPassword(password, name);
    if (problem) throw new UserStoreError(problem.code, problem.message);
  };
  const validRole = (role: unknown): void => {
    if (!isRole(role)) throw new UserStoreError('role-invalid', ROLE_PROBLEM);
  };
  const lastAdmin = (users: StoredUser[], user: StoredUser): boolean =>
    user.role === 'admin' && users.filter((u) => u.role === 'admin').length === 1;
  const lastAdminError = (name: string): UserStoreError =>
    new UserStoreError(
      'last-admin',
      `「${name}」はただ 1 人の管理者です。先にほかのユーザーを管理者にしてから、もう一度行ってください。`,
    );
  const publicUser = ({ name, role, createdAt, updatedAt }: StoredUser): User => ({ name, role, createdAt, updatedAt });
  const hashPassword = (password: string): Promise<string> => hash(password.normalize('NFC'), ARGON2_OPTIONS);

  return {
    async add(name, role, password) {
      validName(name);
      validRole(role);
      validPassword(password, name);
      // Refuse a taken name before spending a hash on it; checked again under the lock.
      if (find(await load(), name)) throw nameTaken(name);
      const passwordHash = await hashPassword(password);
      return change((users) => {
        if (find(users, name)) throw nameTaken(name);
        const t = now().toISOString();
        const user: StoredUser = { name, role, createdAt: t, updatedAt: t, hash: passwordHash };
        return { users: [...users, user], result: publicUser(user) };
      });
    },

    async remove(name) {
      validName(name);
      await change((users) => {
        const user = existing(users, name);
        if (lastAdmin(users, user)) throw lastAdminError(user.name);
        return { users: users.filter((u) => u !== user), result: undefined };
      });
    },

    async resetPassword(name, password) {
      validName(name);
      const known = existing(await load(), name);
      validPassword(password, known.name);
      const passwordHash = await hashPassword(password);
      return change((users) => {
        const user = existing(users, name);
        const updated: StoredUser = { ...user, hash: passwordHash, updatedAt: now().toISOString() };
        return { users: users.map((u) => (u === user ? updated : u)), result: publicUser(updated) };
      });
    },

    async setRole(name, role) {
      validName(name);
      validRole(role);
      return change((users) => {
        const user = existing(users, name);
        if (role !== 'admin' && lastAdmin(users, user)) throw lastAdminError(user.name);
        const updated: StoredUser = { ...user, role, updatedAt: now().toISOString() };
        return { users: users.map((u) => (u === user ? updated : u)), result: publicUser(updated) };
      });
    },

    async list() {
      return (await load()).map(publicUser);
    },

    async get(name) {
      const user = find(await load(), name);
      return user ? publicUser(user) : null;
    },

    async verify(name, password) {
      const found = typeof name === 'string' && NAME_SHAPE.test(name) ? find(await load(), name) : undefined;
      // Input no account's password can be (too long, not text) still costs one hash, against the dummy.
      const plausible = typeof password === 'string' && password.length <= PASSWORD_LIMITS.max * 2;
      const user = plausible ? found : undefined;
      const candidate = plausible ? password.normalize('NFC') : '';
      const ok = await verifyHash(user?.hash ?? DUMMY_HASH, candidate).catch(() => false); // an unreadable hash lets no one in
      return user && ok ? publicUser(user) : null;
    },
  };
}

const nameTaken = (name: string): UserStoreError =>
  new UserStoreError('name-taken', `ユーザー名「${name}」はもう使われています (大文字と小文字は区別しません)。`);

/** Reads users.json; a damaged file is a UserStoreError naming the file and the record. */
function parseUsersFile(text: string, file: string): StoredUser[] {
  const bad = (what: string): UserStoreError =>
    new UserStoreError(
      'file-invalid',
      `${file} が読めません: ${what}。バックアップから戻すか、npm run staff:user で作り直してください。`,
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw bad('JSON として読めません');
  }
  const users = (data as Partial<UsersFile> | null)?.users;
  if (!Array.isArray(users)) throw bad('"users" の一覧がありません');
  return users.map((u: Partial<StoredUser> | null, i): StoredUser => {
    const where = `${i + 1} 件目`;
    if (!u || typeof u !== 'object') throw bad(`${where}が項目の組ではありません`);
    if (typeof u.name !== 'string' || !NAME_SHAPE.test(u.name)) throw bad(`${where}の name が正しくありません`);
    if (!isRole(u.role)) throw bad(`${where} (${u.name}) の role が正しくありません`);
    if (typeof u.hash !== 'string' || !u.hash.startsWith('$argon2'))
      throw bad(`${where} (${u.name}) の hash が正しくありません`);
    if (typeof u.createdAt !== 'string' || typeof u.updatedAt !== 'string')
      throw bad(`${where} (${u.name}) の createdAt / updatedAt がありません`);
    return { name: u.name, role: u.role, createdAt: u.createdAt, updatedAt: u.updatedAt, hash: u.hash };
  });
}
