import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDeploy } from '../../src/cli/richmenu-deploy';
import { TOKEN } from '../helpers/bot-harness';
import { LIVE_DATA_DIR, REPO_ROOT } from '../helpers/paths';
import { startFakeLineServer, type FakeLineServer } from '../helpers/fake-line-server';

let line: FakeLineServer;
let dir: string;
beforeEach(async () => {
  line = await startFakeLineServer(TOKEN);
  // A copy of richmenu/, so a test can change a menu.
  dir = mkdtempSync(path.join(tmpdir(), 'richmenu-'));
  cpSync(path.join(REPO_ROOT, 'richmenu'), dir, { recursive: true });
});
afterEach(async () => {
  await line.close();
  rmSync(dir, { recursive: true, force: true });
});

async function deploy(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runDeploy(
    argv,
    {
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_BASE_URL: line.baseUrl,
      LINE_DATA_API_BASE_URL: line.baseUrl,
      DATA_DIR: LIVE_DATA_DIR,
    },
    (s) => (out += `${s}\n`),
    dir,
  );
  return { code, out };
}

/** Changes a menu file of the copy (its chat bar text: a change LINE sees, the image stays valid). */
function change(file: 'menu.json' | 'menu.en.json', chatBarText: string): void {
  const f = path.join(dir, file);
  writeFileSync(f, JSON.stringify({ ...JSON.parse(readFileSync(f, 'utf8')), chatBarText }));
}

const writes = (): string[] =>
  line.calls.filter((c) => c.method !== 'GET' && !c.path.endsWith('/validate')).map((c) => `${c.method} ${c.path}`);
const byName = (name: string) => line.richMenus().find((m) => m.name === name);
const USER = `U${'a'.repeat(32)}`;

