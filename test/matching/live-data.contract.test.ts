import path from 'node:path';
import { createPledgeMatcher } from '../../src/matching/pledge-matcher';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { REPO_ROOT } from '../helpers/bot-harness';

/**
 * The matcher on the live data/: only what must hold for any data set that data:check accepts
 * (staff edits and next year's report keep these green). Behaviour is tested on the fixture
 * (rules.test.ts); answer quality is measured by npm run bench:match, not asserted here.
 */
const catalog = loadCatalog(path.join(REPO_ROOT, 'data'));
const matcher = createPledgeMatcher(catalog);

describe('every item and area can be found', () => {
  test.each(catalog.items.map((i) => [i.id, i.title] as const))('%s by its own title (%s)', (id, title) => {
    const r = matcher.match(title);
    expect(r.items.map((x) => x.item.id)).toContain(id);
  });

  test.each(catalog.areas.map((a) => [a.id, a.label] as const))('area %s by its label (%s)', (id, label) => {
    expect(matcher.match(label).category).toBe(id);
  });
});

describe('what no data set answers', () => {
  test.each(['あ', '？', '', 'こんにちは', 'ありがとう', 'メニュー'])('%j gets no card', (q) => {
    expect(['none', 'menu', 'smalltalk']).toContain(matcher.match(q).kind);
  });
});
