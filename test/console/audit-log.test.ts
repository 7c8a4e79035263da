import { createHash } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  chmodSync,
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
  ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_FILE_NAME,
  AUDIT_LIMITS,
  auditActionLabel,
  createAuditLog,
  formatAuditDetail,
  GENESIS_HASH,
  type AuditAction,
  type AuditEntry,
} from '../../src/console/audit-log';

let root: string;
let file: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'console-audit-'));
  file = path.join(root, 'console', AUDIT_FILE_NAME);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const lines = (): string[] => readFileSync(file, 'utf8').split('\n').slice(0, -1);
const entries = (): AuditEntry[] => lines().map((l) => JSON.parse(l) as AuditEntry);
const rewrite = (change: (ls: string[]) => string[]): void => writeFileSync(file, `${change(lines()).join('\n')}\n`);

describe('actions and labels', () => {
  test('every action has a Japanese label', () => {
    expect(AUDIT_ACTIONS).toEqual(
      expect.arrayContaining([
        'login',
        'login-failed',
        'login-locked',
        'logout',
        'edit',
        'publish',
        'rollback',
        'import',
        'inbox',
        'user-add',
        'user-remove',
        'user-reset',
        'user-role',
      ]),
    );
    for (const a of AUDIT_ACTIONS) expect(ACTION_LABELS[a]).toMatch(/\p{Script=Katakana}|\p{Script=Han}/u);
    expect(auditActionLabel('rollback')).toBe('版を戻す');
    expect(auditActionLabel('inbox')).toBe('質問の整理');
    expect(auditActionLabel('login-locked')).toBe('ロック');
    expect(auditActionLabel('from-a-newer-version')).toBe('from-a-newer-version');
  });

  test('details read as one line', () => {
    expect(formatAuditDetail('版 3 を公開')).toBe('版 3 を公開');
    expect(formatAuditDetail({ record: 'disaster-03', version: 3, fields: ['status', 'text'] })).toBe(
      'record: disaster-03、version: 3、fields: ["status","text"]',
    );
  });
});

describe('createAuditLog', () => {
  test('each line is {t, user, action, detail, prev}; prev chains the previous line’s sha256', async () => {
    const log = createAuditLog(file, { now: () => new Date('2026-04-01T09:00:00.000Z') });
    await log.append({ user: 'tanaka', action: 'login' });
    await log.append({ user: 'tanaka', action: 'edit', detail: { record: 'disaster-03', field: 'status' } });
    await log.append({ user: null, action: 'user-add', detail: { by: 'cli', name: 'sato', role: 'editor' } });
    const [l1, l2] = lines();
    expect(entries()).toEqual([
      { t: '2026-04-01T09:00:00.000Z', user: 'tanaka', action: 'login', detail: '', prev: GENESIS_HASH },
      {
        t: '2026-04-01T09:00:00.000Z',
        user: 'tanaka',
        action: 'edit',
        detail: { record: 'disaster-03', field: 'status' },
        prev: sha256(l1!),
      },
      expect.objectContaining({ user: null, action: 'user-add', prev: sha256(l2!) }),
    ]);
    expect(Object.keys(entries()[0]!)).toEqual(['t', 'user', 'action', 'detail', 'prev']);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(await log.verify()).toEqual({ ok: true, lines: 3, last: sha256(lines()[2]!) });
  });

  test('the chain continues from the last line on disk after a re-open (a restart)', async () => {
    await createAuditLog(file).append({ user: 'tanaka', action: 'login' });
    await createAuditLog(file).append({ user: 'tanaka', action: 'publish', detail: '版 2' });
    const reopened = createAuditLog(file);
    await reopened.append({ user: 'tanaka', action: 'logout' });
    const ls = lines();
    expect(entries()[2]!.prev).toBe(sha256(ls[1]!));
    expect(await reopened.verify()).toMatchObject({ ok: true, lines: 3 });
  });

  test('the chain reads a long last line too (beyond the tail window)', async () => {
    const log = createAuditLog(file);
    await log.append({ user: 'a', action: 'edit' });
    // A line longer than the part of the file's end read first (written by hand or by an older version).
    appendFileSync(
      file,
      `${JSON.stringify({ t: new Date().toISOString(), user: 'a', action: 'edit', detail: 'x'.repeat(40_000), prev: sha256(lines()[0]!) })}\n`,
    );
    await log.append({ user: 'a', action: 'logout' });
    expect(await log.verify()).toMatchObject({ ok: true, lines: 3 });
  });

  test('concurrent appends (one log, and two logs on the same file as console and CLI) never interleave or fork', async () => {
    const a = createAuditLog(file);
    const b = createAuditLog(file);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? a : b).append({ user: `u${i}`, action: 'edit', detail: { i, text: 'あ'.repeat(100) } }),
      ),
    );
    expect(await a.verify()).toMatchObject({ ok: true, lines: 60 });
    expect(new Set(entries().map((e) => e.user)).size).toBe(60);
    expect(readdirSync(path.dirname(file))).toEqual([AUDIT_FILE_NAME]);
  });

  test('read: newest first, limit, and paging with before', async () => {
    const log = createAuditLog(file);
    for (let i = 1; i <= 5; i++) await log.append({ user: 'tanaka', action: 'edit', detail: `#${i}` });
    expect((await log.read()).map((e) => [e.n, e.detail])).toEqual([
      [5, '#5'],
      [4, '#4'],
      [3, '#3'],
      [2, '#2'],
      [1, '#1'],
    ]);
    expect((await log.read({ limit: 2 })).map((e) => e.n)).toEqual([5, 4]);
    expect((await log.read({ limit: 2, before: 4 })).map((e) => e.n)).toEqual([3, 2]);
    expect((await log.read({ before: 1 })).map((e) => e.n)).toEqual([]);
    expect(await createAuditLog(path.join(root, 'none.jsonl')).read()).toEqual([]);
    expect(await createAuditLog(path.join(root, 'none.jsonl')).verify()).toEqual({
      ok: true,
      lines: 0,
      last: GENESIS_HASH,
    });
  });

  test('passwords, tokens and cookies never reach the file; a long detail is cut', async () => {
    const log = createAuditLog(file);
    await log.append({
      user: 'tanaka',
      action: 'login-failed',
      detail: {
        password: 'hunter2hunter2',
        nested: { accessToken: 'abc', _csrf: 'x', Cookie: 'sid=1' },
        name: 'tanaka',
      },
    });
    await log.append({ user: 'tanaka', action: 'import', detail: 'い'.repeat(2000) });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/hunter2|abc|sid=1/u);
    expect(entries()[0]!.detail).toEqual({
      password: '(省略)',
      nested: { accessToken: '(省略)', _csrf: '(省略)', Cookie: '(省略)' },
      name: 'tanaka',
    });
    const cut = entries()[1]!.detail as string;
    expect([...cut].length).toBe(AUDIT_LIMITS.detailChars);
    expect(cut.endsWith('…')).toBe(true);
  });

  test('an unknown action is refused', async () => {
    await expect(
      createAuditLog(file).append({ user: null, action: 'delete-everything' as AuditAction }),
    ).rejects.toThrow(TypeError);
  });
});

