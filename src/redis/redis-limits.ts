import { REPLY_LIMITS, type LimitDecision, type ReplyLimitOptions, type ReplyLimits } from '../bot/reply-limits';
import type { RedisClient } from './redis-client';
import { defineRedisScript } from './redis-script';

/**
 * The reply limits (bot/reply-limits.ts) shared by every instance through Redis: the same fixed
 * windows as the memory limits, one counter per hashed sender and per hashed group or room, each
 * living one window from its first reply (INCR, then PEXPIRE on the first). One script counts
 * both, so instances answering the same group at once never pass its budget together.
 *
 * Keys hold only the hashes the dispatcher passes: `ageo:limits:s:<sender>` and
 * `ageo:limits:c:<conversation>`. They expire by themselves (`maxKeys` is not needed).
 * With Redis down, take() rejects within the client's command timeout: the event fails and is
 * logged by the dispatcher, and no reply goes out (LINE does not redeliver a reply).
 */
export const LIMIT_KEY_PREFIX = 'ageo:limits:';

const TAKE = defineRedisScript(`
local ms = tonumber(ARGV[3])
local function hit(key)
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, ms) end
  return n
end
local perSender = tonumber(ARGV[1])
local s = hit(KEYS[1])
if s > perSender then
  if #KEYS == 1 and s == perSender + 1 then return 'notify' end
  return 'quiet'
end
if #KEYS == 1 then return 'ok' end
-- A sender already over their own limit (above) does not use up the group's budget.
if hit(KEYS[2]) > tonumber(ARGV[2]) then return 'quiet' end
return 'ok'
`);

const DECISIONS: readonly LimitDecision[] = ['ok', 'notify', 'quiet'];

/** Reply limits in Redis; `opts` as the memory limits (its `now` and `maxKeys` are not used). */
export function createRedisReplyLimits(
  client: RedisClient,
  opts: Pick<ReplyLimitOptions, 'perSender' | 'perConversation' | 'windowMs'> = REPLY_LIMITS,
): ReplyLimits {
  return {
    async take(sender, conversation) {
      const keys = [`${LIMIT_KEY_PREFIX}s:${sender}`];
      if (conversation !== null) keys.push(`${LIMIT_KEY_PREFIX}c:${conversation}`);
      const answer = await TAKE(client, keys, [opts.perSender, opts.perConversation, opts.windowMs]);
      if (!DECISIONS.includes(answer as LimitDecision))
        throw new Error(`reply limits: unexpected answer ${String(answer)}`);
      return answer as LimitDecision;
    },
  };
}
