/**
 * LINE webhook events narrowed from untrusted JSON into the few shapes the bot acts on.
 * Anything malformed becomes null or `other`, never an exception: the webhook body is signed
 * but its contents are still input (and LINE adds new event types without notice).
 */

export type SourceKind = 'user' | 'group' | 'room' | 'unknown';

export interface EventSource {
  kind: SourceKind;
  /** The sender, when LINE gives one (not always in groups). Personal data: never log it raw. */
  userId?: string;
  /** The group's or room's id (kind `group` / `room`). Never log it raw either. */
  conversationId?: string;
}

export interface EventMeta {
  eventType: string;
  webhookEventId?: string;
  replyToken?: string;
  source: EventSource;
  /** `standby` events belong to another module channel: no reply token, no messages. */
  mode: 'active' | 'standby';
  isRedelivery: boolean;
  timestamp?: number;
}

export type IncomingEvent =
  | { type: 'text'; text: string; meta: EventMeta }
  | { type: 'postback'; data: string; meta: EventMeta }
  | { type: 'follow'; meta: EventMeta }
  | { type: 'join'; meta: EventMeta }
  | { type: 'message'; messageType: string; meta: EventMeta }
  | { type: 'other'; meta: EventMeta };

/** Longest string field the bot reads from an event; LINE's own text limit is 5,000. */
const MAX_FIELD = 5000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

function parseSource(v: unknown): EventSource {
  if (!isObject(v)) return { kind: 'unknown' };
  const kind: SourceKind = v.type === 'user' || v.type === 'group' || v.type === 'room' ? v.type : 'unknown';
  const source: EventSource = { kind };
  const userId = str(v.userId);
  if (userId) source.userId = userId;
  const conversationId = kind === 'group' ? str(v.groupId) : kind === 'room' ? str(v.roomId) : undefined;
  if (conversationId) source.conversationId = conversationId;
  return source;
}

/** Narrows one raw event; null when it is not even an object with a type. */
export function parseEvent(raw: unknown): IncomingEvent | null {
  if (!isObject(raw)) return null;
  const eventType = str(raw.type, 100);
  if (!eventType) return null;
  const delivery = isObject(raw.deliveryContext) ? raw.deliveryContext : {};
  const meta: EventMeta = {
    eventType,
    source: parseSource(raw.source),
    mode: raw.mode === 'standby' ? 'standby' : 'active',
    isRedelivery: delivery.isRedelivery === true,
  };
  const webhookEventId = str(raw.webhookEventId);
  const replyToken = str(raw.replyToken);
  if (webhookEventId) meta.webhookEventId = webhookEventId;
  if (replyToken) meta.replyToken = replyToken;
  if (typeof raw.timestamp === 'number' && Number.isFinite(raw.timestamp)) meta.timestamp = raw.timestamp;

  switch (eventType) {
    case 'message': {
      const message = isObject(raw.message) ? raw.message : {};
      const messageType = str(message.type, 100) ?? 'unknown';
      const text = typeof message.text === 'string' ? message.text.slice(0, MAX_FIELD) : undefined;
      if (messageType === 'text' && text !== undefined) return { type: 'text', text, meta };
      return { type: 'message', messageType, meta };
    }
    case 'postback': {
      const postback = isObject(raw.postback) ? raw.postback : {};
      const data = typeof postback.data === 'string' ? postback.data.slice(0, MAX_FIELD) : '';
      return { type: 'postback', data, meta };
    }
    case 'follow':
      return { type: 'follow', meta };
    case 'join':
      return { type: 'join', meta };
    default:
      return { type: 'other', meta };
  }
}
