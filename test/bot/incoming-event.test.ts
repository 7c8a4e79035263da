import { parseEvent } from '../../src/bot/incoming-event';
import { followEvent, groupSource, postbackEvent, stickerEvent, textEvent } from '../helpers/webhook';

describe('parseEvent', () => {
  test.each([
    [textEvent('防災'), 'text'],
    [postbackEvent('action=menu'), 'postback'],
    [followEvent(), 'follow'],
    [stickerEvent(), 'message'],
    [{ type: 'join', replyToken: 'r', source: groupSource() }, 'join'],
    [{ type: 'futureEventType' }, 'other'],
    [{ type: 'message', message: { type: 'text', text: 42 } }, 'message'],
    [{ type: 'message' }, 'message'],
    [{ type: 'postback', postback: 'x' }, 'postback'],
  ])('%j → %s', (raw, type) => {
    expect(parseEvent(raw)?.type).toBe(type);
  });

  test.each([null, undefined, 42, 'x', [], {}, { type: 7 }, { type: '' }])('%j is not an event', (raw) => {
    expect(parseEvent(raw)).toBeNull();
  });

  test('reads the common properties, and nothing it cannot trust', () => {
    const e = parseEvent({
      ...textEvent('x', groupSource()),
      mode: 'standby',
      deliveryContext: { isRedelivery: true },
    })!;
    expect(e.meta).toMatchObject({ mode: 'standby', isRedelivery: true, source: { kind: 'group' } });
    expect(e.meta.webhookEventId).toMatch(/^01/u);
    const odd = parseEvent({ type: 'message', replyToken: 5, source: 'user', webhookEventId: { a: 1 } })!;
    expect(odd.meta).toEqual({
      eventType: 'message',
      source: { kind: 'unknown' },
      mode: 'active',
      isRedelivery: false,
    });
  });

  test('keeps the group or room id (for the per-conversation limit), also without a user id', () => {
    const g = parseEvent({
      type: 'message',
      message: { type: 'text', text: 'x' },
      source: { type: 'group', groupId: 'Cg' },
    })!;
    expect(g.meta.source).toEqual({ kind: 'group', conversationId: 'Cg' });
    const r = parseEvent({ type: 'follow', source: { type: 'room', roomId: 'Rr', userId: 'Uu' } })!;
    expect(r.meta.source).toEqual({ kind: 'room', userId: 'Uu', conversationId: 'Rr' });
    const u = parseEvent({ type: 'follow', source: { type: 'user', userId: 'Uu', groupId: 'Cx' } })!;
    expect(u.meta.source).toEqual({ kind: 'user', userId: 'Uu' });
  });

  test('caps very long texts at LINE’s 5,000 characters', () => {
    const e = parseEvent(textEvent('あ'.repeat(20_000)));
    expect(e?.type === 'text' && e.text.length).toBe(5000);
  });
});