describe('npm run richmenu:deploy (against a fake LINE server on 127.0.0.1)', () => {
  test('deploys both menus with their PNG images and aliases; the Japanese one is the default', async () => {
    const first = await deploy();
    expect(first.code).toBe(0);
    expect(line.richMenus().map((m) => m.name).sort()).toEqual(['ageo-pledges-main', 'ageo-pledges-main-en']);
    const ja = byName('ageo-pledges-main')!;
    const en = byName('ageo-pledges-main-en')!;
    expect(line.defaultRichMenu()).toBe(ja.richMenuId);
    for (const m of [ja, en]) expect(m.image).toEqual({ contentType: 'image/png', bytes: expect.any(Number) });
    expect(en.image!.bytes).toBe(readFileSync(path.join(dir, 'menu.en.png')).length);
    expect(line.aliases()).toEqual({ 'ageo-ja': ja.richMenuId, 'ageo-en': en.richMenuId });
    expect(first.out).toContain('ageo-en = ');
  });

  test('a second deploy of the same files changes nothing (idempotent)', async () => {
    await deploy();
    const before = line.richMenus().map((m) => m.richMenuId);
    const aliases = line.aliases();
    line.reset();
    const second = await deploy();
    expect(second.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(line.richMenus().map((m) => m.richMenuId)).toEqual(before);
    expect(line.aliases()).toEqual(aliases);
    expect(second.out).toContain('変更がないので');
  });

  test('a changed menu is replaced: new menu, alias moved, the old one deleted, its people moved over', async () => {
    await deploy();
    const oldJa = byName('ageo-pledges-main')!.richMenuId;
    const oldEn = byName('ageo-pledges-main-en')!.richMenuId;
    // Someone whose profile is English has the English menu (the bot links it).
    const link = await fetch(`${line.baseUrl}/v2/bot/user/${USER}/richmenu/${oldEn}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(link.status).toBe(200);
    change('menu.en.json', 'Menu (new)');
    const { code, out } = await deploy();
    expect(code).toBe(0);
    const newEn = byName('ageo-pledges-main-en')!.richMenuId;
    expect(newEn).not.toBe(oldEn);
    expect(line.richMenus()).toHaveLength(2);
    expect(byName('ageo-pledges-main')!.richMenuId).toBe(oldJa);
    expect(line.aliases()['ageo-en']).toBe(newEn);
    expect(line.userRichMenu(USER)).toBe(newEn);
    expect(out).toContain('古いメニューを削除しました');
    expect(line.calls.some((c) => c.path === '/v2/bot/richmenu/batch')).toBe(true);
  });

  test('the image goes to the data API base URL with its content type', async () => {
    await deploy();
    const uploads = line.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/content'));
    expect(uploads).toHaveLength(2);
    for (const u of uploads) {
      expect(u.contentType).toBe('image/png');
      expect(u.authorization).toBe(`Bearer ${TOKEN}`);
    }
  });

  test('--dry-run validates and writes nothing, before and after a deploy', async () => {
    const { code, out } = await deploy('--dry-run');
    expect(code).toBe(0);
    expect(writes()).toEqual([]);
    expect(line.calls.filter((c) => c.path === '/v2/bot/richmenu/validate')).toHaveLength(2);
    expect(out).toContain('dry run');
    await deploy();
    change('menu.json', '新しいメニュー');
    line.reset();
    expect((await deploy('--dry-run')).code).toBe(0);
    expect(writes()).toEqual([]);
  });

  test('a failing upload leaves the old menus, aliases and default, and no menu without an image', async () => {
    await deploy();
    const before = { menus: line.richMenus().map((m) => m.richMenuId), aliases: line.aliases(), def: line.defaultRichMenu() };
    change('menu.json', '新しいメニュー');
    change('menu.en.json', 'Menu (new)');
    line.failNext(500, 1, 'Internal server error', '/v2/bot/richmenu/richmenu-');
    const { code, out } = await deploy();
    expect(code).toBe(1);
    expect(out).toContain('500');
    expect(line.richMenus().map((m) => m.richMenuId)).toEqual(before.menus);
    expect(line.aliases()).toEqual(before.aliases);
    expect(line.defaultRichMenu()).toBe(before.def);
    expect(line.richMenus().every((m) => m.image)).toBe(true);
  });

  test('a failing alias switch puts the aliases back and deletes the new menus', async () => {
    await deploy();
    const before = { menus: line.richMenus().map((m) => m.richMenuId), aliases: line.aliases(), def: line.defaultRichMenu() };
    change('menu.json', '新しいメニュー');
    change('menu.en.json', 'Menu (new)');
    line.failNext(500, 1, 'Internal server error', '/v2/bot/richmenu/alias/ageo-en');
    const { code } = await deploy();
    expect(code).toBe(1);
    expect(line.aliases()).toEqual(before.aliases);
    expect(line.richMenus().map((m) => m.richMenuId)).toEqual(before.menus);
    expect(line.defaultRichMenu()).toBe(before.def);
  });

  test("LINE's 400 details are shown in plain words", async () => {
    line.failNext(400, 1, 'The request body has 1 error(s)', '/v2/bot/richmenu/validate', [
      { property: 'areas[0].bounds', message: 'must be inside the image' },
    ]);
    const { code, out } = await deploy();
    expect(code).toBe(1);
    expect(out).toContain('LINE が 400 を返しました: The request body has 1 error(s)');
    expect(out).toContain('areas[0].bounds: must be inside the image');
    expect(writes()).toEqual([]);
  });

  test('a menu that breaks a rule is refused before anything is sent, naming its file', async () => {
    const f = path.join(dir, 'menu.en.json');
    const menu = JSON.parse(readFileSync(f, 'utf8')) as { areas: { action: { richMenuAliasId?: string } }[] };
    menu.areas[9]!.action.richMenuAliasId = 'ageo-en';
    writeFileSync(f, JSON.stringify(menu));
    const { code, out } = await deploy();
    expect(code).toBe(1);
    expect(out).toContain('menu.en.json: areas[9].action.richMenuAliasId');
    expect(line.calls).toEqual([]);
  });

  test('without a token it says which variable to set', async () => {
    let out = '';
    const code = await runDeploy([], { DATA_DIR: LIVE_DATA_DIR }, (s) => (out += s));
    expect(code).toBe(1);
    expect(out).toContain('LINE_CHANNEL_ACCESS_TOKEN');
  });

  test('an unknown flag is refused', async () => {
    expect((await deploy('--force')).code).toBe(2);
  });
});
