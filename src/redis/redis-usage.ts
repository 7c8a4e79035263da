import { ClientClosedError, ClientOfflineError } from 'redis';
import { japanDay, japanMidnight } from '../stats/japan-time';
import {
  changeVote,
  inDayRange,
  newUnhelpfulId,
  PendingCounts,
  toUnhelpfulAnswer,
  USAGE_DEFAULTS,
  type ReplyRecord,
  type UnhelpfulAnswer,
  type UsageReader,
  type UsageStore,
  type UsageStoreOptions,
  type VoteEntry,
} from '../stats/usage-store';
import type { RedisClient } from './redis-client';
import { defineRedisScript, redisReadError } from './redis-script';

/**
 * The usage store (stats/usage-store.ts) shared by every instance through Redis, with the file
 * store's behaviour and the same vote arithmetic (changeVote):
 *
 * - `ageo:usage:day:<YYYY-MM-DD>`  HASH of the day's counters (Japan day), HINCRBY; the counts are
 *   buffered and sent together (one script) every `flushMs`, like the file store's writes; kept.
 * - `ageo:usage:days`              ZSET of the days that have counters (all scores 0: read by name).
 * - `ageo:usage:reply:<ref>`       a reply residents may vote on ({q, targets}, q masked), 24 hours.
 * - `ageo:usage:vote:<voter>:<ref>`  one voter's vote on one reply (hashes only), 24 hours from the
 *   first vote. A vote is read, worked out here, and written by a compare-and-set script with its
 *   👎 record, so that two instances changing the same vote at once cannot both count it.
 * - `ageo:usage:unhelpful`         HASH id → 👎 answer (the same JSON as the file's lines), and
 *   `ageo:usage:unhelpful:t`       ZSET id by time: pruned after `keepDays`.
 *
 * With Redis down: question() and tap() keep counting in memory and the counts go at the next
 * flush that reaches Redis (when Redis refused them unsent); flush(), rememberReply() and vote()
 * reject within the client's command timeout; the background flush tells onError.
 */
export const USAGE_KEYS = {
  day: (day: string): string => `ageo:usage:day:${day}`,
  days: 'ageo:usage:days',
  reply: (ref: string): string => `ageo:usage:reply:${ref}`,
  vote: (voter: string, ref: string): string => `ageo:usage:vote:${voter}:${ref}`,
  unhelpful: 'ageo:usage:unhelpful',
  unhelpfulByTime: 'ageo:usage:unhelpful:t',
} as const;

/** Tries of a vote that another instance changed meanwhile. */
const VOTE_TRIES = 5;
/** 👎 answers deleted per step of a prune. */
const PRUNE_BATCH = 500;

/**
 * Adds counts to day hashes and lists the days. KEYS: the days index, then one hash per day;
 * ARGV per day: its name, how many counters, then counter and amount pairs. A script rather than
 * MULTI: node-redis queues a MULTI while disconnected (no fail-fast, no command timeout).
 */
const ADD_COUNTS = defineRedisScript(`
local a = 1
for k = 2, #KEYS do
  local day, n = ARGV[a], tonumber(ARGV[a + 1])
  a = a + 2
  for i = 1, n do
    redis.call('HINCRBY', KEYS[k], ARGV[a], ARGV[a + 1])
    a = a + 2
  end
  redis.call('ZADD', KEYS[1], 0, day)
end
return 1
`);

/** Writes the vote entry only if it is still what was read ('' = none), with its 👎 record. */
const SET_VOTE = defineRedisScript(`
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
if ARGV[4] == 'put' then
  redis.call('HSET', KEYS[2], ARGV[5], ARGV[7])
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[5])
elseif ARGV[4] == 'withdraw' then
  redis.call('HDEL', KEYS[2], ARGV[5])
  redis.call('ZREM', KEYS[3], ARGV[5])
end
return 1
`);

/** Deletes up to ARGV[2] 👎 answers older than ARGV[1] (ms); how many went. */
const PRUNE_UNHELPFUL = defineRedisScript(`
local ids = redis.call('ZRANGE', KEYS[1], '-inf', '(' .. ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]))
if #ids > 0 then
  redis.call('ZREM', KEYS[1], unpack(ids))
  redis.call('HDEL', KEYS[2], unpack(ids))
end
return #ids
`);

interface StoredReply extends ReplyRecord {
  expires: number;
}

const parseJson = <T>(text: string | null | undefined): T | null => {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
};

/** Errors that say the commands never reached Redis (so the counts may be sent again). */
const unsent = (err: unknown): boolean =>
  err instanceof ClientOfflineError ||
  err instanceof ClientClosedError ||
  (err as NodeJS.ErrnoException | null)?.code === 'ECONNREFUSED';

