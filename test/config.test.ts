import path from 'node:path';
import { ConfigError, parseConfig } from '../src/config';

describe('parseConfig', () => {
  test('defaults', () => {
    const c = parseConfig({ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' }, '/srv/bot');
    expect(c).toMatchObject({
      port: 3000,
      line: { channelSecret: 's', channelAccessToken: 't' },
      lineApiBaseUrl: 'https://api.line.me',
      lineDataApiBaseUrl: 'https://api-data.line.me',
      dataDir: path.resolve('/srv/bot', 'data'),
      logLevel: 'info',
    });
  });

  test.each([
    [{}, ['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN']],
    [{ LINE_CHANNEL_SECRET: 's' }, ['LINE_CHANNEL_ACCESS_TOKEN']],
    [{ LINE_CHANNEL_ACCESS_TOKEN: '  ' }, ['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN']],
  ])('without credentials %j it is local mode, naming %j', (env, missing) => {
    const c = parseConfig(env);
    expect(c.line).toBeNull();
    expect(c.missingLine).toEqual(missing);
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
