import { createRateLimiter } from '../../src/bot/rate-limiter';

describe('per-citizen rate limit', () => {
  test('20 a minute answered; the 21st gets one polite reply; then quiet until the window passes', () => {
    let t = 0;
    const limiter = createRateLimiter({ limit: 20, windowMs: 60_000, maxKeys: 10, now: () => t });
    const decisions = Array.from({ length: 23 }, () => limiter.hit('a'));
    expect(decisions.slice(0, 20).every((d) => d === 'ok')).toBe(true);
    expect(decisions.slice(20)).toEqual(['limited-first', 'limited', 'limited']);
    expect(limiter.hit('b')).toBe('ok');
    t = 60_000;
    expect(limiter.hit('a')).toBe('ok');
  });
  test('memory is bounded by maxKeys', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2, now: () => 0 });
    limiter.hit('a');
    limiter.hit('b');
    limiter.hit('c'); // forgets a
    expect(limiter.hit('a')).toBe('ok');
  });
});
