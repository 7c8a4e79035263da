import type { Logger } from '../log';

/**
 * Refused requests (401, 400, 413, 415, connections over a cap) logged so that a flood cannot
 * flood the logs: the first of each kind at once, then one summary line per kind and interval
 * with the count. Every refusal is also counted in the metrics.
 */
export interface RejectionLog {
  /** One refused request or connection. */
  reject(status: number, code: string): void;
  /** Logs the counts so far (also done every interval, and on stop). */
  flush(): void;
  stop(): void;
}

export const REJECTION_SUMMARY_MS = 10_000;

export function createRejectionLog(
  logger: Logger,
  count?: (status: number, code: string) => void,
  intervalMs: number = REJECTION_SUMMARY_MS,
): RejectionLog {
  const pending = new Map<string, { status: number; code: string; n: number }>();
  const seen = new Set<string>();
  const flush = (): void => {
    for (const [, p] of pending)
      logger.warn({ status: p.status, code: p.code, count: p.n }, 'requests refused (summary)');
    pending.clear();
  };
  const timer = setInterval(() => {
    flush();
    seen.clear();
  }, intervalMs);
  timer.unref();
  return {
    reject(status, code) {
      count?.(status, code);
      const key = `${status}:${code}`;
      if (!seen.has(key)) {
        seen.add(key);
        logger.warn({ status, code }, 'request refused (more of the same are counted, then summarised)');
        return;
      }
      const p = pending.get(key);
      if (p) p.n++;
      else pending.set(key, { status, code, n: 1 });
    },
    flush,
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}
