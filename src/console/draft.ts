import { readFile, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { privateDir, readDataFiles, writeDataFiles, type DataFiles } from './data-set';

/**
 * The one shared draft every edit goes to (CONSOLE_DIR/draft/, the data files as they would be
 * published, and draft.json: which version it started from, its revision, who changed it last).
 * Edits are applied one at a time, so two staff members saving at once both keep their change.
 */
export interface DraftMeta {
  /** The published version the draft started from. */
  base: number;
  /** Grows with every saved edit (the test pane's matcher is rebuilt when it changes). */
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface Draft {
  files: DataFiles;
  meta: DraftMeta;
}

export interface DraftStore {
  /** The draft, or null before the first one was made. */
  get(): Promise<Draft | null>;
  /**
   * Applies `edit` to the current draft and saves the result when it changed. `edit` returns
   * the new files (or null to change nothing) plus anything to hand back to the caller.
   */
  update<T>(by: string, edit: (files: DataFiles) => { files: DataFiles | null; value: T }): Promise<T>;
  /** Starts the draft over from a published version (after publish, rollback or at first use). */
  reset(files: DataFiles, base: number, by: string | null): Promise<void>;
}

export function createDraftStore(consoleDir: string): DraftStore {
  const dir = path.join(consoleDir, 'draft');
  const metaFile = path.join(consoleDir, 'draft.json');
  let cached: Draft | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step);
    queue = run.catch(() => undefined);
    return run;
  };

  async function load(): Promise<Draft | null> {
    if (cached) return cached;
    try {
      const meta = JSON.parse(await readFile(metaFile, 'utf8')) as DraftMeta;
      cached = { files: await readDataFiles(dir), meta };
      return cached;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async function save(files: DataFiles, meta: DraftMeta): Promise<void> {
    await privateDir(dir);
    await writeDataFiles(dir, files, { mode: 0o600, prune: true });
    const tmp = `${metaFile}.tmp`;
    await writeFile(tmp, `${JSON.stringify(meta, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, metaFile);
    cached = { files: new Map(files), meta };
  }

  return {
    get: () => serially(load),
    update: (by, edit) =>
      serially(async () => {
        const current = await load();
        if (!current) throw new Error('no draft yet');
        const { files, value } = edit(current.files);
        if (files)
          await save(files, {
            ...current.meta,
            revision: current.meta.revision + 1,
            updatedAt: new Date().toISOString(),
            updatedBy: by,
          });
        return value;
      }),
    reset: (files, base, by) =>
      serially(async () => {
        const revision = ((await load())?.meta.revision ?? 0) + 1;
        await save(files, { base, revision, updatedAt: new Date().toISOString(), updatedBy: by });
      }),
  };
}
