import type { Logger } from '../log';
import { buildRateLimited } from '../cards/text-replies';
import { REPLY_RETRY, type LineClient } from '../line/line-client';
import type { UserHasher } from '../privacy';
import type { UnansweredLog } from '../stats/unanswered-log';
import type { DedupeStore } from './dedupe-store';
import type { Knowledge, PersonLanguage } from './handler-context';
import { parseEvent, type IncomingEvent } from './incoming-event';
import type { ReplyLimits } from './reply-limits';
import type { Reply, ReplyNote } from './reply';
import type { UsageStore } from '../stats/usage-store';
import type { Route } from './routes';
import { deliver, type DeliveryResult, type PushPolicy } from './delivery';
import { MAX_EVENTS_PER_WEBHOOK } from './inbox';
import { detectLanguage, type Lang } from '../matching/language';
import { postbackLanguage } from '../cards/postback-codec';

export interface DispatcherDeps {
  routes: readonly Route[];
  /** The data and matcher to answer from; asked once per event. */
  knowledge: () => Knowledge;
  line: LineClient;
  /**
   * Redelivered events (same webhookEventId) are answered once. The bot's inbox already keeps
   * them out before the 200 (bot/inbox.ts); the simulator has no inbox and uses this.
   */
  dedupe?: DedupeStore;
  /** Answers whose reply token ran out go as pushes (bot/delivery.ts); never when absent. */
  push?: PushPolicy;
  logger: Logger;
  hashUserId: UserHasher;
  /** Records questions answered "not found" or "did you mean", for staff. */
  unanswered?: Pick<UnansweredLog, 'record'>;
  /** Replies per sender and per group/room; no limit when absent. */
  limits?: ReplyLimits;
  /** Usage counters and residents' votes (what the replies' notes say); none when absent. */
  usage?: UsageStore;
  /** Counters for /metrics; optional. */
  metrics?: DispatchMetrics;
  /** The person's language (LINE profile, or their menu choice), given to handlers as Knowledge.lang. */
  personLanguage?: PersonLanguage;
  /** How long after the event the reply token is assumed valid (retries stop before). */
  tokenLifetimeMs?: number;
}

/** What the dispatcher counts (implemented with prom-client in metrics.ts). */
export interface DispatchMetrics {
  event(type: string): void;
  outcome(outcome: string): void;
  replyLatency(seconds: number): void;
  rateLimited(): void;
  /** How an answer went out (or why not): replied, pushed, spent, dropped, refused, retry. */
  delivery?(result: DeliveryResult): void;
  /** A question by how it was answered (the same outcomes as the usage report). */
  question?(outcome: string): void;
  vote?(vote: string, reason: string): void;
  tap?(tile: string): void;
}

/** An event's timestamp is trusted for the reply deadline only when it is this close to now. */
const CLOCK_SKEW_MS = 60_000;

export interface Dispatcher {
  /** Handles the events of one webhook body. Never rejects; one event's failure spares the others. */
  dispatch(rawEvents: readonly unknown[]): Promise<void>;
  /**
   * Handles one event from the inbox, accepted at `acceptedAt` (epoch ms; the reply token's age
   * counts from the event's timestamp, or from then). 'retry' when the answer could not go out
   * yet and the event must stay in the inbox; never rejects.
   */
  handle(rawEvent: unknown, acceptedAt: number): Promise<'done' | 'retry'>;
}

