import { decodePostback, postbackLanguage } from '../cards/postback-codec';
import type { ProfileApi } from '../line/profile-api';
import { detectLanguage, type Lang } from '../matching/language';
import type { Matcher } from '../matching/matcher';
import type { Catalog } from '../pledges/catalog';
import type { IncomingEvent } from './incoming-event';

/**
 * What handlers may consult. Resolved once per event, so an event is answered from one
 * consistent data set even if staff publish new data meanwhile.
 */
export interface Knowledge {
  catalog: Catalog;
  matcher: Matcher;
  /**
   * The person's language: their LINE profile's, or the one they chose with the rich menu's
   * language tile. Absent when not known (groups, local mode, LINE not answering): Japanese.
   * It sets the language of greetings, menus and taps whose data does not say; a typed message is
   * always answered in its own language.
   */
  lang?: Lang;
}

/**
 * The person's language for an event (the dispatcher asks before routing, handlers read it as
 * `Knowledge.lang`). Never rejects. `userKey` is the hashed user id: the only id that is kept.
 */
export type PersonLanguage = (event: IncomingEvent, userKey: string | undefined) => Promise<Lang | undefined>;

/**
 * Where people's languages are kept, by hashed user id; nothing else about them is. Async from the
 * start so that a shared store (Redis, for several instances) can take the in-memory one's place.
 */
export interface LanguageStore {
  get(userKey: string): Promise<Lang | undefined>;
  set(userKey: string, lang: Lang): Promise<void>;
  delete(userKey: string): Promise<void>;
}

/**
 * How many people's languages the in-memory store keeps (about 100 bytes each). Past it the longest
 * unseen are forgotten; asking LINE again for one of them costs one call.
 */
export const LANGUAGE_STORE_MAX_ENTRIES = 20_000;

/** The in-memory LanguageStore (one instance; languages are asked again after a restart). */
export function createMemoryLanguageStore(maxEntries = LANGUAGE_STORE_MAX_ENTRIES): LanguageStore {
  const langs = new Map<string, Lang>();
  return {
    get(key) {
      const lang = langs.get(key);
      if (lang !== undefined) {
        // Seen again: to the end of the eviction order.
        langs.delete(key);
        langs.set(key, lang);
      }
      return Promise.resolve(lang);
    },
    set(key, lang) {
      langs.delete(key);
      langs.set(key, lang);
      if (langs.size > maxEntries) langs.delete(langs.keys().next().value!);
      return Promise.resolve();
    },
    delete(key) {
      langs.delete(key);
      return Promise.resolve();
    },
  };
}

/**
 * A LINE profile language tag as a reply language: English for `en` and `en-*`, Japanese for
 * every other tag (the bot answers in Japanese and English only).
 */
export const replyLanguageOfProfile = (tag: string): Lang => (/^en(-|$)/iu.test(tag) ? 'en' : 'ja');

export interface PersonLanguageOptions {
  store: LanguageStore;
  profiles: ProfileApi;
  /** The alias of the English rich menu (richmenu/definition.ts), linked to English speakers. */
  englishMenuAlias: string;
  /** A lookup or a link that failed (what, and LINE's error); logged with the hashed id only. */
  onError(err: unknown, what: string, userKey: string): void;
}

/**
 * The person's language from LINE's profile, asked once per person (at the follow, or at the
 * first tap or sticker) and then kept in `store`; a person whose profile is English gets the
 * English rich menu linked. The rich menu's language tile overrides it; unfollowing forgets it.
 *
 * A typed message never waits for LINE: its reply is in its own language. An English one starts
 * the lookup in the background (so an English speaker who only types still gets the English
 * menu); a Japanese one asks nothing.
 */
export function createPersonLanguage(opts: PersonLanguageOptions): PersonLanguage {
  const pending = new Map<string, Promise<Lang | undefined>>();

  async function ask(userId: string, key: string): Promise<Lang | undefined> {
    try {
      const tag = await opts.profiles.language(userId);
      if (tag === null) return undefined;
      const lang = replyLanguageOfProfile(tag);
      await opts.store.set(key, lang);
      if (lang === 'en')
        opts.profiles
          .linkMenuByAlias(userId, opts.englishMenuAlias)
          .catch((err: unknown) => opts.onError(err, 'could not link the English rich menu', key));
      return lang;
    } catch (err) {
      opts.onError(err, 'could not read the LINE profile language', key);
      return undefined;
    }
  }

  async function lookup(userId: string, key: string, refresh: boolean): Promise<Lang | undefined> {
    if (!refresh) {
      const known = await opts.store.get(key);
      if (known) return known;
    }
    // One question to LINE per person, however many of their events arrive meanwhile.
    let p = pending.get(key);
    if (!p) {
      p = ask(userId, key).finally(() => pending.delete(key));
      pending.set(key, p);
    }
    return p;
  }

  return async (event, key) => {
    const userId = event.meta.source.userId;
    if (event.meta.source.kind !== 'user' || !userId || !key) return undefined;
    try {
      switch (event.type) {
        case 'text':
          if (detectLanguage(event.text) === 'en')
            lookup(userId, key, false).catch((err: unknown) => opts.onError(err, 'the language store failed', key));
          return undefined;
        case 'postback': {
          const cmd = decodePostback(event.data);
          if (cmd?.action === 'lang') {
            await opts.store.set(key, cmd.lang);
            return cmd.lang;
          }
          // The tap says its language (an English card or menu): nothing to ask.
          if (postbackLanguage(event.data)) return undefined;
          return await lookup(userId, key, false);
        }
        case 'follow':
          // A new friend, or one who unblocked: the profile may have changed since.
          return (await lookup(userId, key, true)) ?? (await opts.store.get(key));
        case 'message':
          return await lookup(userId, key, false);
        case 'other':
          if (event.meta.eventType === 'unfollow') await opts.store.delete(key);
          return undefined;
        default:
          return undefined;
      }
    } catch (err) {
      opts.onError(err, 'the language store failed', key);
      return undefined;
    }
  };
}
