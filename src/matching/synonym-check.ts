import type { Catalog } from '../pledges/catalog';
import type { DataProblem } from '../pledges/data-error';
import { normalizeText } from './normalize';
import { buildPledgeIndex } from './pledge-index';
import { DEFAULT_TUNABLES } from './tunables';

/**
 * Synonym entries that cannot work as staff intend: two words that are the same once normalised
 * (ＷｉＦｉ and wifi) with different meanings, a word that stands for itself, and words that lead
 * nowhere (none of their report words occurs in the data).
 */
export function checkSynonyms(catalog: Catalog, file: string): DataProblem[] {
  const index = buildPledgeIndex(catalog, DEFAULT_TUNABLES.fuzzyMaxError);
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
    } else if (!alts.some((a) => index.knows(normalizeText(a)))) {
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
