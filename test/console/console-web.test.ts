import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { createKnowledgeAsync } from '../../src/compose';
import { createConsole, type StaffConsole } from '../../src/console';
import { createFileUserStore } from '../../src/console/users';
import { createSilentLogger } from '../../src/log';
import type { Catalog } from '../../src/pledges/catalog';
import type { UnansweredRecord } from '../../src/stats/unanswered-log';
import { main as reportUsage } from '../../src/cli/report-usage';
import { main as reportFeedback } from '../../src/cli/report-feedback';
import { committedMenuTiles } from '../../src/richmenu/definition';
import { renderPage } from '../../src/console/web/pages/layout';
import { UsagePage } from '../../src/console/web/pages/usage';
import { japanDay } from '../../src/stats/japan-time';
import { shiftDay } from '../../src/stats/usage-report';
import type { Knowledge } from '../../src/bot/handler-context';
import { loadValidData } from '../../src/valid-data';
import { createFileUsageReader, createFileUsageStore } from '../../src/stats/usage-store';
import { REPO_ROOT } from '../helpers/bot-harness';
import { parseExcelCsv } from '../helpers/csv';
import { fillUsageScenario } from '../helpers/usage-scenario';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'data-2026');
const PASSWORD = 'correct horse battery';

let root: string;
let dataDir: string;
let consoleDir: string;
let staff: StaffConsole;
let app: express.Express;
let live: Knowledge;
let records: UnansweredRecord[];
let usageDir: string;
/** The usage scenario's busy day: five days ago, so the page's default range (30 days) holds it. */
const DAY0 = shiftDay(japanDay(new Date()), -5);

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'console-web-'));
  consoleDir = path.join(root, 'console');
  const users = createFileUserStore(consoleDir);
  await users.add('admin1', 'admin', PASSWORD);
  await users.add('editor1', 'editor', PASSWORD);
  await users.add('approver1', 'approver', PASSWORD);
  await users.add('locktest', 'editor', PASSWORD);
  usageDir = path.join(root, 'usage');
  await fillUsageScenario(usageDir, DAY0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(root, 'data-'));
  cpSync(FIXTURE, dataDir, { recursive: true });
  rmSync(path.join(consoleDir, 'versions'), { recursive: true, force: true });
  rmSync(path.join(consoleDir, 'draft'), { recursive: true, force: true });
  rmSync(path.join(consoleDir, 'draft.json'), { force: true });
  rmSync(path.join(consoleDir, 'inbox.json'), { force: true });
  live = await createKnowledgeAsync(loadValidData(dataDir).catalog);
  records = [
    { t: '2026-12-01T01:00:00.000Z', outcome: 'not-found', q: 'ドローンで避難誘導はしていますか' },
    { t: '2026-12-01T01:05:00.000Z', outcome: 'not-found', q: 'ドローンで避難誘導はしていますか' },
    { t: '2026-12-01T01:10:00.000Z', outcome: 'not-found', q: 'ごみの収集日は？' },
  ];
  staff = createConsole({
    consoleDir,
    dataDir,
    trustProxy: false,
    logger: createSilentLogger(),
    published: () => live,
    buildKnowledge: (c: Catalog) => createKnowledgeAsync(c),
    onPublished: async (c) => {
      live = await createKnowledgeAsync(c);
    },
    unanswered: async () => records,
    usage: createFileUsageReader(path.join(root, 'usage')),
    buildDerived: async (dir) => {
      for (const f of ['readings.json', 'synonyms.generated.json']) cpSync(path.join(FIXTURE, f), path.join(dir, f));
    },
  });
  await staff.ready();
  app = express();
  app.use(staff.router);
  app.use((_req, res) => res.status(404).send('not the console'));
});

const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/u.exec(html)?.[1] ?? '';

async function login(name: string, password = PASSWORD) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: tokenOf(page.text), name, password });
  return { agent, res };
}

async function post(
  agent: ReturnType<typeof request.agent>,
  from: string,
  action: string,
  fields: Record<string, string>,
) {
  const page = await agent.get(from);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: tokenOf(page.text), ...fields });
}

