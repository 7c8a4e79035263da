import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { areaPages } from '../../src/cards/area-card';
import { COPY } from '../../src/copy/ja';
import { COPY_EN, EN_ONLY } from '../../src/copy/en';
import { composeBot, type Bot } from '../../src/compose';
import { parseConfig } from '../../src/config';
import { createSilentLogger } from '../../src/log';
import { CHROMIUM_ARGS, findChromium, type FoundChromium } from '../helpers/chromium';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';

/**
 * The simulator in a real browser, on the frozen 2026 data: a Chromium found by findChromium
 * (CHROMIUM_PATH, chromium on PATH, or the one in the npm package @sparticuz/chromium) driven by
 * playwright-core (which downloads no browser). A Japanese font (fonts-noto-cjk) makes the
 * screenshots readable. Screenshots go to test-output/screenshots/ (git-ignored). If Chromium
 * cannot be found or cannot start, this fails and says why.
 */
const SHOTS = path.join(REPO_ROOT, 'test-output/screenshots');
jest.setTimeout(60_000);

let bot: Bot;
let server: Server;
let base: string;
let browser: BrowserContext;
let page: Page;
let profile: string;
let found: FoundChromium;
const problems: string[] = [];

beforeAll(async () => {
  bot = composeBot(parseConfig({ UNANSWERED_LOG: 'off', DATA_DIR: FROZEN_DATA_DIR }, REPO_ROOT), createSilentLogger());
  server = bot.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  found = await findChromium();
  profile = mkdtempSync(path.join(tmpdir(), 'chromium-profile-'));
  try {
    // A fresh profile for every run (playwright's persistent context is how it takes --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: found.path,
      env: { ...process.env, ...found.env },
      headless: true,
      viewport: { width: 480, height: 960 },
      args: [...CHROMIUM_ARGS],
    });
  } catch (err) {
    throw new Error(
      `Chromium at ${found.path} (from ${found.source}) could not start: ${(err as Error).message.split('\n')[0]}`,
      {
        cause: err,
      },
    );
  }
  page = await watched(browser.pages()[0] ?? (await browser.newPage()));
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(base);
});

/** Reports the page's console errors, page errors and requests that would leave the machine (blocked). */
async function watched(p: Page): Promise<Page> {
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Nothing may leave the machine.
  await p.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return route.continue();
    problems.push(`blocked request to ${route.request().url()}`);
    return route.abort();
  });
  return p;
}

const GREETING = '友だち追加ありがとうございます';

/** Sends `text` with Enter and waits until the reply and its quick-reply bar are shown. */
async function ask(p: Page, text: string): Promise<void> {
  const rows = await p.locator('#log > .row.bot').count();
  await p.getByRole('textbox', { name: /メッセージ/u }).fill(text);
  await p.keyboard.press('Enter');
  await p.waitForFunction(
    (n) => document.querySelectorAll('#log > .row.bot').length > n && !!document.querySelector('#quick .chip'),
    rows,
    { timeout: 5000 },
  );
}

/**
 * Where the newest message ends, against the quick-reply bar's top and the log's visible part
 * (CSS pixels from the viewport's top), and whether the log has more than it can show at once.
 */
