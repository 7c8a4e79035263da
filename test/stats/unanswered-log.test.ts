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
  test('a record is on disk as soon as record() returns (no close needed), with no user data', () => {
    const file = path.join(dir, 'sub/unanswered.jsonl');
    const log = createUnansweredLog(file, { now: () => new Date('2026-11-23T10:00:00Z') });
    log.record('  今日の　天気は？ ', 'not-found');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { t: '2026-11-23T10:00:00.000Z', outcome: 'not-found', q: '今日の 天気は？' },
    ]);
    log.close();
  });

  test('long questions are cut to 200 characters; empty ones are not recorded', () => {
    const file = path.join(dir, 'u.jsonl');
    const log = createUnansweredLog(file);
    log.record('あ'.repeat(5000), 'suggest');
    log.record('   ', 'not-found');
    log.close();
    const records = readUnanswered(file);
    expect(records).toHaveLength(1);
    expect(records[0]!.q).toHaveLength(200);
  });

  test('past maxBytes the file rotates; both files are read, oldest first; older ones are dropped', () => {
    const file = path.join(dir, 'u.jsonl');
    const log = createUnansweredLog(file, { maxBytes: 300 });
    for (let i = 0; i < 20; i++) log.record(`質問${i}`, 'not-found');
    log.close();
    expect(existsSync(`${file}.1`)).toBe(true);
    const qs = readUnanswered(file).map((r) => r.q);
    expect(qs[qs.length - 1]).toBe('質問19');
    expect(qs.length).toBeLessThan(20);
    expect(qs).toEqual([...qs].sort((a, b) => Number(a.slice(2)) - Number(b.slice(2))));
  });

  test('a line torn by a crash is skipped; records after a restart are kept', () => {
    const file = path.join(dir, 'u.jsonl');
    const first = createUnansweredLog(file);
    first.record('一つ目', 'not-found');
    appendFileSync(file, '{"t":"2026-11-23T10:00:00Z","outc'); // the process died mid-write
    const second = createUnansweredLog(file);
    second.record('二つ目', 'suggest');
    second.close();
    expect(readUnanswered(file).map((r) => r.q)).toEqual(['一つ目', '二つ目']);
  });
});
