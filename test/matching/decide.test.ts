import { confidence, FEATURES, featureVector, guarded, verdict, type Candidate } from '../../src/matching/decide';
import { DEFAULT_TUNABLES } from '../../src/matching/tunables';

const d = DEFAULT_TUNABLES.decision;
const base: Candidate = {
  coverage: 0.9,
  coverageAll: 0.9,
  evidence: 12,
  exact: 1,
  unknown: 0,
  margin: 0.8,
  gap: 0.05,
  head: 1,
  locationOnly: false,
  explained: 3,
  cosine: 0.4,
  anchor: true,
  focusWords: 3,
  isArea: false,
  broad: false,
  asksDetail: false,
  leavesDetail: false,
  headExact: 1,
  otherPlace: false,
};

describe('the decision model (decide.ts, weights in tunables.ts)', () => {
  test('has one weight per feature, and the thresholds are ordered', () => {
    expect(featureVector(base)).toHaveLength(FEATURES.length);
    expect(Object.keys(d.model.weights).sort()).toEqual([...FEATURES].sort());
    expect(d.suggest).toBeLessThan(d.answer);
    expect(d.answer).toBeLessThan(1);
  });

  test('a well explained candidate is answered; one that explains little is not', () => {
    expect(verdict(base, confidence(base, d), d)).toBe('answer');
    const weak = {
      ...base,
      coverage: 0.1,
      coverageAll: 0.1,
      evidence: 1,
      explained: 1,
      gap: 0.8,
      head: 0,
      anchor: false,
      cosine: 0.02,
      margin: 0.05,
    };
    expect(verdict(weak, confidence(weak, d), d)).toBe('none');
  });

  test.each([
    ['more of the question explained', { coverageAll: 0.95 }, { coverageAll: 0.4 }],
    ['less left unexplained', { gap: 0.05 }, { gap: 0.6 }],
    ['further ahead of the next candidate', { margin: 0.8 }, { margin: 0.05 }],
  ] as [string, Partial<Candidate>, Partial<Candidate>][])('more confident with %s', (_name, better, worse) => {
    expect(confidence({ ...base, ...better }, d)).toBeGreaterThan(confidence({ ...base, ...worse }, d));
  });

  test('another town, or a place of the item with something else asked, is never a card', () => {
    for (const c of [
      { ...base, otherPlace: true },
      { ...base, locationOnly: true },
    ]) {
      expect(guarded(c)).toBe(true);
      expect(verdict(c, 0.99, d)).toBe('suggest');
    }
  });

  test('confidence is a probability', () => {
    for (const c of [base, { ...base, coverage: 0, evidence: 0, explained: 0 }]) {
      const p = confidence(c, d);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});
