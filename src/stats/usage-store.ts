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
 * A port (async), so several bot processes can share one store (redis/redis-usage.ts, with the
 * same vote arithmetic: changeVote). The file store is the default: counters are kept in memory
 * and written every few seconds to USAGE_DIR/days/YYYY-MM-DD.json (0600, temp file + rename),
 * 👎 answers appended to USAGE_DIR/unhelpful.jsonl, the one-vote table kept in
 * USAGE_DIR/votes.json (hashes only).
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
  /** How often old 👎 answers are looked for (at the first write, then at most this often). */
  pruneEveryMs: 6 * 60 * 60_000,
} as const;

/** One voter's vote on one reply, as the one-vote table keeps it (voter and reply are hashes). */
export interface VoteEntry {
  vote: Vote;
  reason: Reason | null;
  targets: Target[];
  /** The Japan day it is counted on. */
  day: string;
  /** When the entry is forgotten (ms since the epoch): 24 hours after the first vote. */
  expires: number;
  /** The 👎 record's id (its reason is updated under it). */
  id: string | null;
}

/** A change to one day's counter. */
export interface CountChange {
  day: string;
  key: string;
  n: number;
}

/** What one vote changes, whatever the store: the same arithmetic for the file and Redis. */
export interface VoteChange {
  /** The voter's entry from now on. */
  entry: VoteEntry;
  /** The previous vote's counts taken back, the new one's added. */
  counts: CountChange[];
  /** A 👎 record to write (new, or again with its new reason), or the id of one a 👍 took back. */
  unhelpful: { put: UnhelpfulAnswer } | { withdraw: string } | null;
}

export interface CastVote {
  vote: Vote;
  reason?: Reason | undefined;
  /** The targets the button carried, for a reply no longer remembered. */
  fallbackTargets: Target[];
  /** The reply voted on, while it is remembered. */
  reply: ReplyRecord | null;
  at: Date;
  /** An id for a new 👎 record. */
  newId(): string;
  ttlMs?: number;
}

/** The counter changes of one vote entry (`sign` -1 takes them back). */
export function voteCounts(e: Pick<VoteEntry, 'vote' | 'reason' | 'targets' | 'day'>, sign: number): CountChange[] {
  const out: CountChange[] = [];
  for (const target of e.targets) {
    out.push({ day: e.day, key: `${e.vote}:${target}`, n: sign });
    if (e.vote === 'down' && e.reason) out.push({ day: e.day, key: `why:${e.reason}:${target}`, n: sign });
  }
  return out;
}

/**
 * One vote (or a 👎's reason) against the voter's previous entry on the same reply: one vote per
 * voter and reply, a second replaces the first (its counts are taken back). An entry past its
 * expiry is forgotten. Null when nothing changes (the same vote again).
 */
export function changeVote(previous: VoteEntry | null, cast: CastVote): VoteChange | null {
  const t = cast.at.getTime();
  const prev = previous && previous.expires > t ? previous : null;
  const entry: VoteEntry = {
    vote: cast.vote,
    // A reason belongs to a 👎: a new 👎 keeps the reason given before, a 👍 drops it.
    reason: cast.vote === 'down' ? (cast.reason ?? (prev?.vote === 'down' ? prev.reason : null)) : null,
    targets: prev?.targets ?? cast.reply?.targets ?? cast.fallbackTargets,
    day: japanDay(cast.at),
    expires: prev?.expires ?? t + (cast.ttlMs ?? USAGE_DEFAULTS.voteTtlMs),
    id: prev?.id ?? null,
  };
  if (prev && prev.vote === entry.vote && prev.reason === entry.reason) return null;
  const counts = [...(prev ? voteCounts(prev, -1) : []), ...voteCounts(entry, 1)];
  let unhelpful: VoteChange['unhelpful'] = null;
  if (entry.vote === 'down') {
    entry.id ??= cast.newId();
    unhelpful = {
      put: {
        id: entry.id,
        t: cast.at.toISOString(),
        q: cast.reply?.q ?? '',
        targets: entry.targets,
        reason: entry.reason,
      },
    };
  } else if (prev?.id) {
    // A 👎 taken back: it leaves the list of unhelpful answers.
    unhelpful = { withdraw: prev.id };
    entry.id = null;
  }
  return { entry, counts, unhelpful };
}

