import type { Express, Router } from 'express';
import path from 'node:path';
import { createAdminApp, createApp } from './app';
import { createRejectionLog, type RejectionLog } from './http/rejection-log';
import { createDispatcher, type Dispatcher } from './bot/dispatch';
import { createMemoryDedupeStore, type DedupeStore } from './bot/dedupe-store';
import { createEventRunner, MAX_IN_FLIGHT, type EventRunner } from './bot/event-runner';
import { createMemoryLanguageStore, createPersonLanguage, type Knowledge } from './bot/handler-context';
import { ROUTES } from './bot/routes';
import type { Config } from './config';
import { createLineClient, type LineClient } from './line/line-client';
import { createProfileApi } from './line/profile-api';
import type { Logger } from './log';
import { withMatchCache } from './matching/cached-matcher';
import { createPledgeMatcher, createPledgeMatcherAsync } from './matching/pledge-matcher';
import { DEFAULT_TUNABLES, withThresholds, type ThresholdOverrides } from './matching/tunables';
import type { Catalog } from './pledges/catalog';
import { loadValidData } from './valid-data';
import { createSealer, createUserHasher } from './privacy';
import { randomBytes } from 'node:crypto';
import { createMetrics, type Metrics } from './metrics';
import { createRateLimiter } from './bot/rate-limiter';
import { createMemoryReplyLimits, type ReplyLimits } from './bot/reply-limits';
import { PROJECT_ROOT } from './project-root';
import { RICH_MENU_DIR, richMenuAlias } from './richmenu/definition';
import { createCaptureLine, simulatorEvent, simulatorPersonLanguage } from './simulator/capture-line';
import { loadSimulatorMenus, renderSimulatorPage, simulatorMenuImages } from './simulator/simulator-page';
import { createSimulatorRouter } from './http/simulator-route';
import { createUnansweredLog, type UnansweredLog } from './stats/unanswered-log';
import { createFileUsageReader, createFileUsageStore, type UsageStore } from './stats/usage-store';
import { hostname } from 'node:os';
import { createFileInbox } from './bot/file-inbox';
import { createRedisClient, REDIS_COMMAND_TIMEOUT_MS, type RedisClient } from './redis/redis-client';
import { createRedisInbox, createRedisPushBudget, REDIS_INBOX_TIMING } from './redis/redis-inbox';
import { createRedisReplyLimits } from './redis/redis-limits';
import { createRedisUnansweredLog, unansweredFromRedis } from './redis/redis-unanswered';
import { createRedisUsageReader, createRedisUsageStore } from './redis/redis-usage';
import { createRedisConsoleSessions } from './redis/redis-sessions';
import { startDataSync } from './redis/data-sync';
import { createRedisLanguageStore } from './redis/redis-languages';
import type { Inbox } from './bot/inbox';
import { createMemoryPushBudget } from './bot/delivery';
import { japanDay } from './stats/japan-time';
import { createConsole, unansweredFromFile, type StaffConsole } from './console';

export interface Bot {
  /** The public app (PORT): POST /webhook, a minimal /healthz, the simulator in local mode. */
  app: Express;
  /** The internal app (ADMIN_HOST:ADMIN_PORT): /metrics, the detailed /healthz, the simulator in line mode. */
  adminApp: Express;
  /** Refused requests and connections: sampled logs and metrics (the servers report to it). */
  rejections: RejectionLog;
  /** Whether /healthz says the bot serves (false once it is stopping). */
  setServing(serving: boolean): void;
  metrics: Metrics;
  runner: EventRunner;
  dispatcher: Dispatcher;
  knowledge(): Knowledge;
  /** Closes what the bot holds open (the unanswered-questions file, the LINE client). */
  close(): Promise<void>;
  /**
   * Answers from this catalog from now on (hot reload); events under way keep theirs. The new
   * matcher is built in slices, so answering goes on meanwhile.
   */
  replaceData(catalog: Catalog): Promise<void>;
  /** The staff console on the internal listener; null when ADMIN_PORT=off. */
  console: StaffConsole | null;
  /** Where accepted events wait until answered (journal on disk, or a Redis Stream). */
  inbox: Inbox;
  /** Settles when the bot answers from the latest published data (REDIS_URL); never rejects. */
  ready: Promise<void>;
}

