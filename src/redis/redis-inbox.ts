import { randomUUID } from 'node:crypto';
import type { PushBudget } from '../bot/delivery';
import {
  eventId,
  isKeepable,
  MAX_ANSWER_AGE_MS,
  MAX_EVENTS_PER_WEBHOOK,
  REDELIVERY_MEMORY_MS,
  type Inbox,
  type InboxEntry,
  type InboxWorker,
} from '../bot/inbox';
import type { Sealer } from '../privacy';
import type { RedisClient } from './redis-client';
import { defineRedisScript } from './redis-script';

/**
 * The inbox shared by several instances: a Redis Stream (`ageo:inbox`) with one consumer group.
 *
 * - accept: per event, one Lua script (atomic) remembers its webhookEventId (`SET NX PX`, 10
 *   minutes) and, only when it is new, appends it to the stream (`XADD`). A redelivered copy,
 *   whichever instance receives it, finds the id and is left out. Resolved before the 200;
 *   Redis unreachable → rejected → the webhook answers 500 and LINE sends it again.
 * - answering: every instance reads new entries with `XREADGROUP` (so work spreads over the
 *   instances) and, once answered, `XACK`s and deletes them. An entry being answered is
 *   touched every few seconds (`XCLAIM … JUSTID` by its own consumer) so it never looks idle.
 * - a dead instance: its entries stay pending, untouched; after CLAIM_IDLE_MS another instance
 *   takes them over with `XAUTOCLAIM` and answers them by the same rule as after a restart
 *   (reply while the token is young, else push; bot/delivery.ts).
 */
export const INBOX_STREAM = 'ageo:inbox';
export const INBOX_GROUP = 'bots';
const SEEN_PREFIX = 'ageo:seen:';

export const REDIS_INBOX_TIMING = {
  /** An entry untouched this long belongs to a dead instance and may be taken over. */
  claimIdleMs: 10_000,
  /** How often to look for such entries. */
  claimEveryMs: 2_000,
  /** How often entries being answered are touched (well under claimIdleMs). */
  heartbeatMs: 3_000,
  /** How long one XREADGROUP waits for new entries (below the client's command timeout). */
  blockMs: 1_000,
  /** Consumers of instances gone for this long, with nothing pending, are removed from the group. */
  forgetConsumerMs: 3_600_000,
};

// Scripts rather than MULTI: node-redis queues a MULTI while disconnected instead of failing it.
const FINISH = defineRedisScript(`
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
return redis.call('XDEL', KEYS[1], ARGV[2])
`);
const TAKE_PUSH = defineRedisScript(`
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return used
`);
const ACCEPT = defineRedisScript(`
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  return redis.call('XADD', KEYS[2], '*', 'id', ARGV[2], 'at', ARGV[3], 'ev', ARGV[4])
end
return false
`);

export interface RedisInboxOptions {
  /** For commands (shared with the other stores). */
  client: RedisClient;
  /** A connection of its own for the blocking XREADGROUP. */
  reader: RedisClient;
  /** This instance's consumer name in the group. */
  consumer: string;
  onError?(err: unknown, what: string): void;
  /** Seals the events kept in the stream (no readable user id or text); plain JSON without. */
  sealer?: Sealer;
  timing?: Partial<typeof REDIS_INBOX_TIMING>;
  now?: () => number;
}

