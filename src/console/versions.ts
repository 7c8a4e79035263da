import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashFiles, privateDir, readDataFiles, writeDataFiles, type DataFiles } from './data-set';

/**
 * Published versions, numbered from 1 and never changed once written: CONSOLE_DIR/versions/NNNN/
 * holds the data files as they went live (derived files included, so a rollback needs no
 * rebuild) and meta.json (who, when, what). A rollback publishes a copy of an old version as a
 * new number; nothing is ever rewritten or deleted.
 */
export interface VersionMeta {
  n: number;
  /** ISO time. */
  at: string;
  /** The staff member, or null for data found in DATA_DIR (start-up, an edit outside the console). */
  by: string | null;
  /** publish | rollback | found (data that was live without being published here). */
  how: 'publish' | 'rollback' | 'found';
  /** One line: what changed. */
  summary: string;
  /** For a rollback: the version copied. */
  from?: number;
  /** Content hash of the files. */
  hash: string;
}

export interface VersionStore {
  /** Newest first. */
  list(): Promise<VersionMeta[]>;
  latest(): Promise<VersionMeta | null>;
  files(n: number): Promise<Map<string, string>>;
  /** Writes the next version; resolves with its meta. */
  add(files: DataFiles, meta: Omit<VersionMeta, 'n' | 'hash' | 'at'> & { at?: string }): Promise<VersionMeta>;
}

const name = (n: number): string => String(n).padStart(4, '0');

export function createVersionStore(dir: string): VersionStore {
  let cache: VersionMeta[] | null = null;
  let adding: Promise<unknown> = Promise.resolve();

  async function load(): Promise<VersionMeta[]> {
    if (cache) return cache;
    await privateDir(dir);
    const metas: VersionMeta[] = [];
    for (const entry of (await readdir(dir)).filter((e) => /^\d{4,}$/u.test(e))) {
      try {
        metas.push(JSON.parse(await readFile(path.join(dir, entry, 'meta.json'), 'utf8')) as VersionMeta);
      } catch {
        // a version whose writing was cut short (no meta.json): not a version
      }
    }
    cache = metas.sort((a, b) => b.n - a.n);
    return cache;
  }

  return {
    list: load,
    async latest() {
      return (await load())[0] ?? null;
    },
    async files(n) {
      return readDataFiles(path.join(dir, name(n)));
    },
    add(files, meta) {
      const run = adding.then(async () => {
        const list = await load();
        const n = (list[0]?.n ?? 0) + 1;
        const full: VersionMeta = { ...meta, n, at: meta.at ?? new Date().toISOString(), hash: hashFiles(files) };
        // Written beside, then renamed: a version is there whole or not at all.
        const tmp = path.join(dir, `.${name(n)}.tmp`);
        await rm(tmp, { recursive: true, force: true });
        await mkdir(tmp, { mode: 0o700 });
        await writeDataFiles(tmp, files, { mode: 0o600 });
        await writeFile(path.join(tmp, 'meta.json'), `${JSON.stringify(full, null, 2)}\n`, { mode: 0o600 });
        await rename(tmp, path.join(dir, name(n)));
        cache = [full, ...list];
        return full;
      });
      adding = run.catch(() => undefined);
      return run;
    },
  };
}
