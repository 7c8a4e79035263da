import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir } from '../privacy';
import { japanDay } from './japan-time';

/**
 * How the bot is used, and what residents said of its answers: counters per day (Japan time)
 * and a short list of 👎 answers with their masked question. Nothing else: no user id (the
 * one-vote rule keys on a keyed hash, forgotten after 24 hours), no text of answered questions.
 *
 * Counter keys (one namespace per day):
 * - `q:<outcome>`               a question answered as area / items / suggest / not-found / smalltalk / menu
 * - `ans:<target>`              an answer shown: `ans:item:health-09`, `ans:area:disaster`
 * - `tap:<tile>`                a rich-menu tile tapped: `tap:disaster`, `tap:help`
 * - `up:<target>`, `down:<target>`              votes on answers that showed the target
 * - `why:<reason>:<target>`     the reason given with a 👎 (wrong / missing / other)
 *
 * A port (async), so several bot processes can share one store (Redis) later; the file store is
 * the default: counters are kept in memory and written every few seconds to
 * USAGE_DIR/days/YYYY-MM-DD.json (0600, temp file + rename), 👎 answers appended to
 * USAGE_DIR/unhelpful.jsonl, the one-vote table kept in USAGE_DIR/votes.json (hashes only).
 */
export type Outcome = 'area' | 'items' | 'suggest' | 'not-found' | 'smalltalk' | 'menu';
export type Vote = 'up' | 'down';
export type Reason = 'wrong' | 'missing' | 'other';
/** `item:<id>` or `area:<id>`. */
export type Target = string;

export const OUTCOMES: readonly Outcome[] = ['area', 'items', 'suggest', 'not-found', 'smalltalk', 'menu'];
export const REASONS: readonly Reason[] = ['wrong', 'missing', 'other'];

/** A reply residents may vote on: what was asked (masked) and what was shown. Kept 24 hours. */
export interface ReplyRecord {
  /** The masked question ('' for a tap on the menu or a button). */
  q: string;
  targets: Target[];
}

/** A 👎 answer, as staff see it. */
export interface UnhelpfulAnswer {
  id: string;
  /** ISO time of the vote. */
  t: string;
  /** The masked question ('' when the reply was not to a typed question or is forgotten). */
  q: string;
  targets: Target[];
  reason: Reason | null;
}

