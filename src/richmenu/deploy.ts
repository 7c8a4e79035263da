import type { DeployedRichMenu, RichMenuApi } from '../line/rich-menu-api';
import type { Lang } from '../cards/lang';
import type { RichMenuDefinition } from './definition';

/** One menu to deploy: its definition, image and alias; `isDefault` for the channel's default. */
export interface MenuPlan {
  lang: Lang;
  alias: string;
  menu: RichMenuDefinition;
  image: Buffer;
  contentType: 'image/png' | 'image/jpeg';
  isDefault: boolean;
}

export interface DeployPlan {
  menus: MenuPlan[];
  dryRun: boolean;
}

export interface DeployResult {
  /** Per menu: its id on LINE (null in a dry run when it would be created) and whether it was kept as it was. */
  menus: { lang: Lang; alias: string; richMenuId: string | null; reused: boolean }[];
  /** Menus of the same names that the deploy replaced and deleted (or would, in a dry run). */
  replaced: string[];
  /** Replaced menus kept for now: LINE had not finished moving their people to the new menu. */
  kept: string[];
}

/** How long the deploy waits for LINE to move English speakers to a new English menu. */
export const RELINK_WAIT_MS = 30_000;

/** A menu's definition as LINE compares it: key order does not matter. */
const canonical = (m: RichMenuDefinition): string => {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : x;
  return JSON.stringify(sort({ size: m.size, selected: m.selected, name: m.name, chatBarText: m.chatBarText, areas: m.areas }));
};

/**
 * Deploys the rich menus idempotently. LINE validates each; a menu already on LINE with the same
 * definition and the same image bytes is kept (so running it again changes nothing and people
 * linked to the English menu stay linked); otherwise a new menu is created and its image uploaded.
 * Then each alias points at its menu (`richmenuswitch` tiles switch by alias), the Japanese menu
 * becomes the default, people linked to a replaced non-default menu are moved to the new one, and
 * older menus of the same names are deleted. If an upload, an alias or the default fails, the new
 * menus are deleted and the aliases and default put back: the menus people see stay as they were.
 * A dry run only validates, lists and compares (GET calls and LINE's validate endpoint).
 */
export async function deployRichMenus(api: RichMenuApi, plan: DeployPlan, log: (line: string) => void): Promise<DeployResult> {
  for (const m of plan.menus) {
    await api.validate(m.menu);
    log(`LINE の検証: OK (${m.menu.name})`);
  }
  const existing = await api.list();
  const aliases = await api.listAliases();

  // A menu already on LINE that equals the file and holds the same image is kept.
  const reusable = async (m: MenuPlan): Promise<DeployedRichMenu | undefined> => {
    for (const e of existing) {
      if (canonical(e) !== canonical(m.menu)) continue;
      const image = await api.downloadImage(e.richMenuId);
      if (image?.equals(m.image)) return e;
    }
    return undefined;
  };
  const kept = new Map<MenuPlan, string>();
  for (const m of plan.menus) {
    const found = await reusable(m);
    if (found) kept.set(m, found.richMenuId);
  }
  const oldOf = (m: MenuPlan, id: string | null): string[] =>
    existing.filter((e) => e.name === m.menu.name && e.richMenuId !== id).map((e) => e.richMenuId);

  if (plan.dryRun) {
    for (const m of plan.menus) {
      const id = kept.get(m);
      log(
        `dry run: ${m.menu.name}: ${id ? `LINE の ${id} と同じなので、そのまま使います` : '新しく作成します'}。エイリアス ${m.alias}: ${
          aliases.get(m.alias) ?? 'なし'
        }${m.isDefault ? '。既定のメニュー' : ''}。置き換え対象の既存メニュー: ${oldOf(m, id ?? null).join(', ') || 'なし'}`,
      );
    }
    log('dry run: 作成・画像の登録・エイリアス・既定への設定・削除は行いません');
    return {
      menus: plan.menus.map((m) => ({ lang: m.lang, alias: m.alias, richMenuId: kept.get(m) ?? null, reused: kept.has(m) })),
      replaced: plan.menus.flatMap((m) => oldOf(m, kept.get(m) ?? null)),
      kept: [],
    };
  }

  const created: string[] = [];
  const ids = new Map<MenuPlan, string>(kept);
  const previousAliases = new Map<string, string | undefined>();
  let previousDefault: string | null | undefined;
  try {
    for (const m of plan.menus) {
      if (ids.has(m)) {
        log(`${m.menu.name}: 変更がないので ${ids.get(m)} をそのまま使います`);
        continue;
      }
      const id = await api.create(m.menu);
      created.push(id);
      ids.set(m, id);
      log(`作成しました: ${m.menu.name} ${id}`);
      await api.uploadImage(id, m.image, m.contentType);
      log(`画像を登録しました (${m.contentType}, ${m.image.length} バイト)`);
    }
    for (const m of plan.menus) {
      const id = ids.get(m)!;
      const now = aliases.get(m.alias);
      if (now === id) continue;
      previousAliases.set(m.alias, now);
      if (now === undefined) await api.createAlias(m.alias, id);
      else await api.updateAlias(m.alias, id);
      log(`エイリアス ${m.alias} → ${id}`);
    }
    const main = plan.menus.find((m) => m.isDefault);
    if (main) {
      const current = await api.getDefault();
      if (current !== ids.get(main)) {
        previousDefault = current;
        await api.setDefault(ids.get(main)!);
        log(`既定のリッチメニューにしました: ${main.menu.name}`);
      }
    }
  } catch (err) {
    // Leave nothing half-made behind: a menu without an image cannot be shown, and an alias or
    // the default must not point at a menu that is about to go.
    for (const [alias, id] of previousAliases) {
      if (id !== undefined) await api.updateAlias(alias, id).catch(() => undefined);
    }
    if (previousDefault) await api.setDefault(previousDefault).catch(() => undefined);
    for (const id of created) await api.remove(id).catch(() => undefined);
    if (created.length)
      log(`失敗したため、作成したメニュー ${created.join(', ')} を削除しました (それまでのメニューはそのままです)`);
    throw err;
  }

  // People linked to an old English menu (their profile is English) move to the new one before it
  // goes; LINE does this as a batch. The default menu needs no move: unlinked people see it.
  const replaced: string[] = [];
  const keptOld: string[] = [];
  for (const m of plan.menus) {
    const id = ids.get(m)!;
    for (const old of oldOf(m, id)) {
      if (!m.isDefault) {
        const moved = await api.relinkUsers(old, id, RELINK_WAIT_MS).catch((err: unknown) => {
          // LINE refused the batch for this menu (400/404: e.g. it never had an image, so nobody
          // can be linked to it): it can go. Anything else (3 batches an hour, LINE down): keep it.
          const status = (err as { status?: number }).status;
          log(`古いメニュー ${old} の利用者を新しいメニューに移せませんでした: ${(err as Error).message}`);
          return status === 400 || status === 404 ? ('refused' as const) : false;
        });
        if (!moved) {
          keptOld.push(old);
          log(`古いメニュー ${old} は利用者の付け替えが終わっていないため残します (次の反映で削除します)`);
          continue;
        }
        if (moved === true) log(`古いメニュー ${old} の利用者を新しいメニューに移しました`);
      }
      await api.remove(old);
      replaced.push(old);
      log(`古いメニューを削除しました: ${old}`);
    }
  }
  return {
    menus: plan.menus.map((m) => ({ lang: m.lang, alias: m.alias, richMenuId: ids.get(m)!, reused: kept.has(m) })),
    replaced,
    kept: keptOld,
  };
}
