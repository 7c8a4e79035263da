import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout. Never pass raw user ids or message texts at info level.
 * `buffered` writes asynchronously (lines queued while a write is under way go out together, so far
 * fewer system calls under load); call logger.flush() before
 * exiting so nothing is lost.
 */
export function createLogger(level: string, { buffered = false } = {}): Logger {
  const destination = buffered ? pino.destination({ dest: 1, sync: false }) : undefined;
  const options = {
    level,
    base: { service: 'ageo-pledge-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['*.channelSecret', '*.channelAccessToken', 'config.line'], censor: '[secret]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing, for tests and CLIs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
