import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, whether the code runs from src/ (tests) or dist/src/ (npm scripts). */
export const PROJECT_ROOT: string = ((): string => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
})();
