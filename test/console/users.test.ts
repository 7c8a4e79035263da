import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ARGON2_OPTIONS,
  can,
  checkName,
  checkPassword,
  createFileUserStore,
  NAME_SHAPE,
  PASSWORD_LIMITS,
  ROLE_LABELS,
  ROLES,
  USERS_FILE_NAME,
  UserStoreError,
  type ConsoleAction,
  type Role,
  type UserStore,
} from '../../src/console/users';

const PW = 'correct horse battery';
const PW2 = 'another good passphrase';

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'console-users-'));
  dir = path.join(root, 'console');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The error a promise rejects with (fails the test when it resolves). */
async function refusal(p: Promise<unknown>): Promise<UserStoreError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserStoreError);
  return err as UserStoreError;
}

describe('roles', () => {
  test('three roles with Japanese labels', () => {
    expect(ROLES).toEqual(['editor', 'approver', 'admin']);
    expect(ROLE_LABELS).toEqual({ editor: '編集者', approver: '承認者', admin: '管理者' });
  });

  test.each<[Role, ConsoleAction, boolean]>([
    ['editor', 'edit', true],
    ['editor', 'publish', false],
    ['editor', 'manage-users', false],
    ['editor', 'view-audit', true],
    ['approver', 'edit', true],
    ['approver', 'publish', true],
    ['approver', 'manage-users', false],
    ['approver', 'view-audit', true],
    ['admin', 'edit', true],
    ['admin', 'publish', true],
    ['admin', 'manage-users', true],
    ['admin', 'view-audit', true],
  ])('can(%s, %s) is %s', (role, action, allowed) => {
    expect(can(role, action)).toBe(allowed);
  });
});

describe('password rules (Unicode code points, 12 to 256)', () => {
  test.each<[string, string, string | null]>([
    ['11 ASCII characters', 'a'.repeat(11), 'password-too-short'],
    ['12 ASCII characters', 'a'.repeat(12), null],
    ['empty', '', 'password-too-short'],
    ['12 kanji (36 UTF-8 bytes, 12 characters)', '上尾市役所の職員用暗証番号', null],
    ['11 emoji (22 UTF-16 units, 11 characters)', '🔑'.repeat(11), 'password-too-short'],
    ['12 emoji', '🔑'.repeat(12), null],
    ['256 characters', 'x'.repeat(256), null],
    ['257 characters', 'x'.repeat(257), 'password-too-long'],
  ])('%s', (_label, password, code) => {
    expect(checkPassword(password)?.code ?? null).toBe(code);
  });

  test('the messages say what to do, in Japanese', () => {
    expect(PASSWORD_LIMITS).toEqual({ min: 12, max: 256 });
    expect(checkPassword('short')?.message).toBe('パスワードは 12 文字以上にしてください。');
    expect(checkPassword('x'.repeat(300))?.message).toBe('パスワードは 256 文字以内にしてください。');
  });

  test('the name itself is not a password', () => {
    expect(checkPassword('Tanaka.Hiroshi', 'tanaka.hiroshi')?.code).toBe('password-is-name');
    expect(checkPassword('tanaka.hiroshi!', 'tanaka.hiroshi')).toBeNull();
  });
});

describe('name rules ([A-Za-z0-9._-], 1 to 32)', () => {
  test.each<[string, boolean]>([
    ['a', true],
    ['tanaka.h', true],
    ['Sato_2-x', true],
    ['x'.repeat(32), true],
    ['x'.repeat(33), false],
    ['', false],
    ['tanaka h', false],
    ['田中', false],
    ['a/b', false],
    ['tanaka@city', false],
    ['ｔａｎａｋａ', false],
  ])('%j is %s', (name, ok) => {
    expect(NAME_SHAPE.test(name)).toBe(ok);
    expect(checkName(name) === null).toBe(ok);
  });

  test('the message names the allowed characters', () => {
    expect(checkName('田中')).toContain('半角の英字・数字と . _ - だけで、1〜32 文字');
  });
});

