import type { Lang } from '../matching/language';
import { isCategoryId, type CategoryId } from '../pledges/types';
import { LINE_LIMITS } from './limits';

/**
 * The one format of postback data, used by card buttons, quick replies and the rich menu
 * (richmenu/*.json holds strings made by encodePostback). Query-string shaped so staff can read
 * it: "action=area&area=disaster&page=2". Buttons of English cards and the English rich menu add
 * "lang=en" (postbackLanguage): the answer to a tap comes in the language of what was tapped.
 */
export type PostbackCommand =
  /** `menu`: a tap on the rich menu (told apart from the same area chosen elsewhere). */
  | { action: 'area'; area: CategoryId; page: number; menu?: true }
  | { action: 'item'; item: string }
  | { action: 'menu' }
  | { action: 'help'; menu?: true }
  /** 👍 / 👎 on a reply: `ref` names the reply, `target` what it showed (if the reply is forgotten). */
  | { action: 'vote'; vote: 'up' | 'down'; ref: string; target: AnswerTarget }
  /** The reason given after a 👎. */
  | { action: 'why'; reason: 'wrong' | 'missing' | 'other'; ref: string; target: AnswerTarget }
  /**
   * The rich menu's language tile (a `richmenuswitch` action: LINE swaps the menu by its alias and
   * sends this as a postback): the person now reads `lang`.
   */
  | { action: 'lang'; lang: Lang; menu?: true };

/** What an answer showed: an area, or items (at most a carousel's worth). */
export type AnswerTarget = { area: CategoryId } | { items: string[] };

/** A reply's reference in feedback buttons: a short hash (base64url). */
const REF = /^[A-Za-z0-9_-]{6,24}$/u;
const WHY = ['wrong', 'missing', 'other'] as const;

const putTarget = (p: URLSearchParams, t: AnswerTarget): void => {
  if ('area' in t) p.set('a', t.area);
  else p.set('i', t.items.join('.'));
};
function getTarget(p: URLSearchParams): AnswerTarget | null {
  const area = p.get('a');
  if (area !== null) return isCategoryId(area) ? { area } : null;
  const items = (p.get('i') ?? '').split('.');
  return items.length >= 1 && items.length <= 12 && items.every((i) => ITEM_ID.test(i)) ? { items } : null;
}

/**
 * Encodes a command as postback data (≤ 300 characters). `lang` 'en': the command comes from an
 * English card or menu, and its answer is in English ("lang=en" last, so the Japanese data of the
 * same command is a prefix of it and votes are recorded alike).
 */
export function encodePostback(cmd: PostbackCommand, lang: Lang = 'ja'): string {
  const p = new URLSearchParams({ action: cmd.action });
  if (cmd.action === 'area') {
    p.set('area', cmd.area);
    if (cmd.page > 1) p.set('page', String(cmd.page));
  }
  if ((cmd.action === 'area' || cmd.action === 'help' || cmd.action === 'lang') && cmd.menu) p.set('from', 'menu');
  if (cmd.action === 'item') p.set('item', cmd.item);
  if (cmd.action === 'vote' || cmd.action === 'why') {
    if (cmd.action === 'vote') p.set('v', cmd.vote);
    else p.set('w', cmd.reason);
    p.set('r', cmd.ref);
    putTarget(p, cmd.target);
  }
  if (cmd.action === 'lang') p.set('lang', cmd.lang);
  else if (lang === 'en') p.set('lang', 'en');
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
      return p.get('from') === 'menu' ? { action: 'area', area, page, menu: true } : { action: 'area', area, page };
    }
    case 'item': {
      const item = p.get('item');
      return item && ITEM_ID.test(item) ? { action: 'item', item } : null;
    }
    case 'menu':
      return { action: 'menu' };
    case 'help':
      return p.get('from') === 'menu' ? { action: 'help', menu: true } : { action: 'help' };
    case 'vote': {
      const vote = p.get('v');
      const ref = p.get('r') ?? '';
      const target = getTarget(p);
      return (vote === 'up' || vote === 'down') && REF.test(ref) && target
        ? { action: 'vote', vote, ref, target }
        : null;
    }
    case 'why': {
      const reason = WHY.find((w) => w === p.get('w'));
      const ref = p.get('r') ?? '';
      const target = getTarget(p);
      return reason && REF.test(ref) && target ? { action: 'why', reason, ref, target } : null;
    }
    case 'lang': {
      const lang = p.get('lang');
      if (lang !== 'ja' && lang !== 'en') return null;
      return p.get('from') === 'menu' ? { action: 'lang', lang, menu: true } : { action: 'lang', lang };
    }
    default:
      return null;
  }
}

/**
 * The language a postback asks to be answered in: 'en' for buttons of English cards and tiles of
 * the English menu, 'ja' for the language tile of the English menu; undefined when the data does
 * not say (Japanese cards and menu: the person's language decides, see bot/handlers/on-postback).
 */
export function postbackLanguage(data: string): Lang | undefined {
  if (data.length > LINE_LIMITS.postbackData) return undefined;
  const lang = new URLSearchParams(data).get('lang');
  return lang === 'en' || lang === 'ja' ? lang : undefined;
}
