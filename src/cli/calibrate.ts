import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FEATURES, featureVector, guarded, type Candidate } from '../matching/decide';
import { MAX_SUGGESTIONS } from '../matching/matcher';
import { createPledgeAnalyser, itemsAnswer, suggestionsFor, type Analysis } from '../matching/pledge-matcher';
import { detectLanguage, type Lang } from '../matching/language';
import { DEFAULT_TUNABLES, type Tunables } from '../matching/tunables';
import { loadCatalog } from '../pledges/load-catalog';
import { PROJECT_ROOT } from '../project-root';
import { questionSets } from './question-sets';
import type { GoldQuestion } from './score-answers';

/**
 * `npm run calibrate -- [--data DIR] [--lang ja|en] [--skip-kind KIND] [--write] [FILE...]`: fits
 * the matcher's confidence models (decide.ts) and chooses their two thresholds on labelled
 * question sets (the format of shared/eval; by default the repo's test/fixtures/questions/ and
 * ../shared/eval's dev sets, question-sets.ts, without the held-out ones), and says how well that
 * generalises: each set is held out in turn, the model is fitted and the thresholds chosen on the
 * others, and the held-out set is scored (leave one set out, i.e. cross-validation across
 * writers). Then the held-out sets are scored with the model fitted on all the others. Prints the
 * out-of-fold calibration table and the model fitted on all sets; --write puts it into
 * src/matching/tunables.ts.
 *
 * There are two models, one per language of the message (language.ts): Japanese messages decide
 * with `decision`, English ones with `englishDecision` (their features are measured on other
 * fields, so their weights differ). Each is fitted on the messages of its language only.
 *
 * Thresholds: `answer` is the lowest confidence at which, on the training sets, wrong cards stay
 * under `maxWrong` of the answerable questions and at least `minRefused` of the out-of-scope
 * questions get no card (the targets of the matching issue, with a margin); `suggest` the lowest
 * at which at most MAX_SUGGEST_OOS of the out-of-scope questions get もしかして.
 */

/** How each language's model is fitted and its thresholds chosen. */
interface LanguageRules {
  lang: Lang;
  name: string;
  /** The Tunables field that holds its decision. */
  field: 'decision' | 'englishDecision';
  /** Wrong cards allowed, as a share of the answerable training questions, when choosing `answer`. */
  maxWrong: number;
  /** Out-of-scope training questions that must get no card, when choosing `answer`. */
  minRefused: number;
  /** L2 penalty of the logistic fit (on standardised features). */
  l2: number;
}

const LANGUAGES: readonly LanguageRules[] = [
  { lang: 'ja', name: 'Japanese', field: 'decision', maxWrong: 0.015, minRefused: 0.97, l2: 0.01 },
  // About 90 English questions (a tenth of the Japanese): a stronger penalty keeps the weights
  // from learning the sets by heart; the issue asks 85% of out-of-scope English questions refused.
  { lang: 'en', name: 'English', field: 'englishDecision', maxWrong: 0.015, minRefused: 0.97, l2: 0.1 },
];

/** もしかして offered to out-of-scope questions at most this often, when choosing `suggest`. */
const MAX_SUGGEST_OOS = 0.35;

interface Sample {
  set: string;
  /** The message's language: which model decides it. */
  lang: Lang;
  gold: GoldQuestion;
  /** Early answers (menu, small talk, no content) carry no candidate. */
  item?: Candidate;
  area?: Candidate;
  /** Whether an items answer / the area card / the もしかして list would be right. */
  itemOk: boolean;
  areaOk: boolean;
  suggestOk: boolean;
  /** The area card competes (its own words explain at least as much as the best item's). */
  areaCompetes: boolean;
  inScope: boolean;
}

const nfkc = (s: string): string => s.normalize('NFKC');

