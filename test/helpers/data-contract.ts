import path from 'node:path';
import { parseEvent } from '../../src/bot/incoming-event';
import type { Knowledge } from '../../src/bot/handler-context';
import { ROUTES } from '../../src/bot/routes';
import { listAllCards } from '../../src/cards/all-cards';
import { LINE_LIMITS } from '../../src/cards/limits';
import type { OutgoingMessage } from '../../src/cards/message-types';
import { decodePostback } from '../../src/cards/postback-codec';
import { createPledgeMatcher } from '../../src/matching/pledge-matcher';
import type { Catalog } from '../../src/pledges/catalog';
import { DataError, formatProblem } from '../../src/pledges/data-error';
import { readingTexts } from '../../src/pledges/readings';
import { loadRichMenu, RICH_MENU_DIR } from '../../src/richmenu/definition';
import { loadValidData } from '../../src/valid-data';
import { cardLimitProblems, postbacksIn } from './card-checks';
import { loadLineSchema, type LineSchema } from './line-schema';
import { REPO_ROOT } from './paths';
import { postbackEvent } from './webhook';

/**
 * The data contract: what must hold for ANY data set that `npm run data:check` accepts — the live
 * data/ after staff edits, after `npm run data:import` of next year's report, after an item added
 * by hand. Never counts or wording (those are pinned on test/fixtures/data-2026).
 *
 * 1. `loads` — the data passes the same validation as data:check and the bot (valid-data.ts).
 * 2. `cards` — every message the bot can send for it (src/cards/all-cards.ts) is a valid LINE
 *    Message by LINE's OpenAPI schema and within the limits the schema does not state.
 * 3. `postbacks` — every button and quick reply in those messages gets an answer (not the
 *    "unknown postback" reply).
 * 4. `richmenu` — every tile of richmenu/menu.json gets an answer; an area tile gets that area.
 * 5. `titles` — every item is found by its own title: asking the title returns the item among the
 *    answer's items or the もしかして suggestions (checked for all 91 items of 2026: all pass).
 * 6. `labels` — every area is answered by its label (「防災」 → the disaster area).
 * 7. `readings` — the generated readings are kana words with one space between them.
 * 8. `chatter` — greetings, thanks and menu words never bring a card.
 */
export const DATA_CONTRACT = [
  'loads',
  'cards',
  'postbacks',
  'richmenu',
  'titles',
  'labels',
  'readings',
  'chatter',
] as const;
export type ContractClause = (typeof DATA_CONTRACT)[number];

export interface ContractOptions {
  /** The rich menu whose tiles must be answered (default: the repository's richmenu/). */
  richMenuDir?: string;
}

/** One clause's findings: [] when it holds. */
export type ContractReport = Record<ContractClause, string[]>;

let sharedSchema: LineSchema | undefined;
const lineSchema = (): LineSchema => (sharedSchema ??= loadLineSchema());

/**
 * Checks the data set in `dir` against every clause of the contract. When the data does not load,
 * `loads` lists data:check's problems and the other clauses say they were not checked.
 */
export function checkDataContract(dir: string, options: ContractOptions = {}): ContractReport {
  let catalog: Catalog;
  try {
    catalog = loadValidData(dir).catalog;
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    const notChecked = ['not checked: the data does not load'];
    return {
      loads: err.problems.map(formatProblem),
      cards: notChecked,
      postbacks: notChecked,
      richmenu: notChecked,
      titles: notChecked,
      labels: notChecked,
      readings: notChecked,
      chatter: notChecked,
    };
  }
  const knowledge: Knowledge = { catalog, matcher: createPledgeMatcher(catalog) };
  const messages = listAllCards(catalog);
  return {
    loads: [],
    cards: cardProblems(messages),
    postbacks: postbackProblems(messages, knowledge),
    richmenu: richMenuProblems(knowledge, options.richMenuDir ?? path.join(REPO_ROOT, RICH_MENU_DIR)),
    titles: titleProblems(knowledge),
    labels: labelProblems(knowledge),
    readings: readingProblems(catalog),
    chatter: chatterProblems(knowledge),
  };
}

/** Every broken clause as "clause: problem" lines; [] when the whole contract holds. */
export function dataContractProblems(dir: string, options: ContractOptions = {}): string[] {
  const report = checkDataContract(dir, options);
  return DATA_CONTRACT.flatMap((clause) => report[clause].map((p) => `${clause}: ${p}`));
}

