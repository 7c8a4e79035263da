import { AREAS_DIR, SOURCE_FILE, SYNONYMS_FILE } from '../pledges/load-catalog';
import type { DataProblem } from '../pledges/data-error';
import type { AreaEnglish, ItemEnglish } from '../pledges/types';
import { createSchemaValidator, type SchemaValidator } from '../pledges/schema-validator';
import { jsonText, type DataFiles } from './data-set';

/**
 * The staff's edits, as pure functions from one data set (files) to the next. They work on
 * the files' JSON as written (unknown properties and their order are kept), check the edited
 * record against the same JSON Schemas as `data:check`, and refuse an edit with problems named
 * by field (題名, キーワード…) instead of saving it. The official wording (`text`) is never
 * edited here: only an import changes it. The English (`en`, the city's reference translation)
 * is edited beside the Japanese: all its fields empty removes it, some filled must be complete.
 */

/** An item as written in an area file. */
export interface ItemJson {
  id: string;
  bullet: number;
  part?: number;
  text: string;
  title: string;
  summary?: string;
  keywords: string[];
  url: string;
  en?: ItemEnglish;
  [other: string]: unknown;
}

/** An area file. */
export interface AreaJson {
  id: string;
  order: number;
  heading: string;
  title: string;
  subtitle: string;
  label: string;
  keywords: string[];
  en?: AreaEnglish;
  items: ItemJson[];
  [other: string]: unknown;
}

export interface SynonymsJson {
  synonyms: Record<string, string[]>;
  [other: string]: unknown;
}

export type SourceJson = Record<string, unknown> & {
  pageUrl?: string;
  cityUrl?: string;
  contact?: { name?: string; phone?: string; url?: string };
};

/** What an edit gives back: the new files, or the problems that kept it from being made. */
export type EditResult =
  { ok: true; files: Map<string, string>; changed: boolean } | { ok: false; problems: FieldProblem[] };

/** A problem with one field, for the form (the field's name as the form shows it). */
export interface FieldProblem {
  field: string;
  /** The field's label in Japanese (題名, キーワード…). */
  label: string;
  message: string;
}

/** Japanese labels of the fields staff see. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: '題名',
  summary: 'かんたんな説明',
  keywords: 'キーワード',
  url: 'ページの URL',
  subtitle: '副題',
  label: '短い名前',
  heading: '見出し',
  text: '公式の文言',
  pageUrl: '報告書のページの URL',
  cityUrl: '市のトップページの URL',
  contact: '問い合わせ先',
  synonyms: '言い換え',
  bullet: '報告書の中の順番',
  part: '「/」で分けた何番目か',
  en: '英語',
  enTitle: '英語の題名 (English title)',
  enSubtitle: '英語の副題 (English subtitle)',
  enLabel: '英語の短い名前 (English label)',
  enSummary: '英語の説明 (English summary)',
  enKeywords: '英語のキーワード (English keywords)',
};

let shared: SchemaValidator | undefined;
const validator = (): SchemaValidator => (shared ??= createSchemaValidator());

export const areaFileName = (areaId: string): string => `${AREAS_DIR}/${areaId}.json`;

export function readAreas(files: DataFiles): AreaJson[] {
  return [...files.keys()]
    .filter((n) => n.startsWith(`${AREAS_DIR}/`))
    .map((n) => JSON.parse(files.get(n)!) as AreaJson)
    .sort((a, b) => a.order - b.order);
}

export function readSynonyms(files: DataFiles): SynonymsJson {
  return JSON.parse(files.get(SYNONYMS_FILE) ?? '{"synonyms":{}}') as SynonymsJson;
}

export function readSource(files: DataFiles): SourceJson {
  return JSON.parse(files.get(SOURCE_FILE) ?? '{}') as SourceJson;
}

/** The area holding item `id`, and the item. */
export function findItem(files: DataFiles, id: string): { area: AreaJson; item: ItemJson } | null {
  for (const area of readAreas(files)) {
    const item = area.items.find((it) => it.id === id);
    if (item) return { area, item };
  }
  return null;
}

