import { listAllCards } from '../../src/cards/all-cards';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { escapeHtml, renderFlexContainer, renderMessage, renderQuickReply } from '../../src/simulator/flex-to-html';
import { FROZEN_DATA_DIR } from '../helpers/paths';

const box = (layout: string, contents: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'box',
  layout,
  contents,
  ...extra,
});
const bubble = (body: unknown, extra: Record<string, unknown> = {}) => ({ type: 'bubble', body, ...extra });

describe('Flex → HTML', () => {
  test.each<[string, unknown, RegExp[]]>([
    [
      'a vertical box with spacing',
      bubble(
        box(
          'vertical',
          [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
          { spacing: 'md' },
        ),
      ),
      [/fx-vertical/u, /margin-top:8px/u],
    ],
    [
      'flex ratios in a horizontal box',
      bubble(
        box('horizontal', [
          { type: 'text', text: 'a', flex: 2 },
          { type: 'text', text: 'b', flex: 1 },
        ]),
      ),
      [/flex:2 2 0/u, /flex:1 1 0/u],
    ],
    [
      'text size, weight, colour, wrap',
      bubble(box('vertical', [{ type: 'text', text: 'x', size: 'xl', weight: 'bold', color: '#C62828', wrap: true }])),
      [/font-size:22px/u, /font-weight:700/u, /color:#C62828/u, /fx-wrap/u],
    ],
    [
      'padding and background',
      bubble(box('vertical', [], { paddingAll: '12px', backgroundColor: '#0F5C8C' })),
      [/padding:12px/u, /background-color:#0F5C8C/u],
    ],
    [
      'a postback button',
      bubble(
        box('vertical', [
          {
            type: 'button',
            style: 'primary',
            color: '#C62828',
            action: {
              type: 'postback',
              label: 'もっと見る',
              data: 'action=area&area=disaster&page=2',
              displayText: '防災の続き',
            },
          },
        ]),
      ),
      [
        /<button[^>]*fx-primary/u,
        /data-postback="action=area&amp;area=disaster&amp;page=2"/u,
        /data-display="防災の続き"/u,
        />もっと見る</u,
      ],
    ],
    [
      'a uri button',
      bubble(
        box('vertical', [{ type: 'button', action: { type: 'uri', label: 'l', uri: 'https://www.city.ageo.lg.jp/' } }]),
      ),
      [/data-uri="https:\/\/www.city.ageo.lg.jp\/"/u],
    ],
    ['a separator', bubble(box('vertical', [{ type: 'separator', color: '#E5E7EB' }])), [/fx-separator fx-h/u]],
    [
      'an image (never fetched from outside)',
      bubble(box('vertical', [{ type: 'image', url: 'https://example.com/a.png', aspectRatio: '2:1', size: 'full' }])),
      [/fx-image-placeholder/u, /aspect-ratio:2 \/ 1/u],
    ],
    ['a bubble size', bubble(box('vertical', []), { size: 'kilo' }), [/width:260px/u]],
    [
      'header and footer blocks',
      {
        type: 'bubble',
        header: box('vertical', []),
        footer: box('vertical', []),
        styles: { footer: { separator: true } },
      },
      [/fx-header/u, /fx-footer/u, /fx-separator/u],
    ],
  ])('%s', (_what, container, patterns) => {
    const html = renderFlexContainer(container);
    for (const p of patterns) expect(html).toMatch(p);
  });

  test('two postback buttons side by side in a footer are clickable buttons carrying their postback', () => {
    const vote = (label: string, data: string) => ({
      type: 'button',
      style: 'secondary',
      height: 'sm',
      action: { type: 'postback', label, data, displayText: label },
    });
    const html = renderFlexContainer(
      bubble(box('vertical', [{ type: 'text', text: '答え' }]), {
        footer: box('vertical', [
          { type: 'button', style: 'link', action: { type: 'uri', label: '報告書', uri: 'https://example.jp/r' } },
          box(
            'horizontal',
            [vote('役に立った', 'action=fb&v=up&r=abc123'), vote('役に立たなかった', 'action=fb&v=down&r=abc123')],
            {
              spacing: 'sm',
              margin: 'md',
            },
          ),
        ]),
      }),
    );
    const footer = html.slice(html.indexOf('fx-footer'));
    expect(footer).toMatch(/<div class="fx-box fx-horizontal"[^>]*margin-top:8px/u);
    const buttons = [
      ...footer.matchAll(/<button type="button" class="fx-button fx-secondary"([^>]*)>([^<]*)<\/button>/gu),
    ];
    expect(buttons.map((b) => b[2])).toEqual(['役に立った', '役に立たなかった']);
    expect(buttons[0]![1]).toContain('data-postback="action=fb&amp;v=up&amp;r=abc123"');
    expect(buttons[0]![1]).toContain('data-display="役に立った"');
    expect(buttons[1]![1]).toContain('data-postback="action=fb&amp;v=down&amp;r=abc123"');
    // Side by side: equal shares of the row, the second one spaced from the first.
    expect(buttons[0]![1]).toContain('flex:1 1 0');
    expect(buttons[1]![1]).toMatch(/margin-left:4px.*flex:1 1 0/u);
    expect(footer).toContain('data-uri="https://example.jp/r"');
  });

  test('a carousel scrolls sideways', () => {
    const html = renderFlexContainer({
      type: 'carousel',
      contents: [bubble(box('vertical', [])), bubble(box('vertical', []))],
    });
    expect(html).toMatch(/^<div class="fx-carousel"/u);
    expect(html.match(/fx-bubble/gu)).toHaveLength(2);
  });

  test('unknown components are a visible placeholder, never a crash', () => {
    const html = renderFlexContainer(
      bubble(box('vertical', [{ type: 'marquee', text: 'x' }, null, 42, { type: 'video' }])),
    );
    expect(html.match(/未対応の部品/gu)).toHaveLength(4);
    for (const weird of [
      null,
      undefined,
      1,
      'x',
      [],
      {},
      { type: 'carousel' },
      { type: 'carousel', contents: 'x' },
      bubble('x'),
    ]) {
      expect(() => renderFlexContainer(weird)).not.toThrow();
      expect(() => renderMessage(weird)).not.toThrow();
    }
  });

  test('everything is escaped; unsafe colours, lengths and URIs are dropped', () => {
    const html = renderMessage({
      type: 'flex',
      altText: '"><script>',
      contents: bubble(
        box(
          'vertical',
          [
            { type: 'text', text: '<img src=x onerror=alert(1)>', color: 'red;background:url(x)' },
            { type: 'button', action: { type: 'uri', label: 'x', uri: 'javascript:alert(1)' } },
          ],
          { paddingAll: '1px;position:fixed' },
        ),
      ),
    });
    expect(html).not.toMatch(/<img|<script|javascript:|url\(x\)|position:fixed/u);
    expect(escapeHtml('<&>"\'')).toBe('&lt;&amp;&gt;&quot;&#39;');
  });

  test('text messages keep their line breaks; quick replies become chips', () => {
    expect(renderMessage({ type: 'text', text: 'a\nb' })).toBe('<div class="msg-text">a\nb</div>');
    const chips = renderQuickReply({
      type: 'text',
      text: 'x',
      quickReply: {
        items: [
          {
            type: 'action',
            action: { type: 'postback', label: '防災', data: 'action=area&area=disaster', displayText: '防災' },
          },
        ],
      },
    });
    expect(chips).toContain('class="chip"');
    expect(chips).toContain('>防災</button>');
    expect(renderQuickReply({ type: 'text', text: 'x' })).toBe('');
  });

  test('every card the bot can send renders without placeholders', () => {
    const catalog = loadCatalog(FROZEN_DATA_DIR);
    for (const [, message] of listAllCards(catalog)) expect(renderMessage(message)).not.toContain('未対応の部品');
  });
});
