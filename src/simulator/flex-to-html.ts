/**
 * Renders LINE messages (text and Flex) as HTML, close to how the LINE app draws them, so staff
 * see what citizens will see: bubbles and carousels that scroll sideways, box layouts with flex
 * ratios, spacing, margins and padding, text size/weight/colour/wrap/line clamp, buttons,
 * separators, images, quick replies. Pure: a string in, a string out; every value is escaped;
 * anything unknown becomes a visible placeholder, never an exception.
 *
 * Actions are rendered as data attributes (data-postback, data-text, data-uri); the page's script
 * sends them to the bot.
 */
type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** LINE's keyword sizes in CSS pixels (Flex Message reference, approximate). */
const TEXT_SIZE: Record<string, string> = {
  xxs: '11px',
  xs: '13px',
  sm: '14px',
  md: '16px',
  lg: '19px',
  xl: '22px',
  xxl: '29px',
  '3xl': '35px',
  '4xl': '48px',
  '5xl': '74px',
};
/** Keyword scale of spacing, margin, padding and corner radius (the same in LINE's Flex). */
const SPACE: Record<string, string> = {
  none: '0px',
  xs: '2px',
  sm: '4px',
  md: '8px',
  lg: '12px',
  xl: '16px',
  xxl: '20px',
};
const BUBBLE_WIDTH: Record<string, string> = {
  nano: '120px',
  micro: '160px',
  deca: '220px',
  hecto: '241px',
  kilo: '260px',
  mega: '300px',
  giga: '386px',
};
const IMAGE_SIZE: Record<string, string> = {
  xxs: '40px',
  xs: '60px',
  sm: '80px',
  md: '100px',
  lg: '120px',
  xl: '140px',
  xxl: '160px',
  '3xl': '180px',
  '4xl': '200px',
  '5xl': '240px',
  full: '100%',
};
const BORDER: Record<string, string> = {
  none: '0px',
  light: '0.5px',
  normal: '1px',
  medium: '2px',
  'semi-bold': '3px',
  bold: '4px',
};

const SAFE_COLOR = /^#[0-9a-f]{3,8}$/iu;
const SAFE_LENGTH = /^\d+(\.\d+)?(px|%)$/u;

const color = (v: unknown): string | undefined => (typeof v === 'string' && SAFE_COLOR.test(v) ? v : undefined);
const length = (v: unknown, keywords: Record<string, string> = SPACE): string | undefined =>
  typeof v === 'string' ? (keywords[v] ?? (SAFE_LENGTH.test(v) ? v : undefined)) : undefined;

