import { createHash } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AREAS_DIR, GENERATED_SYNONYMS_FILE, READINGS_FILE, SOURCE_FILE, SYNONYMS_FILE } from '../pledges/load-catalog';

/**
 * A data set as the console handles it: the text of each data file, keyed by its path inside
 * DATA_DIR (`source.json`, `areas/disaster.json`, `synonyms.json`, and the derived
 * `readings.json` and `synonyms.generated.json`). The published truth stays plain files in
 * DATA_DIR (git-friendly); drafts and versions are the same files in CONSOLE_DIR. Files are
 * written in the repository's one format (JSON, 2 spaces, a final newline), so an unchanged
 * record leaves its file byte-identical.
 */
export type DataFiles = ReadonlyMap<string, string>;

/** The files staff edit; the derived ones are rebuilt from them at publish. */
export const DERIVED_FILES = [READINGS_FILE, GENERATED_SYNONYMS_FILE] as const;

export const isDerived = (name: string): boolean => (DERIVED_FILES as readonly string[]).includes(name);

/** Largest data file the console reads (the loader's own caps are smaller, per kind). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** The data file names in `dir` (regular files only; the schema folder is not data). */
async function dataNames(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const top of [SOURCE_FILE, SYNONYMS_FILE, ...DERIVED_FILES])
    if (await isFile(path.join(dir, top))) names.push(top);
  let areas: string[] = [];
  try {
    areas = (await readdir(path.join(dir, AREAS_DIR))).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  for (const a of areas) if (await isFile(path.join(dir, AREAS_DIR, a))) names.push(`${AREAS_DIR}/${a}`);
  return names;
}

async function isFile(file: string): Promise<boolean> {
  try {
    const s = await stat(file);
    return s.isFile() && s.size <= MAX_FILE_BYTES;
  } catch {
    return false;
  }
}

/** Reads the data files of `dir` (missing ones are simply absent). */
export async function readDataFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of await dataNames(dir)) files.set(name, await readFile(path.join(dir, name), 'utf8'));
  return files;
}

/** A short content hash of a data set (which version is live, whether two sets are the same). */
export function hashFiles(files: DataFiles, which: (name: string) => boolean = () => true): string {
  const h = createHash('sha256');
  for (const name of [...files.keys()].filter(which).sort()) h.update(`${name}\0${files.get(name)}\0`);
  return h.digest('hex').slice(0, 16);
}

/** The edited files only (what staff changed is compared on these). */
export const primaryHash = (files: DataFiles): string => hashFiles(files, (n) => !isDerived(n));

/** JSON as every data file is written: 2 spaces, a final newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export interface WriteOptions {
  /** File mode for new files (CONSOLE_DIR: 0600; DATA_DIR: 0644, readable by the bot's other tools). */
  mode: number;
  /** Delete data files of `dir` that `files` does not have (an area removed). */
  prune?: boolean;
}

/**
 * Writes `files` into `dir`: each changed file through a temporary file and a rename (readers
 * never see half a file), unchanged ones not touched at all, and with `prune` the data files
 * the set no longer has removed last. Returns the names written or removed.
 */
export async function writeDataFiles(dir: string, files: DataFiles, opts: WriteOptions): Promise<string[]> {
  await mkdir(path.join(dir, AREAS_DIR), { recursive: true, mode: opts.mode === 0o600 ? 0o700 : 0o755 });
  const before = await readDataFiles(dir);
  const changed = [...files.keys()].filter((name) => before.get(name) !== files.get(name));
  const staged: [string, string][] = [];
  try {
    for (const name of changed) {
      const target = path.join(dir, name);
      const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
      const fh = await open(tmp, 'wx', opts.mode);
      try {
        await fh.chmod(opts.mode);
        await fh.writeFile(files.get(name)!);
        await fh.datasync();
      } finally {
        await fh.close();
      }
      staged.push([tmp, target]);
    }
  } catch (err) {
    await Promise.all(staged.map(([tmp]) => rm(tmp, { force: true })));
    throw err;
  }
  // The renames come together at the end, so the set changes within microseconds.
  for (const [tmp, target] of staged) await rename(tmp, target);
  const removed = opts.prune ? [...before.keys()].filter((name) => !files.has(name)) : [];
  for (const name of removed) await rm(path.join(dir, name), { force: true });
  return [...changed, ...removed];
}

/** Makes a folder (and its parents) private: 0700. */
export async function privateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}