function lastMessageBox(p: Page) {
  return p.evaluate(() => {
    const log = document.getElementById('log')!;
    const last = log.lastElementChild!.getBoundingClientRect();
    const bar = document.querySelector('#quick .quick-replies')!.getBoundingClientRect();
    const view = log.getBoundingClientRect();
    return {
      lastTop: last.top,
      lastBottom: last.bottom,
      barTop: bar.top,
      barHeight: bar.height,
      logTop: view.top,
      overflows: log.scrollHeight > log.clientHeight,
    };
  });
}

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the chat simulator in Chromium', () => {
  test('opens with the greeting a new friend gets (once), its menu card and quick replies', async () => {
    await page.locator('#log .row.bot', { hasText: GREETING }).waitFor({ timeout: 5000 });
    await page.locator('#quick .chip').first().waitFor({ timeout: 5000 });
    expect(await page.locator('#log .row.bot', { hasText: GREETING }).count()).toBe(1);
    expect(await page.locator('#log .row.user').count()).toBe(0);
    // The text, then the 8 areas as a card (as buildGreeting sends them).
    await expect(page.locator('#log > .row').count()).resolves.toBe(2);
    const card = page.locator('#log > .row.bot').nth(1);
    for (const label of ['コロナ対策', '子育て・教育', '防災', '公正な行政'])
      await expect(card.getByRole('button', { name: label, exact: true }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, '00-greeting.png') });
  });

  test('looks like a LINE chat: Japanese page, message box, send button, rich menu tiles', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await expect(page.getByRole('textbox', { name: /メッセージ/u }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: '送信' }).count()).resolves.toBe(1);
    for (const label of ['コロナ対策', '子育て・教育', '防災', '公正な行政']) {
      const menu = page.getByRole('navigation', { name: 'リッチメニュー' });
      await expect(menu.getByRole('button', { name: label, exact: true }).count()).resolves.toBe(1);
    }
  });

  test('typing 防災 and Enter shows the area card, drawn as HTML', async () => {
    await page.getByRole('textbox', { name: /メッセージ/u }).fill('防災');
    await page.keyboard.press('Enter');
    await page.getByText('Web版上尾市洪水ハザードマップ', { exact: false }).first().waitFor({ timeout: 5000 });
    expect(await page.locator('.fx-carousel .fx-bubble').count()).toBeGreaterThan(5);
    await page.screenshot({ path: path.join(SHOTS, '01-bousai-area-card.png') });
  });

  test('tapping the 子育て tile shows that area', async () => {
    await page
      .getByRole('navigation', { name: 'リッチメニュー' })
      .getByRole('button', { name: '子育て・教育' })
      .click();
    await page.getByText('こども医療費を18歳まで無償化').first().waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(SHOTS, '02-kosodate-tile.png') });
  });

  test('a postback button in a bubble footer (もっと見る) sends its data and shows the reply', async () => {
    const area = bot.knowledge().catalog.area('childcare');
    const pages = areaPages(area.items.length);
    expect(pages.length).toBeGreaterThan(1);
    const firstOfPage2 = area.items[pages[1]!.start]!.title;
    const button = page.locator('#log > .row.bot').last().locator('.fx-footer [data-postback]', {
      hasText: 'もっと見る',
    });
    const data = await button.getAttribute('data-postback');
    expect(data).toContain('action=area');
    const sent = page.waitForRequest((r) => r.url().endsWith('/simulator/send') && r.method() === 'POST');
    await button.click();
    expect((await sent).postDataJSON()).toEqual({ type: 'postback', data });
    await page.locator('#log > .row.user').last().getByText('子育て・教育の続き').waitFor({ timeout: 5000 });
    await page.locator('#log > .row.bot').last().getByText(firstOfPage2).first().waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(SHOTS, '02b-footer-button.png') });
  });

  test('tapping a quick reply chip shows that area', async () => {
    await page.locator('.quick-replies .chip', { hasText: '健康・福祉' }).click();
    await page.getByText('アッピー元気カード', { exact: false }).first().waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(SHOTS, '03-quick-reply.png') });
  });

  test('a question the report cannot answer gets the honest reply', async () => {
    await page.getByRole('textbox', { name: /メッセージ/u }).fill('今日の天気は？');
    await page.getByRole('button', { name: '送信' }).click();
    await page.getByText('見つかりませんでした', { exact: false }).last().waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(SHOTS, '04-not-found.png') });
  });

  test('the feedback buttons under an answer work: 役に立たなかった, then a reason chip', async () => {
    await ask(page, 'こども医療費');
    const down = page
      .locator('#log > .row.bot')
      .last()
      .locator('.fx-footer [data-postback]', { hasText: COPY.feedback.down });
    const data = await down.getAttribute('data-postback');
    const sent = page.waitForRequest((r) => r.url().endsWith('/simulator/send') && r.method() === 'POST');
    const rows = await page.locator('#log > .row.bot').count();
    await down.click();
    expect((await sent).postDataJSON()).toEqual({ type: 'postback', data });
    await page.locator('#log > .row.user').last().getByText(COPY.feedback.downDisplay).waitFor({ timeout: 5000 });
    await page.locator('#log > .row.bot').nth(rows).waitFor({ timeout: 5000 });
    // The reasons come back as quick replies with postback actions; a tap sends one.
    const chip = page.locator('#quick .chip[data-postback]').first();
    await chip.waitFor({ timeout: 5000 });
    const reason = await chip.getAttribute('data-postback');
    const sentReason = page.waitForRequest((r) => r.url().endsWith('/simulator/send') && r.method() === 'POST');
    await chip.click();
    expect((await sentReason).postDataJSON()).toEqual({ type: 'postback', data: reason });
    await page
      .locator('#log > .row.bot')
      .nth(rows + 1)
      .waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(SHOTS, '05-feedback.png') });
  });

  test('the profile language switch shows the English menu and greets in English; its 日本語 tile switches back', async () => {
    const catalog = bot.knowledge().catalog;
    const disaster = catalog.area('disaster').en?.label ?? EN_ONLY.areaNames.disaster;
    await page.getByRole('combobox', { name: /Profile language/u }).selectOption('en');
    const enMenu = page.getByRole('navigation', { name: 'リッチメニュー (English)' });
    await enMenu.waitFor({ timeout: 5000 });
    await expect(page.getByRole('navigation', { name: 'リッチメニュー', exact: true }).count()).resolves.toBe(0);
    await page
      .locator('#log > .row.bot', { hasText: 'Thank you for adding us as a friend' })
      .waitFor({ timeout: 5000 });
    const rows = await page.locator('#log > .row.bot').count();
    await enMenu.getByRole('button', { name: disaster, exact: true }).click();
    await page.locator('#log > .row.bot').nth(rows).waitFor({ timeout: 5000 });
    await expect(page.locator('#log > .row.bot').nth(rows).getByText(COPY_EN.botName).count()).resolves.toBeGreaterThan(
      0,
    );
    await page.locator('#log > .row.user').last().getByText(disaster).waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(SHOTS, '06-english-menu.png') });
    await enMenu.getByRole('button', { name: EN_ONLY.switchToJapanese }).click();
    await page.getByRole('navigation', { name: 'リッチメニュー', exact: true }).waitFor({ timeout: 5000 });
    expect(await page.locator('#profile-lang').inputValue()).toBe('ja');
    await page.getByText(COPY.languageSwitched).last().waitFor({ timeout: 5000 });
  });

  test.each([
    ['phone', 390, 844],
    ['desktop', 1280, 900],
  ])('%s (%d×%d): the newest reply ends above the quick-reply bar, fully in view', async (name, width, height) => {
    const p = await watched(await browser.newPage());
    try {
      await p.setViewportSize({ width, height });
      await p.goto(base);
      await p.locator('#log .row.bot', { hasText: GREETING }).waitFor({ timeout: 5000 });
      await p.locator('#quick .chip').first().waitFor({ timeout: 5000 });
      const seen = [await lastMessageBox(p)];
      for (const q of ['防災', 'こども医療費', '子育て']) {
        await ask(p, q);
        seen.push(await lastMessageBox(p));
      }
      for (const m of seen) {
        expect(m.barHeight).toBeGreaterThan(30);
        expect(m.lastBottom).toBeLessThanOrEqual(m.barTop);
        expect(m.lastBottom).toBeGreaterThan(m.logTop);
      }
      // The log was full (otherwise nothing could have been hidden).
      expect(seen[seen.length - 1]!.overflows).toBe(true);
      await p.screenshot({ path: path.join(SHOTS, `simulator-${name}-last-reply.png`) });
    } finally {
      await p.close();
    }
  });

  test('no console errors, page errors or requests leaving the machine', () => {
    expect(problems).toEqual([]);
  });
});
