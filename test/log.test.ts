import { Writable } from 'node:stream';
import pino from 'pino';
import { hideSecrets } from '../src/log';

describe('logs never carry secrets', () => {
  test('secret keys are censored at the top level and one level down; other fields are untouched', () => {
    const fields = {
      eventId: 'e1',
      config: { channelSecret: 's', channelAccessToken: 't', port: 3000 },
      authorization: 'Bearer x',
    };
    expect(hideSecrets(fields)).toEqual({
      eventId: 'e1',
      config: { channelSecret: '[secret]', channelAccessToken: '[secret]', port: 3000 },
      authorization: '[secret]',
    });
    expect(fields.config.channelSecret).toBe('s'); // the caller's object is not changed
  });

  test('lines without secrets are passed through as they are (no copy)', () => {
    const fields = { eventId: 'e1', user: 'abc', outcome: 'area' };
    expect(hideSecrets(fields)).toBe(fields);
  });

  test('through pino, as the bot configures it', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = pino({ formatters: { log: hideSecrets } }, sink);
    logger.info({ line: { channelAccessToken: 'tok-123' } }, 'hello');
    expect(out).toContain('hello');
    expect(out).not.toContain('tok-123');
  });
});
