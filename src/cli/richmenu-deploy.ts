import { config as loadDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../config';
import { describeLineError } from '../line/line-client';
import { createRichMenuApi } from '../line/rich-menu-api';
import { loadCatalog } from '../pledges/load-catalog';
import { checkRichMenu, loadRichMenus, RICH_MENU_DIR } from '../richmenu/definition';
import { deployRichMenus, type MenuPlan } from '../richmenu/deploy';
import { checkRichMenuImage } from '../richmenu/image-check';
import { PROJECT_ROOT } from '../project-root';

/**
 * `npm run richmenu:deploy [-- --dry-run]`: checks both rich menus (richmenu/menu.json + menu.png
 * in Japanese, the default; richmenu/menu.en.json + menu.en.png in English), then deploys them to
 * the channel of LINE_CHANNEL_ACCESS_TOKEN with their aliases (see richmenu/deploy.ts). Exit 0 on
 * success, 1 on a problem (named in plain words), 2 on wrong usage.
 */

export async function runDeploy(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (s: string) => void,
  dir = path.join(PROJECT_ROOT, RICH_MENU_DIR),
): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const unknown = argv.filter((a) => a !== '--dry-run');
  if (unknown.length) {
    out(`使い方: npm run richmenu:deploy [-- --dry-run]   (知らない引数: ${unknown.join(' ')})`);
    return 2;
  }
  const config = parseConfig(env, process.cwd(), 'tool');
  if (!config.lineAccessToken) {
    out(
      'LINE_CHANNEL_ACCESS_TOKEN が未設定です。.env に Messaging API のチャネルアクセストークン (長期) を設定してください。',
    );
    return 1;
  }
  const catalog = loadCatalog(config.dataDir);
  const problems: string[] = [];
  const menus: MenuPlan[] = loadRichMenus(dir).map(({ menu, file, imageFile, lang, alias }, i) => {
    const image = readFileSync(imageFile);
    const imageCheck = checkRichMenuImage(image, menu);
    const where = path.basename(file);
    problems.push(...[...checkRichMenu(menu, catalog, { lang }), ...imageCheck.problems].map((p) => `${where}: ${p}`));
    out(
      `richmenu/${where} (${menu.areas.length} タイル) と ${path.basename(imageFile)} (${image.length} バイト) を確認しました`,
    );
    return { lang, alias, menu, image, contentType: imageCheck.contentType, isDefault: i === 0 };
  });
  if (problems.length) {
    out(`リッチメニューに問題があるため、LINE には送りません:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  const api = createRichMenuApi({
    channelAccessToken: config.lineAccessToken,
    apiBaseUrl: config.lineApiBaseUrl,
    dataApiBaseUrl: config.lineDataApiBaseUrl,
  });
  try {
    const result = await deployRichMenus(api, { menus, dryRun }, out);
    if (!dryRun)
      out(
        `完了: ${result.menus.map((m) => `${m.alias} = ${m.richMenuId}${m.reused ? ' (変更なし)' : ''}`).join('、')}。既定は ${result.menus[0]!.alias} のメニューです`,
      );
    return 0;
  } catch (err) {
    out(describeLineError(err));
    return 1;
  }
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  runDeploy(process.argv.slice(2), process.env, (s) => process.stdout.write(`${s}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`richmenu:deploy failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
