import { config as loadDotenv } from 'dotenv';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listAllCards } from '../cards/all-cards';
import { parseConfig } from '../config';
import { loadCatalog } from '../pledges/load-catalog';

/**
 * `npm run cards:dump -- DIR`: writes every card the bot can send as JSON into DIR.
 * `NAME.json` holds the Flex container (bubble or carousel), ready to paste into LINE's Flex
 * Message Simulator (https://developers.line.biz/flex-simulator/); `NAME.message.json` holds the
 * whole message object (altText, quick replies) as the bot sends it. Text messages have only the
 * latter. Japanese first, then the same kinds in English as `en-NAME`.
 */
function main(argv: string[]): number {
  const dir = argv.find((a) => !a.startsWith('-'));
  if (!dir) {
    process.stderr.write('使い方: npm run cards:dump -- 出力フォルダ\n');
    return 2;
  }
  loadDotenv({ quiet: true });
  const catalog = loadCatalog(parseConfig(process.env, process.cwd(), 'tool').dataDir);
  mkdirSync(dir, { recursive: true });
  const cards = listAllCards(catalog);
  for (const [name, message] of cards) {
    writeFileSync(path.join(dir, `${name}.message.json`), `${JSON.stringify(message, null, 2)}\n`);
    if (message.type === 'flex')
      writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(message.contents, null, 2)}\n`);
  }
  process.stdout.write(`${cards.length} messages written to ${path.resolve(dir)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
