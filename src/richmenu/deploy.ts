import type { RichMenuApi } from '../line/rich-menu-api';
import type { RichMenuDefinition } from './definition';

export interface DeployPlan {
  menu: RichMenuDefinition;
  image: Buffer;
  contentType: 'image/png' | 'image/jpeg';
  dryRun: boolean;
}

export interface DeployResult {
  richMenuId: string | null;
  /** Menus of the same name that the deploy replaced and deleted (or would, in a dry run). */
  replaced: string[];
}

/**
 * Deploys the rich menu idempotently: LINE validates it, a new menu is created, its image
 * uploaded and it becomes the default; then older menus of the same name are deleted, so a second
 * run leaves exactly one. If the upload or the default switch fails, the new menu is deleted again
 * and the old default stays. A dry run only validates and lists (no write call).
 */
export async function deployRichMenu(api: RichMenuApi, plan: DeployPlan, log: (line: string) => void): Promise<DeployResult> {
  await api.validate(plan.menu);
  log('LINE の検証: OK');
  const existing = (await api.list()).filter((m) => m.name === plan.menu.name);
  const replaced = existing.map((m) => m.richMenuId);
  if (plan.dryRun) {
    log(`dry run: 作成・画像の登録・既定への設定は行いません。置き換え対象の既存メニュー: ${replaced.length ? replaced.join(', ') : 'なし'}`);
    return { richMenuId: null, replaced };
  }
  const id = await api.create(plan.menu);
  log(`作成しました: ${id}`);
  try {
    await api.uploadImage(id, plan.image, plan.contentType);
    log(`画像を登録しました (${plan.contentType}, ${plan.image.length} バイト)`);
    await api.setDefault(id);
    log('既定のリッチメニューにしました');
  } catch (err) {
    // Leave nothing half-made behind: a menu without an image cannot be shown.
    await api.remove(id).catch(() => undefined);
    log(`失敗したため、作成したメニュー ${id} を削除しました (それまでの既定のメニューはそのままです)`);
    throw err;
  }
  for (const old of replaced) {
    await api.remove(old);
    log(`古いメニューを削除しました: ${old}`);
  }
  return { richMenuId: id, replaced };
}
