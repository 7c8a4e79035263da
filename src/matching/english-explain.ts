import { compoundCredit, englishCredit, phraseCredit } from './english-index';
import { cover, wordCredit, type Evidence } from './evidence';
import type { Doc, EnglishSynonym, PledgeIndex } from './pledge-index';
import type { QueryWord } from './segment';
import type { Credits } from './tunables';

/**
 * Steps 3 and 4 for the English words of a message: WordNet's synonyms among them, and what a
 * document's English explains of them, with the same credits as the Japanese side (evidence.ts):
 * the English title, keywords and Latin names 1; the summary `summary` × its length weight; a
 * synonym `generatedSynonym` × the credit of the word it stands for; a number also by the
 * Japanese wording (18 in こども医療費を18歳まで).
 */

/** A WordNet synonym found in the message: where, and what it stands for. */
export interface EnglishSynonymSpan {
  start: number;
  end: number;
  synonym: EnglishSynonym;
  /** Staff's (synonyms.json): credited as staff's Japanese synonyms are, above WordNet's. */
  staff?: boolean;
}

/** A synonym of this many words at most is looked for (day care, head of state). */
const MAX_SYNONYM_WORDS = 3;

/** WordNet's synonyms of the message's English content words, single words and runs of up to three. */
export function findEnglishSynonyms(index: PledgeIndex, words: readonly QueryWord[]): EnglishSynonymSpan[] {
  if (!index.englishSynonyms.size) return [];
  const english = words.filter((w) => w.en && w.role === 'content');
  const spans: EnglishSynonymSpan[] = [];
  for (let i = 0; i < english.length; i++) {
    for (let n = 1; n <= MAX_SYNONYM_WORDS && i + n <= english.length; n++) {
      const run = english.slice(i, i + n);
      const synonym = index.englishSynonyms.get(run.map((w) => w.en!.key).join(' '));
      if (synonym) spans.push({ start: run[0]!.start, end: run[n - 1]!.end, synonym });
    }
  }
  return spans;
}

/** Credits what the document's English explains of the message's English words. */
export function explainEnglish(
  ev: Evidence,
  doc: Doc,
  words: readonly QueryWord[],
  synonyms: readonly EnglishSynonymSpan[],
  c: Credits,
): void {
  const en = doc.en;
  for (const w of words) {
    if (!w.en) continue;
    const key = w.en.key;
    const exact = Math.max(
      englishCredit(en, key, c, false),
      // A number, and a Latin name, as the Japanese wording has it (18歳, AGECOCO).
      w.en.number || !w.en.romaji ? wordCredit(doc, key, c, false) : 0,
    );
    if (exact > 0) cover(ev, w.start, w.end, exact, w.en.text, true);
    if (exact >= 1) continue;
    const loose = Math.max(englishCredit(en, key, c), w.en.number ? 0 : compoundCredit(en, key, c));
    if (loose > exact) cover(ev, w.start, w.end, loose, w.en.text);
  }
  for (const s of synonyms) {
    let best = 0;
    let via: readonly string[] = [];
    for (const alt of s.synonym.alts) {
      const credit = phraseCredit(en, alt, c);
      if (credit > best) {
        best = credit;
        via = alt;
      }
    }
    const factor = s.staff ? c.staffSynonym : c.generatedSynonym;
    if (best > 0) cover(ev, s.start, s.end, factor * best, `${s.synonym.label}→${via.join(' ')}`, s.staff === true);
  }
}

/**
 * True when a keyword or name of two or more words (hazard map, stamp rally) is in the message
 * as it stands, word after word: an anchor, as a Japanese keyword found in the message.
 */
export function englishAnchored(doc: Doc, words: readonly QueryWord[]): boolean {
  if (!doc.en.phrases.length) return false;
  const keys = words.filter((w) => w.en).map((w) => w.en!.key);
  if (keys.length < 2) return false;
  const text = ` ${keys.join(' ')} `;
  return doc.en.phrases.some((p) => text.includes(` ${p.join(' ')} `));
}

/**
 * The cosine of the message's English words (context words half, rarity-weighted) and each
 * document's English key vector.
 */
export function englishCosine(index: PledgeIndex, words: readonly QueryWord[]): (doc: Doc) => number {
  const q = new Map<string, number>();
  for (const w of words) {
    if (!w.en) continue;
    q.set(w.en.key, (q.get(w.en.key) ?? 0) + (w.focus ? 1 : 0.5));
  }
  let norm = 0;
  for (const [k, c] of q) {
    const x = c * index.englishIdf(k);
    q.set(k, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  return (doc) => {
    let dot = 0;
    for (const [k, x] of q) dot += x * (doc.en.vector.get(k) ?? 0);
    return dot / norm;
  };
}
