import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { startFakeLineServer } from '../dev/fake-line-server';
import { PROJECT_ROOT } from '../project-root';

/**
 * `npm run bench -- [--seconds 10] [--connections 50] [--no-journal | --redis]`: load benchmark.
 * The bot keeps its durable inbox as in production: the journal in a temporary INBOX_DIR
 * (`--no-journal`: INBOX_DIR=off, for comparison), or with `--redis` a redis-server started on
 * 127.0.0.1 for the run (REDIS_URL: the Redis Stream inbox and shared stores). Signed text webhooks
 * (fresh event ids and reply tokens, realistic Japanese questions) are driven at the bot
 * (`node dist/src/main.js`, replies going to a fake LINE server on 127.0.0.1), then the same load
 * at a bare Express server that only checks the signature (the anchor), in the same run. Prints
 * requests/s, latency p50/p99, errors, replies lost and the bot's peak RSS.
 */
const QUESTIONS = [
  '防災',
  'こども医療費は何歳まで無料ですか',
  'ハザードマップ',
  'ふるさと納税',
  '給食費の補助ある?',
  'ワクチン',
  '今日の天気は？',
  'ヤングケアラー',
  '子育て支援について',
  'ぼうさい',
  '自転車のヘルメット補助',
  '図書館はどうなりますか',
  'free wifi',
  'ごみの収集日',
];
const SECRET = randomBytes(16).toString('hex');
const TOKEN = `bench-${randomBytes(12).toString('hex')}`;

interface LoadResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function body(): string {
  const q = QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]!;
  return JSON.stringify({
    destination: `U${'0'.repeat(32)}`,
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        source: { type: 'user', userId: `U${randomBytes(16).toString('hex')}` },
        webhookEventId: `01${randomBytes(12).toString('hex').toUpperCase()}`,
        deliveryContext: { isRedelivery: false },
        replyToken: randomBytes(16).toString('hex'),
        message: { id: randomBytes(8).toString('hex'), type: 'text', quoteToken: 'q', text: q },
      },
    ],
  });
}

async function waitHealthy(port: number, pathName: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: pathName, method: pathName === '/webhook' ? 'POST' : 'GET' },
        (res) => {
          res.resume();
          resolve(true);
        },
      );
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not come up');
}

async function drive(port: number, seconds: number, connections: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const b = body();
      const started = process.hrtime.bigint();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/webhook',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(b),
            'x-line-signature': createHmac('sha256', SECRET).update(b).digest('base64'),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (res.statusCode === 200) ok++;
            else non2xx++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(b);
    });
  const worker = async (): Promise<void> => {
    while (Date.now() < end) await one();
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (Date.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    requests: latencies.length + errors,
    ok,
    non2xx,
    errors,
    rps: latencies.length / elapsed,
    p50: q(0.5),
    p99: q(0.99),
  };
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The Node flags in package.json's start script ("node --a --b dist/src/main.js" → [--a, --b]). */
function startScriptFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return pkg.scripts.start.split(/\s+/u).filter((w) => w.startsWith('--'));
}

