import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import areaSchema from '../../data/schema/area.schema.json';
import sourceSchema from '../../data/schema/source.schema.json';
import synonymsSchema from '../../data/schema/synonyms.schema.json';
import type { DataProblem } from './data-error';
import { foreignCharacterIn } from './english';

/**
 * Validates data files against the JSON Schemas in data/schema (the same files staff's editors
 * use) and turns ajv's errors into DataProblems that name the record and the field.
 */
export interface SchemaValidator {
  area(file: string, value: unknown): DataProblem[];
  source(file: string, value: unknown): DataProblem[];
  synonyms(file: string, value: unknown): DataProblem[];
}

export function createSchemaValidator(): SchemaValidator {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validateArea = ajv.compile(areaSchema);
  const validateSource = ajv.compile(sourceSchema);
  const validateSynonyms = ajv.compile(synonymsSchema);
  const run = (validate: ValidateFunction, file: string, value: unknown): DataProblem[] =>
    validate(value) ? [] : dedupe((validate.errors ?? []).map((e) => toProblem(file, value, e)));
  return {
    area: (file, value) => run(validateArea, file, value),
    source: (file, value) => run(validateSource, file, value),
    synonyms: (file, value) => run(validateSynonyms, file, value),
  };
}

function dedupe(problems: DataProblem[]): DataProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.record}|${p.field}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "/items/3/keywords/0" on an area file → record "disaster-03" (the item's id), field "keywords[0]". */
function toProblem(file: string, root: unknown, error: ErrorObject): DataProblem {
  const segments = error.instancePath.split('/').slice(1).map(decodePointer);
  let record = recordIdOf(root);
  let rest = segments;
  if (segments[0] === 'synonyms' && segments[1] !== undefined) {
    record = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'items' && segments[1] !== undefined) {
    const item = (root as { items?: unknown[] }).items?.[Number(segments[1])];
    record = recordIdOf(item) || `items[${segments[1]}]`;
    rest = segments.slice(2);
  }
  if (error.keyword === 'required') rest = [...rest, String(error.params.missingProperty)];
  if (error.keyword === 'additionalProperties') rest = [...rest, String(error.params.additionalProperty)];
  if (error.keyword === 'propertyNames') record = String(error.params.propertyName);
  const field = rest.map((s, i) => (/^\d+$/u.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  return { file, record, field, message: explain(error, () => valueAt(root, segments)) };
}

/** The value an error is about (for messages that quote it). */
function valueAt(root: unknown, segments: string[]): unknown {
  let v = root;
  for (const s of segments) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

function recordIdOf(value: unknown): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '';
}

function decodePointer(s: string): string {
  return s.replace(/~1/gu, '/').replace(/~0/gu, '~');
}

function explain(e: ErrorObject, value: () => unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return '必要な項目がありません。';
    case 'additionalProperties':
      return '知らない項目名です (綴りを確認してください)。';
    case 'type':
      return `${typeName(String(p.type))}で書いてください。`;
    case 'minLength':
      return p.limit === 1 ? '空にできません。' : `${String(p.limit)} 文字以上にしてください。`;
    case 'maxLength':
      return `長すぎます (${String(p.limit)} 文字まで)。`;
    case 'minItems':
      return `${String(p.limit)} 個以上必要です。`;
    case 'maxItems':
      return `多すぎます (${String(p.limit)} 個まで)。`;
    case 'uniqueItems':
      return '同じ値が重複しています。';
    case 'enum':
      return `次のどれかにしてください: ${((p.allowedValues as unknown[]) ?? []).join(', ')}`;
    case 'pattern':
      if (e.schemaPath.includes('/englishText/')) return explainEnglish(value());
      return e.instancePath.endsWith('url') || e.instancePath.endsWith('Url')
        ? 'https:// で始まる URL (または空文字) にしてください。'
        : '形式が正しくありません (前後の空白や使えない文字がないか確認してください)。';
    case 'minimum':
    case 'maximum':
      return `${e.keyword === 'minimum' ? String(p.limit) + ' 以上' : String(p.limit) + ' 以下'}の数にしてください。`;
    default:
      return e.message ?? '正しくありません。';
  }
}

/** Why an English field (`en`) broke the englishText pattern: a foreign character, or spaces at its ends. */
function explainEnglish(value: unknown): string {
  const bad = typeof value === 'string' ? foreignCharacterIn(value) : undefined;
  if (bad && /\s/u.test(bad.char) && !bad.japanese) return '改行やタブは使えません。1 行で書いてください。';
  if (bad)
    return `英語の欄に${bad.japanese ? '日本語の' : '英語で使わない'}文字「${bad.char}」があります。英語 (ラテン文字) だけで書いてください。`;
  return '前後の空白を消してください (英語の欄は空白で始めたり終えたりできません)。';
}

function typeName(t: string): string {
  return (
    { string: '文字列 ("…")', integer: '整数', number: '数', array: '配列 ([…])', object: 'オブジェクト ({…})' }[t] ?? t
  );
}
