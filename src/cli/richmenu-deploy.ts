import { config as loadDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../config';
import { describeLineError } from '../line/line-client';
import { createRichMenuApi } from '../line/rich-menu-api';
import { loadCatalog } from '../pledges/load-catalog';
import { checkRichMenu, loadRichMenu, RICH_MENU_DIR } from '../richmenu/definition';
import { deployRichMenu } from '../richmenu/deploy';
import { checkRichMenuImage } from '../richmenu/image-check';
import { PROJECT_ROOT } from '../project-root';

/**
 * `npm run richmenu:deploy [-- --dry-run]`: checks richmenu/menu.json and menu.png, then deploys
 * them to the channel of LINE_CHANNEL_ACCESS_TOKEN (see richmenu/deploy.ts). Exit 0 on success,
 * 1 on a problem (named in plain words), 2 on wrong usage.
 */

export async function runDeploy(argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void): Promise<number> {
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
  const { menu, imageFile } = loadRichMenu(path.join(PROJECT_ROOT, RICH_MENU_DIR));
  const image = readFileSync(imageFile);
  const problems = checkRichMenu(menu, catalog);
  const imageCheck = checkRichMenuImage(image, menu);
  problems.push(...imageCheck.problems);
  if (problems.length) {
    out(`リッチメニューに問題があるため、LINE には送りません:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  out(`richmenu/menu.json (${menu.areas.length} タイル) と menu.png (${image.length} バイト) を確認しました`);
  const api = createRichMenuApi({
    channelAccessToken: config.lineAccessToken,
    apiBaseUrl: config.lineApiBaseUrl,
    dataApiBaseUrl: config.lineDataApiBaseUrl,
  });
  try {
    const result = await deployRichMenu(api, { menu, image, contentType: imageCheck.contentType, dryRun }, out);
    if (!dryRun) out(`完了: 既定のリッチメニューは ${result.richMenuId} です`);
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
