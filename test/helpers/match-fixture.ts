import path from 'node:path';
import { createPledgeAnalyser, createPledgeMatcher } from '../../src/matching/pledge-matcher';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { REPO_ROOT } from './paths';

/**
 * The matching fixture: test/fixtures/match-data, a small data set of ten invented-but-realistic
 * items in the 8 areas (summaries, keywords, staff synonyms, and readings and Sudachi synonyms
 * built by `npm run data:readings -- --dir test/fixtures/match-data`). Rule tests run on it, never
 * on the live data/, so staff edits cannot break them.
 */
export const MATCH_DATA_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'match-data');
export const matchCatalog = loadCatalog(MATCH_DATA_DIR);
export const matchFixture = createPledgeMatcher(matchCatalog);
export const analyseFixture = createPledgeAnalyser(matchCatalog);
