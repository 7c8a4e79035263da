import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes to a temporary file beside the target and renames it into place, so readers never see half a file. */
export function writeFileAtomic(target: string, content: string): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  writeFileSync(tmp, content);
  renameSync(tmp, target);
}
