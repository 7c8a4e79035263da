import { isCategoryId, type CategoryId } from '../pledges/types';
import { LINE_LIMITS } from './limits';

/**
 * The one format of postback data, used by card buttons, quick replies and the rich menu
 * (richmenu/*.json holds strings made by encodePostback). Query-string shaped so staff can read
 * it: "action=area&area=disaster&page=2".
 */
export type PostbackCommand =
  | { action: 'area'; area: CategoryId; page: number }
  | { action: 'item'; item: string }
  | { action: 'menu' }
  | { action: 'help' };

/** Encodes a command as postback data (≤ 300 characters). */
export function encodePostback(cmd: PostbackCommand): string {
  const p = new URLSearchParams({ action: cmd.action });
  if (cmd.action === 'area') {
    p.set('area', cmd.area);
    if (cmd.page > 1) p.set('page', String(cmd.page));
  }
  if (cmd.action === 'item') p.set('item', cmd.item);
  const data = p.toString();
  if (data.length > LINE_LIMITS.postbackData) throw new Error(`postback data too long: ${data.length}`);
  return data;
}

const ITEM_ID = /^[a-z]+-[0-9]{2}(-[0-9]+)?$/u;
const MAX_PAGE = 20;

/** Decodes postback data; null for anything this bot did not make (old menus, tampering). */
export function decodePostback(data: unknown): PostbackCommand | null {
  if (typeof data !== 'string' || data.length > LINE_LIMITS.postbackData) return null;
  const p = new URLSearchParams(data);
  switch (p.get('action')) {
    case 'area': {
      const area = p.get('area');
      const page = p.has('page') ? Number(p.get('page')) : 1;
      if (!isCategoryId(area) || !Number.isInteger(page) || page < 1 || page > MAX_PAGE) return null;
      return { action: 'area', area, page };
    }
    case 'item': {
      const item = p.get('item');
      return item && ITEM_ID.test(item) ? { action: 'item', item } : null;
    }
    case 'menu':
      return { action: 'menu' };
    case 'help':
      return { action: 'help' };
    default:
      return null;
  }
}