describe('createFileUserStore', () => {
  let store: UserStore;
  beforeEach(() => {
    store = createFileUserStore(dir);
  });

  test('no file yet: no accounts, and nothing is created by reading', async () => {
    expect(await store.list()).toEqual([]);
    expect(await store.verify('tanaka', PW)).toBeNull();
    expect(existsSync(dir)).toBe(false);
  });

  test('add stores an Argon2id hash with OWASP parameters, never the password', async () => {
    const user = await store.add('tanaka', 'editor', PW);
    expect(user).toEqual({ name: 'tanaka', role: 'editor', createdAt: expect.any(String), updatedAt: user.createdAt });
    const text = readFileSync(path.join(dir, USERS_FILE_NAME), 'utf8');
    expect(text).not.toContain(PW);
    const saved = JSON.parse(text) as { version: number; users: { name: string; hash: string }[] };
    expect(saved.version).toBe(1);
    expect(saved.users[0]!.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/u);
    expect(ARGON2_OPTIONS).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(await store.list()).toEqual([user]);
    expect(JSON.stringify(await store.list())).not.toContain('argon2');
  });

  test('verify: right password, wrong password, unknown name, odd input', async () => {
    await store.add('Tanaka', 'approver', PW);
    expect(await store.verify('Tanaka', PW)).toMatchObject({ name: 'Tanaka', role: 'approver' });
    expect(await store.verify('tanaka', PW)).toMatchObject({ name: 'Tanaka' });
    expect(await store.verify('Tanaka', `${PW} `)).toBeNull();
    expect(await store.verify('Tanaka', '')).toBeNull();
    expect(await store.verify('suzuki', PW)).toBeNull();
    expect(await store.verify('../etc/passwd', PW)).toBeNull();
    expect(await store.verify('Tanaka', 'x'.repeat(100_000))).toBeNull();
    // The longest password (256 characters, 512 UTF-16 units) works; with anything after it, not.
    await store.add('keys', 'editor', '🔑'.repeat(256));
    expect(await store.verify('keys', '🔑'.repeat(256))).not.toBeNull();
    expect(await store.verify('keys', `${'🔑'.repeat(256)}x`)).toBeNull();
  });

  test('a password is compared in Unicode NFC (the same kana typed two ways)', async () => {
    const composed = 'パスワードはガギグゲゴです';
    await store.add('sato', 'editor', composed);
    expect(await store.verify('sato', composed.normalize('NFD'))).not.toBeNull();
  });

  test('an unknown name takes about as long as a wrong password (a dummy hash is checked)', async () => {
    await store.add('tanaka', 'editor', PW);
    const time = async (name: string): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = process.hrtime.bigint();
        expect(await store.verify(name, 'not the password')).toBeNull();
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      return times.sort((a, b) => a - b)[1]!;
    };
    const wrong = await time('tanaka');
    const unknown = await time('nobody');
    // Without the dummy hash an unknown name answers in well under a millisecond.
    expect(unknown).toBeGreaterThan(wrong * 0.4);
  });

  test('names are unique ignoring case; refusals are UserStoreError with a Japanese message', async () => {
    await store.add('Tanaka', 'editor', PW);
    const taken = await refusal(store.add('tanaka', 'admin', PW2));
    expect(taken.code).toBe('name-taken');
    expect(taken.message).toBe('ユーザー名「tanaka」はもう使われています (大文字と小文字は区別しません)。');
    expect((await refusal(store.add('田中', 'editor', PW))).code).toBe('name-invalid');
    expect((await refusal(store.add('sato', 'editor', 'short'))).message).toBe(
      'パスワードは 12 文字以上にしてください。',
    );
    expect((await refusal(store.add('sato', 'boss' as Role, PW))).code).toBe('role-invalid');
    expect((await store.list()).map((u) => u.name)).toEqual(['Tanaka']);
  });

  test('resetPassword: the new password works, the old one no longer', async () => {
    await store.add('tanaka', 'editor', PW);
    const user = await store.resetPassword('TANAKA', PW2);
    expect(user.name).toBe('tanaka');
    expect(await store.verify('tanaka', PW)).toBeNull();
    expect(await store.verify('tanaka', PW2)).not.toBeNull();
    expect((await refusal(store.resetPassword('tanaka', 'too short'))).code).toBe('password-too-short');
    expect((await refusal(store.resetPassword('nobody', PW2))).code).toBe('not-found');
  });

  test('setRole and remove; the last admin can be neither demoted nor removed', async () => {
    await store.add('boss', 'admin', PW);
    await store.add('tanaka', 'editor', PW);
    expect(await store.setRole('tanaka', 'approver')).toMatchObject({ name: 'tanaka', role: 'approver' });
    const demote = await refusal(store.setRole('boss', 'editor'));
    expect(demote.code).toBe('last-admin');
    expect(demote.message).toContain('ただ 1 人の管理者');
    expect((await refusal(store.remove('boss'))).code).toBe('last-admin');
    await store.setRole('tanaka', 'admin');
    await store.remove('boss');
    expect(await store.list()).toEqual([expect.objectContaining({ name: 'tanaka', role: 'admin' })]);
    expect(await store.get('boss')).toBeNull();
    expect(await store.verify('boss', PW)).toBeNull();
    expect((await refusal(store.remove('boss'))).code).toBe('not-found');
  });

  test('updatedAt moves on a change, createdAt stays', async () => {
    let t = Date.parse('2026-04-01T00:00:00Z');
    const clocked = createFileUserStore(dir, { now: () => new Date((t += 60_000)) });
    const added = await clocked.add('tanaka', 'editor', PW);
    const changed = await clocked.setRole('tanaka', 'approver');
    expect(changed.createdAt).toBe(added.createdAt);
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(added.updatedAt));
  });

  test('concurrent adds in one process all land', async () => {
    await Promise.all(['a1', 'a2', 'a3'].map((n) => store.add(n, 'editor', PW)));
    expect((await store.list()).map((u) => u.name).sort()).toEqual(['a1', 'a2', 'a3']);
  });

  test('a second store on the same folder (the CLI) is seen without restart, and neither loses the other’s change', async () => {
    const consoleSide = store;
    const cliSide = createFileUserStore(dir);
    await consoleSide.add('boss', 'admin', PW);
    expect((await consoleSide.list()).map((u) => u.name)).toEqual(['boss']);
    await cliSide.add('tanaka', 'editor', PW);
    expect((await consoleSide.list()).map((u) => u.name)).toEqual(['boss', 'tanaka']);
    expect(await consoleSide.verify('tanaka', PW)).not.toBeNull();
    await consoleSide.setRole('tanaka', 'approver');
    await cliSide.resetPassword('boss', PW2);
    expect(await consoleSide.list()).toEqual([
      expect.objectContaining({ name: 'boss', role: 'admin' }),
      expect.objectContaining({ name: 'tanaka', role: 'approver' }),
    ]);
    expect(await consoleSide.verify('boss', PW2)).not.toBeNull();
  });

  test('a damaged users.json is a UserStoreError naming the file and the record', async () => {
    await store.add('tanaka', 'editor', PW);
    const file = path.join(dir, USERS_FILE_NAME);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { users: { role: string }[] };
    saved.users[0]!.role = 'boss';
    writeFileSync(file, JSON.stringify(saved));
    const err = await refusal(store.list());
    expect(err.code).toBe('file-invalid');
    expect(err.message).toContain(file);
    expect(err.message).toContain('1 件目 (tanaka) の role');
    writeFileSync(file, '{"users": [');
    expect((await refusal(store.verify('tanaka', PW))).message).toContain('JSON として読めません');
  });
});

describe('file and folder modes', () => {
  const modeOf = (p: string): number => statSync(p).mode & 0o777;

  test.each([
    ['022', 0o022],
    ['000', 0o000],
  ])('umask %s: folder 0700, users.json 0600, no temporary or lock file left', async (_label, mask) => {
    const old = process.umask(mask);
    try {
      const store = createFileUserStore(dir);
      await store.add('tanaka', 'editor', PW);
      await store.setRole('tanaka', 'admin');
      expect(modeOf(dir)).toBe(0o700);
      expect(modeOf(path.join(dir, USERS_FILE_NAME))).toBe(0o600);
      expect(readdirSync(dir)).toEqual([USERS_FILE_NAME]);
    } finally {
      process.umask(old);
    }
  });

  test('an existing folder others can read is reported, not silently used', async () => {
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const warnings: string[] = [];
    await createFileUserStore(dir, { warn: (m) => warnings.push(m) }).add('tanaka', 'editor', PW);
    expect(warnings).toEqual([expect.stringContaining('chmod 700')]);
    expect(modeOf(path.join(dir, USERS_FILE_NAME))).toBe(0o600);
  });
});
