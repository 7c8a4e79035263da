import type { Express } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeBot, type Bot } from '../../src/compose';
import { parseConfig } from '../../src/config';
import { createSilentLogger } from '../../src/log';
import { startFakeLineServer, type FakeLineServer } from './fake-line-server';
import { FROZEN_DATA_DIR, REPO_ROOT } from './paths';

export { REPO_ROOT } from './paths';
export const SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const TOKEN = 'test-channel-access-token';

export interface Harness {
  bot: Bot;
  app: Express;
  line: FakeLineServer;
  close(): Promise<void>;
}

/**
 * The real bot (real SDK client) on the frozen 2026 data (test/fixtures/data-2026, so staff's
 * edits of data/ never change what these tests see), talking to a fake LINE server on 127.0.0.1.
 */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const line = await startFakeLineServer(TOKEN);
  const inboxDir = mkdtempSync(path.join(tmpdir(), 'inbox-'));
  const config = parseConfig(
    {
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_BASE_URL: line.baseUrl,
      LINE_DATA_API_BASE_URL: line.baseUrl,
      DATA_DIR: FROZEN_DATA_DIR,
      UNANSWERED_LOG: 'off',
      INBOX_DIR: inboxDir,
      ...env,
    },
    REPO_ROOT,
  );
  const bot = composeBot(config, createSilentLogger());
  return {
    bot,
    app: bot.app,
    line,
    close: async () => {
      await bot.runner.drain();
      await bot.inbox.close();
      await line.close();
      rmSync(inboxDir, { recursive: true, force: true });
    },
  };
}
