import { config as loadDotenv } from 'dotenv';
import type { Server } from 'node:http';
import { composeBot } from './compose';
import { DATA_RELOAD_INTERVAL_MS, startDataReloader } from './data-reloader';
import { ConfigError, parseConfig } from './config';
import { createLogger } from './log';
import { hasJapaneseSegmenter } from './matching/segment';
import { DataError } from './pledges/data-error';

/** How long shutdown waits for replies already under way before exiting anyway. */
const SHUTDOWN_GRACE_MS = 8000;

function main(): void {
  loadDotenv({ quiet: true });
  let config;
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
  if (!config.line) {
    logger.warn(
      `ローカルモード: ${config.missingLine.join(' と ')} が未設定のため LINE には接続しません (/webhook は 503)。` +
        ` 本番では .env に設定してください (.env.example 参照) / local mode: set ${config.missingLine.join(' and ')} to connect a LINE channel.`,
    );
  }

  const reloader = startDataReloader({
    dataDir: config.dataDir,
    intervalMs: DATA_RELOAD_INTERVAL_MS,
    logger,
    currentVersion: () => bot.knowledge().catalog.version,
    onLoaded: (catalog) => bot.replaceData(catalog),
  });

  const server: Server = bot.app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const catalog = bot.knowledge().catalog;
    logger.info(
      {
        port,
        mode: config.line ? 'line' : 'local',
        dataDir: config.dataDir,
        dataVersion: catalog.version,
        items: catalog.items.length,
      },
      `listening on http://localhost:${port} (POST /webhook, GET /healthz)`,
    );
    if (config.simulator)
      logger.info(
        `simulator: open http://localhost:${port}/ in a browser to chat with the bot (nothing is sent to LINE)`,
      );
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'server error');
    exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    reloader.stop();
    logger.info({ signal, inFlight: bot.runner.inFlight() }, 'shutting down: no new requests, finishing replies');
    server.close();
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn({ inFlight: bot.runner.inFlight() }, 'shutdown grace period over; exiting');
      exit(0);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    void bot.runner
      .drain()
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
