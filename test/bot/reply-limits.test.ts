import { createMemoryReplyLimits, REPLY_LIMITS } from '../../src/bot/reply-limits';
import { limitRules } from '../helpers/limit-rules';

describe('reply limits in memory (per sender, per group or room)', () => {
  limitRules((opts = {}) => {
    let t = 0;
    const windowMs = opts.windowMs ?? REPLY_LIMITS.windowMs;
    return {
      limits: createMemoryReplyLimits({ ...REPLY_LIMITS, ...opts, now: () => t }),
      passWindow: async () => {
        t += windowMs;
      },
    };
  });
});
