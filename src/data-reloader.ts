import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './log';
import type { Catalog } from './pledges/catalog';
import { DataError, formatProblem } from './pledges/data-error';
import { AREAS_DIR, loadCatalog } from './pledges/load-catalog';

/**
 * Watches DATA_DIR and swaps in edited data without a restart, validating first: a broken edit
 * is refused with a log line naming the file, record and field, and the bot keeps answering
 * from the last good data. Polls file sizes and times (cheap, and reliable where file-change
 * events are not: network drives, editors that replace files, atomic renames).
 */
export interface DataReloader {
  /** Looks for changes once; resolves to true when new data was loaded. */
  check(): boolean;
  stop(): void;
}

export interface DataReloaderOptions {
  dataDir: string;
  /** How often to look; changes are live within about this long (plus load time). */
  intervalMs: number;
  logger: Logger;
  currentVersion(): string;
  onLoaded(catalog: Catalog): void;
}

/** Default polling interval: edits are answered within ~1 s, far inside the 5 s promised to staff. */
export const DATA_RELOAD_INTERVAL_MS = 1000;

export function startDataReloader(opts: DataReloaderOptions): DataReloader {
  let last = signature(opts.dataDir);
  const check = (): boolean => {
    const now = signature(opts.dataDir);
    if (now === last) return false;
    last = now;
    try {
      const catalog = loadCatalog(opts.dataDir);
      if (catalog.version === opts.currentVersion()) return false;
      opts.onLoaded(catalog);
      opts.logger.info({ dataVersion: catalog.version, items: catalog.items.length }, 'data reloaded');
      return true;
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      opts.logger.error(
        { dataVersion: opts.currentVersion(), problems: err.problems.map(formatProblem) },
        `data edit refused, still answering from the last good data: ${err.problems.map(formatProblem).slice(0, 3).join(' / ')}`,
      );
      return false;
    }
  };
  const timer = setInterval(() => {
    try {
      check();
    } catch (err) {
      opts.logger.error({ err }, 'data reload failed');
    }
  }, opts.intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}

/** Names, sizes and modification times of the data files: changes when any of them changes. */
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
        const s = statSync(path.join(d, name));
        parts.push(`${name}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`);
      } catch {
        parts.push(`${name}:gone`);
      }
    }
  };
  add(dir);
  add(path.join(dir, AREAS_DIR));
  return parts.join('|');
}
