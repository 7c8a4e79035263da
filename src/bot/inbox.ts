/**
 * The durable inbox: where a verified webhook's events are kept *before* LINE gets its 200, and
 * until each is answered. LINE does not send again an event it got a 200 for, so anything kept
 * only in memory would be lost in a crash; kept here, it is answered after the restart (or by
 * another instance) exactly once: with the reply token while young, else by push
 * (bot/delivery.ts).
 *
 * Two implementations, chosen once in compose.ts: an append-only journal on the local disk
 * (bot/file-inbox.ts, the default) and a Redis Stream with a consumer group shared by several
 * instances (redis/redis-inbox.ts, when REDIS_URL is set). Both also keep redelivered copies
 * (same webhookEventId) out, so that an event is answered once whichever instance gets it.
 */
export interface InboxEntry {
  /** The webhookEventId (or a generated id for an event without one). */
  id: string;
  /** The raw event as LINE sent it (personal data: kept only until answered). */
  event: unknown;
  /** When this bot accepted it (epoch ms). */
  acceptedAt: number;
}

export interface InboxWorker {
  /** Answers one entry; 'retry' leaves it in the inbox to be tried again later. */
  answer(entry: InboxEntry): Promise<'done' | 'retry'>;
  /** How many more entries can be taken now (the bot's bound on work under way). */
  room(): number;
}

export interface Inbox {
  /**
   * Keeps the events durably; resolves once they are safe (the webhook may then answer 200) with
   * the number of new ones. Events already accepted (same webhookEventId) are left out. Rejects
   * when the events could not be kept: the webhook then answers 500 and LINE sends them again.
   */
  accept(events: readonly unknown[]): Promise<number>;
  /** Starts handing entries to `worker`: new ones, and those a crash or a dead instance left. */
  start(worker: InboxWorker): void;
  /** Whether events can be accepted now (for /healthz). */
  healthy(): boolean;
  /** Stops handing out entries (shutdown); what is not answered stays for the next start. */
  stop(): Promise<void>;
  /** Writes what is buffered and releases files and connections. */
  close(): Promise<void>;
}

/** Most events taken from one webhook body (LINE sends a handful; the rest is abuse). */
export const MAX_EVENTS_PER_WEBHOOK = 100;

/** How long an accepted event's id is remembered to recognise a redelivered copy. */
export const REDELIVERY_MEMORY_MS = 10 * 60_000;

/**
 * How long an answer that could not go out (LINE unreachable) is tried again. A push's retry
 * key is remembered by LINE for 24 hours; after that a retry could send twice.
 */
export const MAX_ANSWER_AGE_MS = 23 * 3_600_000;

/** The pause before trying an entry again after 'retry' (attempt 1, 2, …). */
export function retryPause(attempt: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The id an event is kept under: its webhookEventId when it has a sane one; otherwise none
 * (the caller makes one up), as for events that cannot be redelivered.
 */
export function eventId(event: unknown): string | undefined {
  if (!isObject(event)) return undefined;
  const id = event.webhookEventId;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined;
}

/** Whether a raw event is worth keeping at all (an object with a type): the rest is ignored. */
export function isKeepable(event: unknown): boolean {
  return isObject(event) && typeof event.type === 'string';
}
