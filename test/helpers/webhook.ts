import { createHmac, randomBytes, randomUUID } from 'node:crypto';

/** Builders of LINE webhook bodies, signed exactly as LINE signs them (HMAC-SHA256, Base64). */

export const DESTINATION = 'U' + '0123456789abcdef'.repeat(2);
const hex = (n: number): string => randomBytes(n).toString('hex');

export function sign(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

type Source =
  | { type: 'user'; userId: string }
  | { type: 'group'; groupId: string; userId?: string }
  | { type: 'room'; roomId: string; userId?: string };

export const userSource = (): Source => ({ type: 'user', userId: `U${hex(16)}` });
export const groupSource = (): Source => ({ type: 'group', groupId: `C${hex(16)}`, userId: `U${hex(16)}` });
export const roomSource = (): Source => ({ type: 'room', roomId: `R${hex(16)}`, userId: `U${hex(16)}` });

function base(type: string, source: Source = userSource()): Record<string, unknown> {
  return {
    type,
    mode: 'active',
    timestamp: Date.now(),
    source,
    webhookEventId: `01${hex(12).toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
  };
}

export function textEvent(text: string, source?: Source): Record<string, unknown> {
  return {
    ...base('message', source),
    replyToken: randomUUID().replace(/-/gu, ''),
    message: { id: hex(8), type: 'text', quoteToken: hex(8), text },
  };
}
export function postbackEvent(data: string, source?: Source): Record<string, unknown> {
  return { ...base('postback', source), replyToken: randomUUID().replace(/-/gu, ''), postback: { data } };
}
export function followEvent(): Record<string, unknown> {
  return { ...base('follow'), replyToken: randomUUID().replace(/-/gu, ''), follow: { isUnblocked: false } };
}
export function unfollowEvent(): Record<string, unknown> {
  return base('unfollow');
}
export function stickerEvent(): Record<string, unknown> {
  return {
    ...base('message'),
    replyToken: randomUUID().replace(/-/gu, ''),
    message: { id: hex(8), type: 'sticker', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' },
  };
}
export function redelivered(event: Record<string, unknown>, newReplyToken = false): Record<string, unknown> {
  return {
    ...event,
    deliveryContext: { isRedelivery: true },
    ...(newReplyToken ? { replyToken: randomUUID().replace(/-/gu, '') } : {}),
  };
}
export function webhookBody(events: unknown[]): string {
  return JSON.stringify({ destination: DESTINATION, events });
}
