import { createMemoryReplyLimits, REPLY_LIMITS } from '../../src/bot/reply-limits';

const limits = (now: () => number) => createMemoryReplyLimits({ ...REPLY_LIMITS, now });

describe('reply limits (per sender, per group or room)', () => {
  test('1:1: 20 replies a minute, then one notice, then quiet until the window passes', async () => {
    let t = 0;
    const l = limits(() => t);
    const got = [];
    for (let i = 0; i < 23; i++) got.push(await l.take('alice', null));
    expect(got.slice(0, REPLY_LIMITS.perSender).every((d) => d === 'ok')).toBe(true);
    expect(got.slice(REPLY_LIMITS.perSender)).toEqual(['notify', 'quiet', 'quiet']);
    expect(await l.take('bob', null)).toBe('ok');
    t = REPLY_LIMITS.windowMs;
    expect(await l.take('alice', null)).toBe('ok');
  });

  test('a group gets at most its budget a minute, whoever asks, and never a notice', async () => {
    const l = limits(() => 0);
    const got = [];
    for (let i = 0; i < 30; i++) got.push(await l.take(`member-${i}`, 'group-1'));
    expect(got.filter((d) => d === 'ok')).toHaveLength(REPLY_LIMITS.perConversation);
    expect(got).not.toContain('notify');
    expect(await l.take('member-0', 'group-2')).toBe('ok');
  });

  test('members without a user id share the group as their sender', async () => {
    const l = limits(() => 0);
    const got = [];
    for (let i = 0; i < 60; i++) got.push(await l.take('group-1', 'group-1'));
    expect(got.filter((d) => d === 'ok')).toHaveLength(REPLY_LIMITS.perConversation);
    expect(got).not.toContain('notify');
  });

  test('one member over their own limit does not use up the group budget for the others', async () => {
    const l = createMemoryReplyLimits({
      perSender: 2,
      perConversation: 5,
      windowMs: 60_000,
      maxKeys: 100,
      now: () => 0,
    });
    for (let i = 0; i < 10; i++) await l.take('loud', 'g');
    // loud used 2 of the group's 5
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await l.take(`m${i}`, 'g'));
    expect(others).toEqual(['ok', 'ok', 'ok']);
    expect(await l.take('m9', 'g')).toBe('quiet');
  });
});
