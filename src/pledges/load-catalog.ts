import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createCatalog, type Catalog } from './catalog';
import { DataError, type DataProblem } from './data-error';
import { createSchemaValidator, type SchemaValidator } from './schema-validator';
import { CATEGORY_IDS, type Area, type PledgeItem, type ReportSource } from './types';

/** Where each part of the data lives inside DATA_DIR. */
export const SOURCE_FILE = 'source.json';
export const AREAS_DIR = 'areas';

let sharedValidator: SchemaValidator | undefined;
const validator = (): SchemaValidator => (sharedValidator ??= createSchemaValidator());

interface RawFile {
  file: string;
  text: string;
}

/**
 * Loads and validates the pledge data in `dir` (DATA_DIR). Throws a DataError listing every
 * problem (file, record, field) when anything is wrong; never returns half-valid data.
 */
export function loadCatalog(dir: string): Catalog {
  const problems: DataProblem[] = [];
  const show = (f: string): string => displayPath(f);

  const sourceFile = path.join(dir, SOURCE_FILE);
  const areasDir = path.join(dir, AREAS_DIR);
  const raw: RawFile[] = [];
  const read = (file: string): RawFile | undefined => {
    try {
      const r = { file, text: readFileSync(file, 'utf8') };
      raw.push(r);
      return r;
    } catch (e) {
      problems.push({
        file: show(file),
        record: '',
        field: '',
        message: `読めません (${(e as NodeJS.ErrnoException).code ?? String(e)})。`,
      });
      return undefined;
    }
  };

  const sourceRaw = read(sourceFile);
  let areaFiles: string[] = [];
  try {
    areaFiles = readdirSync(areasDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(areasDir, f));
  } catch (e) {
    problems.push({
      file: show(areasDir),
      record: '',
      field: '',
      message: `フォルダが読めません (${(e as NodeJS.ErrnoException).code ?? String(e)})。`,
    });
  }

  let source: ReportSource | undefined;
  if (sourceRaw) {
    const value = parseJson(sourceRaw, show(sourceFile), problems);
    if (value !== undefined) {
      const found = validator().source(show(sourceFile), value);
      problems.push(...found);
      if (!found.length) source = stripSchemaKey(value) as ReportSource;
    }
  }

  const loaded: LoadedArea[] = [];
  for (const file of areaFiles) {
    const r = read(file);
    if (!r) continue;
    const value = parseJson(r, show(file), problems);
    if (value === undefined) continue;
    const found = validator().area(show(file), value);
    if (found.length) {
      problems.push(...found);
      continue;
    }
    loaded.push({ file: show(file), area: toArea(value as RawArea) });
  }
  const presentFiles = areaFiles.map((f) => path.basename(f, '.json'));
  problems.push(...checkConsistency(loaded, presentFiles, (id) => show(path.join(areasDir, `${id}.json`))));
  const areas = loaded.map((l) => l.area);

  if (problems.length || !source) throw new DataError(problems);
  return createCatalog(source, areas, fingerprint(raw));
}

interface RawArea extends Omit<Area, 'items'> {
  items: Omit<PledgeItem, 'category'>[];
}

function toArea(a: RawArea): Area {
  return {
    id: a.id,
    order: a.order,
    heading: a.heading,
    title: a.title,
    subtitle: a.subtitle,
    label: a.label,
    keywords: a.keywords,
    items: a.items.map((i) => ({ ...i, url: i.url ?? '', category: a.id })),
  };
}

interface LoadedArea {
  file: string;
  area: Area;
}

/**
 * Rules the schema cannot express: one file per area named after it, unique orders and item ids,
 * item ids prefixed by their area, all 8 areas present.
 */
function checkConsistency(loaded: LoadedArea[], presentFiles: string[], fileOf: (id: string) => string): DataProblem[] {
  const problems: DataProblem[] = [];
  const seenItems = new Map<string, string>();
  const seenOrders = new Map<number, string>();
  for (const { file, area } of loaded) {
    if (path.basename(file, '.json') !== area.id) {
      problems.push({
        file,
        record: area.id,
        field: 'id',
        message: `ファイル名を ${area.id}.json にするか、id を直してください。`,
      });
    }
    const otherOrder = seenOrders.get(area.order);
    if (otherOrder)
      problems.push({
        file,
        record: area.id,
        field: 'order',
        message: `表示順 ${area.order} が分野 ${otherOrder} と重なっています。`,
      });
    seenOrders.set(area.order, area.id);
    for (const item of area.items) {
      if (!item.id.startsWith(`${area.id}-`)) {
        problems.push({
          file,
          record: item.id,
          field: 'id',
          message: `この分野の項目の ID は「${area.id}-」で始めてください。`,
        });
      }
      const other = seenItems.get(item.id);
      if (other)
        problems.push({ file, record: item.id, field: 'id', message: `ID が ${other} の項目と重複しています。` });
      seenItems.set(item.id, path.basename(file));
    }
  }
  for (const id of CATEGORY_IDS) {
    if (!presentFiles.includes(id)) {
      problems.push({
        file: fileOf(id),
        record: id,
        field: '',
        message: `分野「${id}」のファイルがありません (8 分野すべてが必要です)。`,
      });
    }
  }
  return problems;
}

function parseJson(r: RawFile, file: string, problems: DataProblem[]): unknown {
  try {
    return JSON.parse(r.text.replace(/^\uFEFF/u, ''));
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/u.exec(msg);
    const line = pos ? r.text.slice(0, Number(pos[1])).split('\n').length : r.text.split('\n').length;
    problems.push({
      file,
      record: '',
      field: '',
      message: `JSON として読めません (${line} 行目付近: ${msg})。括弧・カンマ・引用符を確認してください。`,
    });
    return undefined;
  }
}

function stripSchemaKey(value: unknown): unknown {
  const { $schema: _ignored, ...rest } = value as Record<string, unknown>;
  return rest;
}

function fingerprint(files: RawFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file)))
    h.update(path.basename(f.file)).update('\0').update(f.text);
  return h.digest('hex').slice(0, 12);
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