/**
 * The form field a problem belongs to: the first part of its path ("keywords[2]" → keywords), and
 * for the English its subfield ("en.keywords[0]" → enKeywords, as the form names it).
 */
const fieldOf = (p: DataProblem): string => {
  const [first = '', second] = p.field.replace(/\[\d+\].*$/u, '').split('.');
  return first === 'en' && second ? `en${second[0]!.toUpperCase()}${second.slice(1)}` : first;
};

const toFieldProblems = (problems: DataProblem[]): FieldProblem[] =>
  problems.map((p) => {
    const field = fieldOf(p) || 'record';
    const index = /\[(\d+)\]/u.exec(p.field)?.[1];
    return {
      field,
      label: `${FIELD_LABELS[field] ?? field}${index !== undefined ? ` (${Number(index) + 1} 番目)` : ''}`,
      message: p.message,
    };
  });

function withFile(files: DataFiles, name: string, value: unknown): { files: Map<string, string>; changed: boolean } {
  const next = new Map(files);
  const text = jsonText(value);
  next.set(name, text);
  return { files: next, changed: files.get(name) !== text };
}

/** Keywords as staff type them: one per line (or comma), trimmed, empty and repeated ones dropped. */
export function parseKeywordList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n\r,、]+/u)) {
    const k = raw.normalize('NFKC').trim();
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(k);
  }
  return out;
}

/** An English text as typed: full-width letters and spaces made plain (NFKC), one line, trimmed. */
export const englishText = (text: string): string => text.normalize('NFKC').replace(/\s+/gu, ' ').trim();

/** The English as the form gives it: undefined (all empty) removes `en`; otherwise every field is checked. */
function englishOf<T extends Record<string, string | string[]>>(fields: T): T | undefined {
  const clean = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v : englishText(v)]),
  ) as T;
  return Object.values(clean).some((v) => v.length > 0) ? clean : undefined;
}

export interface ItemEdit {
  title: string;
  summary: string;
  keywords: string[];
  url: string;
  /** The English; absent leaves it as it is, all fields empty removes it. */
  en?: ItemEnglish;
}

/** Changes an item's staff fields (never its official text); refused when a field is invalid. */
export function editItem(files: DataFiles, id: string, edit: ItemEdit): EditResult {
  const found = findItem(files, id);
  if (!found) return { ok: false, problems: [{ field: 'record', label: '取組', message: `${id} がありません。` }] };
  const area = found.area;
  const items = area.items.map((it) => {
    if (it.id !== id) return it;
    const next: ItemJson = { ...it, title: edit.title.trim(), keywords: edit.keywords, url: edit.url.trim() };
    const summary = edit.summary.trim();
    if (summary) next.summary = summary;
    else delete next.summary;
    if (edit.en) {
      const en = englishOf({ title: edit.en.title, summary: edit.en.summary, keywords: edit.en.keywords });
      if (en) next.en = en;
      else delete next.en;
    }
    return next;
  });
  return checkedArea(files, { ...area, items }, id);
}

/** Adds one keyword to an item (the inbox's 「キーワードに追加」); a keyword it has already is no change. */
export function addKeyword(files: DataFiles, id: string, keyword: string): EditResult {
  const found = findItem(files, id);
  if (!found) return { ok: false, problems: [{ field: 'record', label: '取組', message: `${id} がありません。` }] };
  if (found.item.keywords.includes(keyword)) return { ok: true, files: new Map(files), changed: false };
  return editItem(files, id, {
    title: found.item.title,
    summary: found.item.summary ?? '',
    keywords: [...found.item.keywords, keyword],
    url: found.item.url,
  });
}

