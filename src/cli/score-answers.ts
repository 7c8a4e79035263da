import type { AskLine } from './ask';

/**
 * Scores answers against a question set in the format of shared/eval (one JSON object a line:
 * {"id","q","kind","category": id | [ids] | null,"items": [fragments]}), with the definitions of
 * the evaluation's two scorers:
 *
 * score.mjs (scoreAnswers):
 * - category: the answered area is acceptable; for a question the report cannot answer, no area;
 * - hit@1 / hit@3: over questions with item fragments, a fragment is in one of the first 1 / 3
 *   results (NFKC on both sides); a refusal (category null) shows no results;
 * - reject: share of out-of-scope questions answered with category null;
 * - false answer: share of answers (category not null) that were wrong.
 *
 * score-replies.mjs (scoreReplies), what a resident actually gets:
 * - answer-ok: an area or items reply in an acceptable area with a right item among the first 3;
 * - suggest-ok: もしかして with a right item among its candidates (one more tap);
 * - refused: an answerable question that got neither;
 * - wrong: an area or items reply to an out-of-scope question, or a wrong one;
 * - reject-ok: an out-of-scope question that got no area or items reply.
 */
export interface GoldQuestion {
  id: string;
  q: string;
  kind: string;
  category: string | string[] | null;
  items: string[];
}

export interface ScoreRow {
  kind: string;
  n: number;
  category: number;
  hit1: number | null;
  hit3: number | null;
  reject: number | null;
  falseAnswer: number | null;
}

const nfkc = (s: string): string => s.normalize('NFKC');

export function parseGold(text: string): GoldQuestion[] {
  return text
    .split(/\r?\n/u)
    .filter((l) => l.trim())
    .map((l, i) => {
      const g = JSON.parse(l) as GoldQuestion;
      if (typeof g.q !== 'string' || !Array.isArray(g.items)) throw new Error(`line ${i + 1}: not a question`);
      return g;
    });
}

export function scoreAnswers(gold: GoldQuestion[], answers: AskLine[]): ScoreRow[] {
  const kinds = [...new Set(gold.map((g) => g.kind)), 'all'];
  return kinds.map((kind) => {
    const rows = gold.map((g, i) => ({ g, a: answers[i]! })).filter((r) => kind === 'all' || r.g.kind === kind);
    let cat = 0;
    let nItems = 0;
    let hit1 = 0;
    let hit3 = 0;
    let nOos = 0;
    let rejected = 0;
    let answered = 0;
    let wrong = 0;
    for (const { g, a } of rows) {
      const accept = g.category === null ? null : ([] as string[]).concat(g.category);
      const isAnswer = a.category !== null;
      const ok = accept === null ? !isAnswer : isAnswer && accept.includes(a.category!);
      if (ok) cat++;
      if (g.items.length) {
        nItems++;
        const texts = isAnswer ? a.results.map((r) => nfkc(r.text)) : [];
        const hit = (k: number): boolean => texts.slice(0, k).some((t) => g.items.some((f) => t.includes(nfkc(f))));
        if (hit(1)) hit1++;
        if (hit(3)) hit3++;
      }
      if (accept === null) {
        nOos++;
        if (!isAnswer) rejected++;
      }
      if (isAnswer) {
        answered++;
        if (!ok) wrong++;
      }
    }
    const ratio = (a: number, b: number): number | null => (b ? a / b : null);
    return {
      kind,
      n: rows.length,
      category: rows.length ? cat / rows.length : 0,
      hit1: ratio(hit1, nItems),
      hit3: ratio(hit3, nItems),
      reject: ratio(rejected, nOos),
      falseAnswer: ratio(wrong, answered),
    };
  });
}