function start(script: string, env: Record<string, string>): ChildProcess {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof") is passed to the bot and the anchor, for profiling.
  // The bot runs with the Node flags of `npm start` (package.json), so the figures match production.
  const startFlags = script === 'main.js' ? startScriptFlags() : [];
  const nodeArgs = [...startFlags, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  return spawn(process.execPath, [...nodeArgs, path.join(PROJECT_ROOT, 'dist/src', script)], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

async function main(): Promise<void> {
  const seconds = arg('--seconds', 10);
  const connections = arg('--connections', 50);
  const line = await startFakeLineServer(TOKEN, { countOnly: true });
  const botPort = await freePort();
  const store = process.argv.includes('--redis') ? 'redis' : process.argv.includes('--no-journal') ? 'off' : 'journal';
  const inboxDir = mkdtempSync(path.join(tmpdir(), 'bench-inbox-'));
  const redis = store === 'redis' ? await startRedisServer() : null;
  const bot = start('main.js', {
    INBOX_DIR: store === 'off' ? 'off' : inboxDir,
    ...(redis ? { REDIS_URL: redis.url } : {}),
    PORT: String(botPort),
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LINE_API_BASE_URL: line.baseUrl,
    LINE_DATA_API_BASE_URL: line.baseUrl,
    UNANSWERED_LOG: 'off',
    LOG_LEVEL: 'info',
  });
  let peak = 0;
  let idle: number | undefined;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(bot.pid!))), 100);
  try {
    await waitHealthy(botPort, '/healthz', bot);
    idle = rssMb(bot.pid!);
    const warm = await drive(botPort, 1, connections); // warm-up
    const warmUntil = Date.now() + 10_000;
    while (line.replyCount() < warm.ok && Date.now() < warmUntil) await new Promise((r) => setTimeout(r, 50));
    line.reset();
    const botResult = await drive(botPort, seconds, connections);
    const backlog = botResult.ok - line.replyCount();
    const settleStart = Date.now();
    const settleUntil = Date.now() + 10_000;
    while (line.replyCount() < botResult.ok && Date.now() < settleUntil) await new Promise((r) => setTimeout(r, 100));
    const replies = line.replyCount();
    const settleMs = Date.now() - settleStart;
    clearInterval(sampler);
    await stop(bot);

    const anchorPort = await freePort();
    const anchor = start('dev/bare-express.js', { PORT: String(anchorPort), LINE_CHANNEL_SECRET: SECRET });
    await waitHealthy(anchorPort, '/webhook', anchor);
    await drive(anchorPort, 1, connections);
    const anchorResult = await drive(anchorPort, seconds, connections);
    await stop(anchor);

    const lost = botResult.ok - replies;
    const row = (name: string, r: LoadResult, extra: string[]): string =>
      `| ${name.padEnd(12)} | ${r.rps.toFixed(0).padStart(7)} | ${r.p50.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${String(r.non2xx + r.errors).padStart(6)} | ${extra.map((x) => x.padStart(10)).join(' | ')} |`;
    process.stdout.write(
      `# ${seconds} s at ${connections} connections, Node ${process.version}, ${new Date().toISOString()}; inbox: ${store === 'off' ? 'memory only (INBOX_DIR=off)' : store === 'redis' ? 'Redis Stream (REDIS_URL)' : 'journal on disk'}\n\n`,
    );
    process.stdout.write(
      `| target       |   req/s | p50 ms  | p99 ms  | errors | replies lost |   peak RSS |\n|---|---:|---:|---:|---:|---:|---:|\n`,
    );
    process.stdout.write(`${row('bot', botResult, [String(lost), `${peak.toFixed(1)} MB`])}\n`);
    process.stdout.write(`${row('bare express', anchorResult, ['-', '-'])}\n\n`);
    const ratio = botResult.rps / anchorResult.rps;
    process.stdout.write(
      `bot=${botResult.rps.toFixed(0)} rps p50=${botResult.p50.toFixed(1)}ms p99=${botResult.p99.toFixed(1)}ms; bare-express=${anchorResult.rps.toFixed(0)} rps; ratio-vs-express=${ratio.toFixed(2)}; inbox=${store}; replies-lost=${lost}; peak-rss=${peak.toFixed(1)} MB (idle ${idle?.toFixed(1) ?? '?'} MB); replies pending when the load stopped=${backlog}, all sent ${settleMs} ms later\n`,
    );
  } finally {
    clearInterval(sampler);
    await stop(bot);
    await line.close();
    redis?.stop();
    rmSync(inboxDir, { recursive: true, force: true });
  }
}

/** A throwaway redis-server (Debian's package) on a free port, no persistence. */
async function startRedisServer(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p)) ?? 'redis-server';
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  child.on('error', (err) => process.stderr.write(`bench: redis-server could not start: ${err.message}\n`));
  await new Promise((r) => setTimeout(r, 300));
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
