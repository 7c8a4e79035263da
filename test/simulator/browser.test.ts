import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { composeBot } from '../../src/compose';
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

let server: Server;
let base: string;
let browser: BrowserContext;
let page: Page;
let profile: string;
let found: FoundChromium;
const problems: string[] = [];

beforeAll(async () => {
  const bot = composeBot(
    parseConfig({ UNANSWERED_LOG: 'off', DATA_DIR: FROZEN_DATA_DIR }, REPO_ROOT),
    createSilentLogger(),
  );
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
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Nothing may leave the machine.
  await page.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return route.continue();
    problems.push(`blocked request to ${route.request().url()}`);
    return route.abort();
  });
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(base);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the chat simulator in Chromium', () => {
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

  test('no console errors, page errors or requests leaving the machine', () => {
    expect(problems).toEqual([]);
  });
});
