/**
 * `npm run --silent staff:user -- COMMAND`: the staff console's accounts from the command line,
 * for the first admin (before anyone can log in) and for a locked-out admin.
 *
 *   add NAME --role editor|approver|admin   new account; the password is read from standard input
 *   list                                    one account per line: NAME<TAB>ROLE
 *   remove NAME
 *   reset NAME                              new password from standard input
 *   role NAME --role R
 *
 * The password is one line of standard input, piped (`printf '%s\n' "$PW" | …`) or typed (a
 * terminal: asked twice, not echoed); never an argument, which would show in `ps` and the shell
 * history. Accounts are kept in CONSOLE_DIR/users.json (see src/console/users.ts); every change
 * is appended to the console's audit log with user null and `by: "cli"` in its detail.
 *
 * Exit 0 when done, 1 when an input was refused (Japanese message on stderr: a short password,
 * a taken name, …), 2 for wrong usage (the usage text on stderr).
 */
import { config as loadDotenv } from 'dotenv';
import { userInfo } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { ConfigError, parseConfig } from '../config';
import { AUDIT_FILE_NAME, createAuditLog, type AuditAction, type AuditDetail } from '../console/audit-log';
import { FileLockTimeoutError } from '../console/private-file';
import {
  createFileUserStore,
  isRole,
  PASSWORD_LIMITS,
  ROLE_LABELS,
  ROLES,
  UserStoreError,
  type Role,
} from '../console/users';

export const USAGE = `使い方:
  npm run --silent staff:user -- add ユーザー名 --role ${ROLES.join('|')}   (パスワードは標準入力から 1 行)
  npm run --silent staff:user -- list
  npm run --silent staff:user -- remove ユーザー名
  npm run --silent staff:user -- reset ユーザー名   (新しいパスワードは標準入力から 1 行)
  npm run --silent staff:user -- role ユーザー名 --role ${ROLES.join('|')}
役割: ${ROLES.map((r) => `${r} = ${ROLE_LABELS[r]}`).join('、')}
例: printf '%s\\n' "$PASSWORD" | npm run --silent staff:user -- add tanaka --role admin`;

/** Longest line read as a password (bytes); the rules allow 256 characters, 4 bytes at most each. */
const MAX_LINE_BYTES = 4096;

export interface StaffUserIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

type Command =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'add'; name: string; role: Role }
  | { kind: 'remove'; name: string }
  | { kind: 'reset'; name: string }
  | { kind: 'role'; name: string; role: Role };

