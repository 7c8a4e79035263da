import type { AskLine } from './ask';

/**
 * Scores answers against a question set in the format of shared/eval (one JSON object a line:
 * {"id","q","kind","category": id | [ids] | null,"items": [fragments]}), with the same
 * definitions as the evaluation's score.mjs:
 * - category: the answered area is acceptable; for a question the report cannot answer, no area;
 * - hit@1 / hit@3: over questions with item fragments, a fragment is in one of the first 1 / 3
 *   results (NFKC on both sides); a refusal (category null) shows no results;
 * - reject: share of out-of-scope questions answered with category null;
 * - false answer: share of answers (category not null) that were wrong.
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
