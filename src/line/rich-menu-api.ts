import { HTTPFetchError, LINE_REQUEST_ID_HTTP_HEADER_NAME, messagingApi } from '@line/bot-sdk';
import type { Readable } from 'node:stream';
import type { RichMenuDefinition } from '../richmenu/definition';
import { toLineApiError } from './line-client';

/** A rich menu as LINE lists it: its id and its definition. */
export type DeployedRichMenu = RichMenuDefinition & { richMenuId: string };

/** The rich menu calls the deploy command needs; errors are LineApiErrors. */
export interface RichMenuApi {
  validate(menu: RichMenuDefinition): Promise<void>;
  /** Every menu made through the API, with its definition (to tell whether one is still current). */
  list(): Promise<DeployedRichMenu[]>;
  create(menu: RichMenuDefinition): Promise<string>;
  uploadImage(richMenuId: string, image: Buffer, contentType: 'image/png' | 'image/jpeg'): Promise<void>;
  /** The menu's uploaded image; null when it has none. */
  downloadImage(richMenuId: string): Promise<Buffer | null>;
  setDefault(richMenuId: string): Promise<void>;
  /** The default menu's id, or null when none is set. */
  getDefault(): Promise<string | null>;
  remove(richMenuId: string): Promise<void>;
  /** The channel's rich menu aliases: alias id → menu id. */
  listAliases(): Promise<Map<string, string>>;
  createAlias(aliasId: string, richMenuId: string): Promise<void>;
  updateAlias(aliasId: string, richMenuId: string): Promise<void>;
  /**
   * Moves everyone linked to menu `from` to menu `to` (LINE's rich menu batch, 3 per hour), and
   * waits up to `waitMs` for LINE to finish; false when it had not finished by then.
   */
  relinkUsers(from: string, to: string, waitMs?: number): Promise<boolean>;
}

export interface RichMenuApiOptions {
  channelAccessToken: string;
  /** LINE_API_BASE_URL */
  apiBaseUrl: string;
  /** LINE_DATA_API_BASE_URL: images go to the data host. */
  dataApiBaseUrl: string;
  /** How often relinkUsers asks LINE whether the batch is done (progress: 100 calls an hour). */
  batchPollMs?: number;
}

/** RichMenuApi backed by the SDK's MessagingApiClient and MessagingApiBlobClient. */
export function createRichMenuApi(opts: RichMenuApiOptions): RichMenuApi {
  const api = new messagingApi.MessagingApiClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.apiBaseUrl,
  });
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.dataApiBaseUrl,
  });
  const call = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toLineApiError(name, err);
    }
  };
  return {
    validate: (menu) =>
      call('validate rich menu', () => api.validateRichMenuObject(menu as messagingApi.RichMenuRequest)).then(
        () => undefined,
      ),
    list: () =>
      call('list rich menus', () => api.getRichMenuList()).then((r) => r.richmenus as unknown as DeployedRichMenu[]),
    create: (menu) =>
      call('create rich menu', () => api.createRichMenu(menu as messagingApi.RichMenuRequest)).then(
        (r) => r.richMenuId,
      ),
    // The Blob's type becomes the Content-Type header; without it LINE answers 415.
    uploadImage: (id, image, contentType) =>
      call('upload rich menu image', () =>
        blob.setRichMenuImage(id, new Blob([new Uint8Array(image)], { type: contentType })),
      ).then(() => undefined),
    downloadImage: async (id) => {
      let stream: Readable;
      try {
        stream = await blob.getRichMenuImage(id);
      } catch (err) {
        if (err instanceof HTTPFetchError && err.status === 404) return null;
        throw toLineApiError('download rich menu image', err);
      }
      const parts: Buffer[] = [];
      for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(parts);
    },
    setDefault: (id) => call('set default rich menu', () => api.setDefaultRichMenu(id)).then(() => undefined),
    getDefault: async () => {
      try {
        return (await api.getDefaultRichMenuId()).richMenuId;
      } catch (err) {
        if (err instanceof HTTPFetchError && err.status === 404) return null;
        throw toLineApiError('get default rich menu', err);
      }
    },
    remove: (id) => call('delete rich menu', () => api.deleteRichMenu(id)).then(() => undefined),
    listAliases: () =>
      call('list rich menu aliases', () => api.getRichMenuAliasList()).then(
        (r) => new Map(r.aliases.map((a) => [a.richMenuAliasId, a.richMenuId])),
      ),
    createAlias: (aliasId, richMenuId) =>
      call('create rich menu alias', () => api.createRichMenuAlias({ richMenuAliasId: aliasId, richMenuId })).then(
        () => undefined,
      ),
    updateAlias: (aliasId, richMenuId) =>
      call('update rich menu alias', () => api.updateRichMenuAlias(aliasId, { richMenuId })).then(() => undefined),
    async relinkUsers(from, to, waitMs = 30_000) {
      const res = await call('rich menu batch', () =>
        api.richMenuBatchWithHttpInfo({ operations: [{ type: 'link', from, to }] }),
      );
      const requestId = res.httpResponse.headers.get(LINE_REQUEST_ID_HTTP_HEADER_NAME);
      if (!requestId) return false;
      const until = Date.now() + waitMs;
      for (;;) {
        const progress = await call('rich menu batch progress', () => api.getRichMenuBatchProgress(requestId));
        if (progress.phase === 'succeeded') return true;
        if (progress.phase === 'failed')
          throw toLineApiError('rich menu batch', new Error('LINE reports the batch failed'));
        if (Date.now() + (opts.batchPollMs ?? 2000) > until) return false;
        await new Promise((r) => setTimeout(r, opts.batchPollMs ?? 2000));
      }
    },
  };
}
