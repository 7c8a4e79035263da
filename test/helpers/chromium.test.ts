import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ChromiumNotFoundError, findChromium } from './chromium';

/** Where the browser tests find Chromium: CHROMIUM_PATH, then PATH, then @sparticuz/chromium. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'find-chromium-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fake browser: a shell script in `folder` (created), executable unless told otherwise. */
function fakeBrowser(folder: string, name: string, script = 'echo "Chromium 1.0"', executable = true): string {
  mkdirSync(path.join(dir, folder), { recursive: true });
  const file = path.join(dir, folder, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, executable ? 0o755 : 0o644);
  return file;
}
const never = (): Promise<string> => Promise.reject(new Error('the bundled browser was not wanted'));

describe('findChromium: the order', () => {
  test('CHROMIUM_PATH first, even with chromium on PATH', async () => {
    const configured = fakeBrowser('custom', 'my-chrome');
    fakeBrowser('bin', 'chromium');
    const found = await findChromium({
      env: { CHROMIUM_PATH: configured, PATH: path.join(dir, 'bin') },
      unpackBundled: never,
    });
    expect(found).toEqual({ path: configured, source: 'CHROMIUM_PATH' });
  });

  test('a CHROMIUM_PATH that is not an executable file is an error, not a reason to look elsewhere', async () => {
    fakeBrowser('bin', 'chromium');
    const find = findChromium({
      env: { CHROMIUM_PATH: path.join(dir, 'missing'), PATH: path.join(dir, 'bin') },
      unpackBundled: never,
    });
    await expect(find).rejects.toThrow(ChromiumNotFoundError);
    await expect(find).rejects.toThrow(/CHROMIUM_PATH=.*missing/u);
  });

  test('then chromium on PATH, before google-chrome; files that cannot be run are skipped', async () => {
    fakeBrowser('a', 'chromium', '', false);
    fakeBrowser('a', 'google-chrome');
    const chromiumFile = fakeBrowser('b', 'chromium');
    const env = { PATH: [path.join(dir, 'a'), path.join(dir, 'b')].join(path.delimiter) };
    expect(await findChromium({ env, unpackBundled: never })).toEqual({
      path: chromiumFile,
      source: 'PATH (chromium)',
    });
  });

  test('google-chrome on PATH when there is no chromium', async () => {
    const chrome = fakeBrowser('bin', 'google-chrome');
    const found = await findChromium({ env: { PATH: path.join(dir, 'bin') }, unpackBundled: never });
    expect(found).toEqual({ path: chrome, source: 'PATH (google-chrome)' });
  });

  test('then the browser of the npm package', async () => {
    const bundled = fakeBrowser('unpacked', 'chromium');
    const found = await findChromium({ env: { PATH: '' }, unpackBundled: () => Promise.resolve(bundled) });
    expect(found).toEqual({ path: bundled, source: '@sparticuz/chromium' });
  });

  test("the package's NSS libraries are named when the machine has none", async () => {
    const libs = path.join(dir, 'bundled-libs');
    const bundled = fakeBrowser(
      'unpacked',
      'chromium',
      `case "$LD_LIBRARY_PATH" in *bundled-libs*) echo "Chromium 1.0"; exit 0;; esac
echo "chromium: error while loading shared libraries: libnss3.so: cannot open shared object file" >&2; exit 127`,
    );
    const found = await findChromium({
      env: { PATH: '' },
      unpackBundled: () => Promise.resolve(bundled),
      unpackBundledLibraries: () => Promise.resolve(libs),
    });
    expect(found.source).toBe('@sparticuz/chromium');
    expect(found.env?.LD_LIBRARY_PATH?.split(path.delimiter)[0]).toBe(libs);
  });

  test('nothing anywhere: one error that says what was tried and how to fix it', async () => {
    const find = findChromium({ env: { PATH: '' }, unpackBundled: () => Promise.reject(new Error('no package')) });
    await expect(find).rejects.toThrow(ChromiumNotFoundError);
    await expect(find).rejects.toThrow(
      /CHROMIUM_PATH.*PATH.*@sparticuz\/chromium could not unpack one \(no package\)/u,
    );
  });
});

const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
(linuxX64 ? describe : describe.skip)('the npm package on this machine (Linux x64)', () => {
  jest.setTimeout(120_000);
  test('unpacks a Chromium that playwright-core can drive', async () => {
    const found = await findChromium({ env: { PATH: '' } });
    expect(found.source).toBe('@sparticuz/chromium');
    const profile = path.join(dir, 'profile');
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: found.path,
      env: { ...process.env, ...found.env },
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.setContent('<html lang="ja"><body><p id="t">防災</p></body></html>');
      expect(await page.textContent('#t')).toBe('防災');
    } finally {
      await browser.close();
    }
  });
});
