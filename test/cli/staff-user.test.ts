import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/staff-user';
import { createAuditLog, type AuditEntry } from '../../src/console/audit-log';
import { createFileUserStore } from '../../src/console/users';

const REPO_ROOT = path.resolve(__dirname, '../..');
const PW = 'correct horse battery';
const PW2 = 'another good passphrase';

let root: string;
let consoleDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'staff-user-'));
  consoleDir = path.join(root, 'console');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the command in-process, with `input` as its standard input (a pipe). */
async function run(args: string, input = '', stdin: NodeJS.ReadableStream = Readable.from([input])): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(args.split(' ').filter(Boolean), {
    stdin,
    stdout: (s) => (out += `${s}\n`),
    stderr: (s) => (err += `${s}\n`),
    env: { CONSOLE_DIR: consoleDir },
    cwd: root,
  });
  return { code, out, err };
}

const auditEntries = (): AuditEntry[] =>
  readFileSync(path.join(consoleDir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as AuditEntry);

describe('npm run staff:user', () => {
  test('add, list: the password from standard input, one line per account', async () => {
    expect(await run('add boss --role admin', `${PW}\n`)).toEqual({
      code: 0,
      out: '',
      err: 'boss を 管理者 (admin) として追加しました。\n',
    });
    expect((await run('add tanaka --role=editor', `${PW2}\r\n`)).code).toBe(0);
    expect(await run('list')).toEqual({ code: 0, out: 'boss\tadmin\ntanaka\teditor\n', err: '' });
    const store = createFileUserStore(consoleDir);
    expect(await store.verify('boss', PW)).toMatchObject({ role: 'admin' });
    expect(await store.verify('tanaka', PW2)).toMatchObject({ role: 'editor' });
  });

  test('a password without a final newline is read too', async () => {
    expect((await run('add boss --role admin', PW)).code).toBe(0);
    expect(await createFileUserStore(consoleDir).verify('boss', PW)).not.toBeNull();
  });

  test('a weak password: exit 1, a Japanese message, and no account', async () => {
    const r = await run('add tanaka --role editor', 'short\n');
    expect(r).toEqual({ code: 1, out: '', err: 'パスワードは 12 文字以上にしてください。\n' });
    expect(await run('list')).toEqual({ code: 0, out: '', err: expect.stringContaining('ユーザーはまだいません') });
  });

  test('no password at all, a bad name, a taken name: exit 1 with a message', async () => {
    expect(await run('add tanaka --role editor', '')).toMatchObject({
      code: 1,
      err: expect.stringContaining('パスワードが入力されませんでした'),
    });
    expect(await run('add 田中 --role editor', `${PW}\n`)).toMatchObject({
      code: 1,
      err: expect.stringContaining('ユーザー名は半角の英字・数字と . _ - だけで'),
    });
    await run('add tanaka --role editor', `${PW}\n`);
    expect(await run('add TANAKA --role admin', `${PW}\n`)).toMatchObject({
      code: 1,
      err: expect.stringContaining('もう使われています'),
    });
    const tooLong = { code: 1, err: 'パスワードは 256 文字以内にしてください。\n' };
    expect(await run('add x --role editor', `${'x'.repeat(5000)}\n`)).toMatchObject(tooLong);
    // An endless line is not read to its end.
    const endless = Readable.from(Array.from({ length: 100 }, () => 'x'.repeat(1000)));
    expect(await run('add x --role editor', '', endless)).toMatchObject(tooLong);
  });

  test.each([
    '',
    'help-me',
    'add',
    'add tanaka',
    'add tanaka --role',
    'add tanaka --role boss',
    'add tanaka extra --role editor',
    'add tanaka --role editor --role admin',
    'list tanaka',
    'list --role admin',
    'remove',
    'remove tanaka --role admin',
    'reset',
    'role tanaka',
    'role --role admin',
    'list --force',
  ])('wrong usage %j: exit 2 and the usage text', async (args) => {
    const r = await run(args, `${PW}\n`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('使い方:');
    expect(r.err).toContain('staff:user -- add ユーザー名 --role editor|approver|admin');
    expect(existsSync(consoleDir)).toBe(false);
  });

  test('--help: the usage on stdout, exit 0', async () => {
    expect(await run('--help')).toMatchObject({ code: 0, out: expect.stringContaining('使い方:') });
  });

  test('reset: the new password from standard input; an unknown name is refused before reading it', async () => {
    await run('add tanaka --role editor', `${PW}\n`);
    expect(await run('reset tanaka', `${PW2}\n`)).toMatchObject({
      code: 0,
      err: 'tanaka のパスワードを変えました。\n',
    });
    const store = createFileUserStore(consoleDir);
    expect(await store.verify('tanaka', PW)).toBeNull();
    expect(await store.verify('tanaka', PW2)).not.toBeNull();
    expect(await run('reset tanaka', 'short\n')).toMatchObject({
      code: 1,
      err: expect.stringContaining('12 文字以上'),
    });
    expect(await run('reset nobody', `${PW2}\n`)).toMatchObject({
      code: 1,
      err: expect.stringContaining('ユーザー「nobody」はいません'),
    });
  });

  test('role and remove; the last admin stays', async () => {
    await run('add boss --role admin', `${PW}\n`);
    await run('add tanaka --role editor', `${PW}\n`);
    expect(await run('role tanaka --role approver')).toMatchObject({
      code: 0,
      err: 'tanaka の役割を 承認者 (approver) にしました。\n',
    });
    expect(await run('role boss --role editor')).toMatchObject({
      code: 1,
      err: expect.stringContaining('ただ 1 人の管理者'),
    });
    expect(await run('remove boss')).toMatchObject({ code: 1 });
    expect(await run('remove tanaka')).toEqual({ code: 0, out: '', err: 'tanaka を削除しました。\n' });
    expect(await run('remove tanaka')).toMatchObject({ code: 1, err: expect.stringContaining('いません') });
    expect((await run('list')).out).toBe('boss\tadmin\n');
  });

  test('every change is in the audit log (user null, by cli), without the password; the chain is whole', async () => {
    await run('add boss --role admin', `${PW}\n`);
    await run('add tanaka --role editor', `${PW}\n`);
    await run('reset tanaka', `${PW2}\n`);
    await run('role tanaka --role approver');
    await run('remove tanaka');
    await run('add weak --role editor', 'short\n');
    await run('list');
    expect(auditEntries().map((e) => [e.user, e.action, e.detail])).toEqual([
      [null, 'user-add', expect.objectContaining({ by: 'cli', name: 'boss', role: 'admin' })],
      [null, 'user-add', expect.objectContaining({ by: 'cli', name: 'tanaka', role: 'editor' })],
      [null, 'user-reset', expect.objectContaining({ by: 'cli', name: 'tanaka' })],
      [null, 'user-role', expect.objectContaining({ by: 'cli', name: 'tanaka', from: 'editor', to: 'approver' })],
      [null, 'user-remove', expect.objectContaining({ by: 'cli', name: 'tanaka' })],
    ]);
    const text = readFileSync(path.join(consoleDir, 'audit.jsonl'), 'utf8');
    expect(text).not.toContain(PW);
    expect(text).not.toContain(PW2);
    expect(await createAuditLog(path.join(consoleDir, 'audit.jsonl')).verify()).toMatchObject({ ok: true, lines: 5 });
    expect(statSync(path.join(consoleDir, 'audit.jsonl')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(consoleDir, 'users.json')).mode & 0o777).toBe(0o600);
    expect(statSync(consoleDir).mode & 0o777).toBe(0o700);
  });

  test('on a terminal the password is asked twice and not echoed; a mismatch is refused', async () => {
    const typed = async (first: string, second: string): Promise<Run> => {
      const tty = Object.assign(new PassThrough(), { isTTY: true });
      let prompts = 0;
      let out = '';
      let err = '';
      const code = await main(['add', 'tanaka', '--role', 'editor'], {
        stdin: tty,
        stdout: (s) => (out += `${s}\n`),
        stderr: (s) => {
          err += `${s}\n`;
          // The next line is typed once its question is shown (as a person would).
          prompts++;
          if (prompts === 1) setImmediate(() => tty.write(`${first}\r`));
          if (prompts === 2) setImmediate(() => tty.write(`${second}\r`));
        },
        env: { CONSOLE_DIR: consoleDir },
        cwd: root,
      });
      return { code, out, err };
    };
    const mismatch = await typed(PW, PW2);
    expect(mismatch).toMatchObject({ code: 1, err: expect.stringContaining('2 回の入力が違います') });
    const ok = await typed(PW, PW);
    expect(ok.code).toBe(0);
    expect(ok.err).toContain('パスワード (12 文字以上):');
    expect(ok.err).toContain('もう一度入力してください');
    expect(`${ok.out}${ok.err}`).not.toContain(PW);
    expect(await createFileUserStore(consoleDir).verify('tanaka', PW)).not.toBeNull();
  });

  test('as a command (dist/): a pipe in, exit codes out', () => {
    const cli = path.join(REPO_ROOT, 'dist/src/cli/staff-user.js');
    const spawn = (args: string[], input = '') =>
      spawnSync(process.execPath, [cli, ...args], {
        input,
        cwd: root,
        env: { PATH: process.env.PATH, CONSOLE_DIR: consoleDir },
        encoding: 'utf8',
      });
    const added = spawn(['add', 'boss', '--role', 'admin'], `${PW}\n`);
    expect([added.status, added.stderr]).toEqual([0, 'boss を 管理者 (admin) として追加しました。\n']);
    expect(spawn(['add', 'weak', '--role', 'editor'], 'short\n').status).toBe(1);
    expect(spawn(['add', 'x']).status).toBe(2);
    expect(spawn(['list'])).toMatchObject({ status: 0, stdout: 'boss\tadmin\n' });
  });
});