function samples(set: string, gold: GoldQuestion[], analyse: (q: string) => Analysis, t: Tunables): Sample[] {
  return gold.map((g): Sample => {
    const accept = g.category === null ? null : ([] as string[]).concat(g.category);
    const hit = (texts: string[]): boolean =>
      g.items.length === 0 || texts.slice(0, 3).some((x) => g.items.some((f) => nfkc(x).includes(nfkc(f))));
    const a = analyse(g.q);
    const base = { set, gold: g, inScope: accept !== null, lang: a.kind === 'ranked' ? a.lang : detectLanguage(g.q) };
    if (a.kind === 'early') return { ...base, itemOk: false, areaOk: false, suggestOk: false, areaCompetes: false };
    const items = itemsAnswer(a, t);
    const inArea = a.scored.filter((s) => s.item.item.category === a.bestArea.id).map((s) => s.item.item.text);
    return {
      ...base,
      item: a.item,
      area: a.area,
      itemOk:
        accept !== null && accept.includes(items[0]!.item.item.category) && hit(items.map((s) => s.item.item.text)),
      areaOk: accept !== null && accept.includes(a.bestArea.id) && hit(inArea),
      suggestOk:
        accept !== null &&
        g.items.length > 0 &&
        hit(
          suggestionsFor(a)
            .slice(0, MAX_SUGGESTIONS)
            .map((s) => s.item.item.text),
        ),
      areaCompetes: a.areaCompetes,
    };
  });
}

