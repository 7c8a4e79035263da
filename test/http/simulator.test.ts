import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildGreeting } from '../../src/cards/text-replies';
import { composeBot } from '../../src/compose';
import { parseConfig } from '../../src/config';
import { createSilentLogger } from '../../src/log';
import { renderMessage, renderQuickReply } from '../../src/simulator/flex-to-html';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';

const simulatorApp = (env: Record<string, string> = {}) =>
  composeBot(parseConfig({ UNANSWERED_LOG: 'off', DATA_DIR: FROZEN_DATA_DIR, ...env }, REPO_ROOT), createSilentLogger())
    .app;

describe('the browser simulator routes', () => {
  const app = simulatorApp();

  test('GET / is a Japanese chat page with safe headers', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain('aria-label="メッセージを入力"');
    expect(res.text).toContain('>送信</button>');
    expect(res.text).toContain('aria-label="防災"');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('assets are served: script, style, rich menu image', async () => {
    expect((await request(app).get('/simulator/app.js')).status).toBe(200);
    expect((await request(app).get('/simulator/style.css')).text).toContain('.fx-carousel');
    const png = await request(app).get('/simulator/richmenu.png');
    expect(png.headers['content-type']).toBe('image/png');
  });

  test('a text goes through the same handlers and comes back as HTML with quick replies', async () => {
    const res = await request(app).post('/simulator/send').send({ type: 'text', text: '防災' });
    expect(res.status).toBe(200);
    expect(res.body.messages[0]).toContain('fx-carousel');
    expect(res.body.messages[0]).toContain('ハザードマップ');
    expect(res.body.quickReply).toContain('class="chip"');
  });

  test('a postback (tile, chip, button) works the same way', async () => {
    const res = await request(app)
      .post('/simulator/send')
      .send({ type: 'postback', data: 'action=area&area=childcare' });
    expect(res.body.messages[0]).toContain('こども医療費');
  });

  test('follow (the page has just opened) gets the greeting a new friend gets, as HTML with quick replies', async () => {
    const bot = composeBot(
      parseConfig({ UNANSWERED_LOG: 'off', DATA_DIR: FROZEN_DATA_DIR }, REPO_ROOT),
      createSilentLogger(),
    );
    const greeting = buildGreeting(bot.knowledge().catalog);
    const res = await request(bot.app).post('/simulator/send').send({ type: 'follow' });
    expect(res.status).toBe(200);
    expect(res.body.messages).toEqual(greeting.map(renderMessage));
    expect(res.body.messages[0]).toContain('友だち追加ありがとうございます');
    expect(res.body.quickReply).toBe(renderQuickReply(greeting[greeting.length - 1]));
    expect(res.body.quickReply).toContain('class="chip"');
  });

  test('both rich menus are on the page: the Japanese one shown, the English one hidden until the profile is English', async () => {
    const res = await request(app).get('/');
    expect(res.text).toContain('id="profile-lang"');
    expect(res.text).toMatch(/<nav class="richmenu" data-lang="ja" aria-label="リッチメニュー"[^>]*style="[^"]*">/u);
    expect(res.text).toMatch(/<nav class="richmenu" data-lang="en" [^>]*hidden>/u);
    expect(res.text).toContain('src="/simulator/richmenu.en.png"');
    expect(res.text).toContain('data-switch="en"');
    expect(res.text).toContain('data-switch="ja"');
    expect(res.text).toContain('data-postback="action=area&amp;area=disaster&amp;from=menu&amp;lang=en"');
    const png = await request(app).get('/simulator/richmenu.en.png');
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body).toEqual(readFileSync(path.join(REPO_ROOT, 'richmenu/menu.en.png')));
  });

  test('an English profile (lang en): English greeting, and Japanese-menu taps answered in English', async () => {
    const greeting = await request(app).post('/simulator/send').send({ type: 'follow', lang: 'en' });
    expect(greeting.body.messages[0]).toContain('Thank you for adding us as a friend');
    const tap = await request(app)
      .post('/simulator/send')
      .send({ type: 'postback', data: 'action=area&area=childcare&from=menu', lang: 'en' });
    expect(tap.body.messages[0]).toContain('Ageo City Pledge Guide');
    // A Japanese message from the same profile: Japanese.
    const typed = await request(app).post('/simulator/send').send({ type: 'text', text: '防災', lang: 'en' });
    expect(typed.body.messages[0]).toContain('上尾市 公約案内');
    // The language tile answers in the language it switches to.
    const toJa = await request(app)
      .post('/simulator/send')
      .send({ type: 'postback', data: 'action=lang&from=menu&lang=ja', lang: 'en' });
    expect(toJa.body.messages[0]).toContain('日本語の案内にしました');
    // Anything but "en" is the Japanese profile.
    const other = await request(app).post('/simulator/send').send({ type: 'follow', lang: 'fr' });
    expect(other.body.messages[0]).toContain('友だち追加ありがとうございます');
  });

  test('bad input gets 400, never a 5xx', async () => {
    for (const body of [{}, { type: 'text', text: '' }, { type: 'postback' }, { type: 'image' }]) {
      expect((await request(app).post('/simulator/send').send(body)).status).toBe(400);
    }
    expect((await request(app).post('/simulator/send').set('content-type', 'application/json').send('{')).status).toBe(
      400,
    );
  });

  test('in line mode the simulator is never on the public port; with SIMULATOR=on it is on the internal one', async () => {
    const creds = {
      LINE_CHANNEL_SECRET: 'c0ffee00c0ffee00c0ffee00c0ffee00',
      LINE_CHANNEL_ACCESS_TOKEN: 'test-channel-access-token',
    };
    const bot = (env: Record<string, string>) =>
      composeBot(
        parseConfig({ UNANSWERED_LOG: 'off', DATA_DIR: FROZEN_DATA_DIR, ...env }, REPO_ROOT),
        createSilentLogger(),
      );
    expect((await request(bot(creds).app).get('/')).status).toBe(404);
    // On the internal listener / is the staff console (to its login page); no simulator there.
    expect((await request(bot(creds).adminApp).get('/simulator')).status).toBe(404);
    const on = bot({ ...creds, SIMULATOR: 'on' });
    expect((await request(on.app).get('/')).status).toBe(404);
    expect((await request(on.app).get('/simulator')).status).toBe(404);
    expect((await request(on.adminApp).get('/simulator')).status).toBe(200);
    expect((await request(on.adminApp).get('/')).headers.location).toBe('/login');
    // Without the console (ADMIN_PORT=off there is no internal listener at all) nothing changes on PORT.
    expect((await request(bot({ ...creds, ADMIN_PORT: 'off' }).app).get('/')).status).toBe(404);
    expect((await request(simulatorApp({ SIMULATOR: 'off' })).get('/')).status).toBe(404);
  });

  test('one address may send 60 messages a minute, then gets 429', async () => {
    const app = simulatorApp();
    const codes: number[] = [];
    for (let i = 0; i < 62; i++)
      codes.push((await request(app).post('/simulator/send').send({ type: 'text', text: 'あ' })).status);
    expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
    expect(codes.slice(60)).toEqual([429, 429]);
  });
});

test('npm run cards:preview -- DIR writes a gallery of every card', () => {
  const cli = path.join(REPO_ROOT, 'dist/src/cli/cards-preview.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does it first).`);
  const dir = mkdtempSync(path.join(tmpdir(), 'preview-'));
  try {
    execFileSync(process.execPath, [cli, dir], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: FROZEN_DATA_DIR },
    });
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    for (const id of [
      'area-disaster-p1',
      'area-childcare-p2',
      'item-covid-01',
      'did-you-mean-sample',
      'not-found',
      'greeting-1',
      'menu',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).not.toContain('未対応の部品');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
