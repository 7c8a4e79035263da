import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './log';
import type { Catalog } from './pledges/catalog';
import { DataError, formatProblem } from './pledges/data-error';
import { AREAS_DIR } from './pledges/load-catalog';
import { loadValidDataAsync } from './valid-data';

/**
 * Watches DATA_DIR and swaps in edited data without a restart, validating first with the same
 * rules as `npm run data:check` (valid-data.ts): a broken edit is refused with a log line naming
 * the file, record and field, and the bot keeps answering from the last good data. Polls file
 * names, sizes and times (cheap, and reliable where file-change events are not: network drives,
 * editors that replace files, atomic renames).
 *
 * The bot keeps answering while it reloads: files are read on libuv's thread pool (never a FIFO,
 * a device or a link: data-files.ts), and the new matcher is built in slices of a few
 * milliseconds. One reload at a time; a change seen meanwhile is picked up by the next look.
 */
export interface DataReloader {
  /** Looks for changes once; resolves to true when new data was loaded. */
  check(): Promise<boolean>;
  stop(): void;
}

export interface DataReloaderOptions {
  dataDir: string;
  /** How often to look; changes are live within about this long (plus load time). */
  intervalMs: number;
  logger: Logger;
  currentVersion(): string;
  /** Starts answering from the new data; may take a while (the matcher is built in slices). */
  onLoaded(catalog: Catalog): Promise<void> | void;
}

/** Default polling interval: edits are answered within ~1 s, far inside the 5 s promised to staff. */
export const DATA_RELOAD_INTERVAL_MS = 1000;

export function startDataReloader(opts: DataReloaderOptions): DataReloader {
  let last = signature(opts.dataDir);
  let running: Promise<boolean> | null = null;
  const load = async (): Promise<boolean> => {
    const now = signature(opts.dataDir);
    if (now === last) return false;
    last = now;
    try {
      const { catalog, warnings } = await loadValidDataAsync(opts.dataDir);
      // Files replaced while they were read (a publish, a copy under way): what was read may be
      // half old, half new. Drop it; the next look reads the set again.
      if (signature(opts.dataDir) !== now) {
        last = '';
        return false;
      }
      if (catalog.version === opts.currentVersion()) return false;
      await opts.onLoaded(catalog);
      opts.logger.info({ dataVersion: catalog.version, items: catalog.items.length, warnings }, 'data reloaded');
      return true;
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      if (signature(opts.dataDir) !== now) {
        last = '';
        return false;
      }
      opts.logger.error(
        { dataVersion: opts.currentVersion(), problems: err.problems.map(formatProblem) },
        `data edit refused, still answering from the last good data: ${err.problems.map(formatProblem).slice(0, 3).join(' / ')}`,
      );
      return false;
    }
  };
  const check = (): Promise<boolean> => {
    if (running) return running.then(() => false);
    running = load().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (running) return;
    check().catch((err: unknown) => opts.logger.error({ err }, 'data reload failed'));
  }, opts.intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}

/**
 * Names, types, sizes and modification times of the data files: changes when any of them
 * changes. lstat only: a FIFO or a link is noticed without being opened.
 */
function signature(dir: string): string {
  const parts: string[] = [];
  const add = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      parts.push(`${d}:missing`);
      return;
    }
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      try {
        const s = lstatSync(path.join(d, name));
        parts.push(`${name}:${s.mode}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`);
      } catch {
        parts.push(`${name}:gone`);
      }
    }
  };
  add(dir);
  add(path.join(dir, AREAS_DIR));
  return parts.join('|');
}
