import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Knowledge } from '../../src/bot/handler-context';
import { createKnowledgeAsync } from '../../src/compose';
import { createConsole } from '../../src/console';
import { createFileUserStore } from '../../src/console/users';
import { createSilentLogger } from '../../src/log';
import type { Catalog } from '../../src/pledges/catalog';
import { loadCatalog } from '../../src/pledges/load-catalog';
import type { UnansweredRecord } from '../../src/stats/unanswered-log';
import { japanDay } from '../../src/stats/japan-time';
import { shiftDay } from '../../src/stats/usage-report';
import { createFileUsageReader } from '../../src/stats/usage-store';
import { loadValidData } from '../../src/valid-data';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';
import { changedReport } from '../helpers/report-text';
import { parseExcelCsv } from '../helpers/csv';
import { fillUsageMonth } from '../helpers/usage-scenario';

/**
 * The staff console in a real Chromium (found by findChromium, driven by playwright-core), on a
 * copy of the frozen 2026 data: every flow through the pages only — labelled fields, buttons by
 * their names, the navigation — with one browser and one context per account. Every page must
 * load without console errors, page errors, failed or refused sub-requests, and nothing may
 * leave 127.0.0.1. Screenshots of every page go to test-output/screenshots/console/ (git-ignored).
 */
jest.setTimeout(60_000);

const SHOTS = path.join(REPO_ROOT, 'test-output', 'screenshots', 'console');
const PASSWORD = 'correct horse battery';
const DRONE = 'ドローンで避難誘導はしていますか';
const GOMI = 'ごみの収集日は？';
const NAV = ['答えられなかった質問', '取組の編集', '質問を試す', '公開と履歴', '利用状況', '操作の記録', '取り込み'];
/** Refusals that are answers (a page saying why), not errors: allowed for documents only. */
const REFUSAL_STATUSES = [401, 403, 422, 429];

let root: string;
let dataDir: string;
let server: Server;
let base: string;
let browser: Browser;
let live: Knowledge;
let records: UnansweredRecord[];
/** How many times the console told the bot to answer from new data (公開, この版に戻す). */
let publishes = 0;
/** Everything that went wrong in any page (must stay empty). */
const problems: string[] = [];
/** The deliberate refusals seen, as 「status METHOD /path」. */
const refusals: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'console-browser-'));
  dataDir = path.join(root, 'data');
  cpSync(FROZEN_DATA_DIR, dataDir, { recursive: true });
  const consoleDir = path.join(root, 'console');
  const users = createFileUserStore(consoleDir);
  await users.add('admin1', 'admin', PASSWORD);
  await users.add('editor1', 'editor', PASSWORD);
  await users.add('approver1', 'approver', PASSWORD);
  live = await createKnowledgeAsync(loadValidData(dataDir).catalog);
  const usageDir = path.join(root, 'usage');
  await fillUsageMonth(
    usageDir,
    japanDay(new Date()),
    live.catalog.items.map((i) => i.id),
    live.catalog.areas.map((a) => a.id),
  );
  records = [
    { t: '2026-12-01T01:00:00.000Z', outcome: 'not-found', q: DRONE },
    { t: '2026-12-01T01:05:00.000Z', outcome: 'not-found', q: DRONE },
    { t: '2026-12-01T01:10:00.000Z', outcome: 'not-found', q: GOMI },
  ];
  const staff = createConsole({
    consoleDir,
    dataDir,
    trustProxy: false,
    logger: createSilentLogger(),
    published: () => live,
    buildKnowledge: (c: Catalog) => createKnowledgeAsync(c),
    onPublished: async (c) => {
      live = await createKnowledgeAsync(c);
      publishes++;
    },
    unanswered: async () => records,
    buildDerived: async (dir) => {
      for (const f of ['readings.json', 'synonyms.generated.json'])
        cpSync(path.join(FROZEN_DATA_DIR, f), path.join(dir, f));
    },
    usage: createFileUsageReader(usageDir),
  });
  const app = express();
  app.use(staff.router);
  app.use((_req, res) => res.status(404).send('not the console'));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const found = await findChromium();
  try {
    browser = await chromium.launch({
      executablePath: found.path,
      env: { ...process.env, ...found.env },
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
  } catch (err) {
    throw new Error(
      `Chromium at ${found.path} (from ${found.source}) could not start: ${(err as Error).message.split('\n')[0]}`,
      { cause: err },
    );
  }
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  if (root) rmSync(root, { recursive: true, force: true });
});