type Named = [string, OutgoingMessage][];

function cardProblems(messages: Named): string[] {
  const schema = lineSchema();
  const problems: string[] = [];
  for (const [name, message] of messages) {
    for (const p of schema.validate('Message', message)) problems.push(`${name}: LINE schema: ${p}`);
    for (const p of cardLimitProblems(message)) problems.push(`${name}: ${p}`);
  }
  // As sent: up to 5 messages in one reply.
  const all = messages.map(([, m]) => m);
  for (let i = 0; i < all.length; i += LINE_LIMITS.messagesPerReply) {
    const request = { replyToken: 'r', messages: all.slice(i, i + LINE_LIMITS.messagesPerReply) };
    for (const p of schema.validate('ReplyMessageRequest', request)) problems.push(`reply of messages ${i + 1}…: ${p}`);
  }
  return problems;
}

/** The reply the bot gives to a postback, through its real route table. */
function answer(data: string, k: Knowledge): ReturnType<(typeof ROUTES)[number]['handle']> {
  const event = parseEvent(postbackEvent(data));
  if (!event) return undefined;
  return ROUTES.map((r) => r.handle(event, k)).find((x) => x !== undefined);
}

function postbackProblems(messages: Named, k: Knowledge): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [name, message] of messages) {
    for (const data of postbacksIn(message)) {
      if (seen.has(data)) continue;
      seen.add(data);
      const reply = answer(data, k);
      if (!reply) problems.push(`${name}: postback "${data}" gets no reply`);
      else if (reply.outcome === 'unknown-postback') problems.push(`${name}: postback "${data}" is not understood`);
    }
  }
  return problems;
}

function richMenuProblems(k: Knowledge, dir: string): string[] {
  const { menu } = loadRichMenu(dir);
  const problems: string[] = [];
  for (const [i, tile] of menu.areas.entries()) {
    const where = `richmenu tile ${i + 1} (${tile.action.label ?? tile.action.type})`;
    if (tile.action.type !== 'postback') continue;
    const data = tile.action.data ?? '';
    const reply = answer(data, k);
    const cmd = decodePostback(data);
    if (!reply || reply.outcome === 'unknown-postback' || !cmd) {
      problems.push(`${where}: postback "${data}" gets no answer`);
      continue;
    }
    if (cmd.action === 'area') {
      const area = k.catalog.findArea(cmd.area);
      if (reply.outcome !== 'area') problems.push(`${where}: answered with ${reply.outcome}, not the area card`);
      const first = area?.items[0];
      if (first && !JSON.stringify(reply.messages).includes(JSON.stringify(first.text).slice(1, -1)))
        problems.push(`${where}: the card does not show the area's first item ${first.id}`);
    }
  }
  return problems;
}

function titleProblems(k: Knowledge): string[] {
  const problems: string[] = [];
  for (const item of k.catalog.items) {
    const r = k.matcher.match(item.title);
    if (!r.items.some((x) => x.item.id === item.id))
      problems.push(
        `${item.id} is not found by its title 「${item.title}」 (got ${r.kind}: ${r.items.map((x) => x.item.id).join(', ') || 'nothing'})`,
      );
  }
  return problems;
}

function labelProblems(k: Knowledge): string[] {
  return k.catalog.areas
    .map((a) => ({ a, r: k.matcher.match(a.label) }))
    .filter(({ a, r }) => r.category !== a.id)
    .map(({ a, r }) => `area ${a.id} is not answered by its label 「${a.label}」 (got ${r.kind} ${r.category ?? ''})`);
}

function readingProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const t of readingTexts(catalog)) {
    const r = catalog.reading(t);
    if (!r) continue;
    if (/[\u30A1-\u30F6]/u.test(r)) problems.push(`the reading of 「${t}」 has katakana: ${r}`);
    if (/\s{2}/u.test(r)) problems.push(`the reading of 「${t}」 has two spaces in a row`);
  }
  return problems;
}

/** Messages that are no question about the report, for any data set. */
export const CHATTER = ['あ', '？', '', 'こんにちは', 'ありがとう', 'メニュー'] as const;

function chatterProblems(k: Knowledge): string[] {
  return CHATTER.map((q) => ({ q, kind: k.matcher.match(q).kind }))
    .filter(({ kind }) => !['none', 'menu', 'smalltalk'].includes(kind))
    .map(({ q, kind }) => `「${q}」 brings a card (${kind})`);
}
