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
    // A safety net: the bot never passes secrets to the logger. pino's own `redact` parses its
    // paths again on every line, which cost several percent of the CPU under a burst.
    formatters: { log: hideSecrets },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Keys whose values never reach a log line, at the top level or one level down. */
const SECRET_KEYS = new Set(['channelSecret', 'channelAccessToken', 'authorization', 'USER_ID_SALT', 'userIdSalt']);
const CENSOR = '[secret]';

/** The log fields with any secret replaced; the same object (no copy) when there is none. */
export function hideSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  let out = fields;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (SECRET_KEYS.has(key)) {
      if (out === fields) out = { ...fields };
      out[key] = CENSOR;
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error)) {
      const inner = value as Record<string, unknown>;
      if (Object.keys(inner).some((k) => SECRET_KEYS.has(k))) {
        if (out === fields) out = { ...fields };
        out[key] = Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, SECRET_KEYS.has(k) ? CENSOR : v]));
      }
    }
  }
  return out;
}

/** A logger that writes nothing, for tests and CLIs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
