import { createEventRunner } from '../../src/bot/event-runner';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('event runner', () => {
  test('runs tasks after the caller returns, catches failures, and drain() waits for all', async () => {
    const errors: unknown[] = [];
    const runner = createEventRunner((e) => errors.push(e));
    const done: number[] = [];
    runner.run(async () => {
      done.push(1);
    });
    runner.run(() => Promise.reject(new Error('boom')));
    expect(done).toEqual([]);
    await runner.drain();
    expect(done).toEqual([1]);
    expect(errors).toHaveLength(1);
    expect(runner.inFlight()).toBe(0);
  });

  test('past maxInFlight, whenReady() holds new work until a task finishes (backpressure)', async () => {
    const runner = createEventRunner(() => undefined, { maxInFlight: 2 });
    const a = deferred();
    const b = deferred();
    expect(runner.whenReady()).toBeNull();
    runner.run(() => a.promise);
    runner.run(() => b.promise);
    const wait = runner.whenReady();
    expect(wait).not.toBeNull();
    let admitted = false;
    void wait!.then(() => (admitted = true));
    await Promise.resolve();
    expect(admitted).toBe(false);
    a.resolve();
    await new Promise((r) => setImmediate(r));
    expect(admitted).toBe(true);
    b.resolve();
    await runner.drain();
  });

  test('waiters are let in no faster than tasks finish, in arrival order', async () => {
    const runner = createEventRunner(() => undefined, { maxInFlight: 1 });
    const first = deferred();
    runner.run(() => first.promise);
    const order: string[] = [];
    const w1 = runner.whenReady()!;
    const w2 = runner.whenReady()!;
    void w1.then(() => {
      order.push('w1');
      runner.run(() => Promise.resolve());
    });
    void w2.then(() => order.push('w2'));
    first.resolve();
    await runner.drain();
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['w1', 'w2']);
  });
});

test('waiting() counts the webhooks held back', () => {
  const runner = createEventRunner(() => undefined, { maxInFlight: 1 });
  runner.run(() => new Promise<void>(() => undefined));
  void runner.whenReady();
  void runner.whenReady();
  expect(runner.waiting()).toBe(2);
});
