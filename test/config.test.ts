import path from 'node:path';
import { ConfigError, parseConfig } from '../src/config';

const SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const TOKEN = 'Abc123+/=Abc123+/=Abc123+/=';

describe('parseConfig', () => {
  test('defaults', () => {
    const c = parseConfig({ LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN }, '/srv/bot');
    expect(c).toMatchObject({
      mode: 'line',
      port: 3000,
      line: { channelSecret: SECRET, channelAccessToken: TOKEN },
      admin: { host: '127.0.0.1', port: 3001 },
      simulator: 'off',
      unansweredRetentionDays: 180,
      connectionsPerAddress: 64,
      lineApiBaseUrl: 'https://api.line.me',
      lineDataApiBaseUrl: 'https://api-data.line.me',
      dataDir: path.resolve('/srv/bot', 'data'),
      logLevel: 'info',
    });
  });

  test.each([[{}], [{ LINE_CHANNEL_ACCESS_TOKEN: '  ' }], [{ BOT_MODE: 'local', LINE_CHANNEL_SECRET: SECRET }]])(
    '%j is local mode: no channel, the simulator on the public port',
    (env) => {
      const c = parseConfig(env);
      expect(c.mode).toBe('local');
      expect(c.line).toBeNull();
      expect(c.simulator).toBe('public');
    },
  );

  test('local mode names what is missing', () => {
    expect(parseConfig({}).missingLine).toEqual(['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN']);
  });

  test.each([
    [{ LINE_CHANNEL_SECRET: SECRET }, 'LINE_CHANNEL_ACCESS_TOKEN'], // one credential alone: line mode, refused
    [{ LINE_CHANNEL_ACCESS_TOKEN: TOKEN }, 'LINE_CHANNEL_SECRET'],
    [{ BOT_MODE: 'line' }, 'LINE_CHANNEL_SECRET'],
    [{ BOT_MODE: 'line', LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: '' }, 'LINE_CHANNEL_ACCESS_TOKEN'],
    [{ LINE_CHANNEL_SECRET: 's3cret', LINE_CHANNEL_ACCESS_TOKEN: TOKEN }, 'LINE_CHANNEL_SECRET'], // malformed
    [{ LINE_CHANNEL_SECRET: `"${SECRET}"`, LINE_CHANNEL_ACCESS_TOKEN: TOKEN }, 'LINE_CHANNEL_SECRET'],
    [
      { LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'two words here and more' },
      'LINE_CHANNEL_ACCESS_TOKEN',
    ],
    [{ BOT_MODE: 'production' }, 'BOT_MODE'],
  ])('line mode without a usable credential %j is refused naming %s', (env, name) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(name);
  });

  test('the npm run tools read the same settings but leave credentials to the command that needs one', () => {
    const c = parseConfig({ LINE_CHANNEL_ACCESS_TOKEN: TOKEN, DATA_DIR: '/tmp/d' }, '/x', 'tool');
    expect(c.lineAccessToken).toBe(TOKEN);
    expect(c.dataDir).toBe('/tmp/d');
    expect(() => parseConfig({ LINE_CHANNEL_ACCESS_TOKEN: TOKEN }, '/x', 'bot')).toThrow('LINE_CHANNEL_SECRET');
  });

  test('in line mode the simulator is only on the internal listener, and only with SIMULATOR=on', () => {
    const creds = { LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN };
    expect(parseConfig(creds).simulator).toBe('off');
    expect(parseConfig({ ...creds, SIMULATOR: 'on' }).simulator).toBe('admin');
    expect(() => parseConfig({ ...creds, SIMULATOR: 'on', ADMIN_PORT: 'off' })).toThrow('ADMIN_PORT');
  });

  test('the internal listener: ADMIN_HOST / ADMIN_PORT, or off', () => {
    expect(parseConfig({ ADMIN_HOST: '10.0.0.5', ADMIN_PORT: '9000' }).admin).toEqual({ host: '10.0.0.5', port: 9000 });
    expect(parseConfig({ ADMIN_PORT: 'off' }).admin).toBeNull();
    expect(() => parseConfig({ ADMIN_PORT: 'x' })).toThrow('ADMIN_PORT');
  });

  test('the unanswered log defaults to var/, can be moved, or turned off', () => {
    expect(parseConfig({}, '/srv/bot').unansweredLog).toBe(path.resolve('/srv/bot', 'var/unanswered.jsonl'));
    expect(parseConfig({ UNANSWERED_LOG: '/tmp/u.jsonl' }).unansweredLog).toBe('/tmp/u.jsonl');
    expect(parseConfig({ UNANSWERED_LOG: 'off' }).unansweredLog).toBeNull();
  });

  test('matcher thresholds can be set; unset ones keep the defaults', () => {
    expect(parseConfig({}).matchThresholds).toEqual({});
    expect(parseConfig({ MATCH_ANSWER_THRESHOLD: '0.6' }).matchThresholds).toEqual({ answer: 0.6 });
  });

  test('base URLs lose a trailing slash; DATA_DIR resolves against the start folder', () => {
    const c = parseConfig({ LINE_API_BASE_URL: 'http://127.0.0.1:4000/', DATA_DIR: '/tmp/d', PORT: '0' }, '/x');
    expect(c.lineApiBaseUrl).toBe('http://127.0.0.1:4000');
    expect(c.dataDir).toBe('/tmp/d');
    expect(c.port).toBe(0);
  });

  test.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LINE_API_BASE_URL: 'ftp://x' }, 'LINE_API_BASE_URL'],
    [{ LINE_DATA_API_BASE_URL: 'not a url' }, 'LINE_DATA_API_BASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MATCH_ANSWER_THRESHOLD: 'high' }, 'MATCH_ANSWER_THRESHOLD'],
    [{ MATCH_ANSWER_THRESHOLD: '0.4', MATCH_SUGGEST_THRESHOLD: '0.6' }, 'MATCH_SUGGEST_THRESHOLD'],
  ])('%j is refused naming %s', (env, name) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(name);
  });
});
