import path from 'node:path';
import { createPledgeMatcher } from '../../src/matching/pledge-matcher';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { REPO_ROOT } from '../helpers/bot-harness';

const matcher = createPledgeMatcher(loadCatalog(path.join(REPO_ROOT, 'data')));

describe('first matcher on the real data', () => {
  test.each([
    ['防災', 'disaster'],
    ['子育て', 'childcare'],
    ['子育て支援について', 'childcare'],
    ['健康', 'health'],
    ['ぼうさい', 'disaster'],
    ['コロナ対策', 'covid'],
  ])('area question %s → area %s', (q, category) => {
    const r = matcher.match(q);
    expect(r.kind).toBe('area');
    expect(r.category).toBe(category);
  });

  test.each([
    ['こども医療費', 'childcare-01'],
    ['ハザードマップ', 'disaster-02'],
    ['ふるさと納税', 'finance-01'],
    ['高度救助隊', 'disaster-10'],
    ['AGECOCO', 'childcare-14'],
    ['ＡＧＥＣＯＣＯ', 'childcare-14'],
    ['国土強靭化', 'disaster-05'],
    ['ヤングケアラー', 'childcare-12'],
  ])('item question %s → %s first', (q, id) => {
    const r = matcher.match(q);
    expect(r.kind).toBe('items');
    expect(r.items[0]?.item.id).toBe(id);
  });

  test.each(['今日の天気は？', 'あ', '', 'こんにちは', 'ごみの収集日', '   '])('out of scope %j → none', (q) => {
    expect(matcher.match(q).kind).toBe('none');
  });

  test('a 5,000-character text is answered without error', () => {
    expect(() => matcher.match('防災'.repeat(2500))).not.toThrow();
  });
});
