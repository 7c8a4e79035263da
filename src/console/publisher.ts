import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../pledges/catalog';
import { DataError, type DataProblem } from '../pledges/data-error';
import { PROJECT_ROOT } from '../project-root';
import type { ValidData } from '../valid-data';
import {
  hashFiles,
  isDerived,
  primaryHash,
  privateDir,
  readDataFiles,
  writeDataFiles,
  type DataFiles,
} from './data-set';
import { diffData, summarize } from './diff';
import type { DraftStore } from './draft';
import { FIELD_LABELS } from './editable';
import type { VersionMeta, VersionStore } from './versions';

/**
 * 「公開」 and 「この版に戻す」: the only way the console changes DATA_DIR.
 *
 * Publish: the draft is validated whole with the same validation as `npm run data:check` (in a
 * staging folder), its derived files (readings, Sudachi synonyms) are rebuilt by the publish
 * itself (`data:readings` in a child process, so the dictionaries never load into the bot's
 * heap), the result is kept as a new immutable version, then written into DATA_DIR (each changed
 * file by an atomic rename, unchanged files untouched) and handed to the running bot at once.
 * A draft with problems publishes nothing and gets every problem named in Japanese.
 *
 * One publish or rollback at a time. Data found in DATA_DIR that no version holds (at first
 * start, or after an edit outside the console) is recorded as a version first, so there is
 * always something to roll back to.
 */
export type PublishOutcome =
  /** `deliveryFailed`: live here, but afterPublish (the other instances) failed. */
  | { ok: true; version: VersionMeta; deliveryFailed?: true }
  | { ok: false; reason: 'invalid'; problems: string[] }
  | { ok: false; reason: 'unchanged' | 'no-version' };

export interface Publisher {
  publish(by: string): Promise<PublishOutcome>;
  rollback(n: number, by: string): Promise<PublishOutcome>;
  /** Records DATA_DIR as a version when no version holds it; makes the first draft. */
  sync(): Promise<void>;
}

export interface PublisherDeps {
  dataDir: string;
  consoleDir: string;
  versions: VersionStore;
  draft: DraftStore;
  /** The same validation as data:check (valid-data.ts). */
  validate(dir: string): Promise<ValidData>;
  /** Writes the derived files into `dir` (default: `data:readings -- --dir` in a child process). */
  buildDerived?(dir: string): Promise<void>;
  /** The bot answers from `catalog` from now on. */
  onPublished(catalog: Catalog): Promise<void>;
  /**
   * Hands the published set to the other instances (with REDIS_URL), after DATA_DIR and this bot
   * have it. Its failure undoes nothing here: the outcome says `deliveryFailed`.
   */
  afterPublish?(published: PublishedSet): Promise<void>;
}

/** A published data set: every file of DATA_DIR by its path inside it, and the catalog's version. */
export interface PublishedSet {
  version: string;
  files: Record<string, string>;
}

/** Runs the compiled `data:readings` on a folder, in its own process and heap. */
export function buildDerivedInChild(dir: string): Promise<void> {
  const script = path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'build-readings.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, '--dir', dir],
      { timeout: 120_000, maxBuffer: 1024 * 1024, env: { PATH: process.env.PATH ?? '' } },
      (err, _stdout, stderr) =>
        err ? reject(new Error(`読み仮名の作成に失敗しました: ${stderr.trim() || err.message}`)) : resolve(),
    );
  });
}

/** A data problem as one Japanese line, with the field's Japanese name and the file as staff know it. */
export function describeProblem(p: DataProblem, stagingDir: string): string {
  // The staging folder means nothing to staff: name the file as it is inside DATA_DIR.
  const file = p.file.includes(path.basename(stagingDir))
    ? (p.file.split(/[\\/]staging[\\/]/u).pop() ?? p.file)
    : p.file;
  const base = p.field.replace(/\[\d+\].*$/u, '').split('.')[0] ?? '';
  const label = FIELD_LABELS[base];
  const field = p.field ? (label ? `${label} (${p.field})` : p.field) : '';
  const where = [p.record, field].filter(Boolean).join(' の ');
  return `${file}: ${where ? `${where}: ` : ''}${p.message}`;
}

