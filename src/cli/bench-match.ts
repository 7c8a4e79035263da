import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { toAskLine } from './ask';
import { parseGold, scoreAnswers } from './score-answers';
import { createPledgeMatcher } from '../matching/pledge-matcher';
import { loadCatalog } from '../pledges/load-catalog';
import { PROJECT_ROOT } from '../project-root';

/**
 * `npm run bench:match -- [--questions FILE] [--data DIR] [--rounds N]`: accuracy of the bot's
 * matcher on a question set kept in the repo (test/fixtures/match-questions.jsonl by default),
 * latency per question (p50/p99 over N rounds after a warm-up), index build time and heap.
 * Prints tables; run with `node --expose-gc` (the npm script does) for stable heap figures.
 */

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const pct = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string =>
    `| ${r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, c) => (c === 0 ? ':' : '-') + '-'.repeat(w) + (c === 0 ? '-' : ':')).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

function main(): void {
  const questionsFile = path.resolve(
    arg('--questions', path.join(PROJECT_ROOT, 'test/fixtures/match-questions.jsonl')),
  );
  const dataDir = path.resolve(arg('--data', path.join(PROJECT_ROOT, 'data')));
  const rounds = Number(arg('--rounds', '20'));
  const gold = parseGold(readFileSync(questionsFile, 'utf8'));

  const t0 = performance.now();
  const catalog = loadCatalog(dataDir);
  const loadMs = performance.now() - t0;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  const matcher = createPledgeMatcher(catalog);
  const buildMs = performance.now() - t1;
  gc();
  const heapIndex = process.memoryUsage().heapUsed - heapBefore;

  const answers = gold.map((g) => toAskLine(g.q, matcher.match(g.q)));
  const scores = scoreAnswers(gold, answers);

  for (const g of gold) matcher.match(g.q); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const g of gold) {
      const s = performance.now();
      matcher.match(g.q);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  const long = 'この質問はとても長い文章です。'.repeat(400);
  const sLong = performance.now();
  matcher.match(long);
  const longMs = performance.now() - sLong;

  process.stdout.write(
    `# matcher benchmark: ${gold.length} questions from ${path.relative(process.cwd(), questionsFile)}, data ${path.relative(process.cwd(), dataDir) || '.'} (${catalog.items.length} items)\n\n`,
  );
  process.stdout.write(
    table(
      ['kind', 'n', 'category', 'hit@1', 'hit@3', 'reject', 'false_answer'],
      scores.map((s) => [
        s.kind,
        String(s.n),
        pct(s.category),
        pct(s.hit1),
        pct(s.hit3),
        pct(s.reject),
        pct(s.falseAnswer),
      ]),
    ) + '\n\n',
  );
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  process.stdout.write(
    table(
      ['measure', 'value'],
      [
        ['questions timed', `${times.length} (${rounds} rounds)`],
        ['latency p50', `${quantile(times, 0.5).toFixed(3)} ms`],
        ['latency p99', `${quantile(times, 0.99).toFixed(3)} ms`],
        ['latency max', `${times[times.length - 1]!.toFixed(3)} ms`],
        ['latency mean', `${mean.toFixed(3)} ms`],
        ['6,000-character question', `${longMs.toFixed(3)} ms`],
        ['data load + validation', `${loadMs.toFixed(1)} ms`],
        ['index build', `${buildMs.toFixed(1)} ms`],
        ['index heap', `${(heapIndex / 1024).toFixed(0)} KB`],
        ['process heap used', `${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB`],
        ['process RSS', `${(process.memoryUsage().rss / 1048576).toFixed(1)} MB`],
      ],
    ) + '\n',
  );
  const all = scores[scores.length - 1]!;
  process.stdout.write(`\ncategory=${pct(all.category)} hit@3=${pct(all.hit3)} reject=${pct(all.reject)}\n`);
}

main();
