import { graphemeLength, LINE_LIMITS } from '../../src/cards/limits';
import type { OutgoingMessage } from '../../src/cards/message-types';
import { decodePostback } from '../../src/cards/postback-codec';

/**
 * LINE's limits that its OpenAPI schema does not state (altText 1,500, 12 bubbles, 30 KB / 50 KB,
 * label lengths, postback data 300, https links), checked on one message the bot sends. Returns
 * the broken limits in words, [] when the message is fine. Shared by the card tests on the
 * fixtures and the data contract on the live data/.
 */
export function cardLimitProblems(msg: OutgoingMessage): string[] {
  const problems: string[] = [];
  const fail = (what: string): void => {
    problems.push(what);
  };
  const bytes = (x: unknown): number => Buffer.byteLength(JSON.stringify(x));
  const L = LINE_LIMITS;

  if (msg.type === 'text') {
    if (!msg.text.length) fail('an empty text message');
    if (msg.text.length > L.textLength) fail(`text of ${msg.text.length} characters (max ${L.textLength})`);
  } else {
    if (msg.altText.length <= 10) fail(`altText "${msg.altText}" says too little`);
    if (msg.altText.length > L.altTextLength)
      fail(`altText of ${msg.altText.length} characters (max ${L.altTextLength})`);
    if (msg.contents.type === 'carousel') {
      const bubbles = msg.contents.contents;
      if (!bubbles.length) fail('an empty carousel');
      if (bubbles.length > L.carouselBubbles) fail(`${bubbles.length} bubbles (max ${L.carouselBubbles})`);
      if (bytes(msg.contents) > L.carouselBytes)
        fail(`carousel of ${bytes(msg.contents)} bytes (max ${L.carouselBytes})`);
      if (new Set(bubbles.map((b) => b.size)).size > 1) fail('bubbles of different sizes in one carousel');
      bubbles.forEach((b, i) => {
        if (bytes(b) > L.bubbleBytes) fail(`bubble ${i + 1} of ${bytes(b)} bytes (max ${L.bubbleBytes})`);
      });
    } else if (bytes(msg.contents) > L.bubbleBytes) {
      fail(`bubble of ${bytes(msg.contents)} bytes (max ${L.bubbleBytes})`);
    }
  }
  if (msg.quickReply) {
    if (msg.quickReply.items.length > L.quickReplyItems)
      fail(`${msg.quickReply.items.length} quick replies (max ${L.quickReplyItems})`);
    for (const q of msg.quickReply.items)
      if (graphemeLength(q.action.label) > L.quickReplyLabel)
        fail(`quick reply label "${q.action.label}" (max ${L.quickReplyLabel})`);
  }

  walk(msg, (o) => {
    if (o.type === 'postback') {
      const data = o.data;
      if (typeof data !== 'string') fail('a postback without data');
      else {
        if (data.length > L.postbackData) fail(`postback data of ${data.length} characters (max ${L.postbackData})`);
        if (decodePostback(data) === null) fail(`postback data "${data}" the bot cannot read`);
      }
      if (typeof o.displayText === 'string' && graphemeLength(o.displayText) > L.displayText)
        fail(`displayText of ${graphemeLength(o.displayText)} characters (max ${L.displayText})`);
    }
    if (o.type === 'uri') {
      const uri = String(o.uri);
      if (!/^https:\/\//u.test(uri)) fail(`link "${uri}" is not https`);
      if (uri.length > L.uriLength) fail(`link of ${uri.length} characters (max ${L.uriLength})`);
    }
    if (o.type === 'button') {
      const label = (o.action as { label?: string } | undefined)?.label ?? '';
      if (!graphemeLength(label)) fail('a button without a label');
      if (graphemeLength(label) > L.buttonLabel) fail(`button label "${label}" (max ${L.buttonLabel})`);
    }
    if (msg.type === 'flex' && o.type === 'text' && 'text' in o && !String(o.text).length)
      fail('an empty text in a Flex message');
  });
  return problems;
}

/** Every postback data string in a message (card buttons, quick replies). */
export function postbacksIn(msg: unknown): string[] {
  const found: string[] = [];
  walk(msg, (o) => {
    if (o.type === 'postback' && typeof o.data === 'string') found.push(o.data);
  });
  return found;
}

/** Visits every object with a `type` inside a message. */
function walk(x: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(x)) x.forEach((y) => walk(y, visit));
  else if (x && typeof x === 'object') {
    visit(x as Record<string, unknown>);
    Object.values(x).forEach((y) => walk(y, visit));
  }
}
