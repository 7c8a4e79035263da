import { existsSync, readFileSync } from 'node:fs';
import { COPY } from '../copy/ja';
import type { Lang } from '../matching/language';
import type { Catalog } from '../pledges/catalog';
import { loadRichMenus, menuTiles, RICH_MENUS, type RichMenuDefinition } from '../richmenu/definition';
import { encodePostback } from '../cards/postback-codec';
import { escapeHtml, FLEX_CSS } from './flex-to-html';

/** One rich menu the simulator shows: its definition and its image (null when not drawn yet). */
export interface SimulatorMenu {
  lang: Lang;
  menu: RichMenuDefinition;
  image: Buffer | null;
}

/** The project's rich menus (richmenu/), Japanese first, for the simulator. */
export function loadSimulatorMenus(dir: string): SimulatorMenu[] {
  return loadRichMenus(dir).map(({ lang, menu, imageFile }) => ({
    lang,
    menu,
    image: existsSync(imageFile) ? readFileSync(imageFile) : null,
  }));
}

/** The images by language, as the simulator's routes serve them. */
export const simulatorMenuImages = (menus: readonly SimulatorMenu[]): Partial<Record<Lang, Buffer>> =>
  Object.fromEntries(menus.filter((m) => m.image).map((m) => [m.lang, m.image!]));

const imagePath = (lang: Lang): string => `/simulator/richmenu${lang === 'ja' ? '' : `.${lang}`}.png`;

/** One rich menu as the page shows it: its image, with a button over each tile. */
function renderMenu({ lang, menu }: SimulatorMenu, catalog: Catalog): string {
  const tiles = menuTiles(menu, catalog, lang);
  const buttons = tiles
    .map((t, i) => {
      const a = menu.areas[i]!.action;
      const pct = (v: number, of: number): string => `${((v / of) * 100).toFixed(3)}%`;
      const box = `left:${pct(t.bounds.x, menu.size.width)};top:${pct(t.bounds.y, menu.size.height)};width:${pct(t.bounds.width, menu.size.width)};height:${pct(t.bounds.height, menu.size.height)}`;
      // The language tile (richmenuswitch): LINE swaps the menu and sends its data, showing no message.
      if (a.type === 'richmenuswitch') {
        const to = RICH_MENUS.find((m) => m.alias === a.richMenuAliasId)?.lang ?? 'ja';
        return `<button type="button" class="tile" style="${box}" aria-label="${escapeHtml(t.label)}" data-postback="${escapeHtml(a.data ?? '')}" data-switch="${to}"></button>`;
      }
      const data = a.type === 'postback' ? (a.data ?? '') : encodePostback({ action: 'menu' }, lang);
      return `<button type="button" class="tile" style="${box}" aria-label="${escapeHtml(t.label)}" data-postback="${escapeHtml(data)}" data-display="${escapeHtml(a.displayText ?? t.label)}"></button>`;
    })
    .join('');
  const label = lang === 'ja' ? 'リッチメニュー' : `リッチメニュー (${lang === 'en' ? 'English' : lang})`;
  return `<nav class="richmenu" data-lang="${lang}" aria-label="${escapeHtml(label)}" style="aspect-ratio:${menu.size.width} / ${menu.size.height}"${lang === 'ja' ? '' : ' hidden'}>
    <img src="${imagePath(lang)}" alt="" class="richmenu-image">
    ${buttons}
  </nav>`;
}

/**
 * The simulator's chat page: a LINE-like chat with the city's account, a message box, a send
 * button and the rich menu (its real image, with a button over each tile). The header's switch
 * sets the simulated LINE profile's language: English shows the English menu (as the bot links it
 * to English speakers) and greets again in English; the menus' language tiles flip it too.
 * Server-rendered; the script (SIMULATOR_JS) only posts what the citizen does and inserts the
 * HTML the server returns.
 */
export function renderSimulatorPage(menus: readonly SimulatorMenu[], catalog: Catalog): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(COPY.botName)} - LINE シミュレーター</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/simulator/style.css">
<script src="/simulator/app.js" defer></script>
</head>
<body>
<div class="phone">
  <header class="chat-header"><span class="account">${escapeHtml(COPY.botName)}</span><span class="header-tools"><select id="profile-lang" class="lang-switch" aria-label="プロフィールの言語 (Profile language)" title="LINE のプロフィールの言語 (Profile language)"><option value="ja" selected>日本語</option><option value="en" lang="en">English</option></select><span class="badge">シミュレーター (LINE には送信しません)</span></span></header>
  <main id="log" class="log" aria-live="polite" aria-label="トーク"></main>
  <div id="quick" class="quick-area"></div>
  <form id="composer" class="composer">
    <input id="input" type="text" autocomplete="off" aria-label="メッセージを入力" placeholder="メッセージを入力">
    <button id="send" type="submit">送信</button>
  </form>
  ${menus.map((m) => renderMenu(m, catalog)).join('\n  ')}