export function createRedisUsageStore(client: RedisClient, opts: UsageStoreOptions = {}): UsageStore {
  const now = opts.now ?? (() => new Date());
  const keepMs = (opts.keepDays ?? USAGE_DEFAULTS.keepDays) * 86_400_000;
  const report = (err: unknown): void => opts.onError?.(err);
  const pending = new PendingCounts();
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  let prunedAt = 0;

  const today = (): string => japanDay(now());

  /** Drops 👎 answers past the retention period (at the first write, then every 6 hours). */
  async function pruneUnhelpful(): Promise<void> {
    const t = now().getTime();
    if (t - prunedAt < USAGE_DEFAULTS.pruneEveryMs) return;
    prunedAt = t;
    const keys = [USAGE_KEYS.unhelpfulByTime, USAGE_KEYS.unhelpful];
    try {
      while (Number(await PRUNE_UNHELPFUL(client, keys, [t - keepMs, PRUNE_BATCH])) === PRUNE_BATCH);
    } catch (err) {
      prunedAt = 0; // tried again at the next write
      report(err);
    }
  }

  /** Sends the buffered counts in one script (and prunes old 👎 answers when due). */
  async function write(): Promise<void> {
    const batch = pending.take();
    if (!batch.size) return;
    const keys: string[] = [USAGE_KEYS.days];
    const args: (string | number)[] = [];
    for (const [day, counts] of batch) {
      const changed = [...counts].filter(([, n]) => n);
      keys.push(USAGE_KEYS.day(day));
      args.push(day, changed.length, ...changed.flat());
    }
    try {
      await ADD_COUNTS(client, keys, args);
    } catch (err) {
      // Not sent: counted again at the next flush (sent and unanswered would count twice).
      if (unsent(err)) for (const [day, counts] of batch) for (const [key, n] of counts) pending.add(day, key, n);
      throw err;
    }
    await pruneUnhelpful();
  }

  const flush = (): Promise<void> => {
    const run = chain.then(write);
    chain = run.catch(() => undefined);
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
      const stored: StoredReply = {
        q: record.q,
        targets: record.targets,
        expires: now().getTime() + USAGE_DEFAULTS.replyTtlMs,
      };
      await client.set(USAGE_KEYS.reply(ref), JSON.stringify(stored), {
        expiration: { type: 'PX', value: USAGE_DEFAULTS.replyTtlMs },
      });
    },
    async vote(voter, ref, fallbackTargets, vote, reason) {
      if (closed) return;
      const key = USAGE_KEYS.vote(voter, ref);
      for (let attempt = 0; attempt < VOTE_TRIES; attempt++) {
        const [raw, replyRaw] = await client.mGet([key, USAGE_KEYS.reply(ref)]);
        const t = now();
        const reply = parseJson<StoredReply>(replyRaw);
        const change = changeVote(parseJson<VoteEntry>(raw), {
          vote,
          reason,
          fallbackTargets,
          reply: reply && reply.expires > t.getTime() ? reply : null,
          at: t,
          newId: newUnhelpfulId,
        });
        if (!change) return;
        const u = change.unhelpful;
        const written = await SET_VOTE(
          client,
          [key, USAGE_KEYS.unhelpful, USAGE_KEYS.unhelpfulByTime],
          [
            raw ?? '',
            JSON.stringify(change.entry),
            Math.max(1, change.entry.expires - t.getTime()),
            u ? ('put' in u ? 'put' : 'withdraw') : '',
            u ? ('put' in u ? u.put.id : u.withdraw) : '',
            u && 'put' in u ? Date.parse(u.put.t) : 0,
            u && 'put' in u ? JSON.stringify(u.put) : '',
          ],
        );
        if (Number(written) === 1) {
          for (const c of change.counts) pending.add(c.day, c.key, c.n);
          return;
        }
      }
      throw new Error(`usage: a vote changed by other instances ${VOTE_TRIES} times in a row was not counted`);
    },
    flush,
    /** Sends what is counted; the client stays open (it is shared). */
    async close() {
      closed = true;
      clearInterval(timer);
      await flush();
    },
  };
}

/** Reads what the Redis usage store wrote (reports, the console); rejects naming the key it could not read. */
export function createRedisUsageReader(client: RedisClient): UsageReader {
  return {
    async days(range) {
      try {
        const days = await client.zRange(
          USAGE_KEYS.days,
          range?.since ? `[${range.since}` : '-',
          range?.until ? `[${range.until}` : '+',
          { BY: 'LEX' },
        );
        if (!days.length) return [];
        // Sent together (node-redis pipelines the commands of one tick), each failing fast.
        const all = await Promise.all(days.map((day) => client.hGetAll(USAGE_KEYS.day(day))));
        return days.map((day, i) => {
          const counts: Record<string, number> = {};
          for (const [k, v] of Object.entries(all[i] ?? {})) if (Number(v)) counts[k] = Number(v);
          return { day, counts };
        });
      } catch (err) {
        throw redisReadError('the usage counters', 'ageo:usage:day:*', err);
      }
    },
    async unhelpful(range) {
      try {
        const from = range?.since ? japanMidnight(range.since)?.getTime() : undefined;
        const to = range?.until ? japanMidnight(range.until)?.getTime() : undefined;
        const ids = await client.zRange(
          USAGE_KEYS.unhelpfulByTime,
          from === undefined ? '-inf' : from,
          to === undefined ? '+inf' : `(${to + 86_400_000}`,
          { BY: 'SCORE' },
        );
        if (!ids.length) return [];
        const out: UnhelpfulAnswer[] = [];
        for (const raw of await client.hmGet(USAGE_KEYS.unhelpful, ids)) {
          const answer = toUnhelpfulAnswer(parseJson<unknown>(raw));
          if (answer) out.push(answer);
        }
        return out.filter((r) => inDayRange(japanDay(new Date(r.t)), range)).sort((a, b) => b.t.localeCompare(a.t));
      } catch (err) {
        throw redisReadError('the unhelpful answers', USAGE_KEYS.unhelpful, err);
      }
    },
  };
}
