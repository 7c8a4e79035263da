import { config as loadDotenv } from 'dotenv';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listAllCards } from '../cards/all-cards';
import { COPY } from '../copy/ja';
import { parseConfig } from '../config';
import { loadCatalog } from '../pledges/load-catalog';
import { escapeHtml, FLEX_CSS, renderMessage, renderQuickReply } from '../simulator/flex-to-html';

/**
 * `npm run cards:preview -- DIR`: writes DIR/index.html, a static gallery of every card the bot
 * can send (each area and page, each item answer, did-you-mean, not found, greeting, menu), in
 * Japanese and then in English (`en-…`), drawn by the simulator's renderer, for staff to review a
 * data change (the English reference translation too) in any browser.
 */
function main(argv: string[]): number {
  const dir = argv.find((a) => !a.startsWith('-'));
  if (!dir) {
    process.stderr.write('使い方: npm run cards:preview -- 出力フォルダ\n');
    return 2;
  }
  loadDotenv({ quiet: true });
  const catalog = loadCatalog(parseConfig(process.env, process.cwd(), 'tool').dataDir);
  const cards = listAllCards(catalog);
  const sections = cards
    .map(
      ([name, message]) =>
        `<section id="${escapeHtml(name)}"><h2>${escapeHtml(name)}</h2><p class="alt">altText: ${escapeHtml(
          message.type === 'flex' ? message.altText : '(テキスト)',
        )}</p><div class="chat">${renderMessage(message)}${renderQuickReply(message)}</div></section>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(COPY.botName)} カード一覧 (${escapeHtml(catalog.source.reportTitle)})</title>
<style>
body{margin:0 auto;max-width:520px;font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans",sans-serif;background:#e9edf2;padding:12px}
h1{font-size:18px}h2{font-size:14px;margin:24px 0 4px;color:#263238}.alt{font-size:12px;color:#455a64;margin:0 0 6px}
nav a{font-size:12px;margin-right:6px}
.chat{background:#8cabd9;padding:10px;border-radius:8px}
.msg-text{background:#fff;border-radius:16px;padding:8px 12px;white-space:pre-wrap;font-size:15px;line-height:1.5}
.quick-replies{display:flex;gap:6px;overflow-x:auto;padding-top:8px}
.chip{flex:0 0 auto;border:1px solid #fff;background:rgba(255,255,255,.92);color:#1d4ed8;border-radius:16px;padding:6px 12px;font-size:13px}
${FLEX_CSS}
</style></head><body>
<h1>${escapeHtml(COPY.botName)} — カード一覧 (${cards.length} 件、データ版 ${escapeHtml(catalog.version)})</h1>
<nav>${cards.map(([n]) => `<a href="#${escapeHtml(n)}">${escapeHtml(n)}</a>`).join('')}</nav>
${sections}
</body></html>
`;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.html');
  writeFileSync(file, html);
  process.stdout.write(`${cards.length} cards written to ${path.resolve(file)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
