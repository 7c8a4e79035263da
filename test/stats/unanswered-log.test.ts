import { existsSync, mkdtempSync, readFileSync, appendFileSync, rmSync } from 'node:fs';
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