export { MAX_EVENTS_PER_WEBHOOK };

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { logger } = deps;

  async function handleOne(raw: unknown, acceptedAt = Date.now()): Promise<'done' | 'retry'> {
    const event = parseEvent(raw);
    if (!event) {
      logger.warn({ msg: 'event ignored: not an event object' });
      return 'done';
    }
    const meta = event.meta;
    const user = deps.hashUserId(meta.source.userId);
    const log = withFields(logger, {
      eventId: meta.webhookEventId,
      eventType: meta.eventType,
      source: meta.source.kind,
      user,
      redelivery: meta.isRedelivery || undefined,
    });
    if (meta.webhookEventId && deps.dedupe && !(await deps.dedupe.firstSeen(meta.webhookEventId))) {
      log.info('duplicate event skipped');
      return 'done';
    }
    if (meta.mode === 'standby') {
      log.debug('standby event skipped');
      return 'done';
    }
    deps.metrics?.event(meta.eventType);
    const started = Date.now();
    // The reply token was issued with the event: retries must end before it expires.
    const issued =
      meta.timestamp !== undefined && Math.abs(acceptedAt - meta.timestamp) < CLOCK_SKEW_MS
        ? Math.min(meta.timestamp, acceptedAt)
        : acceptedAt;
    const deadline = issued + (deps.tokenLifetimeMs ?? REPLY_RETRY.tokenLifetimeMs);
    try {
      const lang = await deps.personLanguage?.(event, user);
      const k = deps.knowledge();
      const found = route(deps.routes, event, lang ? { ...k, lang } : k);
      if (!found.reply) {
        log.info({ route: found.route }, 'no reply');
        return 'done';
      }
      if (!meta.replyToken) {
        log.info({ route: found.route, outcome: found.reply.outcome }, 'no reply token');
        return 'done';
      }
      const outcome = found.reply.outcome;
      // Limits count replies, not messages: chat the bot ignores in a group costs nothing.
      const conversation = deps.hashUserId(meta.source.conversationId) ?? null;
      const sender = user ?? conversation;
      if (deps.limits && sender) {
        // A limits store that cannot be reached (Redis down) does not keep residents from answers.
        const decision = await deps.limits.take(sender, conversation).catch((err: unknown) => {
          log.error({ err }, 'rate limits unavailable; answering anyway');
          return 'ok' as const;
        });
        if (decision !== 'ok') {
          deps.metrics?.rateLimited();
          log.warn({ decision, route: found.route }, 'rate limited');
          if (decision === 'notify')
            await deps.line.reply(meta.replyToken, [buildRateLimited(replyLanguage(event, lang))], { deadline });
          return 'done';
        }
      }
      if (found.reply.notes) record(found.reply.notes, sender, log);
      if (event.type === 'text' && (outcome === 'not-found' || outcome === 'suggest')) {
        // Written to disk in the background (group commit); the reply does not wait for it.
        deps.unanswered
          ?.record(event.text, outcome)
          .catch((err: unknown) => log.error({ err }, 'could not record the unanswered question'));
      }
      const result = await deliver(deps.line, meta.source, meta.replyToken, found.reply.messages, {
        deadline,
        ...(meta.webhookEventId ? { webhookEventId: meta.webhookEventId } : {}),
        ...(deps.push ? { push: deps.push } : {}),
        lang: replyLanguage(event, lang),
        onDropped: (why) => log.warn({ why, outcome }, 'answer not sent: the reply token ran out'),
      });
      deps.metrics?.delivery?.(result);
      const ms = Date.now() - started;
      if (result === 'retry') {
        log.warn({ route: found.route, outcome, ms }, 'LINE unreachable; the answer stays in the inbox');
        return 'retry';
      }
      if (result === 'replied' || result === 'pushed') {
        deps.metrics?.outcome(outcome);
        deps.metrics?.replyLatency(ms / 1000);
      }
      log.info({ route: found.route, outcome, delivery: result, ms }, result === 'replied' ? 'replied' : 'answered');
      return 'done';
    } catch (err) {
      log.error({ err, ms: Date.now() - started }, 'event failed');
      return 'done';
    }
  }

  /**
   * What a reply means for the statistics: counts, the reply remembered for votes, the vote
   * itself (one per person and reply: the store keys it on a hash of the hashed user id).
   */
  function record(notes: readonly ReplyNote[], who: string | null, log: ReturnType<typeof withFields>): void {
    const usage = deps.usage;
    const fail = (err: unknown): void => log.error({ err }, 'could not record usage');
    for (const n of notes) {
      switch (n.kind) {
        case 'question':
          deps.metrics?.question?.(n.outcome);
          usage?.question(n.outcome, n.targets);
          if (n.ref) usage?.rememberReply(n.ref, { q: n.question ?? '', targets: n.targets }).catch(fail);
          break;
        case 'answer':
          usage?.rememberReply(n.ref, { q: '', targets: n.targets }).catch(fail);
          break;
        case 'tap':
          deps.metrics?.tap?.(n.tile);
          usage?.tap(n.tile);
          break;
        case 'vote':
        case 'why': {
          deps.metrics?.vote?.(n.kind === 'vote' ? n.vote : 'down', n.kind === 'why' ? n.reason : 'none');
          if (!who) break;
          const voter = deps.hashUserId(`vote:${who}`)!;
          usage
            ?.vote(
              voter,
              n.ref,
              n.targets,
              n.kind === 'vote' ? n.vote : 'down',
              n.kind === 'why' ? n.reason : undefined,
            )
            .catch(fail);
          break;
        }
      }
    }
  }

  return {
    async dispatch(rawEvents) {
      const events = rawEvents.slice(0, MAX_EVENTS_PER_WEBHOOK);
      if (rawEvents.length > events.length)
        logger.warn({ dropped: rawEvents.length - events.length }, 'too many events in one webhook');
      await Promise.all(events.map((e) => handleOne(e)));
    },
    handle: (rawEvent, acceptedAt) => handleOne(rawEvent, acceptedAt),
  };
}

/** The language the bot answers this event in (as the handlers choose it). */
function replyLanguage(event: IncomingEvent, person: Lang | undefined): Lang {
  if (event.type === 'text') return detectLanguage(event.text);
  if (event.type === 'postback') return postbackLanguage(event.data) ?? person ?? 'ja';
  return person ?? 'ja';
}

function route(routes: readonly Route[], event: IncomingEvent, k: Knowledge): { route: string; reply: Reply | null } {
  for (const r of routes) {
    const result = r.handle(event, k);
    if (result !== undefined) return { route: r.name, reply: result };
  }
  return { route: 'none', reply: null };
}

type LogFn = (fieldsOrMsg: object | string, msg?: string) => void;

/**
 * The event's fields on every line it logs. Cheaper than a pino child logger per event, which
 * matters when thousands of citizens write at once.
 */
function withFields(logger: Logger, fields: object): Record<'debug' | 'info' | 'warn' | 'error', LogFn> {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error'): LogFn =>
    (a, b) => {
      if (!logger.isLevelEnabled(level)) return;
      if (typeof a === 'string') logger[level](fields, a);
      else logger[level]({ ...fields, ...a }, b);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
