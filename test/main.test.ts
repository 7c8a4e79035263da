import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './helpers/bot-harness';

/**
 * The real entry point as a process (dist/, built by `npm test` before jest runs): how it starts
 * without credentials, and how it refuses broken data.
 */
const MAIN = path.join(REPO_ROOT, 'dist/src/main.js');

interface Run {
  code: number | null;
  output: string;
}

/** Starts main with `env`; stops it once `until` matches the output (or it exits by itself). */
function runMain(env: Record<string, string>, until: RegExp, timeoutMs = 10_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', UNANSWERED_LOG: 'off', ...env },
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main did not print ${until} within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (d: Buffer): void => {
      output += d.toString('utf8');
      if (until.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" (npm test does it first).`);
});

test('without credentials it starts in local mode, says in one line what is missing, and exits 0 on SIGTERM', async () => {
  const run = await runMain({}, /listening on/u);
  const localLines = run.output.split('\n').filter((l) => l.includes('local mode'));
  expect(localLines).toHaveLength(1);
  expect(localLines[0]).toContain('LINE_CHANNEL_SECRET');
  expect(localLines[0]).toContain('.env');
  expect(run.code).toBe(0);
});

test('broken data stops the boot, naming the file, the record and the field', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pledge-boot-'));
  try {
    cpSync(path.join(REPO_ROOT, 'data'), dir, { recursive: true });
    const file = path.join(dir, 'areas/health.json');
    const area = JSON.parse(readFileSync(file, 'utf8')) as { items: { title: unknown }[] };
    area.items[1]!.title = '';
    writeFileSync(file, JSON.stringify(area));
    const run = await runMain({ DATA_DIR: dir }, /$^/u);
    expect(run.code).toBe(1);
    expect(run.output).toContain('health.json');
    expect(run.output).toContain('health-02');
    expect(run.output).toContain('title');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a wrong setting stops the boot naming the variable', async () => {
  const run = await runMain({ PORT: 'eighty' }, /$^/u);
  expect(run.code).toBe(1);
  expect(run.output).toContain('PORT');
});
