import { loadCatalog } from '../../src/pledges/load-catalog';
import { FROZEN_DATA_DIR } from '../helpers/paths';
import { everyMessage } from '../helpers/every-message';
import { loadLineSchema } from '../helpers/line-schema';

const schema = loadLineSchema();
/** Behaviour on the frozen 2026 data; the live data/ is checked by the data contract. */
const catalog = loadCatalog(FROZEN_DATA_DIR);

describe('LINE OpenAPI schema (messaging-api.yml, discriminators resolved)', () => {
  test.each(everyMessage(catalog))('%s is a valid Message', (_name, message) => {
    expect(schema.validate('Message', message)).toEqual([]);
  });

  test('every reply the bot can send is a valid ReplyMessageRequest', () => {
    const messages = everyMessage(catalog).map(([, m]) => m);
    for (let i = 0; i < messages.length; i += 5) {
      expect(schema.validate('ReplyMessageRequest', { replyToken: 'r', messages: messages.slice(i, i + 5) })).toEqual(
        [],
      );
    }
  });

  test.each([
    ['a box layout LINE does not know', { layout: 'diagonal' }],
    ['wrap as a string', { contents: [{ type: 'text', text: 'x', wrap: 'yes' }] }],
    ['a component type LINE does not know', { contents: [{ type: 'marquee', text: 'x' }] }],
    [
      'postback data over 300',
      { contents: [{ type: 'button', action: { type: 'postback', label: 'x', data: 'x'.repeat(301) } }] },
    ],
  ])('the check is deep: %s inside a carousel is refused', (_what, bodyPatch) => {
    const bad = {
      type: 'flex',
      altText: 'x',
      contents: {
        type: 'carousel',
        contents: [
          {
            type: 'bubble',
            body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'x' }], ...bodyPatch },
          },
        ],
      },
    };
    expect(schema.validate('Message', bad)).not.toEqual([]);
  });
});
