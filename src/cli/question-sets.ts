import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../project-root';
import { parseGold, type GoldQuestion } from './score-answers';

/**
 * The labelled question sets the matcher is measured on (bench:match) and calibrated on
 * (calibrate): the repo's own (test/fixtures/questions/, see its README) and, when the shared
 * evaluation folder sits beside the project (../shared/eval), its development sets. A set whose
 * name ends in "-heldout" is never used to calibrate: it measures how well the calibration
 * generalises.
 */
export interface QuestionSet {
  name: string;
  file: string;
  questions: GoldQuestion[];
  heldOut: boolean;
}

export const REPO_SETS_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions');
export const SHARED_EVAL_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'eval');
const SHARED_SETS = ['dev-queries.jsonl', 'dev2-queries.jsonl'];

export function loadQuestionSet(file: string): QuestionSet {
  const name = path.basename(file, '.jsonl');
  return { name, file, questions: parseGold(readFileSync(file, 'utf8')), heldOut: name.endsWith('-heldout') };
}

/** The given files, or else the repo's sets and the shared development sets that exist. */
export function questionSets(files: readonly string[] = []): QuestionSet[] {
  if (files.length) return files.map((f) => loadQuestionSet(path.resolve(f)));
  const repo = existsSync(REPO_SETS_DIR)
    ? readdirSync(REPO_SETS_DIR)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => path.join(REPO_SETS_DIR, f))
    : [];
  const shared = SHARED_SETS.map((f) => path.join(SHARED_EVAL_DIR, f)).filter((f) => existsSync(f));
  return [...shared, ...repo].map(loadQuestionSet);
}