export function createRedisInbox(opts: RedisInboxOptions): Inbox {
  const { client, reader, consumer } = opts;
  const timing = { ...REDIS_INBOX_TIMING, ...opts.timing };
  const now = opts.now ?? Date.now;
  const onError = opts.onError ?? (() => {});
  /** Stream ids being answered here. */
  const working = new Set<string>();
  let worker: InboxWorker | null = null;
  let stopped = true;
  let groupReady = false;
  const timers: NodeJS.Timeout[] = [];
  let readLoop: Promise<void> | null = null;

  const ensureGroup = async (): Promise<void> => {
    if (groupReady) return;
    try {
      await client.xGroupCreate(INBOX_STREAM, INBOX_GROUP, '0', { MKSTREAM: true });
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('BUSYGROUP')) throw err;
    }
    groupReady = true;
  };

  const answer = (streamId: string, fields: Record<string, string>): void => {
    if (working.has(streamId) || !worker) return;
    const opened = (ev: string | undefined): string => {
      if (!opts.sealer) return ev ?? 'null';
      const text = opts.sealer.open(ev ?? '');
      if (text === null) throw new SealedElsewhere();
      return text;
    };
    let entry: InboxEntry;
    try {
      entry = {
        id: fields.id ?? streamId,
        event: JSON.parse(opened(fields.ev)),
        acceptedAt: Number(fields.at) || now(),
      };
    } catch (err) {
      if (err instanceof SealedElsewhere) {
        // Left for an instance with the right key (all instances must share USER_ID_SALT).
        onError(err, `inbox: entry ${streamId} was sealed with another key`);
        return;
      }
      onError(err, `inbox: unreadable entry ${streamId}; removed`);
      void finish(streamId);
      return;
    }
    working.add(streamId);
    void worker
      .answer(entry)
      .catch((err: unknown) => {
        onError(err, 'inbox: answering');
        return 'retry' as const;
      })
      .then(async (result) => {
        working.delete(streamId);
        if (result === 'done') return finish(streamId);
        if (now() - entry.acceptedAt > MAX_ANSWER_AGE_MS) {
          onError(new Error(`event ${entry.id} could not be answered within a day; given up`), 'inbox');
          return finish(streamId);
        }
        // Left pending and no longer touched: taken again (here or elsewhere) once idle.
      });
  };

  const finish = async (streamId: string): Promise<void> => {
    try {
      await FINISH(client, [INBOX_STREAM], [INBOX_GROUP, streamId]);
    } catch (err) {
      // Still pending: someone takes it again later; the reply token is spent by then (LINE
      // says so) or the push's retry key is known to LINE (409): no second answer either way.
      onError(err, 'inbox: could not mark an event answered');
    }
  };

  const deliver = (messages: readonly unknown[]): void => {
    for (const m of messages) {
      if (!m || typeof m !== 'object') continue;
      const { id, message } = m as { id: string; message: Record<string, string> };
      answer(id, message);
    }
  };

  const read = async (): Promise<void> => {
    while (!stopped) {
      const room = worker ? worker.room() : 0;
      if (room <= 0 || !reader.isReady) {
        await sleep(room <= 0 ? 20 : 250);
        continue;
      }
      try {
        await ensureGroup();
        const res = await reader.xReadGroup(
          INBOX_GROUP,
          consumer,
          { key: INBOX_STREAM, id: '>' },
          { COUNT: Math.min(room, 64), BLOCK: timing.blockMs },
        );
        for (const stream of (res ?? []) as unknown as { messages: unknown[] }[]) deliver(stream.messages);
      } catch (err) {
        if (stopped) break;
        if (err instanceof Error && err.message.includes('NOGROUP')) groupReady = false;
        else onError(err, 'inbox: reading the stream');
        await sleep(500);
      }
    }
  };

  let claimCursor = '0-0';
  const claim = async (): Promise<void> => {
    if (stopped || !worker || !client.isReady) return;
    const room = worker.room();
    if (room <= 0) return;
    try {
      await ensureGroup();
      const res = await client.xAutoClaim(INBOX_STREAM, INBOX_GROUP, consumer, timing.claimIdleMs, claimCursor, {
        COUNT: Math.min(room, 64),
      });
      claimCursor = String(res.nextId);
      deliver(res.messages);
    } catch (err) {
      onError(err, 'inbox: taking over entries of a stopped instance');
    }
  };

  const heartbeat = async (): Promise<void> => {
    if (!working.size || !client.isReady) return;
    try {
      await client.xClaimJustId(INBOX_STREAM, INBOX_GROUP, consumer, 0, [...working]);
    } catch (err) {
      onError(err, 'inbox: touching the entries being answered');
    }
  };

  const forgetConsumers = async (): Promise<void> => {
    if (!client.isReady) return;
    try {
      const consumers = (await client.xInfoConsumers(INBOX_STREAM, INBOX_GROUP)) as unknown as {
        name: string;
        pending: number;
        idle: number;
      }[];
      for (const c of consumers)
        if (c.name !== consumer && Number(c.pending) === 0 && Number(c.idle) > timing.forgetConsumerMs)
          await client.xGroupDelConsumer(INBOX_STREAM, INBOX_GROUP, c.name);
    } catch {
      // only housekeeping
    }
  };

  return {
    async accept(events) {
      const at = String(now());
      const fresh = events.slice(0, MAX_EVENTS_PER_WEBHOOK).filter(isKeepable);
      if (!fresh.length) return 0;
      await ensureGroup();
      const added = await Promise.all(
        fresh.map((ev) => {
          const known = eventId(ev);
          const body = opts.sealer ? opts.sealer.seal(JSON.stringify(ev)) : JSON.stringify(ev);
          if (known === undefined) return client.xAdd(INBOX_STREAM, '*', { id: `local-${randomUUID()}`, at, ev: body });
          return ACCEPT(client, [SEEN_PREFIX + known, INBOX_STREAM], [REDELIVERY_MEMORY_MS, known, at, body]);
        }),
      );
      return added.filter((x) => x !== null && x !== false).length;
    },
    start(w) {
      worker = w;
      if (!stopped) return;
      stopped = false;
      readLoop = read();
      const every = (ms: number, fn: () => Promise<void>): void => {
        const t = setInterval(() => void fn(), ms);
        t.unref();
        timers.push(t);
      };
      every(timing.claimEveryMs, claim);
      every(timing.heartbeatMs, heartbeat);
      every(Math.min(timing.forgetConsumerMs, 300_000), forgetConsumers);
    },
    healthy: () => client.isReady,
    async stop() {
      stopped = true;
      for (const t of timers.splice(0)) clearInterval(t);
      // Touching goes on until close(): what is still being answered here stays ours.
      const keepTouching = setInterval(() => void heartbeat(), timing.heartbeatMs);
      keepTouching.unref();
      timers.push(keepTouching);
      await readLoop;
    },
    async close() {
      stopped = true;
      for (const t of timers.splice(0)) clearInterval(t);
      await readLoop;
    },
  };
}

/** The day's push budget, shared by every instance (INCR of a per-day key). */
export function createRedisPushBudget(client: RedisClient, perDay: number, today: () => string): PushBudget {
  return {
    async take() {
      const key = `ageo:push:${today()}`;
      const used = await TAKE_PUSH(client, [key], [3 * 86_400]);
      return Number(used) <= perDay;
    },
  };
}

class SealedElsewhere extends Error {
  constructor() {
    super('sealed with another key: set the same USER_ID_SALT on every instance');
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