/** What the live bot answers now (the knowledge `published()` gives). */
const answers = (q: string): string[] => live.matcher.match(q).items.map((r) => r.item.id);

const pathOf = (url: string): string => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/** A fresh browser context (its own cookies) and page, watched for every kind of trouble. */
async function newPage(who: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
  // Nothing may leave the machine.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).hostname === '127.0.0.1') return route.continue();
    problems.push(`${who}: blocked request to ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  const refusedDocuments = new Set<string>();
  page.on('response', (res) => {
    if (res.status() < 400) return;
    const what = `${res.status()} ${res.request().method()} ${pathOf(res.url())}`;
    if (res.request().resourceType() === 'document' && REFUSAL_STATUSES.includes(res.status())) {
      refusals.push(`${who}: ${what}`);
      refusedDocuments.add(res.url());
    } else problems.push(`${who}: ${what} (${res.request().resourceType()})`);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium reports a refused document as a failed resource too; that one was counted above.
    if (/^Failed to load resource: the server responded with a status of (401|403|422|429)\b/u.test(m.text()))
      if (refusedDocuments.has(m.location().url)) return;
    problems.push(`${who}: console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.push(`${who}: request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`),
  );
  return page;
}

/**
 * Runs `action` (a click or a goto that navigates) and resolves to the HTTP status of the
 * document the page ends on (after any redirect), once that document has loaded.
 */
async function navigate(page: Page, action: () => Promise<unknown>): Promise<number> {
  const final = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.request().frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400),
  );
  await action();
  const res = await final;
  await page.waitForLoadState('load');
  return res.status();
}

const shot = (page: Page, name: string, fullPage = true): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

const menu = (page: Page) => page.getByRole('navigation', { name: 'メニュー' });
const go = (page: Page, label: string): Promise<number> =>
  navigate(page, () => menu(page).getByRole('link', { name: label, exact: true }).click());
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const heading = async (page: Page): Promise<string> =>
  (await page.getByRole('heading', { level: 1 }).innerText()).trim();
/** The messages shown after an action (role status / alert). */
const messages = async (page: Page): Promise<string> =>
  (await page.locator('[role=status], [role=alert]').allInnerTexts()).join('\n');

/** Fills the login form and submits it; resolves to the status of the page it ends on. */
async function logIn(page: Page, name: string, password = PASSWORD): Promise<number> {
  await page.getByLabel('ユーザー名', { exact: true }).fill(name);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  return navigate(page, () => button(page, 'ログイン').click());
}

/** A new context for `name`: the site's front page, then the login form it is sent to. */
async function loggedIn(name: string): Promise<Page> {
  const page = await newPage(name);
  expect(await navigate(page, () => page.goto(base))).toBe(200);
  expect(pathOf(page.url())).toBe('/login');
  expect(await logIn(page, name)).toBe(200);
  expect(pathOf(page.url())).toBe('/inbox');
  return page;
}

/** The inbox row (one group of questions) whose example is `question`. */
const inboxRow = (page: Page, question: string) => page.getByRole('group', { name: question, exact: true });
const inboxQuestions = (page: Page): Promise<string[]> => page.locator('.inbox-row .question').allInnerTexts();
const inboxTab = (page: Page, label: string): Promise<number> =>
  navigate(page, () =>
    page.getByRole('navigation', { name: '表示する質問' }).getByRole('link', { name: label, exact: true }).click(),
  );

let editor: Page;
let approver: Page;
let admin: Page;

