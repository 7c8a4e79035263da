import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { redisServerPath } from './redis-path';

export { redisServerPath };

/**
 * A real redis-server (Debian's package) for the tests that need one: started on 127.0.0.1 on a
 * free port, with no persistence, in a temporary folder; stopped by stop(). Where redis-server is
 * absent, the Redis tests are skipped (test/global-setup.ts prints one line saying so), unless
 * REQUIRE_REDIS_TESTS=1 (CI), where they fail instead.
 */
/** describe, or describe.skip when there is no redis-server and the tests are not required. */
export const describeWithRedis: jest.Describe =
  redisServerPath() || process.env.REQUIRE_REDIS_TESTS === '1' ? describe : describe.skip;

export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (SIGKILL when `hard`, as when a machine dies). */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port (after stop), empty. */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis-server did not listen on ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startRedis(): Promise<TestRedis> {
  const bin = redisServerPath();
  if (!bin)
    throw new Error(
      'redis-server is not installed (Debian: apt-get install -y redis-server); the Redis tests need it (REQUIRE_REDIS_TESTS=1)',
    );
  const dir = mkdtempSync(path.join(tmpdir(), 'redis-test-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    mkdirSync(dir, { recursive: true });
    child = spawn(
      bin,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    await waitForPort(port, 5000);
  };
  const stop = async (hard = false): Promise<void> => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async (hard) => {
      await stop(hard);
    },
    restart: start,
  };
}
