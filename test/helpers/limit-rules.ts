import { REPLY_LIMITS, type ReplyLimitOptions, type ReplyLimits } from '../../src/bot/reply-limits';

export interface Limits {
  limits: ReplyLimits;
  /** Lets the current window pass. */
  passWindow(): Promise<void>;
}
export type MakeLimits = (opts?: Partial<Omit<ReplyLimitOptions, 'now'>>) => Limits;

/**
 * The reply-limit rules, whichever store keeps the counts (one process's memory, or Redis for
 * every instance): test/bot/reply-limits.test.ts and test/redis/redis-limits.test.ts.
 */
export function limitRules(make: MakeLimits): void {
  test('1:1: 20 replies a minute, then one notice, then quiet until the window passes', async () => {
    const { limits: l, passWindow } = make({ windowMs: 1000 });
    const got = [];
    for (let i = 0; i < 23; i++) got.push(await l.take('alice', null));
    expect(got.slice(0, REPLY_LIMITS.perSender).every((d) => d === 'ok')).toBe(true);
    expect(got.slice(REPLY_LIMITS.perSender)).toEqual(['notify', 'quiet', 'quiet']);
    expect(await l.take('bob', null)).toBe('ok');
    await passWindow();
    expect(await l.take('alice', null)).toBe('ok');
  });

  test('a group gets at most its budget a minute, whoever asks, and never a notice', async () => {
    const { limits: l } = make();
    const got = [];
    for (let i = 0; i < 30; i++) got.push(await l.take(`member-${i}`, 'group-1'));
    expect(got.filter((d) => d === 'ok')).toHaveLength(REPLY_LIMITS.perConversation);
    expect(got).not.toContain('notify');
    expect(await l.take('member-0', 'group-2')).toBe('ok');
  });

  test('members without a user id share the group as their sender', async () => {
    const { limits: l } = make();
    const got = [];
    for (let i = 0; i < 60; i++) got.push(await l.take('group-1', 'group-1'));
    expect(got.filter((d) => d === 'ok')).toHaveLength(REPLY_LIMITS.perConversation);
    expect(got).not.toContain('notify');
  });

  test('one member over their own limit does not use up the group budget for the others', async () => {
    const { limits: l } = make({ perSender: 2, perConversation: 5 });
    for (let i = 0; i < 10; i++) await l.take('loud', 'g');
    // loud used 2 of the group's 5
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await l.take(`m${i}`, 'g'));
    expect(others).toEqual(['ok', 'ok', 'ok']);
    expect(await l.take('m9', 'g')).toBe('quiet');
  });
}