</div>
</body>
</html>`;
}

export const SIMULATOR_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif;background:#e9edf2}
.phone{max-width:480px;margin:0 auto;height:100vh;display:flex;flex-direction:column;background:#8cabd9}
.chat-header{background:#263238;color:#fff;padding:10px 14px;display:flex;justify-content:space-between;align-items:center;gap:8px}
.account{font-weight:700}
.badge{font-size:11px;background:#455a64;border-radius:10px;padding:2px 8px}
.header-tools{display:flex;align-items:center;gap:6px}
.lang-switch{font-size:12px;border-radius:10px;border:0;padding:2px 4px;background:#eceff1;color:#263238;font-family:inherit}
.richmenu[hidden]{display:none}
.log{flex:1 1 auto;overflow-y:auto;padding:12px 10px;display:flex;flex-direction:column;gap:8px}
.row{display:flex}
.row.user{justify-content:flex-end}
.row.bot{justify-content:flex-start;max-width:100%}
.bubble-user{background:#85e249;border-radius:16px;padding:8px 12px;max-width:75%;white-space:pre-wrap;overflow-wrap:anywhere}
.msg-text{background:#fff;border-radius:16px;padding:8px 12px;max-width:85%;white-space:pre-wrap;overflow-wrap:anywhere;font-size:15px;line-height:1.5}
.msg-flex{max-width:100%;overflow:hidden}
.quick-area{padding:0 8px}
.quick-replies{display:flex;gap:6px;overflow-x:auto;padding:6px 2px}
.chip{flex:0 0 auto;border:1px solid #fff;background:rgba(255,255,255,.92);color:#1d4ed8;border-radius:16px;padding:6px 12px;font-size:13px;cursor:pointer;font-family:inherit}
.composer{display:flex;gap:6px;padding:8px;background:#fff}
.composer input{flex:1 1 auto;font-size:16px;padding:8px 10px;border:1px solid #cfd8dc;border-radius:18px}
.composer button{font-size:15px;border:0;background:#06c755;color:#fff;border-radius:18px;padding:0 16px;cursor:pointer}
.richmenu{position:relative;width:100%;background:#fff}
.richmenu-image{width:100%;height:100%;display:block}
.tile{position:absolute;background:transparent;border:0;cursor:pointer}
.tile:focus-visible{outline:3px solid #ffeb3b}
.error{color:#b71c1c;background:#fff;border-radius:8px;padding:6px 10px;font-size:13px}
${FLEX_CSS}`;

/**
 * The page's script: send text and taps to /simulator/send, show the bot's replies. When the page
 * opens it sends `follow`, so the chat starts with the greeting a new friend gets; switching the
 * profile language shows that language's menu and sends `follow` again. Every request says the
 * profile's language when it is not Japanese (`lang`). A language tile flips the switch and the
 * menu, as LINE's richmenuswitch does, and sends its data without a message. Replies are shown
 * in the order they were asked for. The log keeps its newest message in view, above the quick-reply
 * bar: it scrolls to the end once the bar is drawn, and again whenever the log gets shorter or taller
 * (the bar appearing or going, the window resized, an image loaded), unless the citizen has
 * scrolled up to read.
 */
export const SIMULATOR_JS = `
(function () {
  var log = document.getElementById('log');
  var quick = document.getElementById('quick');
  var input = document.getElementById('input');
  var langSwitch = document.getElementById('profile-lang');
  var pinned = true;
  function showMenu(lang) {
    Array.prototype.forEach.call(document.querySelectorAll('nav.richmenu'), function (n) { n.hidden = n.getAttribute('data-lang') !== lang; });
  }
  function withLang(payload) { if (langSwitch && langSwitch.value !== 'ja') payload.lang = langSwitch.value; return payload; }
  function atEnd() { return log.scrollHeight - log.scrollTop - log.clientHeight < 2; }
  function toEnd() { log.scrollTop = log.scrollHeight; pinned = true; }
  log.addEventListener('scroll', function () { pinned = atEnd(); });
  if (window.ResizeObserver) new ResizeObserver(function () { if (pinned) toEnd(); }).observe(log);
  log.addEventListener('load', function () { if (pinned) toEnd(); }, true);
  function row(cls, html) {
    var div = document.createElement('div');
    div.className = 'row ' + cls;
    div.innerHTML = html;
    log.appendChild(div);
  }
  function userSays(text) {
    var span = document.createElement('div');
    span.className = 'bubble-user';
    span.textContent = text;
    var div = document.createElement('div');
    div.className = 'row user';
    div.appendChild(span);
    log.appendChild(div);
  }
  var queue = Promise.resolve();
  function send(payload, shown) {
    var body = JSON.stringify(withLang(payload));
    if (shown) userSays(shown);
    quick.innerHTML = '';
    toEnd();
    queue = queue.then(function () {
      return fetch('/simulator/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body })
        .then(function (r) {
          if (!r.ok) throw new Error(r.status === 429 ? 'busy' : 'failed');
          return r.json();
        })
        .then(function (res) {
          (res.messages || []).forEach(function (html) { row('bot', html); });
          quick.innerHTML = res.quickReply || '';
          toEnd();
        })
        .catch(function (err) {
          row('bot', '<div class="error">' + (err && err.message === 'busy' ? '送信が多すぎます。1 分ほど待ってからお試しください' : '送信できませんでした') + '</div>');
          toEnd();
        });
    });
  }
  document.getElementById('composer').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ type: 'text', text: text }, text);
  });
  document.addEventListener('click', function (e) {
    var target = e.target;
    var el = target && target.closest ? target.closest('[data-postback],[data-text],[data-uri]') : null;
    if (!el) return;
    e.preventDefault();
    if (el.dataset.switch) {
      send({ type: 'postback', data: el.dataset.postback || '' }, '');
      if (langSwitch) langSwitch.value = el.dataset.switch;
      showMenu(el.dataset.switch);
    } else if (el.dataset.postback !== undefined) send({ type: 'postback', data: el.dataset.postback }, el.dataset.display || '');
    else if (el.dataset.text !== undefined) send({ type: 'text', text: el.dataset.text }, el.dataset.text);
    else if (el.dataset.uri) window.open(el.dataset.uri, '_blank', 'noopener');
  });
  if (langSwitch) langSwitch.addEventListener('change', function () { showMenu(langSwitch.value); send({ type: 'follow' }); });
  send({ type: 'follow' });
})();
`;
