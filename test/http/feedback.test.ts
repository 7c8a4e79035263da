import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { composeBot } from '../../src/compose';
import { parseConfig } from '../../src/config';
import { createSilentLogger } from '../../src/log';
import { createFileUsageReader } from '../../src/stats/usage-store';
import { japanDay } from '../../src/stats/japan-time';
import { SECRET, startHarness, type Harness } from '../helpers/bot-harness';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';
import { postbackEvent, sign, textEvent, webhookBody } from '../helpers/webhook';

let h: Harness;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'feedback-'));
  h = await startHarness({ UNANSWERED_LOG: path.join(dir, 'unanswered.jsonl') });
});
afterEach(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

type Json = Record<string, unknown>;
const user = (n: number) => ({ type: 'user' as const, userId: `U${String(n).repeat(32)}` });

async function send(ev: Json): Promise<Json[]> {
  const body = webhookBody([ev]);
  const res = await request(h.app)
    .post('/webhook')
    .set('content-type', 'application/json')
    .set('x-line-signature', sign(body, SECRET))
    .send(body);
  expect(res.status).toBe(200);
  await h.bot.runner.drain();
  return h.line.replies().find((r) => r.replyToken === ev.replyToken)?.messages ?? [];
}

/** Every postback action in a message, with its label. */
function actions(message: unknown): { label: string; data: string }[] {
  const out: { label: string; data: string }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'postback' && typeof o.data === 'string') out.push({ label: String(o.label), data: o.data });
      Object.values(o).forEach(walk);
    }
  };
  walk(message);
  return out;
}

const counts = async (): Promise<Record<string, number>> => {
  await h.bot.close();
  return (await createFileUsageReader(path.join(dir, 'usage')).days({ since: japanDay(new Date()) }))[0]?.counts ?? {};
};

describe('feedback on answers', () => {
  test('an item answer carries 「役に立った」「役に立たなかった」 in the first bubble footer; もしかして and not-found do not', async () => {
    const [answer] = await send(textEvent('こども医療費', user(1)));
    const fb = actions(answer).filter((a) => /役に立/u.test(a.label));
    expect(fb.map((a) => a.label)).toEqual(['役に立った', '役に立たなかった']);
    for (const a of fb) expect(a.data.length).toBeLessThanOrEqual(300);
    const footer = JSON.stringify(
      (answer as { contents: { contents: { footer: unknown }[] } }).contents.contents[0]!.footer,
    );
    expect(footer).toContain('役に立った');
    const [notFound] = await send(textEvent('今日の天気は？', user(1)));
    expect(actions(notFound).some((a) => /役に立/u.test(a.label))).toBe(false);
  });

  test('👍 gets a short thanks; 👎 asks why; the reason is recorded; one vote per person and reply', async () => {
    const [answer] = await send(textEvent('こども医療費', user(1)));
    const [up, down] = actions(answer).filter((a) => /役に立/u.test(a.label));
    const thanks = await send(postbackEvent(up!.data, user(1)));
    expect(thanks).toHaveLength(1);
    expect(thanks[0]).toMatchObject({ type: 'text' });
    await send(postbackEvent(up!.data, user(1))); // again: still one vote
    await send(postbackEvent(up!.data, user(2)));
    const why = await send(postbackEvent(down!.data, user(3)));
    const quick = (why[0] as { quickReply: { items: { action: { label: string; data: string } }[] } }).quickReply.items;
    expect(quick.map((q) => q.action.label)).toEqual(['答えが違う', '情報が足りない', 'その他']);
    const after = await send(postbackEvent(quick[0]!.action.data, user(3)));
    expect(after[0]).toMatchObject({ type: 'text' });
    const c = await counts();
    expect(c['up:item:childcare-01']).toBe(2);
    expect(c['down:item:childcare-01']).toBe(1);
    expect(c['why:wrong:item:childcare-01']).toBe(1);
    expect(c['q:items']).toBe(1);
    const unhelpful = await createFileUsageReader(path.join(dir, 'usage')).unhelpful();
    expect(unhelpful).toEqual([
      expect.objectContaining({ q: 'こども医療費', targets: ['item:childcare-01'], reason: 'wrong' }),
    ]);
  });

  test('a rich-menu tap is counted as a tap; the same area from a quick reply is not', async () => {
    const [card] = await send(postbackEvent('action=area&area=disaster&from=menu', user(4)));
    expect(actions(card).some((a) => a.label === '役に立った')).toBe(true);
    await send(postbackEvent('action=area&area=disaster', user(4)));
    const c = await counts();
    expect(c['tap:disaster']).toBe(1);
  });

  test('no raw user id anywhere in what is stored', async () => {
    const [answer] = await send(textEvent('防災', user(5)));
    const [, down] = actions(answer).filter((a) => /役に立/u.test(a.label));
    await send(postbackEvent(down!.data, user(5)));
    await h.bot.close();
    const all = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
      .join('\n');
    expect(all).not.toContain('5'.repeat(32));
    expect(all).toContain('down:area:disaster');
    expect(statSync(path.join(dir, 'usage')).mode & 0o777).toBe(0o700);
  });
});

describe('the simulator keeps its own records', () => {
  test('questions typed there go to simulator/, never to the residents’ files', async () => {
    const own = mkdtempSync(path.join(tmpdir(), 'sim-records-'));
    try {
      const bot = composeBot(
        parseConfig(
          { DATA_DIR: FROZEN_DATA_DIR, UNANSWERED_LOG: path.join(own, 'unanswered.jsonl'), ADMIN_PORT: 'off' },
          REPO_ROOT,
        ),
        createSilentLogger(),
      );
      for (const text of ['こども医療費', 'きのこ狩りの予約'])
        expect((await request(bot.app).post('/simulator/send').send({ type: 'text', text })).status).toBe(200);
      await bot.close();
      const residents = await createFileUsageReader(path.join(own, 'usage')).days();
      expect(residents).toEqual([]);
      expect(readFileSync(path.join(own, 'unanswered.jsonl'), 'utf8')).toBe('');
      const simulated = await createFileUsageReader(path.join(own, 'simulator', 'usage')).days();
      expect(simulated[0]!.counts['q:items']).toBe(1);
      expect(readFileSync(path.join(own, 'simulator', 'unanswered.jsonl'), 'utf8')).toContain('きのこ狩り');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
