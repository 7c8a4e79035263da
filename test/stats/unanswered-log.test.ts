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
import { createUnansweredLog, readUnanswered } from '../../src/stats/unanswered-log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'unanswered-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('unanswered-question log', () => {
  test('a record is on disk once record() resolves (no close needed), with no user data', async () => {
    const file = path.join(dir, 'sub/unanswered.jsonl');
    const log = createUnansweredLog(file, { now: () => new Date('2026-11-23T10:00:00Z') });
    await log.record('  今日の　天気は？ ', 'not-found');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { t: '2026-11-23T10:00:00.000Z', outcome: 'not-found', q: '今日の 天気は？' },
    ]);
    await log.close();
  });

  test('records made at once are written together (group commit), in order, all acknowledged', async () => {
    const file = path.join(dir, 'u.jsonl');
    const log = createUnansweredLog(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.record(`質問${i}`, 'not-found')));
    expect(readUnanswered(file).map((r) => r.q)).toEqual(Array.from({ length: 200 }, (_, i) => `質問${i}`));
    await log.close();
  });

  test('close() writes what is still queued; a closed log refuses new records', async () => {
    const file = path.join(dir, 'u.jsonl');
    const log = createUnansweredLog(file);
    void log.record('一つ目', 'not-found');
    void log.record('二つ目', 'suggest');
    await log.close();
    expect(readUnanswered(file).map((r) => r.q)).toEqual(['一つ目', '二つ目']);
    await expect(log.record('三つ目', 'not-found')).rejects.toThrow(/closed/u);
  });

  test('long questions are cut to 200 characters; empty ones are not recorded', async () => {
    const file = path.join(dir, 'u.jsonl');
    const log = createUnansweredLog(file);
    await log.record('あ'.repeat(5000), 'suggest');
    await log.record('   ', 'not-found');
    await log.close();
    const records = readUnanswered(file);
    expect(records).toHaveLength(1);
    expect(records[0]!.q).toHaveLength(200);
  });

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

describe('privacy at rest', () => {
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

  test('phone numbers, e-mail and street addresses never reach the disk; the other words do', async () => {
    const file = path.join(dir, 'u.jsonl');
    const log = createUnansweredLog(file);
    await log.record('090-1234-5678 に電話したら、きのこ狩りの予約はできますか', 'not-found');
    await log.record('taro.yamada@example.com 宛に宇宙旅行のパンフレットを', 'not-found');
    await log.record('上尾市本町3-1-1の山田です。恐竜の化石はどこで', 'suggest');
    await log.close();
    const text = readFileSync(file, 'utf8');
    for (const secret of ['090-1234-5678', 'example.com', '3-1-1']) expect(text).not.toContain(secret);
    for (const word of ['きのこ狩り', '宇宙旅行', '恐竜']) expect(text).toContain(word);
    expect(readUnanswered(file)).toHaveLength(3);
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

  test('records made while pruning are all kept', async () => {
    const file = path.join(dir, 'u.jsonl');
    const log = createUnansweredLog(file, { keepDays: 1 });
    const writes = Array.from({ length: 50 }, (_, i) => log.record(`質問${i}`, 'not-found'));
    const pruned = log.prune();
    writes.push(...Array.from({ length: 50 }, (_, i) => log.record(`質問${50 + i}`, 'not-found')));
    await Promise.all([...writes, pruned]);
    expect(readUnanswered(file)).toHaveLength(100);
    await log.close();
  });
});
