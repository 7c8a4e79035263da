import { config as loadDotenv } from 'dotenv';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../config';
import { DataError, formatProblem } from '../pledges/data-error';
import { importedFiles } from '../importing/import-files';
import {
  ENGLISH_REVIEW_NOTE,
  importReport,
  ImportError,
  type EnglishReview,
  type ImportBase,
} from '../importing/import-report';
import {
  AREAS_DIR,
  GENERATED_SYNONYMS_FILE,
  loadCatalog,
  READINGS_FILE,
  SOURCE_FILE,
  SYNONYMS_FILE,
} from '../pledges/load-catalog';
import { parseReport, ReportParseError } from '../pledges/parse-report';
import { PROJECT_ROOT } from '../project-root';
import { generateDerived, jsonFile, type DerivedFiles } from './derived-data';

const SCHEMA_DIR = path.join(PROJECT_ROOT, 'data', 'schema');

/**
 * `npm run data:import -- FILE --out DIR [--map "見出し=分野ID"]`: reads a published report (the
 * format of shared/seed) and writes a complete data set into DIR. Staff's keywords, titles and
 * links are kept for items whose wording is unchanged or nearly so (taken from DIR when it already
 * holds data, else from DATA_DIR). Prints what was added, removed and changed, and the items whose
 * wording changed under staff's old title and summary (「題名・説明を見直してください」) and the records
 * whose English must be written or checked (「英語を見直してください」: new and reworded items lose or
 * lack `en`; unchanged ones keep it). Nothing is
 * written unless the whole new set is valid; each file is replaced by an atomic rename, and a file
 * whose bytes would not change is not touched (re-importing the same report changes nothing).
 */
