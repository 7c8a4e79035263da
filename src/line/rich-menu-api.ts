import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { RichMenuDefinition } from '../richmenu/definition';
import { toLineApiError } from './line-client';

/** The rich menu calls the deploy command needs; errors are LineApiErrors. */
export interface RichMenuApi {
  validate(menu: RichMenuDefinition): Promise<void>;
  list(): Promise<{ richMenuId: string; name: string }[]>;
  create(menu: RichMenuDefinition): Promise<string>;
  uploadImage(richMenuId: string, image: Buffer, contentType: 'image/png' | 'image/jpeg'): Promise<void>;
  setDefault(richMenuId: string): Promise<void>;
  /** The default menu's id, or null when none is set. */
  getDefault(): Promise<string | null>;
  remove(richMenuId: string): Promise<void>;
}

export interface RichMenuApiOptions {
  channelAccessToken: string;
  /** LINE_API_BASE_URL */
  apiBaseUrl: string;
  /** LINE_DATA_API_BASE_URL: images go to the data host. */
  dataApiBaseUrl: string;
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
      call('list rich menus', () => api.getRichMenuList()).then((r) =>
        r.richmenus.map((m) => ({ richMenuId: m.richMenuId, name: m.name })),
      ),
    create: (menu) =>
      call('create rich menu', () => api.createRichMenu(menu as messagingApi.RichMenuRequest)).then(
        (r) => r.richMenuId,
      ),
    // The Blob's type becomes the Content-Type header; without it LINE answers 415.
    uploadImage: (id, image, contentType) =>
      call('upload rich menu image', () =>
        blob.setRichMenuImage(id, new Blob([new Uint8Array(image)], { type: contentType })),
      ).then(() => undefined),
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
  };
}
