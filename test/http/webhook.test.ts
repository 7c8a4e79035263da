import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { readUnanswered } from '../../src/stats/unanswered-log';
import { createApp } from '../../src/app';
import { composeBot } from '../../src/compose';
import { parseConfig } from '../../src/config';
import { createSilentLogger } from '../../src/log';
import { encodePostback } from '../../src/cards/postback-codec';
import { WEBHOOK_BODY_LIMIT_BYTES } from '../../src/http/webhook-route';
import { REPO_ROOT, SECRET, startHarness, type Harness } from '../helpers/bot-harness';
import { FROZEN_DATA_DIR } from '../helpers/paths';
import {
  followEvent,
  groupSource,
  postbackEvent,
  redelivered,
  roomSource,
  sign,
  stickerEvent,
  textEvent,
  unfollowEvent,
  webhookBody,
} from '../helpers/webhook';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Posts a body signed over its exact bytes, as LINE does. */
function post(body: string, signature: string | null = sign(body, SECRET)) {
  const req = request(h.app).post('/webhook').set('content-type', 'application/json; charset=utf-8');
  if (signature !== null) req.set('x-line-signature', signature);
  return req.send(body);
}

async function settle(): Promise<void> {
  await h.bot.runner.drain();
}

const json = (x: unknown): string => JSON.stringify(x);