describe('verify finds tampering', () => {
  beforeEach(async () => {
    const log = createAuditLog(file);
    for (let i = 1; i <= 4; i++) await log.append({ user: 'tanaka', action: 'edit', detail: `#${i}` });
  });
  const verify = () => createAuditLog(file).verify();

  test('a line edited: the next line no longer fits', async () => {
    rewrite((ls) => ls.map((l, i) => (i === 1 ? l.replace('#2', '#9') : l)));
    expect(await verify()).toEqual({
      ok: false,
      line: 3,
      reason: expect.stringContaining('前の行のハッシュと合いません'),
    });
  });

  test('a line deleted', async () => {
    rewrite((ls) => ls.filter((_, i) => i !== 1));
    expect(await verify()).toMatchObject({ ok: false, line: 2 });
  });

  test('a line inserted', async () => {
    rewrite((ls) => [...ls.slice(0, 2), ls[0]!, ...ls.slice(2)]);
    expect(await verify()).toMatchObject({ ok: false, line: 3 });
  });

  test('the first line replaced', async () => {
    rewrite((ls) => [ls[0]!.replace('tanaka', 'sato'), ...ls.slice(1)]);
    expect(await verify()).toMatchObject({ ok: false, line: 2 });
  });

  test('a line that is not JSON, or not an entry', async () => {
    rewrite((ls) => ls.map((l, i) => (i === 2 ? l.slice(0, 20) : l)));
    expect(await verify()).toEqual({ ok: false, line: 3, reason: expect.stringContaining('JSON として読めません') });
    rewrite((ls) => ls.map((l, i) => (i === 2 ? '{"hello":1}' : l)));
    expect(await verify()).toEqual({ ok: false, line: 3, reason: expect.stringContaining('記録の形ではありません') });
  });

  test('a last line cut short by a crash is reported, kept, and the chain goes on after it', async () => {
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, -30));
    expect(await verify()).toEqual({ ok: false, line: 4, reason: expect.stringContaining('途中で切れています') });
    await createAuditLog(file).append({ user: 'tanaka', action: 'logout' });
    expect(lines()).toHaveLength(5);
    expect((JSON.parse(lines()[4]!) as AuditEntry).prev).toBe(sha256(lines()[3]!));
    expect(await verify()).toMatchObject({ ok: false, line: 4 });
  });
});

describe('file and folder modes', () => {
  const modeOf = (p: string): number => statSync(p).mode & 0o777;

  test.each([
    ['022', 0o022],
    ['000', 0o000],
  ])('umask %s: folder 0700, audit.jsonl 0600', async (_label, mask) => {
    const old = process.umask(mask);
    try {
      await createAuditLog(file).append({ user: 'tanaka', action: 'login' });
      expect(modeOf(path.dirname(file))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  test('an existing folder others can read is reported', async () => {
    mkdirSync(path.dirname(file));
    chmodSync(path.dirname(file), 0o755);
    const warnings: string[] = [];
    await createAuditLog(file, { warn: (m) => warnings.push(m) }).append({ user: 'tanaka', action: 'login' });
    expect(warnings).toEqual([expect.stringContaining('chmod 700')]);
    expect(modeOf(file)).toBe(0o600);
  });
});