export function createPublisher(deps: PublisherDeps): Publisher {
  const staging = path.join(deps.consoleDir, 'staging');
  const buildDerived = deps.buildDerived ?? buildDerivedInChild;
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(step: () => Promise<T>): Promise<T> => {
    const run = lock.then(step);
    lock = run.catch(() => undefined);
    return run;
  };

  async function stage(files: DataFiles): Promise<void> {
    await rm(staging, { recursive: true, force: true });
    await privateDir(staging);
    await writeDataFiles(staging, files, { mode: 0o600 });
  }

  async function check(): Promise<{ ok: true; valid: ValidData } | { ok: false; problems: string[] }> {
    try {
      return { ok: true, valid: await deps.validate(staging) };
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      return { ok: false, problems: err.problems.map((p) => describeProblem(p, staging)) };
    }
  }

  /** DATA_DIR as a version: the latest one when it holds the same files, else a new "found" one. */
  async function syncLive(): Promise<{ version: VersionMeta; files: Map<string, string> }> {
    const live = await readDataFiles(deps.dataDir);
    const latest = await deps.versions.latest();
    if (latest && latest.hash === hashFiles(live)) return { version: latest, files: live };
    const previous = latest ? await deps.versions.files(latest.n) : null;
    const version = await deps.versions.add(live, {
      by: null,
      how: 'found',
      summary: previous
        ? `コンソールの外で変更されたデータ: ${summarize(diffData(previous, live))}`
        : '公開中のデータ (コンソールを使い始めた時点)',
    });
    return { version, files: live };
  }

  /** Writes DATA_DIR and tells the bot; false when the other instances could not be told. */
  async function install(files: DataFiles, catalog: Catalog): Promise<boolean> {
    await writeDataFiles(deps.dataDir, files, { mode: 0o644, prune: true });
    await deps.onPublished(catalog);
    if (!deps.afterPublish) return true;
    try {
      await deps.afterPublish({ version: catalog.version, files: Object.fromEntries(files) });
      return true;
    } catch {
      return false;
    }
  }

  const done = (version: VersionMeta, delivered: boolean): PublishOutcome =>
    delivered ? { ok: true, version } : { ok: true, version, deliveryFailed: true };

  return {
    sync: () =>
      exclusive(async () => {
        const { version, files } = await syncLive();
        if (!(await deps.draft.get())) await deps.draft.reset(files, version.n, null);
      }),

    publish: (by) =>
      exclusive(async (): Promise<PublishOutcome> => {
        const live = await syncLive();
        const draft = await deps.draft.get();
        if (!draft) return { ok: false, reason: 'no-version' };
        if (primaryHash(draft.files) === primaryHash(live.files)) return { ok: false, reason: 'unchanged' };
        // 1. the edited files alone: most problems are found here, before the slow part
        const primary = new Map([...draft.files].filter(([name]) => !isDerived(name)));
        await stage(primary);
        const quick = await check();
        if (!quick.ok) return { ok: false, reason: 'invalid', problems: quick.problems };
        // 2. the derived files, then the whole set once more, as the bot will load it
        await buildDerived(staging);
        const full = await check();
        if (!full.ok) return { ok: false, reason: 'invalid', problems: full.problems };
        const files = await readDataFiles(staging);
        const version = await deps.versions.add(files, {
          by,
          how: 'publish',
          summary: summarize(diffData(live.files, files)),
        });
        const delivered = await install(files, full.valid.catalog);
        // The draft becomes what was published, unless someone saved an edit meanwhile: then it
        // keeps that edit and takes the new derived files.
        await deps.draft.update(by, (current) =>
          primaryHash(current) === primaryHash(draft.files)
            ? { files, value: null }
            : {
                files: new Map([...current].map(([n, t]) => [n, isDerived(n) ? (files.get(n) ?? t) : t] as const)),
                value: null,
              },
        );
        await deps.draft.reset((await deps.draft.get())!.files, version.n, by);
        return done(version, delivered);
      }),

    rollback: (n, by) =>
      exclusive(async (): Promise<PublishOutcome> => {
        const live = await syncLive();
        const target = (await deps.versions.list()).find((v) => v.n === n);
        if (!target) return { ok: false, reason: 'no-version' };
        const files = await deps.versions.files(n);
        if (hashFiles(files) === hashFiles(live.files)) return { ok: false, reason: 'unchanged' };
        await stage(files);
        const full = await check();
        if (!full.ok) return { ok: false, reason: 'invalid', problems: full.problems };
        const version = await deps.versions.add(files, {
          by,
          how: 'rollback',
          from: n,
          summary: `版 ${n} の内容へ (戻した変更 ${summarize(diffData(live.files, files))})`,
        });
        const delivered = await install(files, full.valid.catalog);
        await deps.draft.reset(files, version.n, by);
        return done(version, delivered);
      }),
  };
}
