import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { open as openAsync, readdir as readdirAsync } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reading the files of DATA_DIR safely: the bot reads only regular files inside it, never a
 * FIFO (opening one would block the bot for good), a device (/dev/zero never ends) or a symbolic
 * link, and never more than a file's cap. A file that breaks these rules is a data problem, named
 * like any other, and the bot keeps its last good data.
 */

/** Largest size of each kind of data file. The real ones are far smaller (an area: ~15 KB). */
export const DATA_FILE_LIMITS = {
  /** source.json */
  source: 64 * 1024,
  /** areas/<id>.json */
  area: 1024 * 1024,
  /** synonyms.json (staff's) */
  synonyms: 1024 * 1024,
  /** readings.json and synonyms.generated.json (generated) */
  generated: 8 * 1024 * 1024,
} as const;

/** Limits on what one file may hold, checked before the schema (whose uniqueItems is quadratic). */
export const DATA_FIELD_LIMITS = {
  itemsPerArea: 200,
  keywordsPerItem: 100,
  keywordsPerArea: 200,
  synonyms: 5000,
  altsPerSynonym: 20,
  readings: 50_000,
  readingLength: 5000,
  generatedSynonyms: 50_000,
} as const;

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
// O_NOFOLLOW: a symbolic link is refused (ELOOP) instead of followed.
const FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

const why = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'シンボリックリンクは読みません。ファイルそのものを置いてください。';
  if (code === 'ENOENT') return 'ありません。';
  return `読めません (${code ?? String(err)})。`;
};

const notRegular = '通常のファイルではありません (FIFO・デバイス・フォルダなどは読みません)。';
const tooBig = (max: number): string => `大きすぎます (上限 ${Math.round(max / 1024)} KB)。`;

/** Reads a data file synchronously (start-up, commands); never blocks on a special file. */
export function readDataFileSync(file: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(file, FLAGS);
  } catch (err) {
    return { ok: false, reason: why(err) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: notRegular };
    if (st.size > maxBytes) return { ok: false, reason: tooBig(maxBytes) };
    // Read at most one byte more than allowed: a file growing while read is still capped.
    const buf = Buffer.alloc(Math.min(maxBytes + 1, st.size + 1));
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n >= buf.length) break;
    }
    if (n > maxBytes) return { ok: false, reason: tooBig(maxBytes) };
    return { ok: true, text: buf.subarray(0, n).toString('utf8') };
  } catch (err) {
    return { ok: false, reason: why(err) };
  } finally {
    closeSync(fd);
  }
}

/** The same, on libuv's thread pool: the reloader reads without holding the event loop. */
export async function readDataFile(file: string, maxBytes: number): Promise<ReadResult> {
  let handle;
  try {
    handle = await openAsync(file, FLAGS);
  } catch (err) {
    return { ok: false, reason: why(err) };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: notRegular };
    if (st.size > maxBytes) return { ok: false, reason: tooBig(maxBytes) };
    const buf = Buffer.alloc(Math.min(maxBytes + 1, st.size + 1));
    let n = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n >= buf.length) break;
    }
    if (n > maxBytes) return { ok: false, reason: tooBig(maxBytes) };
    return { ok: true, text: buf.subarray(0, n).toString('utf8') };
  } catch (err) {
    return { ok: false, reason: why(err) };
  } finally {
    await handle.close();
  }
}

/** A *.json entry of a folder: a regular file, or something the loader must refuse. */
export interface DataEntry {
  name: string;
  file: string;
  regular: boolean;
}

const entries = (dir: string, list: { name: string; isFile(): boolean }[]): DataEntry[] =>
  list
    .filter((e) => e.name.endsWith('.json'))
    .map((e) => ({ name: e.name, file: path.join(dir, e.name), regular: e.isFile() }))
    .sort((a, b) => a.name.localeCompare(b.name));

/** The *.json entries of a folder, without opening any of them (listing a FIFO does not block). */
export function listDataFilesSync(dir: string): DataEntry[] {
  return entries(dir, readdirSync(dir, { withFileTypes: true }));
}

export async function listDataFiles(dir: string): Promise<DataEntry[]> {
  return entries(dir, await readdirAsync(dir, { withFileTypes: true }));
}

export const NOT_REGULAR_REASON = notRegular;
