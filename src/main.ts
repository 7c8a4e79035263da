import { config as loadDotenv } from 'dotenv';
import type { Server } from 'node:http';
import { composeBot } from './compose';
import { DATA_RELOAD_INTERVAL_MS, startDataReloader } from './data-reloader';
import { ConfigError, parseConfig, type Config } from './config';
import { createHardenedServer, createInternalServer } from './http/server';
import { createLogger } from './log';
import { hasJapaneseSegmenter } from './matching/segment';
import { DataError } from './pledges/data-error';
import { loadOrCreateSalt } from './privacy';

/** How long shutdown waits for replies already under way before exiting anyway. */
const SHUTDOWN_GRACE_MS = 8000;

function main(): void {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, { buffered: true });
  const exit = (code: number): void => {
    logger.flush(() => process.exit(code));
  };

  // Hashed user ids must stay the same across restarts (the one-vote rule, logs).
  if (!config.userIdSalt) config = { ...config, userIdSalt: loadOrCreateSalt(config.userIdSaltFile) };

  let bot;
  try {
    bot = composeBot(config, logger);
  } catch (err) {
    if (err instanceof DataError) {
      logger.fatal({ dataDir: config.dataDir, problems: err.problems }, 'data/ is broken; not starting');
      console.error(err.message);
      exit(1);
      return;
    }
    throw err;
  }

  if (!hasJapaneseSegmenter()) {
    logger.warn(
      'this Node has no Japanese word segmentation (small ICU); questions will match less well. Use an official Node build (full ICU).',
    );
  }
  if (config.mode === 'local') {
    const why = config.missingLine.length
      ? `${config.missingLine.join(' と ')} が未設定のため`
      : 'BOT_MODE=local のため';
    const warning =
      `**** ローカルモード: ${why} LINE には接続しません (/webhook は 503、シミュレーターは http://localhost:${config.port}/)。` +
      ` 本番では BOT_MODE=line と LINE_CHANNEL_SECRET・LINE_CHANNEL_ACCESS_TOKEN を設定してください (.env.example 参照)。` +
      ` / LOCAL MODE: not connected to LINE; set BOT_MODE=line and the channel credentials in production. ****`;
    logger.warn(warning);
  }

  const reloader = startDataReloader({
    dataDir: config.dataDir,
    intervalMs: DATA_RELOAD_INTERVAL_MS,
    logger,
    currentVersion: () => bot.knowledge().catalog.version,
    onLoaded: (catalog) => bot.replaceData(catalog),
  });

  const server: Server = createHardenedServer(bot.app, {
    perAddress: config.connectionsPerAddress,
    onRefused: (reason) => bot.rejections.reject(0, reason === 'per_address' ? 'too_many_connections' : 'server_full'),
  });
  // With REDIS_URL, the latest published data first (a few seconds at most; never fails).
  void bot.ready.then(() =>
    server.listen(config.port, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const catalog = bot.knowledge().catalog;
      logger.info(
        { port, mode: config.mode, dataDir: config.dataDir, dataVersion: catalog.version, items: catalog.items.length },
        `listening on http://localhost:${port} (POST /webhook, GET /healthz)`,
      );
      if (config.simulator === 'public')
        logger.info(
          `simulator: open http://localhost:${port}/ in a browser to chat with the bot (nothing is sent to LINE)`,
        );
    }),
  );
  server.on('error', (err) => {
    logger.fatal({ err }, 'server error');
    exit(1);
  });

  // The internal listener: metrics, the detailed health, the simulator in line mode. If its port
  // is taken, the bot goes on serving LINE (the public port is what matters) and says so.
  let admin: Server | null = null;
  if (config.admin) {
    const { host, port } = config.admin;
    admin = createInternalServer(bot.adminApp);
    admin.on('error', (err) =>
      logger.error({ err, host, port }, `internal listener ${host}:${port} not available (ADMIN_HOST / ADMIN_PORT)`),
    );
    admin.listen(port, host, () => {
      const a = admin?.address();
      logger.info(
        { host, port: typeof a === 'object' && a ? a.port : port },
        'internal listener (GET /metrics, GET /healthz details' +
          (config.simulator === 'admin' ? ', simulator at /' : '') +
          '); keep it off the internet',
      );
    });
  }

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    bot.setServing(false);
    reloader.stop();
    logger.info({ signal, inFlight: bot.runner.inFlight() }, 'shutting down: no new requests, finishing replies');
    server.close();
    server.closeIdleConnections();
    admin?.close();
    admin?.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn({ inFlight: bot.runner.inFlight() }, 'shutdown grace period over; exiting');
      exit(0);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    // No more entries are taken from the inbox; those not answered within the grace period stay
    // there and are answered after the restart (or by another instance).
    void bot.inbox
      .stop()
      .then(() => bot.runner.drain())
      .then(() => bot.close())
      .then(() => {
        logger.info('shutdown complete');
        exit(0);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main();