/** A stored 👎 answer read back (parsed JSON); null when it is not one. */
export function toUnhelpfulAnswer(value: unknown): UnhelpfulAnswer | null {
  const r = value as Partial<UnhelpfulAnswer> | null;
  if (!r || typeof r.id !== 'string' || typeof r.t !== 'string' || !Array.isArray(r.targets)) return null;
  return { id: r.id, t: r.t, q: typeof r.q === 'string' ? r.q : '', targets: r.targets, reason: r.reason ?? null };
}

/** A new 👎 record's id. */
export const newUnhelpfulId = (): string => randomBytes(8).toString('hex');

/** Whether a 👎 answer's time falls in a range of Japan days (inclusive). */
export const inDayRange = (day: string, r?: { since?: string; until?: string }): boolean =>
  (!r?.since || day >= r.since) && (!r?.until || day <= r.until);

export interface UsageStoreOptions {
  now?: () => Date;
  flushMs?: number;
  /** 👎 answers (with their masked question) older than this are deleted. */
  keepDays?: number;
  onError?: (err: unknown) => void;
}

/**
 * Counts waiting to be written, per Japan day: what both stores (file and Redis) count for a
 * question, a tap and a vote, buffered between writes.
 */
export class PendingCounts {
  private days = new Map<string, Map<string, number>>();
  add(day: string, key: string, n: number): void {
    let m = this.days.get(day);
    if (!m) this.days.set(day, (m = new Map()));
    m.set(key, (m.get(key) ?? 0) + n);
  }
  question(day: string, outcome: Outcome, targets: readonly Target[]): void {
    this.add(day, `q:${outcome}`, 1);
    for (const t of targets) this.add(day, `ans:${t}`, 1);
  }
  tap(day: string, tile: string): void {
    this.add(day, `tap:${tile}`, 1);
  }
  /** Everything counted so far; the buffer starts again empty. */
  take(): Map<string, Map<string, number>> {
    const batch = this.days;
    this.days = new Map();
    return batch;
  }
}

/** The file-backed store (see the top of this file). */
export function createFileUsageStore(dir: string, opts: UsageStoreOptions = {}): UsageStore {
  const now = opts.now ?? (() => new Date());
  const daysDir = path.join(dir, 'days');
  const pending = new PendingCounts();
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
    if (t - prunedAt < USAGE_DEFAULTS.pruneEveryMs) return;
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
    const batch = [...pending.take()];
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

  return {
    question(outcome, targets) {
      if (closed) return;
      pending.question(today(), outcome, targets);
    },
    tap(tile) {
      if (!closed) pending.tap(today(), tile);
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
      const change = changeVote(table.get(key) ?? null, {
        vote,
        reason,
        fallbackTargets,
        reply: remembered && remembered.expires > t.getTime() ? remembered : null,
        at: t,
        newId: newUnhelpfulId,
      });
      if (!change) return;
      for (const c of change.counts) pending.add(c.day, c.key, c.n);
      if (change.unhelpful && 'put' in change.unhelpful)
        unhelpfulLines.push(`${JSON.stringify(change.unhelpful.put)}\n`);
      // A 👎 taken back: its record says so (read as no longer unhelpful).
      else if (change.unhelpful)
        unhelpfulLines.push(`${JSON.stringify({ id: change.unhelpful.withdraw, withdrawn: true })}\n`);
      table.delete(key);
      table.set(key, change.entry);
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
  const inRange = inDayRange;
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
          else {
            const answer = toUnhelpfulAnswer(r);
            if (answer) byId.set(r.id, answer);
          }
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