export const OUTCOMES = ['answer-ok', 'suggest-ok', 'refused', 'wrong', 'reject-ok'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What the resident gets for one question (score-replies.mjs). */
export function outcomeOf(g: GoldQuestion, a: AskLine): Outcome {
  const accept = g.category === null ? null : ([] as string[]).concat(g.category);
  const hit = (list: readonly { text: string }[]): boolean =>
    g.items.length === 0 || list.slice(0, 3).some((r) => g.items.some((f) => nfkc(r.text).includes(nfkc(f))));
  const answered = a.reply === 'area' || a.reply === 'items';
  if (accept === null) return answered ? 'wrong' : 'reject-ok';
  if (answered) return a.category !== null && accept.includes(a.category) && hit(a.results) ? 'answer-ok' : 'wrong';
  if (a.reply === 'suggest' && g.items.length && hit(a.suggestions)) return 'suggest-ok';
  return 'refused';
}

export interface ReplyScore {
  /** Shares of each outcome per kind, and for all ('all', last). */
  rows: { kind: string; n: number; share: Record<Outcome, number> }[];
  /** The figures the English matching issue asks for, over English messages (the english kind); null without any. */
  english: {
    /** Answerable English messages answered right. */
    answerOk: number;
    /** …answered right or with the right もしかして. */
    withinOneTap: number;
    /** English messages answered with a wrong card. */
    wrong: number;
    /** Out-of-scope English messages refused (null when the set has none). */
    refused: number | null;
  } | null;
  /** The figures the matching issue asks for, over Japanese messages (not the English kind). */
  summary: {
    /** Answerable Japanese messages answered right. */
    answerOk: number;
    /** …answered right or with the right もしかして. */
    withinOneTap: number;
    /** Japanese messages answered with a wrong card. */
    wrong: number;
    /** Detail questions within one tap (null when the set has none). */
    detailWithinOneTap: number | null;
    /** Out-of-scope Japanese messages refused (null when the set has none). */
    refused: number | null;
  };
}

/** Outcomes per kind (score-replies.mjs) and the summary figures. */
export function scoreReplies(gold: GoldQuestion[], answers: AskLine[]): ReplyScore {
  const outs = gold.map((g, i) => ({ g, o: outcomeOf(g, answers[i]!) }));
  const kinds = [...new Set(gold.map((g) => g.kind)), 'all'];
  const rows = kinds.map((kind) => {
    const mine = outs.filter((x) => kind === 'all' || x.g.kind === kind);
    const share = Object.fromEntries(
      OUTCOMES.map((o) => [o, mine.length ? mine.filter((x) => x.o === o).length / mine.length : 0]),
    ) as Record<Outcome, number>;
    return { kind, n: mine.length, share };
  });
  const ja = outs.filter((x) => x.g.kind !== 'english');
  const answerable = ja.filter((x) => x.g.category !== null);
  const oos = ja.filter((x) => x.g.category === null);
  const detail = ja.filter((x) => x.g.kind === 'detail');
  const share = (xs: typeof outs, ok: (o: Outcome) => boolean): number =>
    xs.length ? xs.filter((x) => ok(x.o)).length / xs.length : 0;
  const tap = (o: Outcome): boolean => o === 'answer-ok' || o === 'suggest-ok';
  const en = outs.filter((x) => x.g.kind === 'english');
  const enAnswerable = en.filter((x) => x.g.category !== null);
  const enOos = en.filter((x) => x.g.category === null);
  return {
    rows,
    english: en.length
      ? {
          answerOk: share(enAnswerable, (o) => o === 'answer-ok'),
          withinOneTap: share(enAnswerable, tap),
          wrong: share(en, (o) => o === 'wrong'),
          refused: enOos.length ? share(enOos, (o) => o === 'reject-ok') : null,
        }
      : null,
    summary: {
      answerOk: share(answerable, (o) => o === 'answer-ok'),
      withinOneTap: share(answerable, tap),
      wrong: share(ja, (o) => o === 'wrong'),
      detailWithinOneTap: detail.length ? share(detail, tap) : null,
      refused: oos.length ? share(oos, (o) => o === 'reject-ok') : null,
    },
  };
}
