import request from 'supertest';
import { composeBot, type Bot } from '../../src/compose';
import { parseConfig } from '../../src/config';
import { createSilentLogger } from '../../src/log';
import { SECRET, TOKEN } from '../helpers/bot-harness';
import { startFakeLineServer, type FakeLineServer } from '../helpers/fake-line-server';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';
import { describeWithRedis, startRedis, type TestRedis } from '../helpers/redis-server';
import { redelivered, sign, textEvent, webhookBody } from '../helpers/webhook';

/** Two instances of the bot on one Redis (REDIS_URL), through their HTTP apps. */
describeWithRedis('several instances on Redis', () => {
  let redis: TestRedis;
  let line: FakeLineServer;
  const bots: Bot[] = [];
  const instance = (name: string): Bot => {
    const bot = composeBot(
      parseConfig(
        {
          LINE_CHANNEL_SECRET: SECRET,
          LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
          LINE_API_BASE_URL: line.baseUrl,
          LINE_DATA_API_BASE_URL: line.baseUrl,
          DATA_DIR: FROZEN_DATA_DIR,
          UNANSWERED_LOG: 'off',
          ADMIN_PORT: 'off',
          REDIS_URL: redis.url,
          INSTANCE_NAME: name,
          USER_ID_SALT: 'shared-test-salt',
        },
        REPO_ROOT,
      ),
      createSilentLogger(),
    );
    bots.push(bot);
    return bot;
  };
  const post = (bot: Bot, events: Record<string, unknown>[]) => {
    const body = webhookBody(events);
    return request(bot.app)
      .post('/webhook')
      .set('x-line-signature', sign(body, SECRET))
      .set('content-type', 'application/json')
      .send(body);
  };
  const until = async (ok: () => boolean | Promise<boolean>, ms = 5000): Promise<void> => {
    const end = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const healthz = async (bot: Bot): Promise<number> => (await request(bot.app).get('/healthz')).status;

  beforeAll(async () => {
    redis = await startRedis();
    line = await startFakeLineServer(TOKEN);
  });
  afterAll(async () => {
    for (const b of bots) await b.close();
    await line.close();
    await redis.stop();
  });

  test('an event is answered once, whichever instance gets its redelivered copy', async () => {
    const a = instance('A');
    const b = instance('B');
    await until(async () => (await healthz(a)) === 200 && (await healthz(b)) === 200);
    const event = textEvent('防災');
    expect((await post(a, [event])).status).toBe(200);
    expect((await post(b, [redelivered(event, true)])).status).toBe(200);
    await line.waitForReplies(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(line.replies()).toHaveLength(1);
    expect(line.replies()[0]!.replyToken).toBe(event.replyToken);
  });

  test('Redis down: /healthz 503 and webhooks 500 (LINE sends again), nothing crashes; back: answered', async () => {
    const a = bots[0]!;
    await redis.stop(true);
    await until(async () => (await healthz(a)) === 503);
    const event = textEvent('こども医療費');
    expect((await post(a, [event])).status).toBe(500);
    await redis.restart();
    await until(async () => (await healthz(a)) === 200, 10_000);
    line.reset();
    expect((await post(a, [redelivered(event)])).status).toBe(200);
    await line.waitForReplies(1);
    expect(line.replies()[0]!.replyToken).toBe(event.replyToken);
  }, 20_000);
});
