import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  changeVote,
  createFileUsageReader,
  createFileUsageStore,
  type UsageReader,
  type UsageStore,
  type UsageStoreOptions,
  type VoteEntry,
} from '../../src/stats/usage-store';
import { createRedisUsageReader, createRedisUsageStore } from '../../src/redis/redis-usage';
import { useTestRedis, type RedisFixture } from '../helpers/redis-fixture';
import { describeWithRedis } from '../helpers/redis-server';

let dir: string;
let t: Date;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'usage-'));
  t = new Date('2026-12-01T03:00:00Z'); // 12:00 in Japan
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One way of keeping the usage: files (one process) or Redis (every instance). */
interface Backend {
  store(opts?: Pick<UsageStoreOptions, 'keepDays'>): UsageStore;
  reader(): UsageReader;
}

const fileBackend = (): Backend => ({
  store: (opts) => createFileUsageStore(dir, { now: () => t, flushMs: 60_000, ...opts }),
  reader: () => createFileUsageReader(dir),
});

const redisBackend = (fx: RedisFixture): Backend => ({
  store: (opts) => createRedisUsageStore(fx.client, { now: () => t, flushMs: 60_000, ...opts }),
  reader: () => createRedisUsageReader(fx.client),
});

/** The store's rules, whichever backend keeps the counts. */
function usageRules(backend: () => Backend): void {
  const countsOf = async (day: string): Promise<Record<string, number>> =>
    (await backend().reader().days({ since: day, until: day }))[0]?.counts ?? {};
  const targets = ['item:health-09', 'item:childcare-01'];

  describe('usage counters', () => {
    test('questions by outcome, answers shown and taps, per Japan day', async () => {
      const s = backend().store();
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
      expect((await backend().reader().days()).map((d) => d.day)).toEqual(['2026-12-01', '2026-12-02']);
      expect((await backend().reader().days({ since: '2026-12-02' })).map((d) => d.day)).toEqual(['2026-12-02']);
      expect((await backend().reader().days({ until: '2026-11-30' })).map((d) => d.day)).toEqual([]);
    });

    test('counts survive a restart: a new store adds to the day', async () => {
      const a = backend().store();
      a.question('items', ['item:health-09']);
      await a.close();
      const b = backend().store();
      b.question('items', ['item:health-09']);
      await b.close();
      expect((await countsOf('2026-12-01'))['q:items']).toBe(2);
    });

    test('a closed store counts nothing more', async () => {
      const s = backend().store();
      s.question('menu', []);
      await s.close();
      s.question('menu', []);
      s.tap('help');
      await s.vote('voterA', 'ref1', targets, 'up');
      await s.flush();
      expect(await countsOf('2026-12-01')).toEqual({ 'q:menu': 1 });
    });
  });

  describe('votes', () => {
    test('one vote per person and reply: a second vote replaces the first; a vote counts for every item shown', async () => {
      const s = backend().store();
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
      const unhelpful = await backend().reader().unhelpful();
      expect(unhelpful).toHaveLength(1);
      expect(unhelpful[0]).toMatchObject({ q: 'がん 帽子 補助', targets, reason: 'wrong' });
    });

    test('a 👎 taken back by a 👍 leaves the list of unhelpful answers', async () => {
      const s = backend().store();
      await s.rememberReply('ref1', { q: '質問', targets });
      await s.vote('voterA', 'ref1', [], 'down', 'other');
      await s.vote('voterA', 'ref1', [], 'up');
      await s.close();
      const c = await countsOf('2026-12-01');
      expect(c['down:item:health-09']).toBeUndefined();
      expect(c['why:other:item:health-09']).toBeUndefined();
      expect(c['up:item:health-09']).toBe(1);
      expect(await backend().reader().unhelpful()).toEqual([]);
    });

    test('a vote on a forgotten reply counts for the targets its button carried, without a question', async () => {
      const s = backend().store();
      await s.rememberReply('old', { q: '昨日の質問', targets });
      t = new Date(t.getTime() + 25 * 60 * 60_000);
      await s.vote('voterA', 'gone', ['area:disaster'], 'down');
      await s.vote('voterA', 'old', ['area:disaster'], 'down');
      await s.close();
      expect((await countsOf('2026-12-02'))['down:area:disaster']).toBe(2);
      const unhelpful = await backend().reader().unhelpful();
      expect(unhelpful.map((u) => [u.q, u.targets, u.reason])).toEqual([
        ['', ['area:disaster'], null],
        ['', ['area:disaster'], null],
      ]);
    });

    test('a vote is forgotten after 24 hours: the same person votes again, counted on the new day', async () => {
      const s = backend().store();
      await s.vote('voter-hash-1', 'ref1', targets, 'up');
      await s.flush();
      t = new Date(t.getTime() + 25 * 60 * 60_000);
      await s.vote('voter-hash-1', 'ref1', targets, 'up');
      await s.close();
      expect((await countsOf('2026-12-01'))['up:item:health-09']).toBe(1);
      expect((await countsOf('2026-12-02'))['up:item:health-09']).toBe(1);
    });

    test('unhelpful answers by range of Japan days, newest first', async () => {
      const s = backend().store();
      await s.vote('v1', 'r1', ['item:a'], 'down');
      t = new Date('2026-12-01T15:30:00Z'); // 12-02 00:30 in Japan
      await s.vote('v1', 'r2', ['item:b'], 'down', 'missing');
      await s.close();
      const r = backend().reader();
      expect((await r.unhelpful()).map((u) => u.targets[0])).toEqual(['item:b', 'item:a']);
      expect((await r.unhelpful({ since: '2026-12-02' })).map((u) => u.targets[0])).toEqual(['item:b']);
      expect((await r.unhelpful({ until: '2026-12-01' })).map((u) => u.targets[0])).toEqual(['item:a']);
    });

    test('unhelpful answers older than the retention period are deleted', async () => {
      t = new Date('2026-01-01T00:00:00Z');
      const old = backend().store({ keepDays: 180 });
      await old.rememberReply('r-old', { q: '古い', targets });
      await old.vote('v', 'r-old', [], 'down');
      await old.close();
      t = new Date('2026-11-30T00:00:00Z');
      const s = backend().store({ keepDays: 180 });
      await s.rememberReply('r-new', { q: '新しい', targets });
      await s.vote('v', 'r-new', [], 'down');
      s.question('menu', []);
      await s.close();
      expect((await backend().reader().unhelpful()).map((u) => u.q)).toEqual(['新しい']);
    });
  });
}

