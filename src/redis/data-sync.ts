import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeDataFiles } from '../console/data-set';
import type { Logger } from '../log';
import type { Catalog } from '../pledges/catalog';
import { DataError, formatProblem, type DataProblem } from '../pledges/data-error';
import { AREAS_DIR, GENERATED_SYNONYMS_FILE, READINGS_FILE, SOURCE_FILE, SYNONYMS_FILE } from '../pledges/load-catalog';
import { loadValidDataAsync } from '../valid-data';
import type { RedisClient } from './redis-client';
import { defineRedisScript } from './redis-script';

/**
 * One published data set for every instance, on any machine (with REDIS_URL).
 *
 * The console's 「公開」 and 「この版に戻す」 store the complete data set (every file the bot loads
 * from DATA_DIR, derived ones included: ~450 KB of JSON) under one Redis key and announce its
 * version on a channel, in one MULTI, so the key and the announcement never disagree. Every
 * instance listens: it reads the key, validates the set in a temporary folder with the same
 * validation as `npm run data:check`, writes the changed files into its own DATA_DIR (temporary
 * file + rename each, console/data-set.ts) and answers from the new catalog at once. A set that
 * does not validate is refused with a log line naming file, record and field; the instance keeps
 * its data. A new instance starts from the latest published version.
 *
 * Redis is a messenger here, not the truth: each DATA_DIR stays the plain files the bot loads
 * (and the file reloader still watches). With Redis down, instances answer from what they have
 * and catch up when it is back (the subscription's reconnect, and a slow periodic look for an
 * announcement missed meanwhile).
 */

/** The hash holding the latest published data set: fields `version`, `publishedAt`, `files`. */
export const PUBLISHED_DATA_KEY = 'ageo:data:published';
/** The channel announcing a new published version (the message is the version). */
export const PUBLISHED_DATA_CHANNEL = 'ageo:data:published';
/** Largest published set accepted, either way (the real one: ~450 KB; the loader's caps sum to less). */
export const MAX_PUBLISHED_DATA_BYTES = 32 * 1024 * 1024;
/** A safety net behind the announcements: how often an instance looks at the stored version. */
export const DATA_SYNC_CHECK_MS = 30_000;
/** After a failure (Redis down, a write error), the next try comes this soon. */
export const DATA_SYNC_RETRY_MS = 1000;
/** How long `ready` waits for a first successful look before the instance starts with what it has. */
export const DATA_SYNC_START_TIMEOUT_MS = 5000;

/** A published data set: the files by their path inside DATA_DIR (`areas/disaster.json`). */
export interface PublishedData {
  /** The catalog's version (the fingerprint of the files, `catalog.version`). */
  version: string;
  files: Readonly<Record<string, string>>;
}

/** As stored: with the time it was published (which of two competing publishes is newer). */
export interface StoredPublishedData extends PublishedData {
  publishedAt: string;
}

// The only names a published set may hold: a name from Redis never leaves DATA_DIR.
const TOP_FILES: readonly string[] = [SOURCE_FILE, SYNONYMS_FILE, READINGS_FILE, GENERATED_SYNONYMS_FILE];
const AREA_FILE = new RegExp(`^${AREAS_DIR}/[A-Za-z0-9][A-Za-z0-9_.-]*\\.json$`, 'u');

/** Whether `name` is a data file name a published set may carry. */
export const isPublishableName = (name: string): boolean => TOP_FILES.includes(name) || AREA_FILE.test(name);

/**
 * Stores `data` as the latest published set and announces it, atomically (MULTI): every
 * instance subscribed then loads it. Throws when Redis cannot be reached (nothing is stored then).
 */
export async function publishDataToRedis(
  client: RedisClient,
  data: PublishedData,
  publishedAt: Date = new Date(),
): Promise<void> {
  const bad = Object.keys(data.files).filter((n) => !isPublishableName(n));
  if (bad.length) throw new Error(`not data file names, not published: ${bad.join(', ')}`);
  const files = JSON.stringify(data.files);
  if (Buffer.byteLength(files) > MAX_PUBLISHED_DATA_BYTES)
    throw new Error(`published data too large (${Buffer.byteLength(files)} bytes)`);
  // One script (atomic), not MULTI: node-redis holds a MULTI while disconnected instead of failing it.
  await PUBLISH(client, [PUBLISHED_DATA_KEY], [data.version, publishedAt.toISOString(), files, PUBLISHED_DATA_CHANNEL]);
}

const PUBLISH = defineRedisScript(`
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'publishedAt', ARGV[2], 'files', ARGV[3])
return redis.call('PUBLISH', ARGV[4], ARGV[1])
`);