describe('POST /webhook', () => {
  test('a Japanese question gets one reply with an area card, through the SDK client', async () => {
    const ev = textEvent('防災');
    const res = await post(webhookBody([ev]));
    expect(res.status).toBe(200);
    await settle();
    const replies = h.line.replies();
    expect(replies).toHaveLength(1);
    expect(replies[0]!.replyToken).toBe(ev.replyToken);
    const msg = replies[0]!.messages[0]!;
    expect(msg.type).toBe('flex');
    expect(msg.altText).toContain('防災');
    expect(json(msg)).toContain('ハザードマップ');
    const call = h.line.calls[0]!;
    expect(call.authorization).toBe('Bearer test-channel-access-token');
    expect(call.contentType).toContain('application/json');
  });

  test('an item question gets the matching items', async () => {
    await post(webhookBody([textEvent('こども医療費は何歳まで無料ですか')]));
    await settle();
    const msg = h.line.replies()[0]!.messages[0]!;
    expect(json(msg)).toContain('こども医療費を18歳まで無償化');
  });

  test('a question the report cannot answer gets the honest reply with the 8 areas', async () => {
    await post(webhookBody([textEvent('今日の天気は？')]));
    await settle();
    const msg = h.line.replies()[0]!.messages[0] as { type: string; text: string; quickReply: { items: unknown[] } };
    expect(msg.type).toBe('text');
    expect(msg.text).toContain('見つかりませんでした');
    expect(msg.quickReply.items.length).toBeGreaterThanOrEqual(8);
  });

  test('the console Verify request (empty events) gets 200 and no reply', async () => {
    const res = await post(webhookBody([]));
    expect(res.status).toBe(200);
    await settle();
    expect(h.line.calls).toHaveLength(0);
  });

  test('a wrong signature gets 401 and nothing is sent', async () => {
    const body = webhookBody([textEvent('防災')]);
    const res = await post(body, sign(body, 'another-channel-secret'));
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('bad_signature');
    await settle();
    expect(h.line.calls).toHaveLength(0);
  });

  test('a missing signature gets 401', async () => {
    const res = await post(webhookBody([textEvent('防災')]), null);
    expect(res.status).toBe(401);
  });

  test('a signature over re-serialised JSON does not pass (the raw bytes are what counts)', async () => {
    const body = webhookBody([textEvent('絵文字😀と\\u3042')]).replace('"events"', ' "events"');
    const res = await post(body, sign(JSON.stringify(JSON.parse(body)), SECRET));
    expect(res.status).toBe(401);
  });

  test('signed bad JSON gets 400 without a stack trace', async () => {
    const res = await post('{"destination":"U1","events":[{"type":"message",');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/at .*\.js/u);
  });

  test('signed JSON without an events array gets 400', async () => {
    expect((await post('{"destination":"U1"}')).status).toBe(400);
    expect((await post('[1,2]')).status).toBe(400);
  });

  test(`a body over ${WEBHOOK_BODY_LIMIT_BYTES / 1024} KB gets 413`, async () => {
    const ev = textEvent('あ'.repeat(400_000));
    const res = await post(webhookBody([ev]));
    expect(res.status).toBe(413);
    await settle();
    expect(h.line.calls).toHaveLength(0);
  });

  test('a redelivered event (same webhookEventId) is answered once', async () => {
    const ev = textEvent('子育て');
    await post(webhookBody([ev]));
    await post(webhookBody([redelivered(ev)]));
    await post(webhookBody([redelivered(ev, true)]));
    await settle();
    expect(h.line.replies()).toHaveLength(1);
  });

  test('follow gets a greeting that says what the bot knows', async () => {
    await post(webhookBody([followEvent()]));
    await settle();
    const msg = h.line.replies()[0]!.messages[0] as { text: string };
    expect(msg.text).toContain('市長公約取組状況(2期目3年目)');
    expect(msg.text).toContain('例');
  });

  test('unfollow gets no reply; a sticker gets a short hint', async () => {
    await post(webhookBody([unfollowEvent()]));
    await post(webhookBody([stickerEvent()]));
    await settle();
    const replies = h.line.replies();
    expect(replies).toHaveLength(1);
    expect(json(replies[0])).toContain('文字のメッセージ');
  });

  test('a rich menu postback gets the area card; page 2 continues a long area', async () => {
    await post(webhookBody([postbackEvent(encodePostback({ action: 'area', area: 'childcare', page: 1 }))]));
    await post(webhookBody([postbackEvent(encodePostback({ action: 'area', area: 'childcare', page: 2 }))]));
    await settle();
    const [page1, page2] = h.line.replies().map((r) => r.messages[0] as { contents: { contents: unknown[] } });
    expect(json(page1)).toContain('こども医療費');
    expect(json(page1)).toContain('もっと見る');
    expect(json(page2)).toContain('児童生徒1人1台へのICT端末の整備');
  });

  test('an unknown postback gets a polite answer, not an error', async () => {
    await post(webhookBody([postbackEvent('richmenu=old-format')]));
    await settle();
    expect(json(h.line.replies()[0])).toContain('ご利用いただけません');
  });

  test('group and room questions are answered; group chatter without an answer is not', async () => {
    await post(webhookBody([textEvent('防災', groupSource()), textEvent('ふるさと納税', roomSource())]));
    await post(webhookBody([textEvent('今日の天気は？', groupSource())]));
    await settle();
    expect(h.line.replies()).toHaveLength(2);
  });

  test('several events in one body are each answered', async () => {
    await post(webhookBody([textEvent('子育て支援について'), followEvent(), unfollowEvent()]));
    await settle();
    expect(h.line.replies()).toHaveLength(2);
  });

  test('malformed events in a signed body are skipped without a 5xx', async () => {
    const body = webhookBody([
      null,
      42,
      { type: 7 },
      { type: 'message', message: { type: 'text', text: 5 } },
      textEvent('防災'),
    ]);
    const res = await post(body);
    expect(res.status).toBe(200);
    await settle();
    expect(h.line.replies()).toHaveLength(1);
  });

  test('LINE answering 500 once is retried; the next event is not affected', async () => {
    h.line.failNext(500);
    await post(webhookBody([textEvent('防災')]));
    await post(webhookBody([textEvent('健康')]));
    await settle();
    expect(h.line.calls.map((c) => c.status).sort()).toEqual([200, 200, 500]);
    expect(h.line.replies()).toHaveLength(2);
  });
});

