import request from 'supertest';
import {
  createMemoryLanguageStore,
  createPersonLanguage,
  replyLanguageOfProfile,
  type LanguageStore,
  type PersonLanguage,
} from '../../src/bot/handler-context';
import { parseEvent } from '../../src/bot/incoming-event';
import { runDeploy } from '../../src/cli/richmenu-deploy';
import { createProfileApi } from '../../src/line/profile-api';
import { createUserHasher } from '../../src/privacy';
import { richMenuAlias } from '../../src/richmenu/definition';
import { SECRET, startHarness, TOKEN, type Harness } from '../helpers/bot-harness';
import { startFakeLineServer, type FakeLineServer } from '../helpers/fake-line-server';
import { LIVE_DATA_DIR } from '../helpers/paths';
import {
  followEvent,
  groupSource,
  postbackEvent,
  sign,
  stickerEvent,
  textEvent,
  unfollowEvent,
  webhookBody,
} from '../helpers/webhook';

const EN_USER = `U${'e1'.repeat(16)}`;
const JA_USER = `U${'a1'.repeat(16)}`;
const from = (userId: string) => ({ type: 'user' as const, userId });
const hash = createUserHasher('test-salt');

async function until(ok: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Deploys the committed menus into the fake, so the English alias exists. */
async function deployMenus(line: FakeLineServer): Promise<void> {
  const code = await runDeploy(
    [],
    {
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_BASE_URL: line.baseUrl,
      LINE_DATA_API_BASE_URL: line.baseUrl,
      DATA_DIR: LIVE_DATA_DIR,
    },
    () => undefined,
  );
  expect(code).toBe(0);
}

describe('the person’s language (LINE profile, against a fake LINE server)', () => {
  let line: FakeLineServer;
  let store: LanguageStore;
  let errors: { what: string; user: string; err: string }[];
  let lang: PersonLanguage;
  const ask = (raw: Record<string, unknown>, userId: string) => lang(parseEvent(raw)!, hash(userId));
  const profileCalls = () => line.calls.filter((c) => c.path.startsWith('/v2/bot/profile/'));

  beforeEach(async () => {
    line = await startFakeLineServer(TOKEN);
    line.setProfileLanguage(EN_USER, 'en-US');
    store = createMemoryLanguageStore();
    errors = [];
    lang = createPersonLanguage({
      store,
      profiles: createProfileApi({ channelAccessToken: TOKEN, apiBaseUrl: line.baseUrl }),
      englishMenuAlias: richMenuAlias('en'),
      onError: (err, what, user) => errors.push({ what, user, err: String(err) }),
    });
  });
  afterEach(() => line.close());

  test('follow: an English profile is English, kept by hashed id, and gets the English menu linked', async () => {
    await deployMenus(line);
    expect(await ask({ ...followEvent(), source: from(EN_USER) }, EN_USER)).toBe('en');
    expect(await store.get(hash(EN_USER)!)).toBe('en');
    await until(() => line.userRichMenu(EN_USER) !== null);
    expect(line.userRichMenu(EN_USER)).toBe(line.aliases()['ageo-en']);
    expect(errors).toEqual([]);
  });

  test('a Japanese profile is Japanese and gets no link', async () => {
    await deployMenus(line);
    expect(await ask({ ...followEvent(), source: from(JA_USER) }, JA_USER)).toBe('ja');
    await new Promise((r) => setTimeout(r, 50));
    expect(line.userRichMenu(JA_USER)).toBeNull();
    expect(line.calls.some((c) => c.path.startsWith('/v2/bot/user/U'))).toBe(false);
  });

  test('asked once: later taps and stickers use the kept language; concurrent events share one call', async () => {
    const tap = postbackEvent('action=area&area=disaster&from=menu', from(EN_USER));
    const results = await Promise.all([
      ask(tap, EN_USER),
      ask(tap, EN_USER),
      ask({ ...stickerEvent(), source: from(EN_USER) }, EN_USER),
    ]);
    expect(results).toEqual(['en', 'en', 'en']);
    expect(await ask(tap, EN_USER)).toBe('en');
    expect(profileCalls()).toHaveLength(1);
    expect(profileCalls()[0]!.path).toBe(`/v2/bot/profile/${EN_USER}`);
  });

  test('a typed message never waits: Japanese asks nothing, English asks in the background', async () => {
    expect(await ask(textEvent('防災', from(EN_USER)), EN_USER)).toBeUndefined();
    expect(profileCalls()).toHaveLength(0);
    expect(await ask(textEvent('disaster prevention', from(EN_USER)), EN_USER)).toBeUndefined();
    await until(() => profileCalls().length === 1);
    for (let i = 0; i < 100 && !(await store.get(hash(EN_USER)!)); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await store.get(hash(EN_USER)!)).toBe('en');
  });

  test('a tap that says its language asks nothing; the language tile sets the language', async () => {
    expect(
      await ask(postbackEvent('action=area&area=disaster&from=menu&lang=en', from(JA_USER)), JA_USER),
    ).toBeUndefined();
    expect(await ask(postbackEvent('action=lang&from=menu&lang=en', from(JA_USER)), JA_USER)).toBe('en');
    expect(await ask(postbackEvent('action=area&area=disaster&from=menu', from(JA_USER)), JA_USER)).toBe('en');
    expect(await ask(postbackEvent('action=lang&from=menu&lang=ja', from(EN_USER)), EN_USER)).toBe('ja');
    expect(profileCalls()).toHaveLength(0);
  });

  test('unfollow forgets; a follow asks LINE again (the profile may have changed)', async () => {
    await ask({ ...followEvent(), source: from(EN_USER) }, EN_USER);
    await ask({ ...unfollowEvent(), source: from(EN_USER) }, EN_USER);
    expect(await store.get(hash(EN_USER)!)).toBeUndefined();
    line.setProfileLanguage(EN_USER, 'ja');
    expect(await ask({ ...followEvent(), source: from(EN_USER) }, EN_USER)).toBe('ja');
    expect(profileCalls()).toHaveLength(2);
  });

  test('no profile (404) or LINE failing: no language, nothing kept, the error names no user id', async () => {
    line.setProfileLanguage(JA_USER, null);
    expect(await ask(postbackEvent('action=menu', from(JA_USER)), JA_USER)).toBeUndefined();
    expect(await store.get(hash(JA_USER)!)).toBeUndefined();
    line.failNext(500, 1, 'Internal server error', '/v2/bot/profile/');
    expect(await ask(postbackEvent('action=menu', from(EN_USER)), EN_USER)).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.user).toBe(hash(EN_USER));
    expect(JSON.stringify(errors)).not.toContain(EN_USER);
    // The next event asks again and succeeds.
    expect(await ask(postbackEvent('action=menu', from(EN_USER)), EN_USER)).toBe('en');
  });

  test('a missing English menu (not deployed): the language still counts, the failed link is reported', async () => {
    expect(await ask({ ...followEvent(), source: from(EN_USER) }, EN_USER)).toBe('en');
    await until(() => errors.length === 1);
    expect(errors[0]!.what).toContain('link the English rich menu');
  });

  test('groups and rooms are never asked about', async () => {
    expect(await lang(parseEvent(postbackEvent('action=menu', groupSource()))!, 'x')).toBeUndefined();
    expect(line.calls).toEqual([]);
  });
});

