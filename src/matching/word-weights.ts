import type { CategoryId } from '../pledges/types';
import type { Evidence } from './evidence';
import type { WeightedWord } from './matcher';
import { idf, type PledgeIndex } from './pledge-index';
import type { QueryWord } from './segment';

/**
 * A word found in no item weighs a little more than the rarest word that is found: an unknown
 * subject (パスポート, インフルエンザ) is strong evidence that the report is not what is asked about.
 */
const UNSEEN_WORD_DF = 0.7;

/**
 * Weighs each content word by its rarity across items (df = items that explain it, directly or
 * through their area), adjusted for what kind of word it is; spreads each word's weight over its
 * characters.
 */
export function weighWords(
  words: QueryWord[],
  length: number,
  index: PledgeIndex,
  itemEvidence: Evidence[],
  areaEvidence: ReadonlyMap<CategoryId, Evidence>,
): { weight: Float64Array; weighted: WeightedWord[] } {
  const n = index.items.length;
  const hasNonKana = words.some((w) => w.script !== 'hira');
  const weight = new Float64Array(length);
  const weighted: WeightedWord[] = [];
  for (const w of words) {
    let df = 0;
    index.items.forEach((it, i) => {
      const area = areaEvidence.get(it.item.category)!;
      for (let p = w.start; p < w.end; p++) {
        if (itemEvidence[i]!.credit[p]! > 0 || area.credit[p]! > 0) {
          df++;
          return;
        }
      }
    });
    let omega = idf(n, df === 0 ? UNSEEN_WORD_DF : df);
    // Hiragana words inside a kanji/katakana question are mostly grammar; unknown ones even more so.
    if (w.script === 'hira' && hasNonKana) omega *= df === 0 ? 0.2 : 0.5;
    // Short or unknown kanji + kana words are inflected verbs and adjectives (出し, 届け, 抜け), seldom
    // the subject; longer known ones are nouns (子育て) and keep their weight.
    if (w.script === 'okurigana' && (df === 0 || w.norm.length <= 2)) omega *= 0.4;
    // Another town (川口市, さいたま市): the question is about somewhere else.
    if (w.place && df === 0) omega *= 2;
    // A lone kanji says little (家, 時).
    if (w.norm.length === 1) omega *= 0.5;
    for (let p = w.start; p < w.end; p++) weight[p] = omega / (w.end - w.start);
    weighted.push({ word: w.norm, weight: Math.round(omega * 1000) / 1000, known: df > 0 });
  }
  return { weight, weighted };
}