export interface UsageStore {
  /** Counts a question's outcome and the answers shown. */
  question(outcome: Outcome, targets: Target[]): void;
  /** Counts a tap on a rich-menu tile. */
  tap(tile: string): void;
  /** Remembers a reply for 24 hours, so a vote on it knows its question. */
  rememberReply(ref: string, record: ReplyRecord): Promise<void>;
  /**
   * A vote (or a 👎's reason) by `voter` (a keyed hash of the user) on reply `ref`. One vote per
   * voter and reply: a second one replaces the first (its counts are taken back).
   */
  vote(voter: string, ref: string, fallbackTargets: Target[], vote: Vote, reason?: Reason): Promise<void>;
  /** Writes what is counted so far. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Reads what a usage store wrote (reports, the console). */
export interface UsageReader {
  /** Counters per day, oldest first; `since`/`until` are Japan days (YYYY-MM-DD), inclusive. */
  days(range?: { since?: string; until?: string }): Promise<{ day: string; counts: Record<string, number> }[]>;
  /** 👎 answers, newest first. */
  unhelpful(range?: { since?: string; until?: string }): Promise<UnhelpfulAnswer[]>;
}

export const USAGE_DEFAULTS = {
  flushMs: 2000,
  voteTtlMs: 24 * 60 * 60_000,
  replyTtlMs: 24 * 60 * 60_000,
  /** Replies remembered at most (the oldest are forgotten first). */
  maxReplies: 200_000,
  maxVotes: 200_000,
  /** 👎 answers older than this are deleted (like the unanswered questions). */
  keepDays: 180,
} as const;

interface VoteEntry {
  vote: Vote;
  reason: Reason | null;
  targets: Target[];
  day: string;
  expires: number;
  /** The 👎 record's id (its reason is updated under it). */
  id: string | null;
}

export interface FileUsageOptions {
  now?: () => Date;
  flushMs?: number;
  /** 👎 answers (with their masked question) older than this are deleted. */
  keepDays?: number;
  onError?: (err: unknown) => void;
}

/** The file-backed store (see the top of this file). */
export function createFileUsageStore(dir: string, opts: FileUsageOptions = {}): UsageStore {
  const now = opts.now ?? (() => new Date());
  const daysDir = path.join(dir, 'days');
  const pending = new Map<string, Map<string, number>>();
  const replies = new Map<string, ReplyRecord & { expires: number }>();
  let votes: Map<string, VoteEntry> | null = null;
  let votesDirty = false;
  let unhelpfulLines: string[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  let prunedAt = 0;
  const report = (err: unknown): void => opts.onError?.(err);
  const keepMs = (opts.keepDays ?? USAGE_DEFAULTS.keepDays) * 86_400_000;

  /** Drops 👎 records past the retention period (at the first write, then every 6 hours). */
  async function pruneUnhelpful(): Promise<void> {
    const t = now().getTime();
    if (t - prunedAt < 6 * 60 * 60_000) return;
    prunedAt = t;
    const file = path.join(dir, 'unhelpful.jsonl');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const cutoff = new Date(t - keepMs).toISOString();
    const lines = text.split('\n').filter((l) => l.trim());
    const old = new Set<string>();
    for (const l of lines) {
      try {
        const r = JSON.parse(l) as { id?: string; t?: string };
        if (r.id && r.t && r.t < cutoff) old.add(r.id);
      } catch {
        // torn line: dropped below
      }
    }
    const kept = lines.filter((l) => {
      try {
        return !old.has((JSON.parse(l) as { id?: string }).id ?? '');
      } catch {
        return false;
      }
    });
    if (kept.length !== lines.length) await writePrivate(file, kept.length ? `${kept.join('\n')}\n` : '');
  }

  const add = (day: string, key: string, n: number): void => {
    let m = pending.get(day);
    if (!m) pending.set(day, (m = new Map()));
    m.set(key, (m.get(key) ?? 0) + n);
  };
  const today = (): string => japanDay(now());

  async function loadVotes(): Promise<Map<string, VoteEntry>> {
    if (votes) return votes;
    votes = new Map();
    try {
      const saved = JSON.parse(await readFile(path.join(dir, 'votes.json'), 'utf8')) as Record<string, VoteEntry>;
      const t = now().getTime();
      for (const [k, v] of Object.entries(saved)) if (v.expires > t) votes.set(k, v);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') report(err);
    }
    return votes;
  }

  async function writePrivate(file: string, text: string): Promise<void> {
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, file);
  }

  /** Adds the pending counts into each day's file. */
  async function write(): Promise<void> {
    const batch = [...pending];
    pending.clear();
    const lines = unhelpfulLines;
    unhelpfulLines = [];
    if (!batch.length && !lines.length && !votesDirty) return;
    ensurePrivateDir(dir);
    await pruneUnhelpful();
    await mkdir(daysDir, { recursive: true, mode: 0o700 });
    for (const [day, counts] of batch) {
      const file = path.join(daysDir, `${day}.json`);
      const current = await readDay(file);
      for (const [k, n] of counts) {
        const v = (current[k] ?? 0) + n;
        if (v) current[k] = v;
        else delete current[k];
      }
      await writePrivate(file, `${JSON.stringify({ day, counts: current })}\n`);
    }
    if (lines.length) await appendFile(path.join(dir, 'unhelpful.jsonl'), lines.join(''), { mode: 0o600 });
    if (votesDirty && votes) {
      votesDirty = false;
      const t = now().getTime();
      for (const [k, v] of votes) if (v.expires <= t) votes.delete(k);
      await writePrivate(path.join(dir, 'votes.json'), `${JSON.stringify(Object.fromEntries(votes))}\n`);
    }
  }

  const flush = (): Promise<void> => {
    const run = chain.then(write);
    chain = run.catch(report);
    return run;
  };
  const timer = setInterval(() => void flush().catch(report), opts.flushMs ?? USAGE_DEFAULTS.flushMs);
  timer.unref();

  const countVote = (day: string, e: Pick<VoteEntry, 'vote' | 'reason' | 'targets'>, sign: number): void => {
    for (const target of e.targets) {
      add(day, `${e.vote}:${target}`, sign);
      if (e.vote === 'down' && e.reason) add(day, `why:${e.reason}:${target}`, sign);
    }
  };

  return {
    question(outcome, targets) {
      if (closed) return;
      const day = today();
      add(day, `q:${outcome}`, 1);
      for (const t of targets) add(day, `ans:${t}`, 1);
    },
    tap(tile) {
      if (!closed) add(today(), `tap:${tile}`, 1);
    },
    async rememberReply(ref, record) {
      const t = now().getTime();
      replies.delete(ref);
      replies.set(ref, { ...record, expires: t + USAGE_DEFAULTS.replyTtlMs });
      while (replies.size > USAGE_DEFAULTS.maxReplies) replies.delete(replies.keys().next().value!);
    },
    async vote(voter, ref, fallbackTargets, vote, reason) {
      if (closed) return;
      const table = await loadVotes();
      const key = `${voter}:${ref}`;
      const t = now();
      const remembered = replies.get(ref);
      const record = remembered && remembered.expires > t.getTime() ? remembered : null;
      const previous = table.get(key);
      const next: VoteEntry = {
        vote,
        // A reason belongs to a 👎: a new 👎 keeps the reason given before, a 👍 drops it.
        reason: vote === 'down' ? (reason ?? (previous?.vote === 'down' ? previous.reason : null)) : null,
        targets: previous?.targets ?? record?.targets ?? fallbackTargets,
        day: japanDay(t),
        expires: previous?.expires ?? t.getTime() + USAGE_DEFAULTS.voteTtlMs,
        id: previous?.id ?? null,
      };
      if (previous && previous.vote === next.vote && previous.reason === next.reason) return;
      if (previous) countVote(previous.day, previous, -1);
      countVote(next.day, next, 1);
      if (next.vote === 'down') {
        next.id ??= randomBytes(8).toString('hex');
        const line: UnhelpfulAnswer = {
          id: next.id,
          t: t.toISOString(),
          q: record?.q ?? '',
          targets: next.targets,
          reason: next.reason,
        };
        unhelpfulLines.push(`${JSON.stringify(line)}\n`);
      } else if (previous?.id) {
        // A 👎 taken back: its record says so (reason "withdrawn" is read as no longer unhelpful).
        unhelpfulLines.push(`${JSON.stringify({ id: previous.id, withdrawn: true })}\n`);
        next.id = null;
      }
      table.set(key, next);
      while (table.size > USAGE_DEFAULTS.maxVotes) table.delete(table.keys().next().value!);
      votesDirty = true;
    },
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      await flush();
    },
  };
}

