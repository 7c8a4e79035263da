import { createRateLimiter, type RateLimiter } from './rate-limiter';

/**
 * How many replies the bot sends, per sender and per group or room. Asked only for events the
 * bot would answer: chat in a group that the bot ignores costs nobody anything.
 *
 * - `ok`: send the reply.
 * - `notify`: a 1:1 chat just went over its limit: send one polite notice instead.
 * - `quiet`: over a limit: send nothing (always so in groups and rooms, where a notice would
 *   be noise for everybody else in the conversation).
 *
 * Async so that several bot processes can share one store (redis/redis-limits.ts).
 */
export type LimitDecision = 'ok' | 'notify' | 'quiet';

export interface ReplyLimits {
  /**
   * Counts one reply to `sender` (a hashed user id, or the conversation's key when LINE gives
   * no user id, e.g. LINE for PC in a group) in `conversation` (a hashed group or room id; null
   * in a 1:1 chat).
   */
  take(sender: string, conversation: string | null): Promise<LimitDecision>;
}

export const REPLY_LIMITS = {
  /** Replies to one person (or one user-less group member stream) per window. */
  perSender: 20,
  /** Replies into one group or room per window, whoever asks. */
  perConversation: 10,
  windowMs: 60_000,
  /** Most keys remembered per limit; the oldest are forgotten first. */
  maxKeys: 100_000,
} as const;

export interface ReplyLimitOptions {
  perSender: number;
  perConversation: number;
  windowMs: number;
  maxKeys: number;
  now?: () => number;
}

/** One process's limits, in memory. */
export function createMemoryReplyLimits(opts: ReplyLimitOptions = REPLY_LIMITS): ReplyLimits {
  const window = (limit: number): RateLimiter =>
    createRateLimiter({
      limit,
      windowMs: opts.windowMs,
      maxKeys: opts.maxKeys,
      ...(opts.now ? { now: opts.now } : {}),
    });
  const senders = window(opts.perSender);
  const conversations = window(opts.perConversation);
  return {
    take(sender, conversation) {
      const bySender = senders.hit(sender);
      if (conversation === null)
        return Promise.resolve(bySender === 'ok' ? 'ok' : bySender === 'limited-first' ? 'notify' : 'quiet');
      // A sender already over their own limit does not use up the group's budget.
      if (bySender !== 'ok') return Promise.resolve('quiet');
      return Promise.resolve(conversations.hit(conversation) === 'ok' ? 'ok' : 'quiet');
    },
  };
}