export interface ComposeOverrides {
  catalog?: Catalog;
  line?: LineClient;
  dedupe?: DedupeStore;
  limits?: ReplyLimits;
  inbox?: Inbox;
  unanswered?: UnansweredLog | null;
  usage?: UsageStore | null;
  /** How the console rebuilds derived data files at publish (tests: something faster). */
  buildDerived?: (dir: string) => Promise<void>;
}

/** Builds answering knowledge (data + matcher) from a catalog. */
export function createKnowledge(catalog: Catalog, thresholds: ThresholdOverrides = {}): Knowledge {
  return {
    catalog,
    matcher: withMatchCache(createPledgeMatcher(catalog, withThresholds(DEFAULT_TUNABLES, thresholds))),
  };
}

/** The same, without holding the event loop for more than a slice (hot reload). */
export async function createKnowledgeAsync(catalog: Catalog, thresholds: ThresholdOverrides = {}): Promise<Knowledge> {
  const matcher = await createPledgeMatcherAsync(catalog, withThresholds(DEFAULT_TUNABLES, thresholds));
  return { catalog, matcher: withMatchCache(matcher) };
}

/**
 * Assembles the bot from validated config: loads data/ (throws DataError when broken), builds
 * the matcher, the LINE client, the dispatcher and the HTTP app. Used by main and by tests.
 */