export interface AreaEdit {
  title: string;
  subtitle: string;
  label: string;
  keywords: string[];
  /** The English; absent leaves it as it is, all fields empty removes it. */
  en?: AreaEnglish;
}

/** Changes an area's staff fields (its heading comes from the report). */
export function editArea(files: DataFiles, areaId: string, edit: AreaEdit): EditResult {
  const area = readAreas(files).find((a) => a.id === areaId);
  if (!area) return { ok: false, problems: [{ field: 'record', label: '分野', message: `${areaId} がありません。` }] };
  const { en: oldEn, items, ...rest } = area;
  const en = edit.en
    ? englishOf({
        title: edit.en.title,
        subtitle: edit.en.subtitle,
        label: edit.en.label,
        keywords: edit.en.keywords,
      })
    : oldEn;
  return checkedArea(
    files,
    {
      ...rest,
      title: edit.title.trim(),
      subtitle: edit.subtitle.trim(),
      label: edit.label.trim(),
      keywords: edit.keywords,
      // The English before the items, as data:import writes it.
      ...(en ? { en } : {}),
      items,
    },
    areaId,
  );
}

function checkedArea(files: DataFiles, area: AreaJson, record: string): EditResult {
  const name = areaFileName(area.id);
  const problems = validator()
    .area(name, area)
    .filter((p) => p.record === record || p.record === area.id || p.record === '');
  if (problems.length) return { ok: false, problems: toFieldProblems(problems) };
  return { ok: true, ...withFile(files, name, area) };
}

/** Replaces the synonyms (word → the report's words); refused when one is invalid. */
export function editSynonyms(files: DataFiles, entries: [string, string[]][]): EditResult {
  const current = readSynonyms(files);
  const synonyms: Record<string, string[]> = {};
  for (const [word, alts] of entries) {
    const w = word.normalize('NFKC').trim();
    if (!w) continue;
    synonyms[w] = alts;
  }
  const next = { ...current, synonyms };
  const problems = validator().synonyms(SYNONYMS_FILE, next);
  if (problems.length)
    return {
      ok: false,
      problems: problems.map((p) => ({
        field: p.record || 'synonyms',
        label: p.record || '言い換え',
        message: p.message,
      })),
    };
  return { ok: true, ...withFile(files, SYNONYMS_FILE, next) };
}

export interface SourceEdit {
  pageUrl: string;
  cityUrl: string;
  contactName: string;
  contactPhone: string;
  contactUrl: string;
}

/** Changes the report's links and contact (its titles come from the report). */
export function editSource(files: DataFiles, edit: SourceEdit): EditResult {
  const current = readSource(files);
  const contact: Record<string, string> = { ...(current.contact ?? {}), name: edit.contactName.trim() };
  const phone = edit.contactPhone.trim();
  const url = edit.contactUrl.trim();
  if (phone) contact.phone = phone;
  else delete contact.phone;
  if (url) contact.url = url;
  else delete contact.url;
  const next = { ...current, pageUrl: edit.pageUrl.trim(), cityUrl: edit.cityUrl.trim(), contact };
  const problems = validator().source(SOURCE_FILE, next);
  if (problems.length) return { ok: false, problems: toFieldProblems(problems) };
  return { ok: true, ...withFile(files, SOURCE_FILE, next) };
}

/**
 * A resident's question as a keyword: the words as written (NFKC, one space), without the
 * asking at its end (ですか, はありますか, ？) that no keyword needs. Null when nothing is left or
 * it is longer than a keyword may be (then staff shorten it on the item's page).
 */
export function keywordFromQuestion(question: string, maxLength = 40): string | null {
  let k = question.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  k = k.replace(/[?？!！。．.、,\s]+$/u, '');
  k = k.replace(/(について)?(教えて(ください|下さい)?|知りたい(です)?)$/u, '');
  k = k.replace(/[?？!！。．.、,\s]+$/u, '').trim();
  if (!k) return null;
  return [...k].length <= maxLength ? k : null;
}