function style(pairs: [string, string | undefined][]): string {
  const css = pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}:${v}`)
    .join(';');
  return css ? ` style="${escapeHtml(css)}"` : '';
}

/** data-* attributes for an action; URIs only for safe schemes. */
export function actionAttrs(action: unknown): string {
  if (!isObj(action)) return '';
  const label = escapeHtml(str(action.label));
  switch (action.type) {
    case 'postback':
      return ` data-postback="${escapeHtml(str(action.data))}" data-display="${escapeHtml(str(action.displayText))}" data-label="${label}"`;
    case 'message':
      return ` data-text="${escapeHtml(str(action.text))}"`;
    case 'uri': {
      const uri = str(action.uri);
      return /^(https?:|tel:)/u.test(uri) ? ` data-uri="${escapeHtml(uri)}"` : '';
    }
    default:
      return '';
  }
}

function margin(c: Json, parentLayout: string, first: boolean): [string, string | undefined] {
  const m = length(c.margin);
  if (!m || first) return ['margin', undefined];
  return [parentLayout === 'vertical' ? 'margin-top' : 'margin-left', m];
}

function flexOf(c: Json, parentLayout: string): [string, string | undefined] {
  // LINE: children of horizontal/baseline boxes default to flex 1, of vertical boxes to flex 0.
  const f = typeof c.flex === 'number' ? c.flex : parentLayout === 'vertical' ? 0 : 1;
  return ['flex', f === 0 ? '0 0 auto' : `${f} ${f} 0`];
}

function renderComponent(c: unknown, parentLayout: string, first: boolean, spacing?: string): string {
  if (!isObj(c)) return placeholder('?');
  const gap: [string, string | undefined] =
    !first && spacing && !c.margin
      ? [parentLayout === 'vertical' ? 'margin-top' : 'margin-left', spacing]
      : ['', undefined];
  const common: [string, string | undefined][] = [margin(c, parentLayout, first), gap, flexOf(c, parentLayout)];
  switch (c.type) {
    case 'box':
      return renderBox(c, common);
    case 'text':
      return renderText(c, common);
    case 'button':
      return renderButton(c, common);
    case 'separator':
      return `<div class="fx-separator fx-${parentLayout === 'vertical' ? 'h' : 'v'}"${style([
        margin(c, parentLayout, first),
        ['border-color', color(c.color)],
      ])}></div>`;
    case 'filler':
      return `<div class="fx-filler"${style([flexOf(c, parentLayout)])}></div>`;
    case 'image':
      return renderImage(c, common);
    case 'icon':
      return `<span class="fx-icon"${style([['width', TEXT_SIZE[str(c.size)] ?? '16px'], margin(c, parentLayout, first)])}></span>`;
    case 'span':
      return renderSpan(c);
    default:
      return placeholder(str(c.type) || '?');
  }
}

function placeholder(type: string): string {
  return `<div class="fx-unknown" role="note">未対応の部品: ${escapeHtml(type)}</div>`;
}

function renderBox(b: Json, common: [string, string | undefined][]): string {
  const layout = ['horizontal', 'vertical', 'baseline'].includes(str(b.layout)) ? str(b.layout) : 'vertical';
  const spacing = length(b.spacing);
  const children = Array.isArray(b.contents) ? b.contents : [];
  const inner = children.map((c, i) => renderComponent(c, layout, i === 0, spacing)).join('');
  const css = style([
    ...common,
    ['background-color', color(b.backgroundColor)],
    ['border-radius', length(b.cornerRadius)],
    [
      'border',
      b.borderWidth
        ? `${length(b.borderWidth, BORDER) ?? '1px'} solid ${color(b.borderColor) ?? '#000000'}`
        : undefined,
    ],
    ['padding', length(b.paddingAll)],
    ['padding-top', length(b.paddingTop)],
    ['padding-bottom', length(b.paddingBottom)],
    ['padding-left', length(b.paddingStart)],
    ['padding-right', length(b.paddingEnd)],
    ['width', length(b.width, {})],
    ['height', length(b.height, {})],
    [
      'justify-content',
      ['flex-start', 'center', 'flex-end', 'space-between', 'space-around', 'space-evenly'].includes(
        str(b.justifyContent),
      )
        ? str(b.justifyContent)
        : undefined,
    ],
    ['align-items', ['flex-start', 'center', 'flex-end'].includes(str(b.alignItems)) ? str(b.alignItems) : undefined],
  ]);
  return `<div class="fx-box fx-${layout}"${css}${actionAttrs(b.action)}>${inner}</div>`;
}

function textStyle(t: Json): [string, string | undefined][] {
  return [
    ['font-size', TEXT_SIZE[str(t.size)] ?? (SAFE_LENGTH.test(str(t.size)) ? str(t.size) : undefined)],
    ['font-weight', t.weight === 'bold' ? '700' : undefined],
    ['color', color(t.color)],
    ['font-style', t.style === 'italic' ? 'italic' : undefined],
    ['text-decoration', ['underline', 'line-through'].includes(str(t.decoration)) ? str(t.decoration) : undefined],
  ];
}

function renderText(t: Json, common: [string, string | undefined][]): string {
  const spans =
    Array.isArray(t.contents) && t.contents.length ? t.contents.map(renderSpan).join('') : escapeHtml(str(t.text));
  const wrap = t.wrap === true;
  const maxLines = typeof t.maxLines === 'number' && t.maxLines > 0 ? t.maxLines : 0;
  const css = style([
    ...common,
    ...textStyle(t),
    [
      'text-align',
      ['start', 'end', 'center'].includes(str(t.align))
        ? { start: 'left', end: 'right', center: 'center' }[str(t.align)]
        : undefined,
    ],
    ['align-self', { top: 'flex-start', center: 'center', bottom: 'flex-end' }[str(t.gravity)]],
    ['-webkit-line-clamp', maxLines ? String(maxLines) : undefined],
  ]);
  return `<div class="fx-text${wrap ? ' fx-wrap' : ''}${maxLines ? ' fx-clamp' : ''}"${css}${actionAttrs(t.action)}>${spans}</div>`;
}

function renderSpan(s: unknown): string {
  if (!isObj(s) || s.type !== 'span') return placeholder(isObj(s) ? str(s.type) : '?');
  return `<span${style(textStyle(s))}>${escapeHtml(str(s.text))}</span>`;
}

function renderButton(b: Json, common: [string, string | undefined][]): string {
  const kind = ['primary', 'secondary', 'link'].includes(str(b.style)) ? str(b.style) : 'link';
  const c = color(b.color);
  const css = style([
    ...common,
    [kind === 'link' ? 'color' : 'background-color', c],
    ['min-height', b.height === 'sm' ? '40px' : '52px'],
  ]);
  const label = escapeHtml(isObj(b.action) ? str(b.action.label) : '');
  return `<button type="button" class="fx-button fx-${kind}"${css}${actionAttrs(b.action)}>${label}</button>`;
}

function renderImage(i: Json, common: [string, string | undefined][]): string {
  const [w, h] = str(i.aspectRatio).split(':').map(Number);
  const ratio = w && h ? `${w} / ${h}` : '1 / 1';
  const url = str(i.url);
  // Only images served by this page are loaded: the simulator never fetches from outside.
  const local = url.startsWith('/') || url.startsWith('data:image/');
  const css = style([
    ...common,
    ['width', IMAGE_SIZE[str(i.size)] ?? length(i.size, {}) ?? IMAGE_SIZE.md],
    ['aspect-ratio', ratio],
    ['background-color', color(i.backgroundColor)],
  ]);
  return local
    ? `<img class="fx-image fx-${i.aspectMode === 'cover' ? 'cover' : 'fit'}" alt="" src="${escapeHtml(url)}"${css}${actionAttrs(i.action)}>`
    : `<div class="fx-image fx-image-placeholder" role="img" aria-label="画像"${css}${actionAttrs(i.action)}>画像</div>`;
}

function renderBlock(block: unknown, name: string, styles: Json): string {
  if (!isObj(block)) return '';
  const st = isObj(styles[name]) ? (styles[name] as Json) : {};
  const sep =
    st.separator === true
      ? `<div class="fx-separator fx-h"${style([['border-color', color(st.separatorColor)]])}></div>`
      : '';
  const inner = block.type === 'box' ? renderBox(block, []) : renderComponent(block, 'vertical', true);
  return `${sep}<div class="fx-block fx-${name}"${style([['background-color', color(st.backgroundColor)]])}>${inner}</div>`;
}

export function renderBubble(b: unknown): string {
  if (!isObj(b) || b.type !== 'bubble') return placeholder(isObj(b) ? str(b.type) : '?');
  const styles = isObj(b.styles) ? b.styles : {};
  const width = BUBBLE_WIDTH[str(b.size)] ?? BUBBLE_WIDTH.mega;
  const blocks = ['header', 'hero', 'body', 'footer'].map((n) => renderBlock(b[n], n, styles)).join('');
  return `<div class="fx-bubble"${style([['width', width]])}${actionAttrs(b.action)}>${blocks}</div>`;
}

/** A bubble or a carousel (which scrolls sideways). */
export function renderFlexContainer(container: unknown): string {
  if (isObj(container) && container.type === 'carousel') {
    const bubbles = Array.isArray(container.contents) ? container.contents : [];
    return `<div class="fx-carousel" role="group" aria-label="カルーセル (横にスクロール)">${bubbles.map(renderBubble).join('')}</div>`;
  }
  return renderBubble(container);
}

/** One message as the bot's speech: text (line breaks kept) or Flex. */
export function renderMessage(message: unknown): string {
  if (!isObj(message)) return placeholder('?');
  if (message.type === 'text') return `<div class="msg-text">${escapeHtml(str(message.text))}</div>`;
  if (message.type === 'flex') {
    return `<div class="msg-flex" aria-label="${escapeHtml(str(message.altText))}">${renderFlexContainer(message.contents)}</div>`;
  }
  return placeholder(str(message.type) || '?');
}

/** The quick reply buttons of a message, as chips. */
export function renderQuickReply(message: unknown): string {
  const items =
    isObj(message) && isObj(message.quickReply) && Array.isArray(message.quickReply.items)
      ? message.quickReply.items
      : [];
  if (!items.length) return '';
  const chips = items
    .map((it) =>
      isObj(it) && isObj(it.action)
        ? `<button type="button" class="chip"${actionAttrs(it.action)}>${escapeHtml(str(it.action.label))}</button>`
        : '',
    )
    .join('');
  return `<div class="quick-replies" role="group" aria-label="クイックリプライ">${chips}</div>`;
}

/** CSS for the rendered Flex components (shared by the simulator and the card gallery). */
export const FLEX_CSS = `
.fx-carousel{display:flex;gap:8px;overflow-x:auto;scroll-snap-type:x mandatory;padding-bottom:6px;max-width:100%}
.fx-carousel>.fx-bubble{scroll-snap-align:start;flex:0 0 auto}
.fx-bubble{background:#fff;border-radius:16px;overflow:hidden;display:flex;flex-direction:column;max-width:100%;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.fx-block>.fx-box{padding:16px}
.fx-header>.fx-box{padding:16px 16px 12px}
.fx-footer>.fx-box{padding:8px 12px 12px}
.fx-body{flex:1 1 auto}
.fx-box{display:flex;min-width:0}
.fx-vertical{flex-direction:column}
.fx-horizontal{flex-direction:row}
.fx-baseline{flex-direction:row;align-items:baseline}
.fx-text{font-size:16px;color:#111;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0;line-height:1.4}
.fx-text.fx-wrap{white-space:pre-wrap;overflow-wrap:anywhere}
.fx-text.fx-clamp{display:-webkit-box;-webkit-box-orient:vertical;white-space:normal}
.fx-separator{border:0 solid #e5e7eb}
.fx-separator.fx-h{border-top-width:1px;align-self:stretch}
.fx-separator.fx-v{border-left-width:1px;align-self:stretch}
.fx-button{border:0;border-radius:8px;font-size:15px;font-weight:600;cursor:pointer;padding:0 12px;width:100%;min-width:0;font-family:inherit;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.fx-primary{background:#17c950;color:#fff}
.fx-secondary{background:#dcdfe5;color:#111}
.fx-link{background:transparent;color:#42659a}
.fx-image{display:block;object-fit:contain;max-width:100%;align-self:center}
.fx-image.fx-cover{object-fit:cover}
.fx-image-placeholder{background:#e5e7eb;color:#4b5563;display:flex;align-items:center;justify-content:center;font-size:12px}
.fx-unknown{border:2px dashed #c62828;color:#c62828;padding:4px;font-size:12px;background:#fff5f5}
.fx-filler{flex:1 1 0}
.fx-icon{display:inline-block;aspect-ratio:1/1;background:#9ca3af;border-radius:3px}
[data-postback],[data-text],[data-uri]{cursor:pointer}
`;
