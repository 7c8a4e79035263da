import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FROZEN_DATA_DIR, REPO_ROOT } from './helpers/paths';

/**
 * The real entry point as a process (dist/, built by `npm test` before jest runs): how it starts
 * without credentials, and how it refuses broken data. It runs on the frozen 2026 data
 * (test/fixtures/data-2026) unless a test gives another DATA_DIR.
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
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        ADMIN_PORT: '0',
        UNANSWERED_LOG: 'off',
        DATA_DIR: FROZEN_DATA_DIR,
        ...env,
      },
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
  const localLines = run.output.split('\n').filter((l) => l.includes('LOCAL MODE'));
  expect(localLines).toHaveLength(1);
  expect(localLines[0]).toContain('LINE_CHANNEL_SECRET');
  expect(localLines[0]).toContain('.env');
  expect(run.code).toBe(0);
});

test('broken data stops the boot, naming the file, the record and the field', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pledge-boot-'));
  try {
    cpSync(FROZEN_DATA_DIR, dir, { recursive: true });
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

test.each([
  [{ BOT_MODE: 'line', LINE_CHANNEL_ACCESS_TOKEN: 'test-channel-access-token' }, 'LINE_CHANNEL_SECRET'],
  [{ BOT_MODE: 'line', LINE_CHANNEL_SECRET: 'c0ffee00c0ffee00c0ffee00c0ffee00' }, 'LINE_CHANNEL_ACCESS_TOKEN'],
  [
    { LINE_CHANNEL_SECRET: 'not-a-secret', LINE_CHANNEL_ACCESS_TOKEN: 'test-channel-access-token' },
    'LINE_CHANNEL_SECRET',
  ],
])('line mode with %j does not start (exit 1 naming %s)', async (env, name) => {
  const run = await runMain(env, /listening on/u);
  expect(run.code).toBe(1);
  expect(run.output).toContain(name);
  expect(run.output).not.toContain('listening on');
});

test('in line mode the public port serves LINE only; metrics and details are on the internal listener', async () => {
  const lines: string[] = [];
  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      ADMIN_PORT: '0',
      UNANSWERED_LOG: 'off',
      DATA_DIR: FROZEN_DATA_DIR,
      LINE_CHANNEL_SECRET: 'c0ffee00c0ffee00c0ffee00c0ffee00',
      LINE_CHANNEL_ACCESS_TOKEN: 'test-channel-access-token',
    },
  });
  try {
    const ports = await new Promise<{ pub: number; admin: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(lines.join(''))), 10_000);
      let pub = 0;
      let admin = 0;
      child.stdout.on('data', (d: Buffer) => {
        lines.push(d.toString('utf8'));
        for (const l of d.toString('utf8').split('\n')) {
          if (!l.startsWith('{')) continue;
          const rec = JSON.parse(l) as { msg?: string; port?: number };
          if (rec.msg?.startsWith('listening on')) pub = rec.port!;
          if (rec.msg?.startsWith('internal listener')) admin = rec.port!;
        }
        if (pub && admin) {
          clearTimeout(timer);
          resolve({ pub, admin });
        }
      });
    });
    const get = async (port: number, p: string): Promise<{ status: number; text: string }> => {
      const res = await fetch(`http://127.0.0.1:${port}${p}`);
      return { status: res.status, text: await res.text() };
    };
    expect(await get(ports.pub, '/healthz')).toEqual({ status: 200, text: '{"status":"ok"}' });
    expect((await get(ports.pub, '/metrics')).status).toBe(404);
    expect((await get(ports.pub, '/')).status).toBe(404);
    expect((await get(ports.admin, '/metrics')).text).toContain('webhook_requests_total');
    expect((await get(ports.admin, '/healthz')).text).toContain('"mode":"line"');
  } finally {
    child.kill('SIGTERM');
  }
});

test('a wrong setting stops the boot naming the variable', async () => {
  const run = await runMain({ PORT: 'eighty' }, /$^/u);
  expect(run.code).toBe(1);
  expect(run.output).toContain('PORT');
});