describe('GET /healthz', () => {
  test('on the public port: a status word and nothing else', async () => {
    const res = await request(h.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('on the internal listener: the loaded data and the mode', async () => {
    const res = await request(h.bot.adminApp).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('line');
    expect(res.body.data.items).toBe(h.bot.knowledge().catalog.items.length);
    expect(res.body.data.version).toMatch(/^[0-9a-f]{12}$/u);
  });

  test('503 once the bot is stopping', async () => {
    h.bot.setServing(false);
    expect((await request(h.app).get('/healthz')).status).toBe(503);
    expect((await request(h.bot.adminApp).get('/healthz')).status).toBe(503);
  });
});

describe('the public port serves LINE only', () => {
  test.each([
    ['get', '/'],
    ['post', '/simulator/send'],
    ['get', '/metrics'],
  ] as const)('%s %s → 404 in line mode', async (method, url) => {
    expect((await request(h.app)[method](url)).status).toBe(404);
  });
});

describe('refused before the body is read', () => {
  test.each([
    ['no signature', null],
    ['a signature of the wrong shape', 'not-a-signature'],
    ['a signature too long', 'A'.repeat(100)],
  ])('%s → 401', async (_name, signature) => {
    const res = await post(webhookBody([textEvent('防災')]), signature);
    expect(res.status).toBe(401);
  });

  test('a declared length over the limit → 413 without reading', async () => {
    const res = await request(h.app)
      .post('/webhook')
      .set('x-line-signature', sign('{}', SECRET))
      .set('content-length', String(WEBHOOK_BODY_LIMIT_BYTES + 1))
      .send('{}'.padEnd(WEBHOOK_BODY_LIMIT_BYTES + 1, ' '));
    expect(res.status).toBe(413);
  });

  test('a compressed body → 415 (LINE sends none)', async () => {
    const body = webhookBody([textEvent('防災')]);
    const res = await request(h.app)
      .post('/webhook')
      .set('x-line-signature', sign(body, SECRET))
      .set('content-encoding', 'gzip')
      .send(body);
    expect(res.status).toBe(415);
  });

  test('refusals are counted in the metrics', async () => {
    await post(webhookBody([textEvent('x')]), null);
    const res = await request(h.bot.adminApp).get('/metrics');
    expect(res.text).toMatch(/http_rejected_total\{status="401",code="bad_signature"\} 1/u);
  });
});

describe('local mode (no LINE credentials)', () => {
  test('the app starts and /webhook answers 503', async () => {
    const config = parseConfig({ DATA_DIR: FROZEN_DATA_DIR }, REPO_ROOT);
    expect(config.line).toBeNull();
    expect(config.missingLine).toEqual(['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN']);
    const bot = composeBot(config, createSilentLogger(), { unanswered: null });
    const body = webhookBody([textEvent('防災')]);
    const res = await request(bot.app).post('/webhook').set('x-line-signature', sign(body, SECRET)).send(body);
    expect(res.status).toBe(503);
    expect((await request(bot.adminApp).get('/healthz')).body.mode).toBe('local');
  });
});

describe('unanswered questions are recorded for staff', () => {
  test('"not found" is recorded with time and outcome, without the user id; answers are not', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'unanswered-hook-'));
    const file = path.join(dir, 'u.jsonl');
    const local = await startHarness({ UNANSWERED_LOG: file });
    try {
      const body = webhookBody([textEvent('今日の天気は？'), textEvent('防災')]);
      await request(local.app)
        .post('/webhook')
        .set('x-line-signature', sign(body, SECRET))
        .set('content-type', 'application/json')
        .send(body);
      await local.bot.runner.drain();
      await local.bot.close(); // waits for the background write to reach the disk
      const text = readFileSync(file, 'utf8');
      const records = readUnanswered(file);
      expect(records).toEqual([{ t: expect.any(String), outcome: 'not-found', q: '今日の天気は？' }]);
      expect(text).not.toMatch(/U[0-9a-f]{32}/u);
    } finally {
      await local.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('abuse and observability', () => {
  test('one citizen sending 25 messages: 20 answers, one polite notice, then silence', async () => {
    const source = { type: 'user' as const, userId: `U${'a'.repeat(32)}` };
    for (let i = 0; i < 25; i++) await post(webhookBody([textEvent('防災', source)]));
    await settle();
    const replies = h.line.replies();
    expect(replies).toHaveLength(21);
    expect(JSON.stringify(replies[20])).toContain('しばらくお返事を控えます');
  });

  test('GET /metrics has webhook statuses, events, outcomes, latency and LINE errors', async () => {
    await post(webhookBody([textEvent('防災'), textEvent('今日の天気は？')]));
    await post(webhookBody([textEvent('x')]), 'bad-signature');
    h.line.failNext(400, 1, 'Invalid reply token');
    await post(webhookBody([textEvent('健康')]));
    await settle();
    const res = await request(h.bot.adminApp).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/webhook_requests_total\{status="200"\} 2/u);
    expect(res.text).toMatch(/webhook_requests_total\{status="401"\} 1/u);
    expect(res.text).toMatch(/line_events_total\{type="message"\} 3/u);
    expect(res.text).toMatch(/bot_replies_total\{outcome="area"\} 1/u);
    expect(res.text).toMatch(/bot_replies_total\{outcome="not-found"\} 1/u);
    expect(res.text).toMatch(/bot_reply_duration_seconds_count 2/u);
    expect(res.text).toMatch(/line_api_errors_total\{status="400"\} 1/u);
    expect(res.text).toContain('process_resident_memory_bytes');
    expect(res.text).toMatch(/bot_tasks_in_flight 0/u);
    expect(res.text).toMatch(/webhook_waiting 0/u);
  });
});

describe('backpressure: a burst never queues without bound', () => {
  test('when the bot has its bound of work under way, a verified webhook waits, then is acknowledged and answered', async () => {
    let release!: () => void;
    const room = new Promise<void>((r) => (release = r));
    let full = true;
    const received: unknown[][] = [];
    const app = createApp({
      channelSecret: SECRET,
      accept: (events) => {
        received.push(events);
        return Promise.resolve();
      },
      whenReady: () => (full ? room : null),
      serving: () => true,
      logger: createSilentLogger(),
    });
    const body = webhookBody([textEvent('防災')]);
    let answered = false;
    const pending = request(app)
      .post('/webhook')
      .set('x-line-signature', sign(body, SECRET))
      .set('content-type', 'application/json')
      .send(body)
      .then((res) => {
        answered = true;
        return res;
      });
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    expect(received).toHaveLength(0);
    full = false;
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  test('bad signatures and empty verification bodies are answered at once, even when the bot is busy', async () => {
    const never = new Promise<void>(() => undefined);
    const app = createApp({
      channelSecret: SECRET,
      accept: () => Promise.resolve(),
      whenReady: () => never,
      serving: () => true,
      logger: createSilentLogger(),
    });
    const empty = webhookBody([]);
    const ok = await request(app)
      .post('/webhook')
      .set('x-line-signature', sign(empty, SECRET))
      .set('content-type', 'application/json')
      .send(empty);
    expect(ok.status).toBe(200);
    const bad = await request(app)
      .post('/webhook')
      .set('x-line-signature', 'bad')
      .set('content-type', 'application/json')
      .send(webhookBody([textEvent('防災')]));
    expect(bad.status).toBe(401);
  });
});

describe('abuse limits that fit LINE', () => {
  const NOTICE = /短い時間|たくさん/u;
  const sendAll = async (events: Record<string, unknown>[]): Promise<void> => {
    for (const ev of events) expect((await post(webhookBody([ev]))).status).toBe(200);
    await settle();
  };

  test('1:1: a citizen gets 20 answers a minute, then one polite notice, then silence', async () => {
    const source = { type: 'user' as const, userId: `U${'a'.repeat(32)}` };
    await sendAll(Array.from({ length: 24 }, () => textEvent('防災', source)));
    const replies = h.line.replies();
    expect(replies).toHaveLength(21);
    expect(replies.filter((r) => NOTICE.test(json(r.messages)))).toHaveLength(1);
  });

  test('a group: members without a user id (LINE for PC) are limited too, by the group budget, without a notice', async () => {
    const source = { type: 'group' as const, groupId: `C${'b'.repeat(32)}` };
    await sendAll(Array.from({ length: 40 }, () => textEvent('防災', source)));
    const replies = h.line.replies();
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.length).toBeLessThanOrEqual(20);
    expect(replies.some((r) => NOTICE.test(json(r.messages)))).toBe(false);
  });

  test('a group: chat the bot ignores costs nothing and never brings a notice; questions are still answered', async () => {
    const src = groupSource();
    await sendAll(Array.from({ length: 40 }, () => textEvent('明日の飲み会は何時から？', src)));
    expect(h.line.replies()).toHaveLength(0);
    await sendAll([textEvent('防災', src)]);
    const replies = h.line.replies();
    expect(replies).toHaveLength(1);
    expect(json(replies[0]!.messages)).toContain('防災');
  });

  test('a room: many members asking share one budget per minute', async () => {
    const roomId = `R${'c'.repeat(32)}`;
    const events = Array.from({ length: 30 }, (_, i) =>
      textEvent('防災', { type: 'room', roomId, userId: `U${i.toString(16).padStart(32, '0')}` }),
    );
    await sendAll(events);
    const replies = h.line.replies();
    expect(replies.length).toBeLessThanOrEqual(20);
    expect(replies.some((r) => NOTICE.test(json(r.messages)))).toBe(false);
  });
});