/** The command in `argv`, or null for wrong usage. */
function parseArgs(argv: string[]): Command | null {
  const words: string[] = [];
  let role: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--role') {
      if (role !== undefined || argv[i + 1] === undefined) return null;
      role = argv[++i];
    } else if (a.startsWith('--role=')) {
      if (role !== undefined) return null;
      role = a.slice('--role='.length);
    } else if (a === '--help' || a === '-h') help = true;
    else if (a.startsWith('-')) return null;
    else words.push(a);
  }
  if (help) return { kind: 'help' };
  const [command, name, ...rest] = words;
  if (rest.length) return null;
  switch (command) {
    case 'list':
      return name === undefined && role === undefined ? { kind: 'list' } : null;
    case 'add':
    case 'role':
      return name !== undefined && isRole(role) ? { kind: command, name, role } : null;
    case 'remove':
    case 'reset':
      return name !== undefined && role === undefined ? { kind: command, name } : null;
    default:
      return null;
  }
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], io: StaffUserIo): Promise<number> {
  const command = parseArgs(argv);
  if (!command) {
    io.stderr(USAGE);
    return 2;
  }
  if (command.kind === 'help') {
    io.stdout(USAGE);
    return 0;
  }

  let dir: string;
  try {
    dir = parseConfig(io.env, io.cwd ?? process.cwd(), 'tool').consoleDir;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(err.message);
    return 1;
  }
  const warn = (message: string): void => io.stderr(`注意: ${message}`);
  const users = createFileUserStore(dir, { warn });
  const audit = createAuditLog(path.join(dir, AUDIT_FILE_NAME), { warn });
  const by = { by: 'cli', osUser: osUserName() };
  const record = async (action: AuditAction, detail: AuditDetail & object, done: string): Promise<number> => {
    try {
      await audit.append({ user: null, action, detail: { ...by, ...detail } });
    } catch (err) {
      io.stderr(`${done}。ただし操作の記録 (${AUDIT_FILE_NAME}) に書けませんでした: ${(err as Error).message}`);
      return 1;
    }
    io.stderr(`${done}。`);
    return 0;
  };

  try {
    switch (command.kind) {
      case 'list': {
        const all = await users.list();
        for (const u of all) io.stdout(`${u.name}\t${u.role}`);
        if (!all.length) io.stderr(`ユーザーはまだいません (${dir})。`);
        return 0;
      }
      case 'add': {
        const password = await readPassword(io, 'パスワード (12 文字以上)');
        if (password === null) return noPassword(io);
        const user = await users.add(command.name, command.role, password);
        return record(
          'user-add',
          { name: user.name, role: user.role },
          `${user.name} を ${ROLE_LABELS[user.role]} (${user.role}) として追加しました`,
        );
      }
      case 'remove': {
        const user = await users.get(command.name);
        await users.remove(command.name);
        return record(
          'user-remove',
          { name: user?.name ?? command.name },
          `${user?.name ?? command.name} を削除しました`,
        );
      }
      case 'reset': {
        // Refuse an unknown name before asking for a password.
        const known = await users.get(command.name);
        if (!known)
          throw new UserStoreError('not-found', `ユーザー「${command.name}」はいません。名前を確かめてください。`);
        const password = await readPassword(io, '新しいパスワード (12 文字以上)');
        if (password === null) return noPassword(io);
        const user = await users.resetPassword(command.name, password);
        return record('user-reset', { name: user.name }, `${user.name} のパスワードを変えました`);
      }
      case 'role': {
        const before = await users.get(command.name);
        const user = await users.setRole(command.name, command.role);
        return record(
          'user-role',
          { name: user.name, from: before?.role ?? null, to: user.role },
          `${user.name} の役割を ${ROLE_LABELS[user.role]} (${user.role}) にしました`,
        );
      }
    }
  } catch (err) {
    if (err instanceof UserStoreError || err instanceof FileLockTimeoutError || err instanceof PasswordInputError) {
      io.stderr(err.message);
      return 1;
    }
    throw err;
  }
}

function noPassword(io: StaffUserIo): number {
  io.stderr(
    'パスワードが入力されませんでした。標準入力から 1 行で渡してください (例: printf \'%s\\n\' "$PASSWORD" | …)。',
  );
  return 1;
}

/** The OS account that ran the command (evidence in the audit log), when the system says. */
function osUserName(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

class PasswordInputError extends Error {}

/**
 * The password: the first line of standard input (null when there is none). On a terminal it is
 * asked for, not echoed, and asked again to catch a typo.
 */
async function readPassword(io: StaffUserIo, prompt: string): Promise<string | null> {
  if (!io.stdin.isTTY) return readLine(io.stdin);
  const first = await askHidden(io, `${prompt}: `);
  if (first === null) return null;
  const again = await askHidden(io, 'もう一度入力してください: ');
  if (again !== first) throw new PasswordInputError('2 回の入力が違います。もう一度やり直してください。');
  return first;
}

/** Reads up to the first newline (or the end); a final CR is dropped. */
function readLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: string | null | Error): void => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      stream.pause();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const nl = buf.indexOf(0x0a);
      chunks.push(nl >= 0 ? buf.subarray(0, nl) : buf);
      size += buf.length;
      if (nl >= 0) finish(text());
      else if (size > MAX_LINE_BYTES)
        finish(new PasswordInputError(`パスワードは ${PASSWORD_LIMITS.max} 文字以内にしてください。`));
    };
    const onEnd = (): void => finish(size === 0 ? null : text());
    const onError = (err: Error): void => finish(err);
    const text = (): string => Buffer.concat(chunks).toString('utf8').replace(/\r$/u, '');
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}

/** Asks on stderr and reads one line from a terminal without echoing it (Ctrl-C or Ctrl-D: null). */
function askHidden(io: StaffUserIo, question: string): Promise<string | null> {
  io.stderr(question);
  // readline echoes what is typed to its output: give it a sink.
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  const rl = createInterface({ input: io.stdin, output: sink, terminal: true });
  return new Promise((resolve) => {
    let answer: string | null = null;
    rl.on('line', (line) => {
      answer = line;
      rl.close();
    });
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => resolve(answer));
  });
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  const write = (stream: NodeJS.WriteStream) => (text: string) => stream.write(`${text}\n`);
  main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: write(process.stdout),
    stderr: write(process.stderr),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
      process.stdin.destroy();
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
      process.stdin.destroy();
    },
  );
}
