/**
 * 操作の記録: who did what in the staff console, and when. CONSOLE_DIR/audit.jsonl, one JSON
 * object per line, only ever appended to (0600, in a 0700 folder).
 *
 * What is kept: the time, the staff member's name (null for a login attempt with a name that
 * does not exist, and for the `npm run staff:user` command, which says `by: "cli"` in its
 * detail), the action and a short detail (which record, which version, which account). Never
 * a resident's personal data (no questions as residents typed them, no LINE ids), never a
 * password, token or cookie: detail keys that look like one are blanked before writing.
 *
 * Why chained: every line carries `prev`, the SHA-256 of the previous line's exact bytes (64
 * zeros for the first line), so editing, deleting or inserting a line in the middle shows in
 * verify(). Cutting lines off the end does not break the chain; compare the newest hash (shown
 * on the page) with one noted earlier to notice that.
 *
 * Appends are queued within the process and take a lock file against the other writer (the
 * command line), read the chain's last line from disk each time (so the chain continues after
 * a restart and after the other process wrote), and are fsync'd before they resolve.
 */
import { createHash } from 'node:crypto';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir } from '../privacy';
import { createSerialQueue, PRIVATE_FILE_MODE, withFileLock } from './private-file';

export const AUDIT_FILE_NAME = 'audit.jsonl';

/** What is recorded. */
export const AUDIT_ACTIONS = [
  'login',
  /** A wrong password. `user` only when the name exists (a name typed wrong may be a password). */
  'login-failed',
  /** Too many failed logins: the name is locked for a while. */
  'login-locked',
  'logout',
  'edit',
  'publish',
  'rollback',
  'import',
  /** Unanswered questions sorted by staff: counts and ids only, never the questions' text. */
  'inbox',
  'user-add',
  'user-remove',
  'user-reset',
  'user-role',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * How the page names each action. Indexable by any string read back from the file: an action
 * this version does not know (written by a newer one) gives undefined; show it as it is.
 */
export const ACTION_LABELS: Readonly<Record<AuditAction, string>> & Readonly<Record<string, string | undefined>> = {
  login: 'ログイン',
  'login-failed': 'ログイン失敗',
  'login-locked': 'ロック',
  logout: 'ログアウト',
  edit: '編集',
  publish: '公開',
  rollback: '版を戻す',
  import: '取り込み',
  inbox: '質問の整理',
  'user-add': 'ユーザー追加',
  'user-remove': 'ユーザー削除',
  'user-reset': 'パスワード再設定',
  'user-role': '役割の変更',
};

/** The label of an action read back (one this version does not know is shown as it is). */
export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const isAuditAction = (action: unknown): action is AuditAction =>
  typeof action === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(action);

export type AuditValue =
  string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };
/** A short string, or a small object such as `{ record: 'disaster-03', field: 'status' }`. */
export type AuditDetail = string | { readonly [key: string]: AuditValue };

/** One line of the file. */
export interface AuditEntry {
  /** ISO time. */
  t: string;
  user: string | null;
  action: string;
  detail: AuditDetail;
  /** SHA-256 (hex) of the previous line's bytes; GENESIS_HASH for the first line. */
  prev: string;
}

/** An entry read back, with its line number (1 = the oldest), which `read({ before })` pages by. */
export interface AuditRecord extends AuditEntry {
  n: number;
}

export type AuditVerification =
  /** `last`: the hash of the newest line (GENESIS_HASH when empty): note it to notice lines cut off later. */
  | { ok: true; lines: number; last: string }
  /** `line`: the first line that does not fit (1 = the oldest); `reason` in Japanese. */
  | { ok: false; line: number; reason: string };

