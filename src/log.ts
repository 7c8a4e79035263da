import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout. Never pass raw user ids or message texts at info level. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'ageo-pledge-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['*.channelSecret', '*.channelAccessToken', 'config.line'], censor: '[secret]' },
  });
}

/** A logger that writes nothing, for tests and CLIs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
