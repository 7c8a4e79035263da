import { runDeploy } from '../../src/cli/richmenu-deploy';
import { TOKEN } from '../helpers/bot-harness';
import { LIVE_DATA_DIR } from '../helpers/paths';
import { startFakeLineServer, type FakeLineServer } from '../helpers/fake-line-server';

let line: FakeLineServer;
beforeEach(async () => {
  line = await startFakeLineServer(TOKEN);
});
afterEach(() => line.close());

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
  );
  return { code, out };
}

const writes = (): string[] => line.calls.filter((c) => c.method !== 'GET' && !c.path.endsWith('/validate')).map((c) => `${c.method} ${c.path}`);

describe('npm run richmenu:deploy (against a fake LINE server on 127.0.0.1)', () => {
  test('deploys one default menu with its PNG image; a second deploy replaces it', async () => {
    const first = await deploy();
    expect(first.code).toBe(0);
    expect(line.richMenus()).toHaveLength(1);
    const [menu] = line.richMenus();
    expect(line.defaultRichMenu()).toBe(menu!.richMenuId);
    expect(menu!.image).toEqual({ contentType: 'image/png', bytes: expect.any(Number) });
    expect(menu!.name).toBe('ageo-pledges-main');

    const second = await deploy();
    expect(second.code).toBe(0);
    expect(line.richMenus()).toHaveLength(1);
    expect(line.defaultRichMenu()).toBe(line.richMenus()[0]!.richMenuId);
    expect(line.defaultRichMenu()).not.toBe(menu!.richMenuId);
    expect(second.out).toContain('古いメニューを削除しました');
  });

  test('the image goes to the data API base URL with its content type', async () => {
    await deploy();
    const upload = line.calls.find((c) => c.path.endsWith('/content'))!;
    expect(upload.contentType).toBe('image/png');
    expect(upload.authorization).toBe(`Bearer ${TOKEN}`);
  });

  test('--dry-run validates and writes nothing', async () => {
    const { code, out } = await deploy('--dry-run');
    expect(code).toBe(0);
    expect(writes()).toEqual([]);
    expect(line.calls.some((c) => c.path === '/v2/bot/richmenu/validate')).toBe(true);
    expect(out).toContain('dry run');
  });

  test('a failing upload leaves the old default and no menu without an image', async () => {
    await deploy();
    const before = line.defaultRichMenu();
    line.failNext(500, 1, 'Internal server error', '/v2/bot/richmenu/richmenu-');
    const { code, out } = await deploy();
    expect(code).toBe(1);
    expect(out).toContain('500');
    expect(line.defaultRichMenu()).toBe(before);
    expect(line.richMenus().every((m) => m.image)).toBe(true);
    expect(line.richMenus()).toHaveLength(1);
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
