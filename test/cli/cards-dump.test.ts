import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FROZEN_DATA_DIR, REPO_ROOT } from '../helpers/paths';

const CLI = path.join(REPO_ROOT, 'dist/src/cli/cards-dump.js');

test('npm run cards:dump -- DIR writes every card as Flex Simulator JSON and as the message', () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it first).`);
  const dir = mkdtempSync(path.join(tmpdir(), 'cards-'));
  try {
    execFileSync(process.execPath, [CLI, dir], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: FROZEN_DATA_DIR },
    });
    const files = readdirSync(dir);
    for (const name of ['area-disaster-p1', 'area-childcare-p2', 'item-childcare-01', 'menu', 'did-you-mean-sample']) {
      expect(files).toContain(`${name}.json`);
      expect(files).toContain(`${name}.message.json`);
    }
    expect(files).toContain('not-found.message.json');
    const container = JSON.parse(readFileSync(path.join(dir, 'area-disaster-p1.json'), 'utf8')) as { type: string };
    expect(container.type).toBe('carousel');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