interface Model {
  bias: number;
  weights: number[];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const predict = (m: Model, x: number[]): number => sigmoid(m.weights.reduce((z, w, k) => z + w * x[k]!, m.bias));

/** L2-regularised logistic regression by gradient descent on standardised features. */
function fit(xs: number[][], ys: number[], l2: number): Model {
  const d = FEATURES.length;
  const mean = Array.from({ length: d }, (_, k) => xs.reduce((s, x) => s + x[k]!, 0) / xs.length);
  const sd = Array.from({ length: d }, (_, k) =>
    Math.max(1e-6, Math.sqrt(xs.reduce((s, x) => s + (x[k]! - mean[k]!) ** 2, 0) / xs.length)),
  );
  const zs = xs.map((x) => x.map((v, k) => (v - mean[k]!) / sd[k]!));
  let w = new Array<number>(d).fill(0);
  let b = 0;
  const rate = 0.5;
  for (let iter = 0; iter < 3000; iter++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    zs.forEach((z, i) => {
      const e = sigmoid(b + z.reduce((s, v, k) => s + v * w[k]!, 0)) - ys[i]!;
      gb += e;
      for (let k = 0; k < d; k++) gw[k]! += e * z[k]!;
    });
    w = w.map((wk, k) => wk - rate * (gw[k]! / zs.length + l2 * wk));
    b -= (rate * gb) / zs.length;
  }
  // Back to the raw features' scale.
  const weights = w.map((wk, k) => wk / sd[k]!);
  return { bias: b - weights.reduce((s, wk, k) => s + wk * mean[k]!, 0), weights };
}

type Outcome = 'answer-ok' | 'suggest-ok' | 'refused' | 'wrong' | 'reject-ok';

/** What the citizen gets for a sample under a model and thresholds (as the matcher decides). */
function outcome(s: Sample, m: Model, answerAt: number, suggestAt: number): { o: Outcome; conf: number } {
  if (!s.item || !s.area) return { o: s.inScope ? 'refused' : 'reject-ok', conf: 0 };
  const areaConf = predict(m, featureVector(s.area));
  if (areaConf >= answerAt && !guarded(s.area) && s.areaCompetes)
    return { o: s.inScope && s.areaOk ? 'answer-ok' : 'wrong', conf: areaConf };
  const conf = predict(m, featureVector(s.item));
  if (conf >= answerAt && !guarded(s.item)) return { o: s.inScope && s.itemOk ? 'answer-ok' : 'wrong', conf };
  if (conf >= suggestAt) return { o: s.inScope ? (s.suggestOk ? 'suggest-ok' : 'refused') : 'reject-ok', conf };
  return { o: s.inScope ? 'refused' : 'reject-ok', conf };
}

function trainingRows(train: Sample[]): { xs: number[][]; ys: number[] } {
  const xs: number[][] = [];
  const ys: number[] = [];
  for (const s of train) {
    if (!s.item || !s.area) continue;
    xs.push(featureVector(s.item));
    ys.push(s.itemOk ? 1 : 0);
    if (s.areaCompetes) {
      xs.push(featureVector(s.area));
      ys.push(s.areaOk ? 1 : 0);
    }
  }
  return { xs, ys };
}

function chooseThresholds(train: Sample[], m: Model, rules: LanguageRules): { answer: number; suggest: number } {
  let answer = 0.99;
  const inScope = train.filter((s) => s.inScope);
  const outOfScope = train.filter((s) => !s.inScope);
  for (let a = 0.99; a >= 0.3; a -= 0.01) {
    const wrong = inScope.filter((s) => outcome(s, m, a, a).o === 'wrong').length;
    const refused = outOfScope.filter((s) => outcome(s, m, a, a).o === 'reject-ok').length;
    if (
      wrong / Math.max(1, inScope.length) > rules.maxWrong ||
      refused / Math.max(1, outOfScope.length) < rules.minRefused
    )
      break;
    answer = a;
  }
  const oos = train.filter((s) => !s.inScope);
  let suggest = answer;
  for (let v = answer; v >= 0.01; v -= 0.01) {
    const offered = oos.filter((s) => s.item && predict(m, featureVector(s.item)) >= v).length;
    if (offered / Math.max(1, oos.length) > MAX_SUGGEST_OOS) break;
    suggest = v;
  }
  return { answer: round2(answer), suggest: round2(suggest) };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function score(test: Sample[], m: Model, th: { answer: number; suggest: number }): string {
  const n = (pred: (s: Sample) => boolean): number => test.filter(pred).length;
  const outs = new Map(test.map((s) => [s, outcome(s, m, th.answer, th.suggest).o]));
  const inScope = test.filter((s) => s.inScope);
  const ok = n((s) => outs.get(s) === 'answer-ok');
  const tap = n((s) => outs.get(s) === 'answer-ok' || outs.get(s) === 'suggest-ok');
  const wrong = n((s) => outs.get(s) === 'wrong');
  const oos = test.length - inScope.length;
  const rej = n((s) => !s.inScope && outs.get(s) === 'reject-ok');
  const f = (a: number, b: number): string => (b ? (a / b).toFixed(3) : 'n/a');
  return `answer-ok=${f(ok, inScope.length)} within-one-tap=${f(tap, inScope.length)} wrong=${f(wrong, test.length)} reject=${f(rej, oos)}`;
}

/** The model and thresholds as they stand in tunables.ts (what --write replaces). */
function modelSource(m: Model, th: { answer: number; suggest: number }): string {
  const weights = FEATURES.map((f, k) => `        ${f}: ${round3(m.weights[k]!)},`).join('\n');
  return [
    '    model: Object.freeze({',
    `      bias: ${round3(m.bias)},`,
    '      weights: Object.freeze({',
    weights,
    '      }),',
    '    }),',
    `    answer: ${th.answer},`,
    `    suggest: ${th.suggest},`,
  ].join('\n');
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Replaces one decision's model and thresholds (`field`: decision or englishDecision) in src/matching/tunables.ts. */
function writeTunables(field: LanguageRules['field'], source: string): void {
  const file = path.join(PROJECT_ROOT, 'src', 'matching', 'tunables.ts');
  const text = readFileSync(file, 'utf8');
  const block = new RegExp(
    `(\\n  ${field}: Object\\.freeze\\(\\{\\n) {4}model: Object\\.freeze\\(\\{[\\s\\S]*?\\n {4}\\}\\),\\n {4}answer: [0-9.]+,\\n {4}suggest: [0-9.]+,`,
    'u',
  );
  if (!block.test(text)) throw new Error(`${file}: the ${field} model block was not found`);
  writeFileSync(
    file,
    text.replace(block, (_m, head: string) => `${head}${source}`),
  );
}

function main(argv: string[]): void {
  const files: string[] = [];
  const skip = new Set<string>();
  let dataDir = path.join(PROJECT_ROOT, 'data');
  let dumpFile: string | undefined;
  let write = false;
  let only: Lang | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data') dataDir = path.resolve(argv[++i]!);
    else if (argv[i] === '--dump') dumpFile = argv[++i];
    else if (argv[i] === '--write') write = true;
    else if (argv[i] === '--skip-kind') skip.add(argv[++i]!);
    else if (argv[i] === '--lang') only = argv[++i] === 'en' ? 'en' : 'ja';
    else files.push(argv[i]!);
  }
  const sets = questionSets(files);
  const training = sets.filter((s) => !s.heldOut);
  if (training.length < 2) {
    process.stderr.write(
      '使い方: npm run calibrate -- [--data DIR] [--lang ja|en] [--skip-kind KIND] [--write] [質問集1.jsonl 質問集2.jsonl ...] (質問集は 2 つ以上)\n',
    );
    process.exitCode = 2;
    return;
  }
  const t = DEFAULT_TUNABLES;
  const analyser = createPledgeAnalyser(loadCatalog(dataDir), t);
  const toSamples = (set: (typeof sets)[number]): Sample[] =>
    samples(
      set.name,
      set.questions.filter((g) => !skip.has(g.kind)),
      analyser.analyse,
      t,
    );
  const all = training.flatMap(toSamples);
  const heldOut = sets.filter((s) => s.heldOut).map((s) => ({ name: s.name, samples: toSamples(s) }));
  if (dumpFile) {
    const rows = all.map((s) => ({
      set: s.set,
      lang: s.lang,
      kind: s.gold.kind,
      q: s.gold.q,
      inScope: s.inScope,
      itemOk: s.itemOk,
      areaOk: s.areaOk,
      suggestOk: s.suggestOk,
      areaCompetes: s.areaCompetes,
      item: s.item && { x: featureVector(s.item), guard: guarded(s.item) },
      area: s.area && { x: featureVector(s.area), guard: guarded(s.area) },
    }));
    writeFileSync(dumpFile, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return;
  }
  const out: string[] = [];
  for (const rules of LANGUAGES) {
    if (only && rules.lang !== only) continue;
    const mine = all.filter((s) => s.lang === rules.lang);
    if (!mine.length) continue;
    const held = heldOut.map((h) => ({ name: h.name, samples: h.samples.filter((s) => s.lang === rules.lang) }));
    const source = calibrate(rules, mine, held, out);
    if (write) {
      writeTunables(rules.field, source);
      out.push(`src/matching/tunables.ts: ${rules.field} updated (npm run build, then npm run bench:match).`, '');
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Fits and scores one language's model (leave one set out, then all sets); returns its source. */
function calibrate(
  rules: LanguageRules,
  all: Sample[],
  heldOut: { name: string; samples: Sample[] }[],
  out: string[],
): string {
  const names = [...new Set(all.map((s) => s.set))];
  out.push(
    `# ${rules.name} (${rules.field}): calibration on ${names.length} sets (${all.length} questions)`,
    '',
    '## leave one set out: fitted and thresholds chosen on the other sets, scored on the set left out',
    '',
  );
  const oof: { conf: number; ok: boolean }[] = [];
  for (const held of names) {
    const train = all.filter((s) => s.set !== held);
    const test = all.filter((s) => s.set === held);
    const { xs, ys } = trainingRows(train);
    const m = fit(xs, ys, rules.l2);
    const th = chooseThresholds(train, m, rules);
    out.push(
      `${held.padEnd(24)} answer≥${th.answer.toFixed(2)} suggest≥${th.suggest.toFixed(2)}  ${score(test, m, th)}`,
    );
    for (const s of test) if (s.item) oof.push({ conf: predict(m, featureVector(s.item)), ok: s.itemOk });
  }
  out.push('', '## calibration of the left-out confidences (best item): predicted vs observed share right', '');
  out.push('| confidence | n | mean predicted | observed right |', '|:--|--:|--:|--:|');
  for (let lo = 0; lo < 1; lo += 0.1) {
    const bin = oof.filter((x) => x.conf >= lo && (x.conf < lo + 0.1 || (lo >= 0.9 && x.conf <= 1)));
    if (!bin.length) continue;
    const mean = bin.reduce((a, x) => a + x.conf, 0) / bin.length;
    const obs = bin.filter((x) => x.ok).length / bin.length;
    out.push(`| ${lo.toFixed(1)}–${(lo + 0.1).toFixed(1)} | ${bin.length} | ${mean.toFixed(3)} | ${obs.toFixed(3)} |`);
  }
  const { xs, ys } = trainingRows(all);
  const m = fit(xs, ys, rules.l2);
  const th = chooseThresholds(all, m, rules);
  out.push('', `## fitted on all ${all.length} questions: ${score(all, m, th)}`, '');
  for (const h of heldOut) if (h.samples.length) out.push(`held out ${h.name.padEnd(24)} ${score(h.samples, m, th)}`);
  const source = modelSource(m, th);
  out.push('', source, '');
  return source;
}

main(process.argv.slice(2));