export interface AuditLog {
  /** Appends one entry; resolves once it is on disk. */
  append(entry: { user: string | null; action: AuditAction; detail?: AuditDetail }): Promise<void>;
  /** Newest first: at most `limit` entries, older than line `before` when given. Unreadable lines are skipped (verify names them). */
  read(opts?: { limit?: number; before?: number }): Promise<AuditRecord[]>;
  /** Checks every line and the chain. */
  verify(): Promise<AuditVerification>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Limits that keep a line short (a detail is a hint, not a copy of the data). */
export const AUDIT_LIMITS = {
  /** Longest detail, as JSON; a longer one is cut and kept as a string. */
  detailChars: 500,
  userChars: 64,
  /** Default and largest `read` page. */
  readDefault: 100,
  readMax: 1000,
} as const;

/** Detail keys never written (their values are replaced): passwords, tokens, secrets, cookies. */
const SECRET_KEY = /pass(word|wd|phrase)?|token|secret|cookie|session|authori[sz]ation|csrf|credential|api.?key/iu;
const BLANKED = '(省略)';

const NEWLINE = 0x0a;
/** How much of the file's end is read to find the last line before reading it all. */
const TAIL_BYTES = 16 * 1024;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface AuditLogOptions {
  now?: () => Date;
  /** Told when the folder already existed and others can read it. */
  warn?: (message: string) => void;
}

/** The audit log kept in `file` (see the top of this file). */
export function createAuditLog(file: string, opts: AuditLogOptions = {}): AuditLog {
  const now = opts.now ?? (() => new Date());
  const serial = createSerialQueue();
  let dirReady = false;

  async function readLines(): Promise<{ lines: Buffer[]; partial: Buffer | null }> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], partial: null };
      throw err;
    }
    const lines: Buffer[] = [];
    let start = 0;
    for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, start)) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
    return { lines, partial: start < bytes.length ? bytes.subarray(start) : null };
  }

  return {
    append(entry) {
      if (!isAuditAction(entry.action))
        return Promise.reject(new TypeError(`unknown audit action: ${String(entry.action)}`));
      return serial(async () => {
        if (!dirReady) {
          const warning = ensurePrivateDir(path.dirname(file));
          if (warning) opts.warn?.(warning);
          dirReady = true;
        }
        await withFileLock(`${file}.lock`, async () => {
          const fh = await open(file, 'a+', PRIVATE_FILE_MODE);
          try {
            const { size } = await fh.stat();
            if (size === 0) await fh.chmod(PRIVATE_FILE_MODE);
            const { last, terminated } = await lastLine(fh, size);
            const line: AuditEntry = {
              t: now().toISOString(),
              user: entry.user === null ? null : String(entry.user).slice(0, AUDIT_LIMITS.userChars),
              action: entry.action,
              detail: shortDetail(entry.detail ?? ''),
              prev: last === null ? GENESIS_HASH : sha256(last),
            };
            // A line cut short by a crash is ended first (kept as evidence; verify names it).
            await fh.write(`${terminated ? '' : '\n'}${JSON.stringify(line)}\n`);
            await fh.datasync();
          } finally {
            await fh.close();
          }
        });
      });
    },

    async read({ limit = AUDIT_LIMITS.readDefault, before } = {}) {
      const max = Math.max(1, Math.min(AUDIT_LIMITS.readMax, Math.floor(limit)));
      const { lines } = await readLines();
      const out: AuditRecord[] = [];
      const from = before === undefined ? lines.length : Math.min(lines.length, before - 1);
      for (let i = from - 1; i >= 0 && out.length < max; i--) {
        const entry = parseEntry(lines[i]!);
        if (typeof entry !== 'string') out.push({ ...entry, n: i + 1 });
      }
      return out;
    },

    async verify() {
      const { lines, partial } = await readLines();
      let expected = GENESIS_HASH;
      for (const [i, bytes] of lines.entries()) {
        const entry = parseEntry(bytes);
        if (typeof entry === 'string') return { ok: false, line: i + 1, reason: entry };
        if (entry.prev !== expected)
          return {
            ok: false,
            line: i + 1,
            reason:
              'この行の prev が前の行のハッシュと合いません (前の行が書き換えられたか、行が消された・差し込まれたおそれがあります)。',
          };
        expected = sha256(bytes);
      }
      if (partial)
        return {
          ok: false,
          line: lines.length + 1,
          reason: '最後の行が途中で切れています (書き込みの途中で止まったおそれがあります)。',
        };
      return { ok: true, lines: lines.length, last: expected };
    },
  };
}

/**
 * The file's last complete line (null when empty) and whether the file ends with a newline.
 * Reads the last TAIL_BYTES first and the whole file only for a longer line.
 */
async function lastLine(fh: FileHandle, size: number): Promise<{ last: Buffer | null; terminated: boolean }> {
  if (size === 0) return { last: null, terminated: true };
  for (let want = Math.min(size, TAIL_BYTES); ; want = size) {
    const buf = Buffer.alloc(want);
    const { bytesRead } = await fh.read(buf, 0, want, size - want);
    const tail = buf.subarray(0, bytesRead);
    const terminated = tail[tail.length - 1] === NEWLINE;
    const end = terminated ? tail.length - 1 : tail.length;
    const start = tail.lastIndexOf(NEWLINE, end - 1);
    if (start >= 0 || want === size) return { last: tail.subarray(start + 1, end), terminated };
  }
}

/** The entry on a line, or why it is not one (Japanese). */
function parseEntry(bytes: Buffer): AuditEntry | string {
  if (bytes.length === 0) return '空の行があります。';
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'JSON として読めません (書き換えられたか、途中で切れています)。';
  }
  const e = value as Partial<AuditEntry> | null;
  if (
    !e ||
    typeof e !== 'object' ||
    typeof e.t !== 'string' ||
    Number.isNaN(Date.parse(e.t)) ||
    (e.user !== null && typeof e.user !== 'string') ||
    typeof e.action !== 'string' ||
    e.detail === undefined ||
    typeof e.prev !== 'string' ||
    !/^[0-9a-f]{64}$/u.test(e.prev)
  )
    return '記録の形ではありません (t, user, action, detail, prev のどれかがないか、形が違います)。';
  return { t: e.t, user: e.user, action: e.action, detail: e.detail, prev: e.prev };
}

/** The detail as written: secret-looking keys blanked, at most AUDIT_LIMITS.detailChars of JSON. */
export function shortDetail(detail: AuditDetail): AuditDetail {
  const clean = typeof detail === 'string' ? detail : (blankSecrets(detail) as AuditDetail);
  const json = JSON.stringify(clean);
  if (json.length <= AUDIT_LIMITS.detailChars) return clean;
  const text = typeof clean === 'string' ? clean : json;
  return `${[...text].slice(0, AUDIT_LIMITS.detailChars - 1).join('')}…`;
}

function blankSecrets(value: AuditValue, depth = 0): AuditValue {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return BLANKED;
  if (Array.isArray(value)) return value.map((v: AuditValue) => blankSecrets(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? BLANKED : blankSecrets(v as AuditValue, depth + 1)]),
  );
}

/** A detail as one line of text for the page: a string as it is, an object as 「key: value、…」. */
export function formatAuditDetail(detail: AuditDetail): string {
  if (typeof detail === 'string') return detail;
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('、');
}
