import { Readable } from 'node:stream';
import { runAsk } from '../../src/cli/ask';
import { REPO_ROOT } from '../helpers/bot-harness';
import path from 'node:path';

async function ask(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAsk({
    argv,
    env: { DATA_DIR: path.join(REPO_ROOT, 'data') },
    stdin: Readable.from([stdin]),
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

describe('npm run ask', () => {
  test('--jsonl answers one JSON line per question, in order, in the contract shape', async () => {
    const { code, out } = await ask(['--jsonl'], '防災\n子育て\n今日の天気は？\n');
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; category: string | null; results: unknown[] });
    expect(lines.map((l) => l.query)).toEqual(['防災', '子育て', '今日の天気は？']);
    expect(lines.map((l) => l.category)).toEqual(['disaster', 'childcare', null]);
    expect(lines[2]!.results).toEqual([]);
    for (const l of lines.slice(0, 2)) {
      expect(l.results.length).toBeLessThanOrEqual(5);
      for (const r of l.results) expect(Object.keys(r as object).sort()).toEqual(['category', 'id', 'text']);
    }
  });

  test('an item question returns full item texts, best first', async () => {
    const { out } = await ask(['--jsonl'], 'こども医療費\n');
    const line = JSON.parse(out) as { category: string; results: { text: string }[] };
    expect(line.category).toBe('childcare');
    expect(line.results[0]!.text).toBe('こども医療費を18歳まで無償化');
  });

  test('a question on the command line gets a readable explanation', async () => {
    const { code, out } = await ask(['こども医療費']);
    expect(code).toBe(0);
    expect(out).toContain('childcare-01');
    expect(out).toContain('一致した言葉');
  });

  test('without a question it prints usage and exits 2', async () => {
    expect((await ask([])).code).toBe(2);
  });
});
