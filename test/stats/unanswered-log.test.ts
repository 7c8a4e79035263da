import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createUnansweredLog,
  readUnanswered,
  type UnansweredLog,
  type UnansweredLogOptions,
  type UnansweredRecord,
} from '../../src/stats/unanswered-log';
import { createRedisUnansweredLog, UNANSWERED_KEY, unansweredFromRedis } from '../../src/redis/redis-unanswered';
import { useTestRedis, type RedisFixture } from '../helpers/redis-fixture';
import { describeWithRedis } from '../helpers/redis-server';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'unanswered-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type LogOptions = Pick<UnansweredLogOptions, 'keepDays' | 'now'>;

/** One way of keeping the log: the file (one process) or Redis (every instance). */
interface Backend {
  open(opts?: LogOptions): UnansweredLog;
  /** The records as the console and report:unanswered read them, oldest first. */
  read(): Promise<UnansweredRecord[]>;
  /** Everything stored, as text (for what must never be there). */
  stored(): Promise<string>;
}

const fileBackend = (): Backend => {
  const file = (): string => path.join(dir, 'u.jsonl');
  return {
    open: (opts) => createUnansweredLog(file(), opts),
    read: async () => readUnanswered(file()),
    stored: async () => (existsSync(file()) ? readFileSync(file(), 'utf8') : ''),
  };
};

const redisBackend = (fx: RedisFixture): Backend => ({
  open: (opts) => createRedisUnansweredLog(fx.client, opts),
  read: () => unansweredFromRedis(fx.client)(),
  stored: async () => {
    const keys = await fx.client.keys('*');
    const entries = keys.length ? await fx.client.xRange(UNANSWERED_KEY, '-', '+') : [];
    return JSON.stringify({ keys, entries });
  },
});

/** The log's rules, whichever backend keeps it. */
function logRules(backend: () => Backend): void {
  const day = (d: number): Date => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000);

  test('a record is kept once record() resolves (no close needed), with no user data', async () => {
    const b = backend();
    const log = b.open({ now: () => new Date('2026-11-23T10:00:00Z') });
    await log.record('  今日の　天気は？ ', 'not-found');
    expect(await b.read()).toEqual([{ t: '2026-11-23T10:00:00.000Z', outcome: 'not-found', q: '今日の 天気は？' }]);
    await log.close();
  });

  test('records made at once are all acknowledged and kept in order', async () => {
    const b = backend();
    const log = b.open();
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.record(`質問${i}`, 'not-found')));
    expect((await b.read()).map((r) => r.q)).toEqual(Array.from({ length: 200 }, (_, i) => `質問${i}`));
    await log.close();
  });

  test('close() keeps what is under way; a closed log refuses new records', async () => {
    const b = backend();
    const log = b.open();
    void log.record('一つ目', 'not-found');
    void log.record('二つ目', 'suggest');
    await log.close();
    expect((await b.read()).map((r) => r.q)).toEqual(['一つ目', '二つ目']);
    await expect(log.record('三つ目', 'not-found')).rejects.toThrow(/closed/u);
  });

  test('long questions are cut to 200 characters; empty ones are not recorded', async () => {
    const b = backend();
    const log = b.open();
    await log.record('あ'.repeat(5000), 'suggest');
    await log.record('   ', 'not-found');
    await log.close();
    const records = await b.read();
    expect(records).toHaveLength(1);
    expect(records[0]!.q).toHaveLength(200);
  });

  test('phone numbers, e-mail and street addresses are never stored; the other words are', async () => {
    const b = backend();
    const log = b.open();
    await log.record('090-1234-5678 に電話したら、きのこ狩りの予約はできますか', 'not-found');
    await log.record('taro.yamada@example.com 宛に宇宙旅行のパンフレットを', 'not-found');
    await log.record('上尾市本町3-1-1の山田です。恐竜の化石はどこで', 'suggest');
    await log.close();
    const text = await b.stored();
    for (const secret of ['090-1234-5678', 'example.com', '3-1-1']) expect(text).not.toContain(secret);
    for (const word of ['きのこ狩り', '宇宙旅行', '恐竜']) expect(text).toContain(word);
    expect(await b.read()).toHaveLength(3);
  });

  test('records older than the retention period are deleted by prune()', async () => {
    const b = backend();
    let today = 5;
    const log = b.open({ keepDays: 180, now: () => day(today) });
    await log.record('古い', 'not-found');
    today = 100;
    await log.record('新しい', 'not-found');
    today = 200;
    await log.record('今日の質問', 'not-found');
    expect(await log.prune()).toBe(1);
    expect((await b.read()).map((r) => r.q)).toEqual(['新しい', '今日の質問']);
    today = 290;
    expect(await log.prune()).toBe(1);
    await log.record('もっと後の質問', 'suggest');
    expect((await b.read()).map((r) => r.q)).toEqual(['今日の質問', 'もっと後の質問']);
    today = 1000;
    expect(await log.prune()).toBe(2);
    expect(await b.read()).toEqual([]);
    await log.close();
  });

  test('records made while pruning are all kept', async () => {
    const b = backend();
    const log = b.open({ keepDays: 1 });
    const writes = Array.from({ length: 50 }, (_, i) => log.record(`質問${i}`, 'not-found'));
    const pruned = log.prune();
    writes.push(...Array.from({ length: 50 }, (_, i) => log.record(`質問${50 + i}`, 'not-found')));
    await Promise.all([...writes, pruned]);
    expect(await b.read()).toHaveLength(100);
    await log.close();
  });
}