describe('the language store and the profile tags', () => {
  test('the in-memory store forgets the longest unseen first beyond its size', async () => {
    const store = createMemoryLanguageStore(2);
    await store.set('a', 'en');
    await store.set('b', 'ja');
    await store.get('a');
    await store.set('c', 'en');
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('en');
    expect(await store.get('c')).toBe('en');
  });
  test.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['ja', 'ja'],
    ['zh-Hant', 'ja'],
    ['eng', 'ja'],
  ] as const)('profile language %s → %s', (tag, lang) => {
    expect(replyLanguageOfProfile(tag)).toBe(lang);
  });
});

describe('through the webhook (the real bot, the fake LINE server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.line.setProfileLanguage(EN_USER, 'en');
    await deployMenus(h.line);
  });
  afterEach(() => h.close());
  const post = async (events: Record<string, unknown>[]) => {
    const body = webhookBody(events);
    const res = await request(h.app)
      .post('/webhook')
      .set('content-type', 'application/json')
      .set('x-line-signature', sign(body, SECRET))
      .send(body);
    expect(res.status).toBe(200);
    await h.bot.runner.drain();
  };
  const lastReply = () => h.line.replies().at(-1)!.messages;
  const altText = (m: Record<string, unknown>) => String(m.altText ?? m.text);

  test('an English profile: English greeting and menu linked; a Japanese tile tap answered in English', async () => {
    await post([{ ...followEvent(), source: from(EN_USER) }]);
    const [greeting, menu] = lastReply();
    expect(String(greeting!.text)).toMatch(/^Thank you for adding us as a friend/u);
    expect(altText(menu!)).toMatch(/^\[Ageo City pledges\]/u);
    await until(() => h.line.userRichMenu(EN_USER) !== null);
    expect(h.line.userRichMenu(EN_USER)).toBe(h.line.aliases()['ageo-en']);

    await post([postbackEvent('action=area&area=disaster&from=menu', from(EN_USER))]);
    expect(altText(lastReply()[0]!)).toMatch(/^\[Ageo City pledges\] Disaster/u);
    // A Japanese message from the same person: Japanese.
    await post([textEvent('防災', from(EN_USER))]);
    expect(altText(lastReply()[0]!)).toMatch(/^【上尾市 公約】防災/u);
  });

  test('a Japanese profile: Japanese greeting; an English message still gets English', async () => {
    await post([{ ...followEvent(), source: from(JA_USER) }]);
    expect(String(lastReply()[0]!.text)).toMatch(/^友だち追加ありがとうございます/u);
    await post([textEvent('disaster prevention', from(JA_USER))]);
    expect(altText(lastReply()[0]!)).toMatch(/^\[Ageo City pledges\]/u);
    expect(h.line.userRichMenu(JA_USER)).toBeNull();
  });
});
