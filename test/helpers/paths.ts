import path from 'node:path';

/** The repository (the folder holding package.json). */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * The live data set that staff edit (DATA_DIR's default). Tests read it only through the data
 * contract (test/helpers/data-contract.ts): what must hold for any data that `npm run data:check`
 * accepts, never its counts or wording.
 */
export const LIVE_DATA_DIR = path.join(REPO_ROOT, 'data');

/**
 * A frozen copy of data/ as it was for the 2nd-term 3rd-year report (8 areas, 86 bullets, 91
 * items): the fixture for tests that pin behaviour, wording or counts. Never edited by staff
 * (test/fixtures/data-2026/README.md).
 */
export const FROZEN_DATA_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'data-2026');

/** The report text the frozen data was imported from. */
export const REPORT_FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'report-2nd-term-year3.txt');
