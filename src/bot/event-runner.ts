/**
 * Runs event work after the webhook has been acknowledged and keeps track of it, so tests can
 * await it and shutdown can wait for replies already under way. Every task's failure is caught.
 */
export interface EventRunner {
  run(task: () => Promise<void>): void;
  /** Resolves when every task started so far (and any started meanwhile) has settled. */
  drain(): Promise<void>;
  inFlight(): number;
}

export function createEventRunner(onError: (err: unknown) => void): EventRunner {
  const pending = new Set<Promise<void>>();
  return {
    run(task) {
      const p: Promise<void> = Promise.resolve()
        .then(task)
        .catch(onError)
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    async drain() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    inFlight: () => pending.size,
  };
}