describe('unanswered-question log: the rules (file)', () => {
  logRules(fileBackend);
});

describeWithRedis('unanswered-question log: the rules (Redis, shared by the instances)', () => {
  const fx = useTestRedis();
  logRules(() => redisBackend(fx));
});

describe('unanswered-question log: the file', () => {
  test('past maxBytes the file rotates; both files are read, oldest first; older ones are dropped', async () => {
    const file = path.join(dir, 'u.jsonl');
    const log = createUnansweredLog(file, { maxBytes: 300 });
    for (let i = 0; i < 20; i++) await log.record(`質問${i}`, 'not-found');
    await log.close();
    expect(existsSync(`${file}.1`)).toBe(true);
    const qs = readUnanswered(file).map((r) => r.q);
    expect(qs[qs.length - 1]).toBe('質問19');
    expect(qs.length).toBeLessThan(20);
    expect(qs).toEqual([...qs].sort((a, b) => Number(a.slice(2)) - Number(b.slice(2))));
  });

  test('a line torn by a crash is skipped; records after a restart are kept', async () => {
    const file = path.join(dir, 'u.jsonl');
    const first = createUnansweredLog(file);
    await first.record('一つ目', 'not-found');
    appendFileSync(file, '{"t":"2026-11-23T10:00:00Z","outc'); // the process died mid-write
    const second = createUnansweredLog(file);
    await second.record('二つ目', 'suggest');
    await second.close();
    await first.close();
    expect(readUnanswered(file).map((r) => r.q)).toEqual(['一つ目', '二つ目']);
  });
});

describe('unanswered-question log: the file, private at rest', () => {
  const mode = (p: string): number => statSync(p).mode & 0o777;

  test('the file is 0600 in a 0700 folder, whatever the umask', async () => {
    const old = process.umask(0o022);
    try {
      const file = path.join(dir, 'var/u.jsonl');
      const log = createUnansweredLog(file);
      await log.record('宇宙旅行のパンフレット', 'not-found');
      expect(mode(path.dirname(file))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      await log.close();
    } finally {
      process.umask(old);
    }
  });

  test('a file left readable by an older version is made private; so is the rotated one', async () => {
    const file = path.join(dir, 'u.jsonl');
    writeFileSync(file, '', { mode: 0o644 });
    chmodSync(file, 0o644);
    const log = createUnansweredLog(file, { maxBytes: 200 });
    expect(mode(file)).toBe(0o600);
    for (let i = 0; i < 6; i++) await log.record(`質問その${i}についてもう少し長く書いておきます`, 'not-found');
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(mode(`${file}.1`)).toBe(0o600);
    expect(mode(file)).toBe(0o600);
    await log.close();
  });

  test('records older than the retention period are deleted, at start and on prune()', async () => {
    const file = path.join(dir, 'u.jsonl');
    const day = (d: number): string => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();
    const line = (d: number, q: string): string => `${JSON.stringify({ t: day(d), outcome: 'not-found', q })}\n`;
    writeFileSync(`${file}.1`, line(0, 'とても古い'));
    writeFileSync(file, line(5, '古い') + line(100, '新しい'));
    let today = 200;
    const log = createUnansweredLog(file, { keepDays: 180, now: () => new Date(day(today)) });
    await log.record('今日の質問', 'not-found');
    expect(readUnanswered(file).map((r) => r.q)).toEqual(['新しい', '今日の質問']);
    expect(existsSync(`${file}.1`)).toBe(false);
    today = 290;
    expect(await log.prune()).toBe(1);
    await log.record('もっと後の質問', 'suggest');
    expect(readUnanswered(file).map((r) => r.q)).toEqual(['今日の質問', 'もっと後の質問']);
    expect(mode(file)).toBe(0o600);
    await log.close();
  });
});