describe('the staff console in Chromium', () => {
  test('1. an anonymous visitor is sent to the login form; after login the name, 「ログアウト」 and the 7 menu links', async () => {
    editor = await newPage('editor1');
    expect(await navigate(editor, () => editor.goto(`${base}/publish`))).toBe(200);
    expect(pathOf(editor.url())).toBe('/login');
    expect(await editor.getAttribute('html', 'lang')).toBe('ja');
    expect(await heading(editor)).toBe('ログイン');
    expect(await menu(editor).count()).toBe(0);
    await shot(editor, '01-login');

    expect(await logIn(editor, 'editor1')).toBe(200);
    expect(pathOf(editor.url())).toBe('/inbox');
    expect(await editor.locator('header').getByText('editor1', { exact: true }).isVisible()).toBe(true);
    expect(await button(editor, 'ログアウト').isVisible()).toBe(true);
    for (const label of NAV)
      expect([label, await menu(editor).getByRole('link', { name: label, exact: true }).count()]).toEqual([label, 1]);
    // ユーザー管理 is for admins only.
    expect(await menu(editor).getByRole('link', { name: 'ユーザー管理' }).count()).toBe(0);
  });

  test('2. inbox: keyword from a question into the draft → 対応済み; 対象外 stays 対象外 when asked again', async () => {
    expect(await heading(editor)).toBe('答えられなかった質問');
    expect(await inboxQuestions(editor)).toEqual([GOMI, DRONE]); // the newest first
    expect(await inboxRow(editor, DRONE).locator('.count').innerText()).toMatch(/件数\s*2/u);
    await shot(editor, '02-inbox');

    const drone = inboxRow(editor, DRONE);
    const option = drone.locator('option', { hasText: 'リアルタイム' });
    expect(await option.count()).toBe(1);
    expect(await option.getAttribute('value')).toBe('disaster-01');
    await drone.getByLabel('取組').selectOption({ label: (await option.textContent())! });
    expect(await navigate(editor, () => drone.getByRole('button', { name: 'キーワードに追加' }).click())).toBe(200);
    expect(await messages(editor)).toContain(`「${DRONE}」を disaster-01 のキーワードとして下書きに加えました`);
    expect(await inboxQuestions(editor)).toEqual([GOMI]);

    expect(await inboxTab(editor, '対応済み')).toBe(200);
    expect(await inboxQuestions(editor)).toEqual([DRONE]);
    expect(await inboxRow(editor, DRONE).innerText()).toContain('editor1 が disaster-01 のキーワード');
    await shot(editor, '03-inbox-done');

    expect(await inboxTab(editor, '未対応')).toBe(200);
    expect(
      await navigate(editor, () => inboxRow(editor, GOMI).getByRole('button', { name: '対象外にする' }).click()),
    ).toBe(200);
    expect(await messages(editor)).toContain(`「${GOMI}」を対象外にしました`);
    records.push({ t: '2026-12-01T02:00:00.000Z', outcome: 'not-found', q: GOMI });
    expect(await navigate(editor, () => editor.reload())).toBe(200);
    expect(await inboxQuestions(editor)).toEqual([]);
    expect(await editor.getByText('未対応の質問はありません。').isVisible()).toBe(true);
    expect(await inboxTab(editor, '対象外')).toBe(200);
    expect(await inboxQuestions(editor)).toEqual([GOMI]);
    expect(await inboxRow(editor, GOMI).locator('.count').innerText()).toMatch(/件数\s*2/u);
    await shot(editor, '04-inbox-ignored');
  });

  test('3. the editor sees the change but no 「公開」; the approver publishes; 質問を試す side by side; rollback', async () => {
    expect(answers(DRONE)).toEqual([]);
    expect(await go(editor, '公開と履歴')).toBe(200);
    const changes = editor.locator('table.changes');
    expect(await changes.innerText()).toContain('disaster-01');
    expect(await changes.innerText()).toContain(DRONE);
    expect(await button(editor, '公開').count()).toBe(0);
    expect(await button(editor, 'この版に戻す').count()).toBe(0);
    await shot(editor, '05-publish-before-editor');

    approver = await loggedIn('approver1');
    expect(await go(approver, '公開と履歴')).toBe(200);
    expect(await approver.locator('table.changes').innerText()).toContain(DRONE);
    await shot(approver, '06-publish-before-approver');
    expect(await navigate(approver, () => button(approver, '公開').click())).toBe(200);
    expect(pathOf(approver.url())).toBe('/publish');
    expect(await messages(approver)).toMatch(/公開しました \(版 2\)/u);
    expect(publishes).toBe(1);
    expect(answers(DRONE)).toContain('disaster-01');
    expect(readFileSync(path.join(dataDir, 'areas', 'disaster.json'), 'utf8')).toContain(DRONE);
    expect(await approver.getByText('変更はありません。', { exact: true }).isVisible()).toBe(true);
    // Nothing to publish: no 「公開」 button, a line says so.
    expect(await approver.getByRole('button', { name: '公開', exact: true }).count()).toBe(0);
    await shot(approver, '07-publish-after');

    expect(await go(editor, '質問を試す')).toBe(200);
    await shot(editor, '08-test-pane-empty');
    await editor.getByLabel('質問', { exact: true }).fill(DRONE);
    expect(await navigate(editor, () => button(editor, '試す').click())).toBe(200);
    const side = (label: string) =>
      editor.locator('section', { has: editor.getByRole('heading', { name: label, exact: true }) });
    for (const label of ['下書き', '公開中']) {
      expect([label, await side(label).count()]).toEqual([label, 1]);
      expect(await side(label).innerText()).toContain('リアルタイム');
    }
    const [left, right] = [await side('下書き').boundingBox(), await side('公開中').boundingBox()];
    expect(left!.y).toBe(right!.y); // side by side, not one under the other
    expect(left!.x + left!.width).toBeLessThanOrEqual(right!.x);
    await shot(editor, '09-test-pane');

    // Two versions: 2 (live) and 1; only the older one can be gone back to.
    expect(await navigate(approver, () => approver.reload())).toBe(200);
    expect(await button(approver, 'この版に戻す').count()).toBe(1);
    const older = approver.getByRole('row').filter({ has: button(approver, 'この版に戻す') });
    expect((await older.getByRole('cell').first().innerText()).trim()).toBe('1');
    expect(await navigate(approver, () => older.getByRole('button', { name: 'この版に戻す' }).click())).toBe(200);
    expect(await messages(approver)).toMatch(/版 1 に戻しました \(版 3\)/u);
    expect(publishes).toBe(2);
    expect(answers(DRONE)).toEqual([]);
    expect(readFileSync(path.join(dataDir, 'areas', 'disaster.json'), 'utf8')).not.toContain('ドローン');
    const liveRow = approver.getByRole('row').filter({ has: approver.locator('.live') });
    expect((await liveRow.getByRole('cell').first().innerText()).replace(/\s+/gu, '')).toBe('3公開中');
    expect(await liveRow.innerText()).toContain('版を戻す');
    await shot(approver, '10-history-after-rollback');

    expect(await navigate(approver, () => button(approver, 'ログアウト').click())).toBe(200);
    expect(pathOf(approver.url())).toBe('/login');
    await approver.context().close();
  });

  test('4. an emptied 題名 is refused by the server in Japanese, naming 題名; the draft keeps the title', async () => {
    expect(await go(editor, '取組の編集')).toBe(200);
    await shot(editor, '11-edit-list', false);
    const row = editor.getByRole('row').filter({ has: editor.getByRole('cell', { name: 'disaster-01', exact: true }) });
    expect(await navigate(editor, () => row.getByRole('link', { name: '編集' }).click())).toBe(200);
    expect(pathOf(editor.url())).toBe('/edit/item/disaster-01');
    const title = editor.getByLabel('題名', { exact: true });
    expect(await title.inputValue()).toBe('災害時のリアルタイム映像共有');
    // The browser would refuse an empty required field itself: the server must check too.
    await title.evaluate((el) => el.removeAttribute('required'));
    await title.fill('');
    expect(await navigate(editor, () => button(editor, '下書きに保存').click())).toBe(422);
    const alert = await editor.getByRole('alert').innerText();
    expect(alert).toContain('保存できませんでした');
    expect(alert).toMatch(/題名: \S/u);
    expect(alert).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]{4}/u);
    await shot(editor, '12-item-editor-error');

    expect(await navigate(editor, () => editor.getByRole('link', { name: '← 取組の一覧' }).click())).toBe(200);
    expect(await navigate(editor, () => row.getByRole('link', { name: '編集' }).click())).toBe(200);
    expect(await editor.getByLabel('題名', { exact: true }).inputValue()).toBe('災害時のリアルタイム映像共有');
    expect(await editor.getByRole('alert').count()).toBe(0);
  });

  test('5. 取り込み: a changed report, uploaded or pasted → preview (追加 / なくなる / 文言が変わる, 要確認) → the draft', async () => {
    const catalog = loadCatalog(FROZEN_DATA_DIR);
    const { text, reworded, removed, added: NEW } = changedReport(catalog);

    const checkPreview = async (): Promise<void> => {
      expect(await heading(editor)).toBe('取り込みの確認');
      const section = (title: RegExp) =>
        editor.getByRole('heading', { name: title }).locator('xpath=following-sibling::*[1]');
      expect(await editor.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
        '追加される取組 (1 件)',
        'なくなる取組 (1 件)',
        '文言が変わる取組 (1 件)',
        '英語を見直してください (English needs review) (2 件)',
      ]);
      expect(await section(/^追加される取組/u).innerText()).toContain(NEW);
      // The new item has no English yet; the reworded one loses its English (written for the old wording).
      const english = await section(/^英語を見直してください/u).innerText();
      expect(english).toContain('en (英語) がありません');
      expect(english).toContain(`${reworded.id} 文言が変わったので en (英語) を外しました`);
      expect(english).toContain(`前の英語: ${catalog.findItem(reworded.id)!.en!.title}`);
      expect(await section(/^なくなる取組/u).innerText()).toContain(removed.id);
      const changed = editor.locator('table.changes').getByRole('row').filter({ hasText: reworded.id });
      expect(await changed.innerText()).toContain('(令和8年度も継続)');
      expect(await changed.innerText()).toContain('要確認');
    };

    expect(await go(editor, '取り込み')).toBe(200);
    await shot(editor, '13-import-form');
    await editor.getByLabel('または、文章のファイル (UTF-8 のテキスト)').setInputFiles({
      name: 'report.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(text, 'utf8'),
    });
    expect(await navigate(editor, () => button(editor, '確認する').click())).toBe(200);
    await checkPreview();
    await shot(editor, '14-import-preview-upload');

    expect(await navigate(editor, () => editor.getByRole('link', { name: 'やり直す' }).click())).toBe(200);
    await editor.getByLabel('報告書の文章').fill(text);
    await shot(editor, '15-import-form-pasted');
    expect(await navigate(editor, () => button(editor, '確認する').click())).toBe(200);
    await checkPreview();
    await shot(editor, '16-import-preview');
    expect(await navigate(editor, () => button(editor, '下書きに取り込む').click())).toBe(200);
    expect(pathOf(editor.url())).toBe('/publish');
    expect(await messages(editor)).toContain('を下書きに取り込みました');
    const changes = await editor.locator('table.changes').innerText();
    for (const word of ['追加', '削除', '変更', removed.id, reworded.id, NEW]) expect(changes).toContain(word);
    await shot(editor, '17-publish-after-import');
  });

  test('6. ユーザー管理 (admins): a weak password is refused in Japanese; a new user logs in; removed, it is sent to login', async () => {
    admin = await newPage('admin1');
    expect(await navigate(admin, () => admin.goto(base))).toBe(200);
    expect(await logIn(admin, 'admin1', 'wrong password!')).toBe(401);
    expect(await admin.getByRole('alert').innerText()).toBe('ユーザー名かパスワードが違います。');
    expect(await logIn(admin, 'admin1')).toBe(200);
    expect(await go(admin, 'ユーザー管理')).toBe(200);
    await shot(admin, '18-users');

    const form = admin.locator('form', { has: button(admin, '追加') });
    const add = async (name: string, password: string, status = 200): Promise<void> => {
      await form.getByLabel('ユーザー名').fill(name);
      await form.getByLabel('役割').selectOption({ label: '編集者' });
      await form.getByLabel('パスワード').fill(password);
      expect(await navigate(admin, () => form.getByRole('button', { name: '追加' }).click())).toBe(status);
    };
    // The browser refuses a short password itself (minlength): the server must check too.
    await form.getByLabel('パスワード').evaluate((el) => el.removeAttribute('minlength'));
    await add('newbie', 'short', 422);
    expect(await admin.getByRole('alert').innerText()).toContain('12 文字以上');
    // The refused form keeps what was typed (not the password).
    expect(await form.getByLabel('ユーザー名').inputValue()).toBe('newbie');
    expect(await admin.getByRole('cell', { name: 'newbie', exact: true }).count()).toBe(0);
    await shot(admin, '19-users-weak-password');
    await add('newbie', PASSWORD);
    expect(await messages(admin)).toContain('newbie を 編集者 として追加しました。');
    expect(await admin.getByRole('cell', { name: 'newbie', exact: true }).count()).toBe(1);
    await shot(admin, '20-users-added');

    const newbie = await loggedIn('newbie');
    expect(await newbie.locator('header').getByText('newbie', { exact: true }).isVisible()).toBe(true);
    expect(await menu(newbie).getByRole('link', { name: 'ユーザー管理' }).count()).toBe(0);

    const row = admin.getByRole('row').filter({ has: admin.getByRole('cell', { name: 'newbie', exact: true }) });
    await row.getByLabel('削除を確認').check();
    expect(await navigate(admin, () => row.getByRole('button', { name: '削除' }).click())).toBe(200);
    expect(await messages(admin)).toContain('newbie を削除しました。');
    expect(await admin.getByRole('cell', { name: 'newbie', exact: true }).count()).toBe(0);
    expect(await go(newbie, '取組の編集')).toBe(200);
    expect(pathOf(newbie.url())).toBe('/login');
    expect(await menu(newbie).count()).toBe(0);
    await newbie.context().close();
  });

  test('7. 操作の記録: the admin sees every kind of action; editors can read it too', async () => {
    expect(await go(admin, '操作の記録')).toBe(200);
    const actions = await admin.locator('table.audit tbody tr td:nth-child(3)').allInnerTexts();
    for (const a of [
      'ログイン',
      'ログイン失敗',
      '質問の整理',
      '公開',
      '版を戻す',
      '取り込み',
      'ユーザー追加',
      'ユーザー削除',
    ])
      expect(actions).toContain(a);
    expect(await admin.getByText('つながりに欠けや書き換えはありません').isVisible()).toBe(true);
    await shot(admin, '21-audit');

    expect(await go(editor, '操作の記録')).toBe(200);
    expect(await heading(editor)).toBe('操作の記録');
    await shot(editor, '22-audit-editor');
    expect(await go(editor, '利用状況')).toBe(200);
    await shot(editor, '23-usage');
  });

  test('7b. 利用状況: the last 30 days as charts; a date range; both CSV files download', async () => {
    expect(await go(editor, '利用状況')).toBe(200);
    const today = japanDay(new Date());
    expect(await editor.getByLabel('開始日', { exact: true }).inputValue()).toBe(shiftDay(today, -29));
    expect(await editor.getByLabel('終了日', { exact: true }).inputValue()).toBe(today);
    for (const name of ['1 日ごとの質問 (答え方別)', '分野ごとの回答', 'リッチメニューのタップ'])
      expect(await editor.getByRole('img', { name }).isVisible()).toBe(true);
    expect(await editor.locator('svg.chart rect').count()).toBeGreaterThan(60);
    // The whole page, for people to look at: readable labels, nothing overlapping.
    await shot(editor, 'usage-charts');

    await editor.getByLabel('開始日', { exact: true }).fill(shiftDay(today, -6));
    await editor.getByLabel('終了日', { exact: true }).fill(today);
    expect(await navigate(editor, () => button(editor, '表示').click())).toBe(200);
    expect(pathOf(editor.url())).toBe(`/usage?since=${shiftDay(today, -6)}&until=${today}`);
    const days = await editor.locator('#chart-days-h ~ details tbody tr').count();
    expect(days).toBe(7);
    await shot(editor, 'usage-charts-week');

    for (const [link, name] of [
      ['利用状況の CSV', `usage-${shiftDay(today, -6)}_${today}.csv`],
      ['回答への評価の CSV', `feedback-${shiftDay(today, -6)}_${today}.csv`],
    ] as const) {
      const [download] = await Promise.all([
        editor.waitForEvent('download'),
        editor.getByRole('link', { name: link, exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(name);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(parseExcelCsv(text).rows.length).toBeGreaterThan(0);
    }
  });

  test('8. no console errors, page errors, failed or refused sub-requests; nothing left 127.0.0.1', () => {
    expect(problems).toEqual([]);
    expect(refusals).toEqual([
      'editor1: 422 POST /edit/item/disaster-01',
      'admin1: 401 POST /login',
      'admin1: 422 POST /users/add',
    ]);
  });
});