export function composeBot(config: Config, logger: Logger, overrides: ComposeOverrides = {}): Bot {
  let knowledge = createKnowledge(overrides.catalog ?? loadValidData(config.dataDir).catalog, config.matchThresholds);
  const metrics = createMetrics();
  // REDIS_URL: the stores every instance shares (see redis/). Without it, files and memory.
  const redis = config.redisUrl ? connectRedis(config.redisUrl, config.instanceName, logger) : null;
  const unanswered =
    overrides.unanswered !== undefined
      ? overrides.unanswered
      : redis
        ? config.unansweredLog
          ? createRedisUnansweredLog(redis.client, {
              keepDays: config.unansweredRetentionDays,
              onError: (err) => logger.error({ err }, 'could not delete old unanswered questions'),
            })
          : null
        : config.unansweredLog
          ? createUnansweredLog(config.unansweredLog, {
              keepDays: config.unansweredRetentionDays,
              onError: (err) => logger.error({ err }, 'could not delete old unanswered questions'),
              onWarning: (message) => logger.warn(message),
            })
          : null;
  const line =
    overrides.line ??
    (config.line
      ? createLineClient({
          channelAccessToken: config.line.channelAccessToken,
          apiBaseUrl: config.lineApiBaseUrl,
          observer: metrics.line,
        })
      : offlineLineClient());
  const usage =
    overrides.usage !== undefined
      ? overrides.usage
      : redis
        ? config.usageDir
          ? createRedisUsageStore(redis.client, {
              onError: (err) => logger.error({ err }, 'could not write the usage statistics'),
            })
          : null
        : config.usageDir
          ? createFileUsageStore(config.usageDir, {
              onError: (err) => logger.error({ err }, 'could not write the usage statistics'),
            })
          : null;
  // Accepted events are kept here before the 200 and until answered; it also keeps
  // redelivered copies out. Local mode has no webhook: nothing to keep.
  const onInboxError = (err: unknown, what: string): void => logger.error({ err }, what);
  // What the inbox keeps until answered is sealed with a key derived from the user-id key.
  const sealer = createSealer(config.userIdSalt ?? randomBytes(32).toString('hex'));
  const inbox =
    overrides.inbox ??
    (redis && config.mode === 'line'
      ? createRedisInbox({
          client: redis.client,
          reader: redis.reader,
          consumer: redis.name,
          onError: onInboxError,
          sealer,
        })
      : createFileInbox(config.mode === 'line' ? config.inboxDir : null, { onError: onInboxError, sealer }));
  const today = (): string => japanDay(new Date());
  const dispatcher = createDispatcher({
    routes: ROUTES,
    knowledge: () => knowledge,
    line,
    ...(overrides.dedupe ? { dedupe: overrides.dedupe } : {}),
    push: {
      enabled: config.pushFallback,
      budget: redis
        ? createRedisPushBudget(redis.client, config.pushDailyLimit, today)
        : createMemoryPushBudget(config.pushDailyLimit, today),
    },
    logger,
    hashUserId: createUserHasher(config.userIdSalt),
    ...(unanswered ? { unanswered } : {}),
    ...(usage ? { usage } : {}),
    limits: overrides.limits ?? (redis ? createRedisReplyLimits(redis.client) : createMemoryReplyLimits()),
    metrics,
    // English speakers: their LINE profile's language, kept (in memory) by hashed user id.
    ...(config.line
      ? {
          personLanguage: createPersonLanguage({
            store: redis ? createRedisLanguageStore(redis.client) : createMemoryLanguageStore(),
            profiles: createProfileApi({
              channelAccessToken: config.line.channelAccessToken,
              apiBaseUrl: config.lineApiBaseUrl,
            }),
            englishMenuAlias: richMenuAlias('en'),
            onError: (err, what, user) => logger.warn({ err, user }, what),
          }),
        }
      : {}),
  });
  const runner = createEventRunner((err) => logger.error({ err }, 'event task failed'), {
    maxInFlight: MAX_IN_FLIGHT,
  });
  metrics.watchInFlight(() => ({ tasks: runner.inFlight(), waiting: runner.waiting() }));
  inbox.start({
    answer: (entry) =>
      new Promise((resolve) =>
        runner.run(async () => {
          try {
            resolve(await dispatcher.handle(entry.event, entry.acceptedAt));
          } catch (err) {
            resolve('retry');
            throw err;
          }
        }),
      ),
    room: () => Math.max(0, MAX_IN_FLIGHT - runner.inFlight()),
  });
  const replaceData = async (catalog: Catalog): Promise<void> => {
    knowledge = await createKnowledgeAsync(catalog, config.matchThresholds);
  };
  // A version published on any instance reaches this one's DATA_DIR and answers at once.
  const dataSync = redis
    ? startDataSync({
        client: redis.client,
        dataDir: config.dataDir,
        logger,
        currentVersion: () => knowledge.catalog.version,
        onLoaded: replaceData,
      })
    : null;
  // The staff console lives on the internal listener, so it exists only when that does.
  const staffConsole = config.admin
    ? createConsole({
        consoleDir: config.consoleDir,
        dataDir: config.dataDir,
        trustProxy: config.trustProxy,
        logger: logger.child({ feature: 'console' }),
        published: () => knowledge,
        buildKnowledge: (catalog) => createKnowledgeAsync(catalog, config.matchThresholds),
        onPublished: replaceData,
        unanswered: config.unansweredLog
          ? redis
            ? unansweredFromRedis(redis.client)
            : unansweredFromFile(config.unansweredLog)
          : null,
        ...(config.usageDir
          ? { usage: redis ? createRedisUsageReader(redis.client) : createFileUsageReader(config.usageDir) }
          : {}),
        ...(redis && dataSync
          ? { sessions: createRedisConsoleSessions(redis.client), afterPublish: (p) => dataSync.publish(p) }
          : {}),
        ...(overrides.buildDerived ? { buildDerived: overrides.buildDerived } : {}),
      })
    : null;
  // On the internal listener the console has / : the simulator's page moves to /simulator.
  // Questions typed in the simulator go to its own records (never the residents').
  const simulatorRecords =
    config.simulator !== 'off' && config.simulatorDir ? createSimulatorRecords(config.simulatorDir, logger) : null;
  const simulator =
    config.simulator !== 'off'
      ? createSimulator(
          () => knowledge,
          logger,
          config.simulator === 'admin' && staffConsole ? '/simulator' : '/',
          simulatorRecords,
        )
      : undefined;
  const rejections = createRejectionLog(logger, metrics.rejected);
  let serving = true;
  const app = createApp({
    channelSecret: config.line?.channelSecret ?? null,
    ...(simulator && config.simulator === 'public' ? { simulator } : {}),
    onWebhookStatus: metrics.webhook,
    onRejected: rejections.reject,
    accept: async (events) => {
      await inbox.accept(events);
    },
    onAcceptFailed: (err) =>
      logger.error({ err }, 'webhook: events could not be stored; answered 500 so LINE sends them again'),
    whenReady: () => runner.whenReady(),
    serving: () => serving && inbox.healthy(),
    logger,
  });
  const adminApp = createAdminApp({
    metrics: {
      render: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    },
    health: () => ({
      mode: config.mode,
      data: {
        version: knowledge.catalog.version,
        report: knowledge.catalog.source.reportTitle,
        areas: knowledge.catalog.areas.length,
        items: knowledge.catalog.items.length,
      },
    }),
    serving: () => serving,
    ...(simulator ? { simulator } : {}),
    ...(staffConsole ? { features: [staffConsole.router] } : {}),
    trustProxy: config.trustProxy,
    logger,
  });
  return {
    app,
    adminApp,
    rejections,
    setServing: (on) => {
      serving = on;
    },
    metrics,
    runner,
    dispatcher,
    knowledge: () => knowledge,
    close: async () => {
      rejections.stop();
      await dataSync?.stop();
      await inbox.close();
      await unanswered?.close();
      await usage?.close();
      await simulatorRecords?.close();
      await line.close?.();
      await redis?.close();
    },
    replaceData,
    console: staffConsole,
    inbox,
    ready: dataSync ? dataSync.ready : Promise.resolve(),
  };
}