/** The form key of the inbox row about `words`. */
const rowKey = (html: string, words: string): string => {
  const at = html.indexOf(`aria-label="${words}`);
  return /name="key" value="([^"]+)"/u.exec(html.slice(at))![1]!;
};
const rows = (html: string): string[] => [...html.matchAll(/class="question">([^<]*)</gu)].map((m) => m[1]!);

const answers = (q: string): string => JSON.stringify(live.matcher.match(q).items.map((r) => r.item.id));

describe('the staff console over HTTP', () => {
  test('anonymous visitors are sent to /login; other paths are not the console', async () => {
    for (const p of ['/', '/inbox', '/edit', '/test', '/publish', '/usage', '/audit', '/import', '/users']) {
      const res = await request(app).get(p);
      expect([p, res.status, res.headers.location]).toEqual([p, 303, '/login']);
    }
    expect((await request(app).get('/metrics')).text).toBe('not the console');
  });

  test('pages carry a strict CSP and no script; the session cookie is HttpOnly and SameSite=Strict', async () => {
    const res = await request(app).get('/login');
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.text).not.toContain('<script');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/iu);
    expect(cookie).toMatch(/SameSite=Strict/iu);
  });

  test('login shows the name and 「ログアウト」; a wrong password is refused; 5 failures lock the name', async () => {
    const { agent, res } = await login('editor1');
    expect(res.status).toBe(303);
    const inbox = await agent.get('/inbox');
    expect(inbox.text).toContain('editor1');
    expect(inbox.text).toContain('ログアウト');
    for (const n of [
      '答えられなかった質問',
      '取組の編集',
      '質問を試す',
      '公開と履歴',
      '利用状況',
      '操作の記録',
      '取り込み',
    ])
      expect(inbox.text).toContain(`>${n}</a>`);
    expect((await login('editor1', 'wrong password!')).res.status).toBe(401);
    for (let i = 0; i < 5; i++) await login('locktest', 'wrong password!');
    const locked = await login('locktest');
    expect(locked.res.status).toBe(429);
    expect(locked.res.text).toContain('ロック');
  });

  test('a POST without the token or from another origin gets 403 and changes nothing', async () => {
    const { agent } = await login('editor1');
    const page = await agent.get('/inbox');
    const key = rowKey(page.text, 'ごみ');
    expect((await agent.post('/inbox/ignore').type('form').send({ key })).status).toBe(403);
    const evil = await agent
      .post('/inbox/ignore')
      .set('origin', 'http://evil.example')
      .type('form')
      .send({ _csrf: tokenOf(page.text), key });
    expect(evil.status).toBe(403);
    const cross = await agent
      .post('/inbox/ignore')
      .set('sec-fetch-site', 'cross-site')
      .type('form')
      .send({ _csrf: tokenOf(page.text), key });
    expect(cross.status).toBe(403);
    expect((await agent.get('/inbox?state=ignored')).text).not.toContain('ごみ');
  });

  test('inbox → keyword into the draft → the editor cannot publish → the approver publishes → the bot answers; rollback undoes it', async () => {
    expect(answers('ドローンで避難誘導はしていますか')).toBe('[]');
    const editor = (await login('editor1')).agent;
    const inbox = await editor.get('/inbox');
    const key = rowKey(inbox.text, 'ドローン');
    const added = await post(editor, '/inbox', '/inbox/keyword', { key, item: 'disaster-01' });
    expect(added.status).toBe(303);
    expect(rows((await editor.get('/inbox')).text)).toEqual(['ごみの収集日は？']);
    expect(rows((await editor.get('/inbox?state=done')).text)).toEqual(['ドローンで避難誘導はしていますか']);
    const pub = await editor.get('/publish');
    expect(pub.text).toContain('ドローン');
    expect(pub.text).not.toContain('>公開</button>');
    expect((await post(editor, '/publish', '/publish', {})).status).toBe(403);

    const approver = (await login('approver1')).agent;
    const done = await post(approver, '/publish', '/publish', {});
    expect(done.status).toBe(303);
    expect(answers('ドローンで避難誘導はしていますか')).toContain('disaster-01');
    expect(readFileSync(path.join(dataDir, 'areas', 'disaster.json'), 'utf8')).toContain('ドローンで避難誘導');

    const trial = await editor.get(`/test?q=${encodeURIComponent('ドローンで避難誘導はしていますか')}`);
    expect(trial.text).toContain('下書き');
    expect(trial.text).toContain('公開中');
    expect(trial.text).toContain('リアルタイム');
    expect(trial.text).not.toMatch(/style="/u);

    const history = await approver.get('/publish');
    expect(history.text.match(/この版に戻す/gu)).toHaveLength(1);
    const back = await post(approver, '/publish', '/rollback', { n: '1' });
    expect(back.status).toBe(303);
    expect(answers('ドローンで避難誘導はしていますか')).toBe('[]');
    expect(readFileSync(path.join(dataDir, 'areas', 'disaster.json'), 'utf8')).not.toContain('ドローン');

    const audit = await (await login('admin1')).agent.get('/audit');
    for (const word of ['公開', '版を戻す', 'ログイン', 'approver1']) expect(audit.text).toContain(word);
    expect(audit.text).toContain('つながりに欠けや書き換えはありません');
    expect((await editor.get('/audit')).status).toBe(200);
    // After the rollback the keyword is gone: the question is 未対応 again.
    expect(rows((await editor.get('/inbox')).text)).toContain('ドローンで避難誘導はしていますか');
  });

  test('an empty title is refused at save, naming 題名; the draft keeps the old title', async () => {
    const { agent } = await login('admin1');
    const res = await post(agent, '/edit/item/disaster-01', '/edit/item/disaster-01', {
      title: '',
      summary: '',
      keywords: 'リアルタイム映像',
      url: '',
    });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/題名: /u);
    expect((await agent.get('/edit/item/disaster-01')).text).toContain('value="災害時のリアルタイム映像共有"');
  });

  test('the English fields: shown, saved into the draft, refused with the field named (Japanese in English)', async () => {
    const { agent } = await login('editor1');
    const page = await agent.get('/edit/item/disaster-01');
    expect(page.text).toContain('英語 (English)');
    expect(page.text).toContain('value="Real-time video sharing in disasters"');
    const form = {
      title: '災害時のリアルタイム映像共有',
      summary: '',
      keywords: 'リアルタイム映像',
      url: '',
      enTitle: '災害 video',
      enSummary: 'Live video of a disaster scene is shared with the city.',
      enKeywords: 'live video\nreal-time video',
    };
    const bad = await post(agent, '/edit/item/disaster-01', '/edit/item/disaster-01', form);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('英語の題名 (English title): 英語の欄に日本語の文字「災」があります');
    expect(bad.text).toMatch(/id="enTitle" aria-invalid="true" aria-describedby="enTitle-error"/u);
    expect(bad.text).toContain('<span class="field-error" id="enTitle-error">');
    // The form is shown again with what was typed.
    expect(bad.text).toContain('value="災害 video"');

    const ok = await post(agent, '/edit/item/disaster-01', '/edit/item/disaster-01', {
      ...form,
      enTitle: 'Live disaster video',
    });
    expect(ok.status).toBe(303);
    const again = await agent.get('/edit/item/disaster-01');
    expect(again.text).toContain('value="Live disaster video"');
    expect((await agent.get('/publish')).text).toContain('Live disaster video');

    const area = await post(agent, '/edit/area/disaster', '/edit/area/disaster', {
      title: '防災力のさらなる強化!',
      subtitle: '',
      label: '防災',
      keywords: '防災',
      enTitle: 'Disaster preparedness',
      enSubtitle: '',
      enLabel: 'Disaster prevention',
      enKeywords: 'disaster',
    });
    expect(area.status).toBe(422);
    expect(area.text).toContain('英語の短い名前 (English label): 長すぎます (12 文字まで)。');
  });

  test('対象外 stays 対象外 when the same question comes again', async () => {
    const { agent } = await login('editor1');
    const inbox = await agent.get('/inbox');
    const key = rowKey(inbox.text, 'ごみ');
    await post(agent, '/inbox', '/inbox/ignore', { key });
    records.push({ t: '2026-12-01T02:00:00.000Z', outcome: 'not-found', q: 'ごみの収集日は？' });
    expect(rows((await agent.get('/inbox')).text)).toEqual(['ドローンで避難誘導はしていますか']);
    expect(rows((await agent.get('/inbox?state=ignored')).text)).toEqual(['ごみの収集日は？']);
  });

  test('user management is for admins; a removed account loses access at once', async () => {
    const admin = (await login('admin1')).agent;
    const weak = await post(admin, '/users', '/users/add', { name: 'newbie', role: 'editor', password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('12 文字以上');
    expect(weak.text).toContain('value="newbie"');
    await post(admin, '/users', '/users/add', { name: 'newbie', role: 'editor', password: PASSWORD });
    const newbie = (await login('newbie')).agent;
    expect((await newbie.get('/inbox')).status).toBe(200);
    expect((await newbie.get('/users')).status).toBe(403);
    expect((await post(admin, '/users', '/users/remove', { name: 'newbie' })).status).toBe(422);
    expect((await newbie.get('/inbox')).status).toBe(200);
    await post(admin, '/users', '/users/remove', { name: 'newbie', confirm: 'yes' });
    expect((await newbie.get('/inbox')).status).toBe(303);
  });
});