/** Reads the latest published set; null when none was published (or Redis started empty). */
export async function readPublishedData(client: RedisClient): Promise<StoredPublishedData | null> {
  const [version, publishedAt, files] = await client.hmGet(PUBLISHED_DATA_KEY, ['version', 'publishedAt', 'files']);
  if (!version || !files) return null;
  return { version, publishedAt: publishedAt ?? '', files: parseFiles(files) };
}

/** Thrown when the stored set is not a set of data files at all (not a data problem: a bug or tampering). */
class UnusableSetError extends Error {}

function parseFiles(text: string): Record<string, string> {
  if (text.length > MAX_PUBLISHED_DATA_BYTES) throw new UnusableSetError(`too large (${text.length} characters)`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UnusableSetError('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnusableSetError('not an object');
  const files: Record<string, string> = {};
  for (const [name, body] of Object.entries(value as Record<string, unknown>)) {
    if (!isPublishableName(name)) throw new UnusableSetError(`not a data file name: ${JSON.stringify(name)}`);
    if (typeof body !== 'string') throw new UnusableSetError(`${name}: not text`);
    files[name] = body;
  }
  return files;
}

export interface DataSyncOptions {
  /** The shared client; connected by its owner. data-sync subscribes on a duplicate of it. */
  client: RedisClient;
  dataDir: string;
  logger: Logger;
  /** The version this instance answers from (`catalog.version`). */
  currentVersion(): string;
  /** Starts answering from the new data (the same as the file reloader's). */
  onLoaded(catalog: Catalog): Promise<void>;
  /** How long `ready` waits for the first look (ms); default DATA_SYNC_START_TIMEOUT_MS. */
  startTimeoutMs?: number;
  /** The periodic look (ms); default DATA_SYNC_CHECK_MS. */
  checkEveryMs?: number;
}

export interface DataSync {
  /**
   * Settles once the stored version was looked at (and loaded when newer), or after the start
   * timeout when Redis cannot be reached (then the instance starts with its own DATA_DIR and
   * catches up later). Never rejects.
   */
  ready: Promise<void>;
  /**
   * The console's afterPublish: stores and announces this instance's new version. When Redis
   * cannot be reached it rejects (the console tells the staff member) and delivers the set
   * itself once Redis is back, unless a newer publish got there first.
   */
  publish(data: PublishedData): Promise<void>;
  /** Looks at the stored version now (tests; the periodic look and the channel do this anyway). */
  check(): Promise<void>;
  /** Unsubscribes and stops looking; waits for a load under way. */
  stop(): Promise<void>;
}

/** Where a data problem is, named by its path inside DATA_DIR instead of the temporary folder. */
function problemIn(p: DataProblem, tempDir: string): string {
  const rel = path.relative(tempDir, path.resolve(p.file));
  const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : p.file;
  return formatProblem({ ...p, file });
}

/** A temporary folder beside DATA_DIR (the same disk), else in the system's. */
async function tempFolder(dataDir: string): Promise<string> {
  const abs = path.resolve(dataDir);
  try {
    return await mkdtemp(path.join(path.dirname(abs), `.${path.basename(abs)}.sync-`));
  } catch {
    return mkdtemp(path.join(tmpdir(), 'data-sync-'));
  }
}

/**
 * Keeps DATA_DIR on the latest published version: looks at start, on every announcement, when
 * Redis is back, and every `checkEveryMs`. One look at a time; announcements during a look cause
 * one more look, which always reads the latest stored set.
 */
export function startDataSync(opts: DataSyncOptions): DataSync {
  const { client, logger } = opts;
  const log = logger.child({ feature: 'data-sync' });
  /** The stored version this instance last dealt with (loaded, already had, or refused). */
  let seen: string | null = null;
  /** This instance's own publish that did not reach Redis, delivered when it is back. */
  let pending: StoredPublishedData | null = null;
  let stopped = false;
  let failing = '';
  let retry: NodeJS.Timeout | null = null;

  async function load(stored: StoredPublishedData): Promise<void> {
    const temp = await tempFolder(opts.dataDir);
    try {
      const files = new Map(Object.entries(stored.files));
      await writeDataFiles(temp, files, { mode: 0o600 });
      let catalog: Catalog;
      try {
        catalog = (await loadValidDataAsync(temp)).catalog;
      } catch (err) {
        if (!(err instanceof DataError)) throw err;
        seen = stored.version;
        const problems = err.problems.map((p) => problemIn(p, temp));
        log.error(
          { publishedVersion: stored.version, dataVersion: opts.currentVersion(), problems },
          `published data refused, still answering from the current data: ${problems.slice(0, 3).join(' / ')}`,
        );
        return;
      }
      if (stopped) return;
      if (catalog.version !== opts.currentVersion()) {
        const written = await writeDataFiles(opts.dataDir, files, { mode: 0o644, prune: true });
        await opts.onLoaded(catalog);
        log.info(
          { dataVersion: catalog.version, publishedAt: stored.publishedAt, items: catalog.items.length, written },
          'published data loaded',
        );
      }
      seen = stored.version;
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }

  async function look(): Promise<void> {
    const [version, publishedAt] = await client.hmGet(PUBLISHED_DATA_KEY, ['version', 'publishedAt']);
    if (pending) {
      const own = pending;
      // Dropped when this instance moved on meanwhile, or another instance published later.
      if (own.version !== opts.currentVersion() || (version && (publishedAt ?? '') > own.publishedAt)) pending = null;
      else {
        await publishDataToRedis(client, own, new Date(own.publishedAt));
        if (pending === own) pending = null;
        seen = own.version;
        log.info({ dataVersion: own.version }, 'published data delivered to the other instances after all');
        return;
      }
    }
    if (!version || version === seen) return;
    if (version === opts.currentVersion()) {
      seen = version;
      return;
    }
    let stored: StoredPublishedData | null;
    try {
      stored = await readPublishedData(client);
    } catch (err) {
      if (!(err instanceof UnusableSetError)) throw err;
      seen = version;
      log.error({ publishedVersion: version }, `published data unusable, ignored: ${err.message}`);
      return;
    }
    if (stored && stored.version !== seen) await load(stored);
  }

  let running: Promise<void> | null = null;
  let again = false;
  let firstLook = (): void => undefined;
  const attempt = async (): Promise<void> => {
    try {
      await look();
      if (failing) log.info('published data: in sync again');
      failing = '';
      firstLook();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Once per kind of failure, not on every retry while Redis is down.
      if (message !== failing)
        log.error(
          { err },
          'published data: could not sync (Redis, or writing DATA_DIR); answering from the current data',
        );
      failing = message;
      if (!stopped && !retry) {
        retry = setTimeout(() => {
          retry = null;
          void check();
        }, DATA_SYNC_RETRY_MS);
        retry.unref();
      }
    }
  };
  function check(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await attempt();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const onReady = (): void => void check();
  client.on('ready', onReady);

  // SUBSCRIBE takes a connection of its own. node-redis subscribes again after a reconnect; doing
  // it on every 'ready' as well costs nothing (the listener is kept once) and covers a first
  // SUBSCRIBE lost to a dropped connection. Each (re)subscription is followed by a look, for what
  // was published while the connection was away.
  const subscriber = client.duplicate();
  // Its own announcement (and one already dealt with) needs no look.
  const onMessage = (version: string): void => {
    if (version !== seen) void check();
  };
  let subscriberError = '';
  subscriber.on('error', (err: Error) => {
    if (err.message !== subscriberError) log.warn({ err }, 'published data: subscription connection problem');
    subscriberError = err.message;
  });
  subscriber.on('ready', () => {
    subscriberError = '';
    subscriber.subscribe(PUBLISHED_DATA_CHANNEL, onMessage).then(
      () => check(),
      (err: unknown) => {
        if (!stopped) log.warn({ err }, 'published data: could not subscribe; trying again at the next connection');
      },
    );
  });
  const connected = subscriber.connect().catch((err: unknown) => {
    if (!stopped) log.error({ err }, 'published data: no subscription; only the periodic look remains');
  });

  const periodic = setInterval(() => void check(), opts.checkEveryMs ?? DATA_SYNC_CHECK_MS);
  periodic.unref();

  const ready = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, opts.startTimeoutMs ?? DATA_SYNC_START_TIMEOUT_MS);
    timer.unref();
    firstLook = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  void check();

  return {
    ready,
    check,
    publish: async (data) => {
      const at = new Date();
      try {
        await publishDataToRedis(client, data, at);
        pending = null;
        seen = data.version;
      } catch (err) {
        pending = { ...data, publishedAt: at.toISOString() };
        void check(); // starts the retries
        throw err;
      }
    },
    stop: async () => {
      stopped = true;
      clearInterval(periodic);
      if (retry) clearTimeout(retry);
      retry = null;
      client.off('ready', onReady);
      firstLook();
      // Closing the connection also ends a subscription still waiting for Redis.
      if (subscriber.isOpen) subscriber.destroy();
      await connected;
      await running;
    },
  };
}
