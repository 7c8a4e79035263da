import type { DataFiles } from './data-set';
import { FIELD_LABELS, readAreas, readSource, readSynonyms, type AreaJson, type ItemJson } from './editable';

/**
 * What changed between two data sets, record by record and field by field: the 「公開と履歴」
 * page shows the draft against what is published, and each version against the one before.
 * The derived files (readings, generated synonyms) are not compared: they follow the rest.
 */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface RecordChange {
  kind: 'added' | 'removed' | 'changed';
  /** What the record is: an item, an area, a synonym or the report's source. */
  what: 'item' | 'area' | 'synonym' | 'source';
  id: string;
  /** A name to show: the item's title, the area's label, the word. */
  name: string;
  fields: FieldChange[];
}

const show = (v: unknown): string =>
  v === undefined
    ? ''
    : Array.isArray(v)
      ? v.join('、')
      : typeof v === 'object' && v !== null
        ? JSON.stringify(v)
        : String(v);

function fieldChanges(a: Record<string, unknown>, b: Record<string, unknown>, skip: string[] = []): FieldChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== '$schema' && !skip.includes(k));
  const out: FieldChange[] = [];
  for (const k of keys) {
    const before = a[k];
    const after = b[k];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if (Array.isArray(before) || Array.isArray(after)) {
      const x = (before as string[] | undefined) ?? [];
      const y = (after as string[] | undefined) ?? [];
      const added = y.filter((v) => !x.includes(v));
      const removed = x.filter((v) => !y.includes(v));
      out.push({
        field: k,
        label: FIELD_LABELS[k] ?? k,
        before: removed.length ? `− ${removed.join('、')}` : '',
        after: added.length ? `+ ${added.join('、')}` : removed.length ? '' : '(順番だけ)',
      });
      continue;
    }
    out.push({ field: k, label: FIELD_LABELS[k] ?? k, before: show(before), after: show(after) });
  }
  return out;
}

/** The changes that turn `from` into `to`. */
export function diffData(from: DataFiles, to: DataFiles): RecordChange[] {
  const changes: RecordChange[] = [];
  const sa = readSource(from);
  const sb = readSource(to);
  const sourceFields = fieldChanges(sa, sb);
  if (sourceFields.length)
    changes.push({ kind: 'changed', what: 'source', id: 'source', name: '報告書の情報', fields: sourceFields });

  const areasA = new Map(readAreas(from).map((a) => [a.id, a]));
  const areasB = new Map(readAreas(to).map((a) => [a.id, a]));
  const itemsOf = (areas: Map<string, AreaJson>): Map<string, ItemJson> =>
    new Map([...areas.values()].flatMap((a) => a.items.map((it) => [it.id, it] as const)));
  for (const [id, b] of areasB) {
    const a = areasA.get(id);
    if (!a) changes.push({ kind: 'added', what: 'area', id, name: b.label, fields: [] });
    else {
      const fields = fieldChanges(a, b, ['items']);
      if (fields.length) changes.push({ kind: 'changed', what: 'area', id, name: b.label, fields });
    }
  }
  for (const [id, a] of areasA)
    if (!areasB.has(id)) changes.push({ kind: 'removed', what: 'area', id, name: a.label, fields: [] });

  const itemsA = itemsOf(areasA);
  const itemsB = itemsOf(areasB);
  for (const [id, b] of itemsB) {
    const a = itemsA.get(id);
    if (!a)
      changes.push({
        kind: 'added',
        what: 'item',
        id,
        name: b.title,
        fields: [{ field: 'text', label: FIELD_LABELS.text!, before: '', after: b.text }],
      });
    else {
      const fields = fieldChanges(a, b);
      if (fields.length) changes.push({ kind: 'changed', what: 'item', id, name: b.title, fields });
    }
  }
  for (const [id, a] of itemsA)
    if (!itemsB.has(id))
      changes.push({
        kind: 'removed',
        what: 'item',
        id,
        name: a.title,
        fields: [{ field: 'text', label: FIELD_LABELS.text!, before: a.text, after: '' }],
      });

  const ya = readSynonyms(from).synonyms;
  const yb = readSynonyms(to).synonyms;
  for (const word of new Set([...Object.keys(ya), ...Object.keys(yb)])) {
    const a = ya[word];
    const b = yb[word];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const kind = !a ? 'added' : !b ? 'removed' : 'changed';
    changes.push({
      kind,
      what: 'synonym',
      id: word,
      name: word,
      fields: [{ field: 'synonyms', label: '言い換え先', before: show(a), after: show(b) }],
    });
  }
  return changes;
}

const KIND_LABEL = { added: '追加', removed: '削除', changed: '変更' } as const;

/** One line for the history: 「変更 3 件 (disaster-01 キーワード …)」. */
export function summarize(changes: RecordChange[]): string {
  if (!changes.length) return '変更なし';
  const first = changes
    .slice(0, 2)
    .map((c) => `${c.id} ${c.fields.map((f) => f.label).join('・') || KIND_LABEL[c.kind]}`)
    .join('、');
  return `${changes.length} 件 (${first}${changes.length > 2 ? ' ほか' : ''})`;
}

export const changeKindLabel = (kind: RecordChange['kind']): string => KIND_LABEL[kind];
