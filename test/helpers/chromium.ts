import { execFile, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths';

/**
 * Where the browser tests find a Chromium for playwright-core (which downloads none), in order:
 *
 * 1. `CHROMIUM_PATH`, when set (a wrong path is an error, not a reason to look elsewhere);
 * 2. `chromium`, `chromium-browser`, `google-chrome` or `google-chrome-stable` on `PATH`
 *    (Debian's `apt-get install chromium`, a developer's Chrome);
 * 3. the Chromium shipped in the npm package `@sparticuz/chromium` (a devDependency): on Linux x64
 *    it unpacks a headless Chromium into the temporary folder (`/tmp/chromium`, a few seconds the
 *    first time), so `npm ci && npm test` needs no apt on a fresh machine. It needs NSS (libnss3);
 *    when the machine has none, the package's own copy (built for Amazon Linux 2023) is unpacked
 *    too and named in `env.LD_LIBRARY_PATH`.
 *
 * Used by test/simulator/browser.test.ts and the staff console's browser tests:
 *
 * ```ts
 * const found = await findChromium();
 * const browser = await chromium.launchPersistentContext(profile, {
 *   executablePath: found.path,
 *   env: { ...process.env, ...found.env },
 *   args: [...CHROMIUM_ARGS],
 * });
 * ```
 */
export interface FoundChromium {
  /** The executable to pass to playwright-core as `executablePath`. */
  path: string;
  /** Where it came from, for messages: `CHROMIUM_PATH`, `PATH (chromium)`, `@sparticuz/chromium`. */
  source: string;
  /** Environment the browser needs on top of process.env (the bundled NSS libraries), if any. */
  env?: Record<string, string>;
}

export interface FindChromiumOptions {
  /** CHROMIUM_PATH and PATH are read from here (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Unpacks the npm package's Chromium and returns its path (default: @sparticuz/chromium in a child process). */
  unpackBundled?: () => Promise<string>;
  /** Unpacks the package's shared libraries (NSS) and returns their folder (default: @sparticuz/chromium's al2023 set). */
  unpackBundledLibraries?: () => Promise<string>;
}

/** Names looked up on PATH, in order. */
export const CHROMIUM_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/**
 * Flags for a test browser: no sandbox (CI often runs as root, where Chromium refuses its
 * sandbox), no GPU, and nothing that talks to Google's servers (the tests block every request
 * that leaves 127.0.0.1 and report it).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export class ChromiumNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromiumNotFoundError';
  }
}

const isExecutableFile = (file: string): boolean => {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The first `name` on `searchPath` that is an executable file. */
function onPath(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

/**
 * Runs `expression` (a promise of a string) with @sparticuz/chromium imported as `m`. The package
 * is an ES module; jest runs the tests as CommonJS and cannot import it, so a child Node process does.
 */
async function withSparticuz(expression: string): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(`it ships a Chromium for Linux x64 only (this is ${process.platform} ${process.arch})`);
  const script = `import('@sparticuz/chromium').then((m) => ${expression}).then((p) => process.stdout.write(p))`;
  return withUnpackLock(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    });
    return stdout.trim();
  });
}

/**
 * One unpacking at a time: jest runs test files in parallel, and @sparticuz/chromium would hand a
 * second process the half-written /tmp/chromium of the first.
 */
async function withUnpackLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = path.join(tmpdir(), 'sparticuz-chromium-unpack.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock left by a killed run is older than any unpacking takes.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 180_000 || Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const unpackSparticuz = (): Promise<string> => withSparticuz('m.default.executablePath()');

/** The package's NSS libraries (its Amazon Linux 2023 set): unpacked to <tmp>/al2023/lib. */
const unpackSparticuzLibraries = async (): Promise<string> =>
  path.join(
    await withSparticuz(
      "m.inflate(require('node:path').join(require.resolve('@sparticuz/chromium'), '..', '..', 'bin', 'al2023.tar.br'))",
    ),
    'lib',
  );

/** Why `file --version` does not run ('' when it does): a missing shared library, typically. */
function cannotRun(file: string, env: NodeJS.ProcessEnv): string {
  const run = spawnSync(file, ['--version'], { env, encoding: 'utf8', timeout: 30_000 });
  if (run.error) return run.error.message;
  return run.status === 0 ? '' : (run.stderr || run.stdout || `exit ${run.status}`).trim().split('\n')[0]!;
}

/** Finds a Chromium for playwright-core; throws ChromiumNotFoundError saying what was tried and how to fix it. */
export async function findChromium(options: FindChromiumOptions = {}): Promise<FoundChromium> {
  const env = options.env ?? process.env;
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (isExecutableFile(configured)) return { path: configured, source: 'CHROMIUM_PATH' };
    throw new ChromiumNotFoundError(
      `CHROMIUM_PATH=${configured} is not an executable file: fix it, or unset it to use chromium on PATH or @sparticuz/chromium.`,
    );
  }
  for (const name of CHROMIUM_COMMANDS) {
    const found = onPath(name, env.PATH ?? '');
    if (found) return { path: found, source: `PATH (${name})` };
  }
  try {
    const unpacked = await (options.unpackBundled ?? unpackSparticuz)();
    if (!unpacked || !isExecutableFile(unpacked))
      throw new Error(`it gave "${unpacked}", which is not an executable file`);
    const found = { path: unpacked, source: '@sparticuz/chromium' };
    const problem = cannotRun(unpacked, process.env);
    if (!problem) return found;
    if (!/shared librar/iu.test(problem))
      throw new Error(`${unpacked} does not run (${problem}); delete it to unpack it again`);
    // No NSS on this machine: use the copy the package ships.
    const libs = await (options.unpackBundledLibraries ?? unpackSparticuzLibraries)();
    const libraryEnv = { LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter) };
    const still = cannotRun(unpacked, { ...process.env, ...libraryEnv });
    if (still) throw new Error(`${unpacked} does not run, even with the libraries in ${libs}: ${still}`);
    return { ...found, env: libraryEnv };
  } catch (err) {
    throw new ChromiumNotFoundError(
      `No Chromium found: CHROMIUM_PATH is not set, none of ${CHROMIUM_COMMANDS.join(', ')} is on PATH, and ` +
        `@sparticuz/chromium could not unpack one (${(err as Error).message.split('\n')[0]}). ` +
        'Run "npm ci" (it installs @sparticuz/chromium), install chromium, or set CHROMIUM_PATH.',
    );
  }
}
