import { Readable } from 'node:stream';
import { runAsk, type AskLine } from '../../src/cli/ask';
import { MATCH_DATA_DIR } from '../helpers/match-fixture';

async function ask(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAsk({
    argv,
    env: { DATA_DIR: MATCH_DATA_DIR },
    stdin: Readable.from([stdin]),
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

describe('npm run ask', () => {
  test('--jsonl answers one JSON line per question, in order, in the contract shape', async () => {
    const questions = [
      '防災',
      'こども医療費',
      'ネーミングライッの募集',
      '今日の天気は？',
      '公約を教えて',
      'こんにちは',
    ];
    const { code, out } = await ask(['--jsonl'], `${questions.join('\n')}\n`);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AskLine);
    expect(lines.map((l) => l.query)).toEqual(questions);
    expect(lines.map((l) => l.reply)).toEqual(['area', 'items', 'suggest', 'not-found', 'menu', 'smalltalk']);
    expect(lines.map((l) => l.category)).toEqual(['disaster', 'childcare', null, null, null, null]);
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['category', 'lang', 'query', 'reply', 'results', 'suggestions']);
      expect(l.lang).toBe('ja');
      // results only for area/items answers, suggestions only for もしかして (at most 3)
      if (l.category === null) expect(l.results).toEqual([]);
      if (l.reply !== 'suggest') expect(l.suggestions).toEqual([]);
      expect(l.results.length).toBeLessThanOrEqual(5);
      expect(l.suggestions.length).toBeLessThanOrEqual(3);
      for (const r of [...l.results, ...l.suggestions])
        expect(Object.keys(r).sort()).toEqual(['category', 'id', 'text']);
    }
    expect(lines[2]!.suggestions[0]).toMatchObject({ id: 'finance-01', category: 'finance' });
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

  test('each line says the language of the reply: English for English, Japanese for Japanese and romaji', async () => {
    const questions = ['free wifi', 'What is the city doing about disaster prevention?', 'bousai', '防災', 'hello'];
    const { out } = await ask(['--jsonl'], `${questions.join('\n')}\n`);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AskLine);
    expect(lines.map((l) => l.lang)).toEqual(['en', 'en', 'ja', 'ja', 'en']);
  });

  test('without a question it prints usage and exits 2', async () => {
    expect((await ask([])).code).toBe(2);
  });
});