export async function runDataImport(argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    out('使い方: npm run data:import -- 報告書.txt --out データのフォルダ [--map "見出し=分野ID"]');
    return 2;
  }
  const outDir = path.resolve(args.out);
  try {
    const text = readFileSync(path.resolve(args.file), 'utf8');
    const report = parseReport(text);
    const baseDir = existsSync(path.join(outDir, SOURCE_FILE))
      ? outDir
      : parseConfig(env, process.cwd(), 'tool').dataDir;
    const baseCatalog = loadCatalog(baseDir);
    const base: ImportBase = { source: baseCatalog.source, areas: [...baseCatalog.areas] };
    const result = importReport(report, base, args.map);

    // Build the new set beside DIR, validate it whole, and only then move it in.
    const parent = path.dirname(outDir);
    mkdirSync(parent, { recursive: true });
    const staging = mkdtempSync(path.join(parent, `.${path.basename(outDir)}-import-`));
    let rewritten = 0;
    try {
      mkdirSync(path.join(staging, AREAS_DIR));
      const areaPath = (dir: string, id: string): string => path.join(dir, AREAS_DIR, `${id}.json`);
      for (const [name, text] of importedFiles(result, (name) => schemaRef(path.join(outDir, name))))
        writeFileSync(path.join(staging, name), text);
      const synonyms = readFileSync(path.join(baseDir, SYNONYMS_FILE), 'utf8');
      writeFileSync(path.join(staging, SYNONYMS_FILE), synonyms);
      // The JSON Schemas beside the data, so editors check staff's typing in the new folder too.
      if (!existsSync(path.join(outDir, 'schema')))
        cpSync(SCHEMA_DIR, path.join(staging, 'schema'), { recursive: true });
      const imported = loadCatalog(staging, { readings: 'ignore' });
      const derived = await derivedOrBase(imported, baseDir, out);
      writeFileSync(path.join(staging, READINGS_FILE), jsonFile(derived.readings));
      writeFileSync(path.join(staging, GENERATED_SYNONYMS_FILE), jsonFile(derived.generatedSynonyms));
      loadCatalog(staging);
      mkdirSync(path.join(outDir, AREAS_DIR), { recursive: true });
      // A file whose bytes did not change is left alone: re-importing the same report changes
      // nothing on disk (and the running bot does not reload).
      const moveIn = (from: string, to: string): void => {
        if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) return;
        renameSync(from, to);
        rewritten++;
      };
      for (const area of result.areas) moveIn(areaPath(staging, area.id), areaPath(outDir, area.id));
      if (existsSync(path.join(staging, 'schema'))) {
        renameSync(path.join(staging, 'schema'), path.join(outDir, 'schema'));
        rewritten++;
      }
      for (const f of [SYNONYMS_FILE, READINGS_FILE, GENERATED_SYNONYMS_FILE, SOURCE_FILE])
        moveIn(path.join(staging, f), path.join(outDir, f));
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }

    out(
      `「${report.reportTitle}」を ${outDir} に取り込みました: ${result.areas.length} 分野・${result.areas.reduce((n, a) => n + a.items.length, 0)} 項目` +
        (rewritten ? ` (書き換えたファイル ${rewritten} 個)` : ' (ファイルの中身は変わりません)'),
    );
    out(`追加 ${result.added.length} 件${result.added.map((i) => `\n  + ${i.id} ${i.text}`).join('')}`);
    out(`削除 ${result.removed.length} 件${result.removed.map((i) => `\n  - ${i.id} ${i.text}`).join('')}`);
    out(
      `変更 ${result.changed.length} 件${result.changed.map((c) => `\n  ~ ${c.after.id} ${c.before.text}\n      → ${c.after.text}`).join('')}`,
    );
    if (result.staleTitles.length)
      out(
        `題名・説明を見直してください ${result.staleTitles.length} 件 (文言が変わりましたが、title・summary・keywords は前の文言のときのままです):` +
          result.staleTitles
            .map(
              (s) =>
                `\n  ! ${s.id} 「${s.title}」\n      前の文言: ${s.oldText}\n      今の文言: ${s.newText}` +
                (s.summary ? `\n      説明: ${s.summary}` : ''),
            )
            .join(''),
      );
    if (result.englishReview.length)
      out(
        `英語を見直してください ${result.englishReview.length} 件 (English needs review):` +
          result.englishReview.map((r) => `\n  ! ${describeEnglishReview(r)}`).join(''),
      );
    if (result.added.length)
      out('追加した項目の title と keywords は仮のものです。市民が使う言葉を足してください (data/README.md)。');
    return 0;
  } catch (err) {
    if (err instanceof ReportParseError || err instanceof ImportError) {
      out(
        `取り込めません (何も書き込んでいません): ${err.message}${err instanceof ReportParseError && err.line ? ` (${err.line} 行目)` : ''}`,
      );
      return 1;
    }
    if (err instanceof DataError) {
      out(`取り込めません (何も書き込んでいません):\n${err.problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      out(`ファイルが見つかりません: ${(err as NodeJS.ErrnoException).path ?? args.file}`);
      return 1;
    }
    throw err;
  }
}

/** One line (two with the old English) of 「英語を見直してください」. */
function describeEnglishReview(r: EnglishReview): string {
  const what = r.what === 'source' ? 'source.json' : r.what === 'area' ? `${r.id} (分野)` : r.id;
  const was = r.previous ? `\n      前の英語: ${JSON.stringify(r.previous)}` : '';
  return `${what} ${ENGLISH_REVIEW_NOTE[r.reason]}${was}`;
}

function parseArgs(argv: string[]): { file: string; out: string; map: Record<string, string> } | null {
  let file: string | undefined;
  let out: string | undefined;
  const map: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out') out = argv[++i];
    else if (a === '--map') {
      const [heading, id] = (argv[++i] ?? '').split('=');
      if (!heading || !id) return null;
      map[heading.trim()] = id.trim();
    } else if (a.startsWith('--')) return null;
    else if (!file) file = a;
    else return null;
  }
  return file && out ? { file, out, map } : null;
}

/** The `$schema` an existing data file names (kept as it is), or undefined for a new file. */
function schemaRef(file: string): string | undefined {
  try {
    const value = (JSON.parse(readFileSync(file, 'utf8')) as { $schema?: unknown }).$schema;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Fresh derived files when kuromoji is installed (npm ci); otherwise the base set's, with a warning. */
async function derivedOrBase(
  catalog: Parameters<typeof generateDerived>[0],
  baseDir: string,
  out: (s: string) => void,
): Promise<DerivedFiles> {
  try {
    return await generateDerived(catalog);
  } catch {
    out(
      '注意: 読み仮名と言い換えを作れませんでした (npm ci で開発用の部品を入れてから npm run data:readings を実行してください)。',
    );
    const base = <T>(file: string, empty: T): T => {
      try {
        return JSON.parse(readFileSync(path.join(baseDir, file), 'utf8')) as T;
      } catch {
        return empty;
      }
    };
    return {
      readings: base(READINGS_FILE, { readings: {} }),
      generatedSynonyms: base(GENERATED_SYNONYMS_FILE, { synonyms: {} }),
    };
  }
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  runDataImport(process.argv.slice(2), process.env, (s) => process.stdout.write(`${s}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`data:import failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
