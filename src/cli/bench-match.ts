import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { toAskLine } from './ask';
import { questionSets, type QuestionSet } from './question-sets';
import { OUTCOMES, scoreAnswers, scoreReplies } from './score-answers';
import { createPledgeMatcher } from '../matching/pledge-matcher';
import { loadCatalog } from '../pledges/load-catalog';
import { PROJECT_ROOT } from '../project-root';

/**
 * `npm run bench:match -- [--data DIR] [--rounds N] [--questions FILE ...]`: how the bot's matcher
 * answers the labelled question sets (the repo's test/fixtures/questions/ and, when present,
 * ../shared/eval's dev sets), scored as a resident gets it (score-replies.mjs: answer-ok,
 * suggest-ok, refused, wrong, reject-ok) per kind, with the summary figures of the matching
 * issue (Japanese messages, and English ones apart) and score.mjs's category / hit@3 / reject. Then latency on questions never seen before
 * (the matcher without its cache), index build time and heap. Run with `node --expose-gc` (the
 * npm script does) for stable heap figures.
 */

function args(argv: string[]): { data: string; rounds: number; files: string[] } {
  let data = path.join(PROJECT_ROOT, 'data');
  let rounds = 5;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data') data = path.resolve(argv[++i]!);
    else if (argv[i] === '--rounds') rounds = Number(argv[++i]);
    else if (argv[i] === '--questions') files.push(argv[++i]!);
  }
  return { data, rounds, files };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
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

function report(set: QuestionSet, matcher: ReturnType<typeof createPledgeMatcher>): string {
  const answers = set.questions.map((g) => toAskLine(g.q, matcher.match(g.q)));
  const replies = scoreReplies(set.questions, answers);
  const classic = scoreAnswers(set.questions, answers).find((r) => r.kind === 'all')!;
  const s = replies.summary;
  return [
    `## ${set.name}${set.heldOut ? ' (held out: never calibrated on)' : ''}: ${set.questions.length} questions`,
    '',
    table(
      ['kind', 'n', ...OUTCOMES],
      replies.rows.map((r) => [
        r.kind,
        String(r.n),
        ...OUTCOMES.map((o) => (r.share[o] ? r.share[o].toFixed(3) : '·')),
      ]),
    ),
    '',
    ...(set.questions.some((g) => g.kind !== 'english')
      ? [
          `Japanese: answer-ok=${f3(s.answerOk)} within-one-tap=${f3(s.withinOneTap)} wrong=${f3(s.wrong)} ` +
            `detail-within-one-tap=${f3(s.detailWithinOneTap)} out-of-scope-refused=${f3(s.refused)}`,
        ]
      : []),
    ...(replies.english
      ? [
          `English: answer-ok=${f3(replies.english.answerOk)} within-one-tap=${f3(replies.english.withinOneTap)} ` +
            `wrong=${f3(replies.english.wrong)} out-of-scope-refused=${f3(replies.english.refused)}`,
        ]
      : []),
    `score.mjs: category=${f3(classic.category)} hit@3=${f3(classic.hit3)} reject=${f3(classic.reject)}`,
    '',
  ].join('\n');
}

function main(): void {
  const a = args(process.argv.slice(2));
  const sets = questionSets(a.files);
  const t0 = performance.now();
  const catalog = loadCatalog(a.data);
  const loadMs = performance.now() - t0;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  // The matcher without the bot's cache: every question below is matched afresh.
  const matcher = createPledgeMatcher(catalog);
  const buildMs = performance.now() - t1;
  gc();
  const heapIndex = process.memoryUsage().heapUsed - heapBefore;

  process.stdout.write(
    `# matcher benchmark: data ${path.relative(process.cwd(), a.data) || '.'} (${catalog.items.length} items)\n\n`,
  );
  for (const set of sets) process.stdout.write(`${report(set, matcher)}\n`);

  const questions = sets.flatMap((s) => s.questions.map((g) => g.q));
  for (const q of questions) matcher.match(q); // warm-up (JIT), not a cache: the matcher keeps none
  const times: number[] = [];
  for (let r = 0; r < a.rounds; r++) {
    for (const q of questions) {
      const s = performance.now();
      matcher.match(q);
      times.push(performance.now() - s);
    }
  }
  times.sort((x, y) => x - y);
  const mean = times.reduce((x, y) => x + y, 0) / Math.max(1, times.length);
  const long = 'この質問はとても長い文章です。防災の取り組みについて教えてください。'.repeat(170).slice(0, 5000);
  const sLong = performance.now();
  matcher.match(long);
  const longMs = performance.now() - sLong;
  process.stdout.write(
    table(
      ['measure', 'value'],
      [
        ['questions timed (no cache)', `${times.length} (${questions.length} × ${a.rounds} rounds)`],
        ['latency mean', `${mean.toFixed(3)} ms`],
        ['latency p50', `${quantile(times, 0.5).toFixed(3)} ms`],
        ['latency p99', `${quantile(times, 0.99).toFixed(3)} ms`],
        ['latency max', `${(times[times.length - 1] ?? 0).toFixed(3)} ms`],
        ['5,000-character question', `${longMs.toFixed(3)} ms`],
        ['data load + validation', `${loadMs.toFixed(1)} ms`],
        ['index build', `${buildMs.toFixed(1)} ms`],
        ['index heap', `${(heapIndex / 1024).toFixed(0)} KB`],
        ['process heap used', `${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB`],
        ['process RSS', `${(process.memoryUsage().rss / 1048576).toFixed(1)} MB`],
      ],
    ) + '\n',
  );
  process.stdout.write(
    `\nlatency mean=${mean.toFixed(3)} ms p50=${quantile(times, 0.5).toFixed(3)} ms p99=${quantile(times, 0.99).toFixed(3)} ms\n`,
  );
}

main();
