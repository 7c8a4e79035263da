import {
  buildUnansweredRecord,
  parseUnansweredRecord,
  UNANSWERED_DEFAULTS,
  type UnansweredLog,
  type UnansweredRecord,
} from '../stats/unanswered-log';
import type { RedisClient } from './redis-client';
import { redisReadError } from './redis-script';

/**
 * The unanswered-questions log (stats/unanswered-log.ts) shared by every instance: one Redis
 * stream, `ageo:unanswered`, one entry per question with one field `r` holding exactly the JSON
 * record the file log writes as a line (buildUnansweredRecord: masked, cut, no user id).
 *
 * A stream keeps the order the instances wrote in, and its entries never collide (two residents
 * asking the same thing in the same millisecond stay two). Bounded twice: records older than
 * `keepDays` are trimmed (at start, then every few hours), and past `maxRecords` the oldest go
 * (approximate trimming, like the file's rotation).
 *
 * record() resolves once Redis has the record; with Redis down it rejects within the client's
 * command timeout (the dispatcher logs it and answers anyway).
 */
export const UNANSWERED_KEY = 'ageo:unanswered';

export const REDIS_UNANSWERED_DEFAULTS = {
  /** About what the file keeps (two files of 5 MB, ~150 bytes a record). */
  maxRecords: 100_000,
  /** Entries read per request while pruning or reading. */
  pageSize: 1000,
} as const;

export interface RedisUnansweredOptions {
  keepDays?: number;
  pruneEveryMs?: number;
  maxRecords?: number;
  now?: () => Date;
  /** Told about a failed background prune (it is tried again at the next interval). */
  onError?: (err: unknown) => void;
}

/** The stream id just after `id` (ids are `<ms>-<seq>`). */
const nextId = (id: string): string => {
  const [ms, seq] = id.split('-');
  return `${ms}-${BigInt(seq ?? '0') + 1n}`;
};

export function createRedisUnansweredLog(client: RedisClient, opts: RedisUnansweredOptions = {}): UnansweredLog {
  const keepMs = (opts.keepDays ?? UNANSWERED_DEFAULTS.keepDays) * 86_400_000;
  const maxRecords = opts.maxRecords ?? REDIS_UNANSWERED_DEFAULTS.maxRecords;
  const now = opts.now ?? (() => new Date());
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  /**
   * Drops the records older than the retention period: reads from the oldest until the first one
   * to keep, then trims the stream up to it (records are in time order, give or take the clocks
   * of the instances). Several instances pruning at once trim the same entries.
   */
  async function prune(): Promise<number> {
    const cutoff = new Date(now().getTime() - keepMs).toISOString();
    let start = '-';
    let trimTo: string | null = null;
    for (;;) {
      const page = await client.xRange(UNANSWERED_KEY, start, '+', { COUNT: REDIS_UNANSWERED_DEFAULTS.pageSize });
      if (!page?.length) break;
      const keep = page.find((e) => {
        const r = parseUnansweredRecord(e.message.r ?? '');
        return r !== null && r.t >= cutoff;
      });
      if (keep) {
        trimTo = keep.id;
        break;
      }
      trimTo = nextId(page[page.length - 1]!.id);
      start = `(${page[page.length - 1]!.id}`;
    }
    if (trimTo === null || trimTo === '0-0') return 0;
    return Number(await client.xTrim(UNANSWERED_KEY, 'MINID', trimTo));
  }

  const report = (err: unknown): void => opts.onError?.(err);
  void prune().catch(report);
  const timer = setInterval(() => void prune().catch(report), opts.pruneEveryMs ?? UNANSWERED_DEFAULTS.pruneEveryMs);
  timer.unref();

  return {
    record(question, outcome) {
      const rec = buildUnansweredRecord(question, outcome, now());
      if (!rec) return Promise.resolve();
      if (closed) return Promise.reject(new Error('the unanswered-questions log is closed'));
      const write = client
        .xAdd(
          UNANSWERED_KEY,
          '*',
          { r: JSON.stringify(rec) },
          { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxRecords } },
        )
        .then(() => undefined);
      inFlight.add(write);
      void write.finally(() => inFlight.delete(write)).catch(() => undefined);
      return write;
    },
    prune,
    /** Waits for the records under way; the client stays open (it is shared). */
    async close() {
      closed = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * The unanswered log in Redis as the console's inbox and report:unanswered read it: every record,
 * oldest first, like readUnanswered / unansweredFromFile. Between calls only the new entries are
 * read (the whole stream again after a prune). Rejects with an error naming the key when Redis
 * cannot be read.
 */
export function unansweredFromRedis(client: RedisClient): () => Promise<UnansweredRecord[]> {
  let cache: { firstId: string; lastId: string; records: UnansweredRecord[] } | null = null;

  /** Reads the entries from `start` on into `into`; the last entry's id ('' when none). */
  async function readFrom(start: string, into: UnansweredRecord[]): Promise<string> {
    let lastId = '';
    for (;;) {
      const page = await client.xRange(UNANSWERED_KEY, start, '+', { COUNT: REDIS_UNANSWERED_DEFAULTS.pageSize });
      if (!page?.length) break;
      for (const e of page) {
        const r = parseUnansweredRecord(e.message.r ?? '');
        if (r) into.push(r);
      }
      lastId = page[page.length - 1]!.id;
      if (page.length < REDIS_UNANSWERED_DEFAULTS.pageSize) break;
      start = `(${lastId}`;
    }
    return lastId;
  }

  return async () => {
    try {
      const firstId = (await client.xRange(UNANSWERED_KEY, '-', '+', { COUNT: 1 }))?.[0]?.id ?? '';
      if (!firstId) {
        cache = null;
        return [];
      }
      // Entries leave only from the oldest end (prune, MAXLEN): the same oldest entry means that
      // the cache is still the start of the stream, and only the new entries need reading.
      if (cache?.firstId === firstId) {
        const added: UnansweredRecord[] = [];
        const lastId = await readFrom(`(${cache.lastId}`, added);
        if (lastId) cache = { firstId, lastId, records: [...cache.records, ...added] };
        return cache.records;
      }
      const records: UnansweredRecord[] = [];
      const lastId = await readFrom(firstId, records);
      cache = lastId ? { firstId, lastId, records } : null;
      return records;
    } catch (err) {
      throw redisReadError('the unanswered questions', UNANSWERED_KEY, err);
    }
  };
}