describe('usage store: the rules (files)', () => {
  usageRules(fileBackend);
});

describeWithRedis('usage store: the rules (Redis, shared by the instances)', () => {
  const fx = useTestRedis();
  usageRules(() => redisBackend(fx));
});

describe('the vote arithmetic both stores share (changeVote)', () => {
  const at = new Date('2026-12-01T03:00:00Z');
  const cast = { fallbackTargets: ['item:x'], reply: null, at, newId: () => 'id-1' };
  const entry = (e: Partial<VoteEntry>): VoteEntry => ({
    vote: 'up',
    reason: null,
    targets: ['item:x'],
    day: '2026-11-30',
    expires: at.getTime() + 1000,
    id: null,
    ...e,
  });

  test('a first 👎: counted on the day, a record made', () => {
    expect(changeVote(null, { ...cast, vote: 'down', reason: 'wrong' })).toEqual({
      entry: entry({
        vote: 'down',
        reason: 'wrong',
        day: '2026-12-01',
        expires: at.getTime() + 86_400_000,
        id: 'id-1',
      }),
      counts: [
        { day: '2026-12-01', key: 'down:item:x', n: 1 },
        { day: '2026-12-01', key: 'why:wrong:item:x', n: 1 },
      ],
      unhelpful: {
        put: { id: 'id-1', t: at.toISOString(), q: '', targets: ['item:x'], reason: 'wrong' },
      },
    });
  });

  test('a 👍 after a 👎 takes its counts back on the day they were made, and withdraws its record', () => {
    const change = changeVote(entry({ vote: 'down', reason: 'other', id: 'id-0' }), { ...cast, vote: 'up' })!;
    expect(change.counts).toEqual([
      { day: '2026-11-30', key: 'down:item:x', n: -1 },
      { day: '2026-11-30', key: 'why:other:item:x', n: -1 },
      { day: '2026-12-01', key: 'up:item:x', n: 1 },
    ]);
    expect(change.unhelpful).toEqual({ withdraw: 'id-0' });
    expect(change.entry).toMatchObject({ vote: 'up', reason: null, id: null, expires: at.getTime() + 1000 });
  });

  test('the same vote again changes nothing; an expired entry is forgotten', () => {
    expect(changeVote(entry({}), { ...cast, vote: 'up' })).toBeNull();
    const change = changeVote(entry({ expires: at.getTime() }), { ...cast, vote: 'up' })!;
    expect(change.counts).toEqual([{ day: '2026-12-01', key: 'up:item:x', n: 1 }]);
  });
});

describe('usage store: the files', () => {
  const targets = ['item:health-09', 'item:childcare-01'];

  test('the one-vote table keeps hashes only, and forgets them after 24 hours', async () => {
    const s = fileBackend().store();
    await s.vote('voter-hash-1', 'ref1', targets, 'up');
    await s.flush();
    t = new Date(t.getTime() + 25 * 60 * 60_000);
    await s.vote('voter-hash-1', 'ref1', targets, 'up'); // a new vote: the old entry is gone
    await s.close();
    const table = JSON.parse(readFileSync(path.join(dir, 'votes.json'), 'utf8')) as Record<string, VoteEntry>;
    expect(Object.keys(table)).toEqual(['voter-hash-1:ref1']);
    expect(table['voter-hash-1:ref1']!.day).toBe('2026-12-02');
  });

  test('files 0600 in 0700 folders', async () => {
    const old = process.umask(0o022);
    try {
      const s = fileBackend().store();
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

  test('unhelpful answers older than the retention period are deleted from the file', async () => {
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
