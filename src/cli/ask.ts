import { config as loadDotenv } from 'dotenv';
import { createInterface } from 'node:readline';
import { createKnowledge } from '../compose';
import { ConfigError, parseConfig } from '../config';
import type { Knowledge } from '../bot/handler-context';
import { detectLanguage, type Lang } from '../matching/language';
import { MAX_RESULTS, MAX_SUGGESTIONS, type MatchKind, type MatchResult } from '../matching/matcher';
import { DataError } from '../pledges/data-error';
import { loadCatalog } from '../pledges/load-catalog';
import { createPledgeAnalyser } from '../matching/pledge-matcher';

/**
 * `npm run --silent ask -- --jsonl`: questions on stdin, one JSON answer per line (the contract).
 * `npm run ask -- "質問"`: a readable answer with scores and the words that matched.
 * Same data loading and matcher as the bot (compose.createKnowledge).
 */

/** What the citizen gets, as the contract names it. */
export type AskReply = 'area' | 'items' | 'suggest' | 'not-found' | 'menu' | 'smalltalk';

export interface AskItem {
  id: string;
  category: string;
  text: string;
}

export interface AskLine {
  query: string;
  /** The area answered; null unless the reply is area or items. */
  category: string | null;
  /** The answer's items, best first ([] unless area or items). */
  results: AskItem[];
  reply: AskReply;
  /** The もしかして candidates, at most 3 ([] unless suggest). */
  suggestions: AskItem[];
  /** The language of the reply the bot would send: the message's (detectLanguage). */
  lang: Lang;
}

const REPLY_OF: Record<MatchKind, AskReply> = {
  area: 'area',
  items: 'items',
  suggest: 'suggest',
  none: 'not-found',
  menu: 'menu',
  smalltalk: 'smalltalk',
};

/** The contract's JSON line for one question. */
export function toAskLine(query: string, result: MatchResult): AskLine {
  const list = (n: number): AskItem[] =>
    result.items.slice(0, n).map((r) => ({ id: r.item.id, category: r.item.category, text: r.item.text }));
  return {
    query,
    category: result.category,
    results: result.category === null ? [] : list(MAX_RESULTS),
    reply: REPLY_OF[result.kind],
    suggestions: result.kind === 'suggest' ? list(MAX_SUGGESTIONS) : [],
    lang: detectLanguage(query),
  };
}

/** Human-readable explanation for staff: chosen area, top items, scores, matched words. */
export function explain(query: string, result: MatchResult, k: Knowledge): string {
  const english = detectLanguage(query) === 'en';
  // An English question is matched against the English fields: its words belong in en.keywords.
  const keywords = english ? 'en.keywords (英語のキーワード)' : 'keywords';
  const lines = [`質問: ${query}  (返事の言語: ${english ? '英語' : '日本語'})`];
  if (result.words.length) {
    lines.push(
      `質問の言葉 (重み): ${result.words.map((w) => `${w.word}(${w.weight.toFixed(1)}${w.known ? '' : ', データにない言葉'}${w.focus ? '' : ', 前置き'})`).join(' ')}`,
    );
  }
  if (result.kind === 'menu') {
    lines.push('結果: 公約全体についての質問です (8 分野の一覧を返します)');
    return lines.join('\n');
  }
  if (result.kind === 'smalltalk') {
    lines.push('結果: あいさつです (短いお返事を返します)');
    return lines.join('\n');
  }
  if (result.kind === 'none') {
    lines.push(
      `結果: 見つかりませんでした (確からしさ ${result.confidence.toFixed(2)}。「見つかりません」の返事と 8 分野のボタンを返します)`,
    );
    lines.push(`ヒント: 答えるべき項目があれば、その項目の ${keywords} に質問の言葉を加えてください。`);
    return lines.join('\n');
  }
  if (result.kind === 'suggest') {
    lines.push(
      `結果: 確からしさ ${result.confidence.toFixed(2)} のため「もしかして」で候補を示します (回答とはみなしません)`,
    );
    result.items.forEach((r, i) =>
      lines.push(`${i + 1}. [${r.item.id}] score=${r.score.toFixed(2)} ${r.item.title}  一致: ${r.matched.join(', ')}`),
    );
    lines.push(`ヒント: 正しい候補があれば、その項目の ${keywords} に質問の言葉を加えてください。`);
    return lines.join('\n');
  }
  if (result.kind !== 'area' && result.kind !== 'items') return lines.join('\n');
  const area = k.catalog.area(result.category);
  lines.push(`確からしさ: ${result.confidence.toFixed(2)}`);
  lines.push(
    result.kind === 'area'
      ? `結果: 分野「${area.label}」のカードを返します (一致した言葉: ${result.matchedArea.join(', ')})`
      : `結果: 項目のカードを返します (分野: ${area.label})`,
  );
  result.items.slice(0, MAX_RESULTS).forEach((r, i) => {
    lines.push(`${i + 1}. [${r.item.id}] score=${r.score.toFixed(2)} ${r.item.title}`);
    lines.push(`   ${r.item.text}`);
    if (r.matched.length) lines.push(`   一致した言葉: ${r.matched.join(', ')}`);
  });
  return lines.join('\n');
}

export interface AskIo {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  stdin: NodeJS.ReadableStream;
  out(text: string): void;
  err(text: string): void;
}

/** Runs the ask command; resolves to the exit code. */
export async function runAsk(io: AskIo): Promise<number> {
  let knowledge: Knowledge;
  try {
    const config = parseConfig(io.env, process.cwd(), 'tool');
    knowledge = createKnowledge(loadCatalog(config.dataDir), config.matchThresholds);
  } catch (err) {
    if (err instanceof DataError || err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (io.argv.includes('--jsonl')) {
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      const query = line.replace(/^\uFEFF/u, '');
      io.out(`${JSON.stringify(toAskLine(query, knowledge.matcher.match(query)))}\n`);
    }
    return 0;
  }
  const questions = io.argv.filter((a) => !a.startsWith('--'));
  if (!questions.length) {
    io.err('使い方: npm run ask -- "質問"   /   npm run --silent ask -- --jsonl < questions.txt\n');
    return 2;
  }
  const analyser = io.argv.includes('--debug') ? createPledgeAnalyser(knowledge.catalog) : undefined;
  for (const q of questions) {
    io.out(`${explain(q, knowledge.matcher.match(q), knowledge)}\n`);
    const a = analyser?.analyse(q);
    if (a?.kind === 'ranked')
      io.out(`[debug] item: ${JSON.stringify(a.item)}\n[debug] area ${a.bestArea.id}: ${JSON.stringify(a.area)}\n`);
    io.out('\n');
  }
  return 0;
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  // `npm run ask … | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  runAsk({
    argv: process.argv.slice(2),
    env: process.env,
    stdin: process.stdin,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`ask failed: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
