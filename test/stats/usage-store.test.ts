import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileUsageReader, createFileUsageStore } from '../../src/stats/usage-store';

let dir: string;
let t: Date;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'usage-'));
  t = new Date('2026-12-01T03:00:00Z'); // 12:00 in Japan
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const store = () => createFileUsageStore(dir, { now: () => t, flushMs: 60_000 });
const countsOf = async (day: string): Promise<Record<string, number>> =>
  (await createFileUsageReader(dir).days({ since: day, until: day }))[0]?.counts ?? {};

describe('usage counters', () => {
  test('questions by outcome, answers shown and taps, per Japan day', async () => {
    const s = store();
    s.question('items', ['item:health-09', 'item:childcare-01']);
    s.question('not-found', []);
    s.tap('disaster');
    t = new Date('2026-12-01T16:00:00Z'); // already 12-02 in Japan
    s.question('area', ['area:disaster']);
    await s.close();
    expect(await countsOf('2026-12-01')).toEqual({
      'q:items': 1,
      'ans:item:health-09': 1,
      'ans:item:childcare-01': 1,
      'q:not-found': 1,
      'tap:disaster': 1,
    });
    expect(await countsOf('2026-12-02')).toEqual({ 'q:area': 1, 'ans:area:disaster': 1 });
  });

  test('counts survive a restart: a new store adds to the day', async () => {
    const a = store();
    a.question('items', ['item:health-09']);
    await a.close();
    const b = store();
    b.question('items', ['item:health-09']);
    await b.close();
    expect((await countsOf('2026-12-01'))['q:items']).toBe(2);
  });
});

describe('votes', () => {
  const targets = ['item:health-09', 'item:childcare-01'];

  test('one vote per person and reply: a second vote replaces the first; a vote counts for every item shown', async () => {
    const s = store();
    await s.rememberReply('ref1', { q: 'がん 帽子 補助', targets });
    await s.vote('voterA', 'ref1', [], 'up');
    await s.vote('voterA', 'ref1', [], 'up');
    await s.vote('voterB', 'ref1', [], 'up');
    await s.vote('voterA', 'ref1', [], 'down');
    await s.vote('voterA', 'ref1', [], 'down', 'wrong');
    await s.close();
    const c = await countsOf('2026-12-01');
    expect(c['up:item:health-09']).toBe(1);
    expect(c['down:item:health-09']).toBe(1);
    expect(c['down:item:childcare-01']).toBe(1);
    expect(c['why:wrong:item:health-09']).toBe(1);
    const unhelpful = await createFileUsageReader(dir).unhelpful();
    expect(unhelpful).toHaveLength(1);
    expect(unhelpful[0]).toMatchObject({ q: 'がん 帽子 補助', targets, reason: 'wrong' });
  });

  test('a 👎 taken back by a 👍 leaves the list of unhelpful answers', async () => {
    const s = store();
    await s.rememberReply('ref1', { q: '質問', targets });
    await s.vote('voterA', 'ref1', [], 'down', 'other');
    await s.vote('voterA', 'ref1', [], 'up');
    await s.close();
    const c = await countsOf('2026-12-01');
    expect(c['down:item:health-09']).toBeUndefined();
    expect(c['why:other:item:health-09']).toBeUndefined();
    expect(c['up:item:health-09']).toBe(1);
    expect(await createFileUsageReader(dir).unhelpful()).toEqual([]);
  });

  test('a vote on a forgotten reply counts for the targets its button carried, without a question', async () => {
    const s = store();
    await s.vote('voterA', 'gone', ['area:disaster'], 'down');
    await s.close();
    expect((await countsOf('2026-12-01'))['down:area:disaster']).toBe(1);
    expect((await createFileUsageReader(dir).unhelpful())[0]).toMatchObject({
      q: '',
      targets: ['area:disaster'],
      reason: null,
    });
  });

  test('the one-vote table keeps hashes only, and forgets them after 24 hours', async () => {
    const s = store();
    await s.vote('voter-hash-1', 'ref1', targets, 'up');
    await s.flush();
    t = new Date(t.getTime() + 25 * 60 * 60_000);
    await s.vote('voter-hash-1', 'ref1', targets, 'up'); // a new vote: the old entry is gone
    await s.close();
    const table = JSON.parse(readFileSync(path.join(dir, 'votes.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(table)).toEqual(['voter-hash-1:ref1']);
  });
});

describe('at rest', () => {
  test('files 0600 in 0700 folders', async () => {
    const old = process.umask(0o022);
    try {
      const s = store();
      s.question('items', ['item:health-09']);
      await s.vote('v', 'r', ['item:health-09'], 'down');
      await s.close();
    } finally {
      process.umask(old);
    }
    const mode = (p: string): number => statSync(p).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'days'))).toBe(0o700);
    for (const f of ['votes.json', 'unhelpful.jsonl', ...readdirSync(path.join(dir, 'days')).map((d) => `days/${d}`)])
      expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
  });

  test('unhelpful answers older than the retention period are deleted', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'unhelpful.jsonl'),
      `${JSON.stringify({ id: 'old', t: '2026-01-01T00:00:00.000Z', q: '古い', targets: [], reason: null })}\n` +
        `${JSON.stringify({ id: 'new', t: '2026-11-30T00:00:00.000Z', q: '新しい', targets: [], reason: null })}\n`,
    );
    const s = createFileUsageStore(dir, { now: () => t, flushMs: 60_000, keepDays: 180 });
    s.question('menu', []);
    await s.close();
    expect((await createFileUsageReader(dir).unhelpful()).map((u) => u.q)).toEqual(['新しい']);
  });
});
