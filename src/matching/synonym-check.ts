import type { Catalog } from '../pledges/catalog';
import type { DataProblem } from '../pledges/data-error';
import { normalizeText } from './normalize';

/**
 * Synonym entries that cannot work as staff intend: two words that are the same once normalised
 * (ＷｉＦｉ and wifi) with different meanings, a word that stands for itself, and words that lead
 * nowhere (none of their report words occurs in the data). Cheap (no matching index is built):
 * the reloader runs it on every edit.
 */
export function checkSynonyms(catalog: Catalog, file: string): DataProblem[] {
  const parts: string[] = [];
  const add = (t: string | undefined): void => {
    if (!t) return;
    parts.push(normalizeText(t));
    const r = catalog.reading(t);
    if (r) parts.push(normalizeText(r));
  };
  for (const a of catalog.areas) [a.title, a.subtitle, a.label, ...a.keywords].forEach(add);
  for (const i of catalog.items) [i.text, i.title, i.summary, ...i.keywords].forEach(add);
  const everything = parts.join('|');
  const knows = (norm: string): boolean => norm.length > 0 && everything.includes(norm);

  const problems: DataProblem[] = [];
  const byKey = new Map<string, string>();
  for (const [word, alts] of catalog.synonyms) {
    const key = normalizeText(word);
    const other = byKey.get(key);
    if (other !== undefined) {
      problems.push({
        file,
        record: word,
        field: 'synonyms',
        message: `「${other}」と同じ言葉として扱われます。1 つにまとめてください。`,
      });
    }
    byKey.set(key, word);
    if (alts.every((a) => normalizeText(a) === key)) {
      problems.push({ file, record: word, field: 'synonyms', message: '言い換え先が元の言葉と同じです。' });
    } else if (!alts.some((a) => knows(normalizeText(a)))) {
      problems.push({
        file,
        record: word,
        field: 'synonyms',
        message: `言い換え先 (${alts.join('、')}) がどの項目にも見つかりません。報告書やキーワードにある言葉にしてください。`,
      });
    }
  }
  return problems;
}