async function readDay(file: string): Promise<Record<string, number>> {
  try {
    const v = JSON.parse(await readFile(file, 'utf8')) as { counts?: Record<string, number> };
    return v.counts ?? {};
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

/** Reads the files of a file usage store. */
export function createFileUsageReader(dir: string): UsageReader {
  const inRange = (day: string, r?: { since?: string; until?: string }): boolean =>
    (!r?.since || day >= r.since) && (!r?.until || day <= r.until);
  return {
    async days(range) {
      let names: string[] = [];
      try {
        names = (await readdir(path.join(dir, 'days'))).filter((n) => /^\d{4}-\d{2}-\d{2}\.json$/u.test(n)).sort();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const out: { day: string; counts: Record<string, number> }[] = [];
      for (const n of names) {
        const day = n.slice(0, 10);
        if (inRange(day, range)) out.push({ day, counts: await readDay(path.join(dir, 'days', n)) });
      }
      return out;
    },
    async unhelpful(range) {
      let text = '';
      try {
        text = await readFile(path.join(dir, 'unhelpful.jsonl'), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const byId = new Map<string, UnhelpfulAnswer | null>();
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const r = JSON.parse(line) as Partial<UnhelpfulAnswer> & { withdrawn?: boolean };
          if (typeof r.id !== 'string') continue;
          if (r.withdrawn) byId.set(r.id, null);
          else if (typeof r.t === 'string' && Array.isArray(r.targets))
            byId.set(r.id, {
              id: r.id,
              t: r.t,
              q: typeof r.q === 'string' ? r.q : '',
              targets: r.targets,
              reason: r.reason ?? null,
            });
        } catch {
          // a line torn by a crash
        }
      }
      return [...byId.values()]
        .filter((r): r is UnhelpfulAnswer => r !== null && inRange(japanDay(new Date(r.t)), range))
        .sort((a, b) => b.t.localeCompare(a.t));
    },
  };
}