/** The instance's connections to Redis: one for commands, one for the inbox's blocking reads. */
interface RedisConnections {
  client: RedisClient;
  reader: RedisClient;
  /** This instance's name (consumer in the inbox's group). */
  name: string;
  close(): Promise<void>;
}

function connectRedis(url: string, instanceName: string | undefined, logger: Logger): RedisConnections {
  const name = instanceName ?? `${hostname()}-${process.pid}`;
  const client = createRedisClient(url, logger, { name: `${name}:commands` });
  const reader = createRedisClient(url, logger, {
    name: `${name}:inbox`,
    commandTimeoutMs: REDIS_INBOX_TIMING.blockMs + REDIS_COMMAND_TIMEOUT_MS,
  });
  // Both reconnect by themselves; until Redis answers, webhooks get 500 and /healthz 503.
  for (const c of [client, reader])
    c.connect().catch((err: unknown) => logger.error({ err }, 'redis: could not connect (retrying)'));
  return {
    client,
    reader,
    name,
    close: async () => {
      for (const c of [reader, client]) {
        if (c.isOpen) await c.close().catch(() => c.destroy());
      }
    },
  };
}

/** Simulator messages per address and minute. */
export const SIMULATOR_RATE_LIMIT = { limit: 60, windowMs: 60_000, maxKeys: 10_000 } as const;

/** In local mode nothing may reach LINE; the webhook is off anyway. */
function offlineLineClient(): LineClient {
  return {
    reply: () => Promise.reject(new Error('LINE is not configured (local mode)')),
    push: () => Promise.reject(new Error('LINE is not configured (local mode)')),
  };
}

/**
 * The browser simulator: the same routes and handlers as the webhook, through a dispatcher whose
 * "LINE" keeps the replies for the page. Not recorded as citizens' unanswered questions.
 */
/** The simulator's own records, apart from the residents': its questions and counts. */
interface SimulatorRecords {
  unanswered: UnansweredLog;
  usage: UsageStore;
  close(): Promise<void>;
}

function createSimulatorRecords(dir: string, logger: Logger): SimulatorRecords {
  const unanswered = createUnansweredLog(path.join(dir, 'unanswered.jsonl'), {
    onError: (err) => logger.error({ err }, 'simulator: could not delete old questions'),
  });
  const usage = createFileUsageStore(path.join(dir, 'usage'), {
    onError: (err) => logger.error({ err }, 'simulator: could not write its usage statistics'),
  });
  return {
    unanswered,
    usage,
    close: async () => {
      await unanswered.close();
      await usage.close();
    },
  };
}

function createSimulator(
  knowledge: () => Knowledge,
  logger: Logger,
  pagePath: string,
  records: SimulatorRecords | null,
): Router {
  const line = createCaptureLine();
  // Per address: the simulator runs the matcher for whoever can reach it (line mode: the
  // internal listener only), so one client cannot take the CPU from LINE's webhooks.
  const limiter = createRateLimiter(SIMULATOR_RATE_LIMIT);
  const dispatcher = createDispatcher({
    routes: ROUTES,
    knowledge,
    line,
    dedupe: createMemoryDedupeStore(),
    logger: logger.child({ simulator: true }),
    hashUserId: createUserHasher(),
    ...(records ? { unanswered: records.unanswered, usage: records.usage } : {}),
    personLanguage: simulatorPersonLanguage,
  });
  const menus = loadSimulatorMenus(path.join(PROJECT_ROOT, RICH_MENU_DIR));
  return createSimulatorRouter({
    pagePath,
    page: () => renderSimulatorPage(menus, knowledge().catalog),
    richMenuImages: simulatorMenuImages(menus),
    allow: (address) => limiter.hit(address) === 'ok',
    async send(input) {
      const event = simulatorEvent(input);
      await dispatcher.dispatch([event]);
      return line.take(event.replyToken);
    },
  });
}
