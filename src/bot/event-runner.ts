/**
 * Runs event work after the webhook has been acknowledged and keeps track of it, so tests can
 * await it and shutdown can wait for replies already under way. Every task's failure is caught.
 *
 * It also bounds the work under way: past `maxInFlight` tasks, `whenReady()` tells the webhook to
 * wait before reading the next body. Without a bound, a burst that arrives faster than replies can
 * be sent would queue without limit (memory grows until the process dies and every queued reply
 * is lost); with it, the excess waits in the network for a few milliseconds instead.
 */
export interface EventRunner {
  run(task: () => Promise<void>): void;
  /** Resolves when every task started so far (and any started meanwhile) has settled. */
  drain(): Promise<void>;
  inFlight(): number;
  /** Webhooks held by whenReady() right now. */
  waiting(): number;
  /** null when there is room for another task now; otherwise resolves once there is. */
  whenReady(): Promise<void> | null;
}

export interface EventRunnerOptions {
  /** Most tasks under way before new webhooks wait; unbounded when absent. */
  maxInFlight?: number;
}

/**
 * Default bound. Under a closed-loop burst at the bench's throughput (3,000–4,000 replies a
 * second) this is well under 0.1 s of work and keeps peak memory near 130 MB (1,024 measured
 * 140 MB). When LINE is slow instead (each reply may wait up to 5 s per try), it still covers
 * several dozen citizens a second before webhooks wait, more than Ageo's expected peak.
 */
export const MAX_IN_FLIGHT = 256;

export function createEventRunner(onError: (err: unknown) => void, opts: EventRunnerOptions = {}): EventRunner {
  const pending = new Set<Promise<void>>();
  const max = opts.maxInFlight ?? Infinity;
  let waiters: (() => void)[] = [];
  const release = (): void => {
    if (!waiters.length) return;
    const room = max - pending.size;
    if (room <= 0) return;
    const now = waiters.slice(0, room);
    waiters = waiters.slice(room);
    for (const w of now) w();
  };
  return {
    run(task) {
      const p: Promise<void> = Promise.resolve()
        .then(task)
        .catch(onError)
        .finally(() => {
          pending.delete(p);
          release();
        });
      pending.add(p);
    },
    async drain() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    inFlight: () => pending.size,
    waiting: () => waiters.length,
    whenReady() {
      if (pending.size + waiters.length < max) return null;
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