describe('「利用状況」: charts, date range and CSV downloads', () => {
  const titleOf = (id: string): string => live.catalog.findItem(id)!.title;
  const esc = (t: string): string => t.replace(/&/gu, '&amp;').replace(/"/gu, '&quot;');
  /** The tooltips of the bars, as the page draws them. */
  const bars = (html: string): string[] =>
    [...html.matchAll(/<rect [^>]*><title>([^<]*)<\/title>/gu)].map((m) => m[1]!);

  test('the last 30 days by default: SVG charts with the numbers, legends, tables, no inline style, no script', async () => {
    const { agent } = await login('editor1');
    const res = await agent.get('/usage');
    expect(res.status).toBe(200);
    const html = res.text;
    expect(html).not.toMatch(/\sstyle=/u);
    expect(html).not.toContain('<script');
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
    expect(html).toContain(`value="${shiftDay(japanDay(new Date()), -29)}"`);
    expect(html).toContain(`value="${japanDay(new Date())}"`);
    expect(html.match(/<svg class="chart"/gu)).toHaveLength(4);
    for (const label of ['分野で回答', '取組で回答', 'もしかして', '見つからない', 'あいさつ', 'メニュー'])
      expect(html).toContain(`</svg>${label}</li>`);
    const drawn = bars(html);
    expect(drawn).toEqual(
      expect.arrayContaining([
        `${DAY0} 分野で回答: 2`,
        `${DAY0} 取組で回答: 3`,
        `${DAY0} 見つからない: 2`,
        `${shiftDay(DAY0, 2)} 見つからない: 1`,
        `${live.catalog.area('disaster').label} 分野の一覧で回答 2`,
        `${live.catalog.area('health').label} 取組で回答 6`,
        `${esc(titleOf('health-09'))} 4`,
      ]),
    );
    const tiles = committedMenuTiles();
    expect(drawn).toContain(`${esc(tiles.find((t) => t.kind === 'disaster')!.label)} 2`);
    // Screen readers: a title and a description on every chart, and the numbers as tables.
    expect(html.match(/<svg class="chart"[^>]*role="img" aria-labelledby="[^"]+"/gu)).toHaveLength(4);
    expect(html).toContain('の質問は 13 件');
    expect(html.match(/<summary>数値を表で見る<\/summary>/gu)).toHaveLength(4);
    // 👍/👎 per item with the reasons, and the latest 👎 with their (masked) question.
    expect(html).toContain('答えが違う 1');
    expect(html.replace(/<[^>]+>/gu, '')).toContain('情報が足りない 1、その他 1');
    expect(html).toContain('健康アプリはありますか');
  });

  test('a date range filters every chart; a bad range says so and shows the last 30 days', async () => {
    const { agent } = await login('editor1');
    const since = shiftDay(DAY0, 1);
    const until = shiftDay(DAY0, 3);
    const html = (await agent.get(`/usage?since=${since}&until=${until}`)).text;
    expect(html).toContain(`value="${since}"`);
    expect(html).toContain(`value="${until}"`);
    expect(bars(html).filter((b) => b.startsWith(DAY0))).toEqual([]);
    expect(bars(html)).toContain(`${shiftDay(DAY0, 2)} 取組で回答: 1`);
    expect(html).toContain('の質問は 2 件');
    expect(html).toContain('この期間に「役に立った」「役に立たなかった」の声はありません。');
    for (const [q, words] of [
      ['since=2026-13-01', '開始日「2026-13-01」は日付として読めません'],
      [`since=${until}&until=${since}`, '開始日は終了日と同じか、それより前にしてください。'],
      ['since=2020-01-01&until=2026-01-01', '366 日まで'],
    ] as const) {
      const bad = await agent.get(`/usage?${q}`);
      expect([q, bad.status]).toEqual([q, 200]);
      expect(bad.text).toContain(words);
      expect(bad.text).toContain(`value="${japanDay(new Date())}"`);
    }
  });

  test('both CSV downloads: BOM, quoted, CRLF, attachment with the range in its name, the same CSV as the commands', async () => {
    const { agent } = await login('editor1');
    const page = (await agent.get(`/usage?since=${DAY0}&until=${shiftDay(DAY0, 2)}`)).text;
    const link = (text: string): string =>
      new RegExp(`href="([^"]+)"[^>]*>\\s*${text}\\s*</a>`, 'u').exec(page)![1]!.replace(/&amp;/gu, '&');
    const usageHref = link('利用状況の CSV');
    const feedbackHref = link('回答への評価の CSV');
    expect(usageHref).toBe(`/usage/usage.csv?since=${DAY0}&until=${shiftDay(DAY0, 2)}`);
    const run = async (cmd: typeof reportUsage): Promise<string> => {
      let out = '';
      await cmd(
        ['--since', DAY0, '--until', shiftDay(DAY0, 2)],
        { USAGE_DIR: usageDir, DATA_DIR: dataDir },
        (t) => (out += t),
        () => {},
      );
      return out;
    };
    for (const [href, name, cmd, cells] of [
      [usageHref, 'usage', reportUsage, ['日付', '質問', '回答', 'もしかして', '見つからない']],
      [feedbackHref, 'feedback', reportFeedback, ['取組ID', '役に立った', '役に立たなかった']],
    ] as const) {
      const res = await agent.get(href).buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${name}-${DAY0}_${shiftDay(DAY0, 2)}.csv"`,
      );
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const { header, rows } = parseExcelCsv(res.text);
      expect(header).toEqual(expect.arrayContaining([...cells]));
      expect(rows.length).toBeGreaterThan(0);
      expect(res.text).toBe(await run(cmd));
    }
    expect((await agent.get('/usage/usage.csv?since=nope')).status).toBe(400);
    expect((await request(app).get(usageHref)).status).toBe(303);
  });

  test('without a usage store the page says recording is off', () => {
    const html = renderPage(
      UsagePage({
        ctx: { user: { name: 'editor1', role: 'editor' }, csrf: 't', path: '/usage', flash: [] },
        range: { since: '2026-11-01', until: '2026-11-30' },
        view: null,
      }),
    );
    expect(html).toContain('利用状況は記録されていません');
    expect(html).not.toContain('<svg class="chart"');
    expect(html).not.toContain('.csv');
  });

  test('「役に立たなかった回答」 lists 👎 answers with question, items and reason; キーワードに追加 works there too', async () => {
    const usage = createFileUsageStore(path.join(root, 'usage'));
    await usage.rememberReply('ref-gakudo', { q: '学童保育の申し込みは？', targets: ['item:childcare-13'] });
    await usage.vote('voter1', 'ref-gakudo', [], 'down', 'wrong');
    await usage.close();
    const { agent } = await login('editor1');
    const page = await agent.get('/inbox?state=unhelpful');
    expect(rows(page.text)).toContain('学童保育の申し込みは？');
    expect(page.text).toContain('childcare-13');
    expect(page.text).toContain('答えが違う 1');
    const key = rowKey(page.text, '学童保育');
    const added = await post(agent, '/inbox?state=unhelpful', '/inbox/keyword', {
      key,
      item: 'childcare-07',
      view: 'unhelpful',
    });
    expect(added.headers.location).toBe('/inbox?state=unhelpful');
    expect(rows((await agent.get('/inbox?state=unhelpful')).text)).not.toContain('学童保育の申し込みは？');
    expect((await agent.get('/publish')).text).toContain('学童保育の申し込みは');
  });
});
