import { LINE_REQUEST_ID_HTTP_HEADER_NAME } from '@line/bot-sdk';
import { LineApiError } from './line-client';

/**
 * The two per-person LINE calls of the English-speaking residents' feature: the language of a
 * person's LINE profile (GET /v2/bot/profile/{userId}: only `language` is read, the name and
 * picture are dropped at once), and linking the English rich menu to them (the menu the alias
 * points at: GET /v2/bot/richmenu/alias/{aliasId}, then POST /v2/bot/user/{userId}/richmenu/{id}).
 * User ids go only into request paths, never into errors or logs.
 */
export interface ProfileApi {
  /** The profile's language tag ('ja', 'en', 'zh-Hant', …); null when LINE has no profile (404). */
  language(userId: string): Promise<string | null>;
  /** Links the rich menu that `aliasId` points at to the person (shown at once). */
  linkMenuByAlias(userId: string, aliasId: string): Promise<void>;
}

export interface ProfileApiOptions {
  channelAccessToken: string;
  /** LINE_API_BASE_URL (a fake server in tests). */
  apiBaseUrl: string;
  /** Per call: a first message waits for the profile, so this bounds its delay. */
  timeoutMs?: number;
}

/** How long one profile or rich-menu call may take, and how long an alias's menu id is trusted. */
export const PROFILE_API_TIMING = {
  timeoutMs: 2000,
  /** `npm run richmenu:deploy` may point the alias at a new menu; a link is wrong for at most this long. */
  aliasCacheMs: 5 * 60_000,
} as const;

export function createProfileApi(opts: ProfileApiOptions): ProfileApi {
  const base = opts.apiBaseUrl.replace(/\/$/u, '');
  const timeoutMs = opts.timeoutMs ?? PROFILE_API_TIMING.timeoutMs;
  const headers = { authorization: `Bearer ${opts.channelAccessToken}`, 'user-agent': 'ageo-pledge-bot' };
  const aliases = new Map<string, { id: string; until: number }>();

  async function call(name: string, method: 'GET' | 'POST', path: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { method, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const timedOut = (err as Error)?.name === 'TimeoutError';
      throw new LineApiError(
        `LINE ${name} failed: ${timedOut ? `no answer within ${timeoutMs} ms` : 'network error'}`,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        timedOut,
      );
    }
    return res;
  }
  async function fail(name: string, res: Response): Promise<never> {
    let body: { message?: string; details?: unknown } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // Not JSON: the status says enough.
    }
    throw new LineApiError(
      `LINE ${name} failed: ${res.status}${body.message ? ` ${body.message}` : ''}`,
      res.status,
      res.headers.get(LINE_REQUEST_ID_HTTP_HEADER_NAME) ?? undefined,
      body.message,
      body.details,
    );
  }
  async function menuOf(aliasId: string): Promise<string> {
    const cached = aliases.get(aliasId);
    if (cached && cached.until > Date.now()) return cached.id;
    const res = await call('get rich menu alias', 'GET', `/v2/bot/richmenu/alias/${encodeURIComponent(aliasId)}`);
    if (!res.ok) return fail('get rich menu alias', res);
    const { richMenuId } = (await res.json()) as { richMenuId?: unknown };
    if (typeof richMenuId !== 'string' || !richMenuId)
      throw new LineApiError(
        'LINE get rich menu alias failed: no richMenuId',
        res.status,
        undefined,
        undefined,
        undefined,
      );
    aliases.set(aliasId, { id: richMenuId, until: Date.now() + PROFILE_API_TIMING.aliasCacheMs });
    return richMenuId;
  }

  return {
    async language(userId) {
      const res = await call('get profile', 'GET', `/v2/bot/profile/${encodeURIComponent(userId)}`);
      // 404: not a friend (blocked, left) or a profile LINE may not give: nothing to learn.
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok) return fail('get profile', res);
      const { language } = (await res.json()) as { language?: unknown };
      return typeof language === 'string' && language ? language : null;
    },
    async linkMenuByAlias(userId, aliasId) {
      const richMenuId = await menuOf(aliasId);
      const res = await call(
        'link rich menu',
        'POST',
        `/v2/bot/user/${encodeURIComponent(userId)}/richmenu/${encodeURIComponent(richMenuId)}`,
      );
      if (!res.ok) {
        // The alias may have moved to a new menu (a deploy): ask again next time.
        aliases.delete(aliasId);
        return fail('link rich menu', res);
      }
      await res.body?.cancel();
    },
  };
}
