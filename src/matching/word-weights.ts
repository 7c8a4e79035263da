import type { CategoryId } from '../pledges/types';
import type { Evidence } from './evidence';
import type { WeightedWord } from './matcher';
import { idf, type PledgeIndex } from './pledge-index';
import { isDetailQueryWord, type QueryWord } from './segment';
import type { WordWeights } from './tunables';

/**
 * Each content word weighs its rarity across items (df = items that explain it, directly or
 * through their area), adjusted for what kind of word it is, spread over its characters. Two
 * weightings: as evidence (context sentences count half) and as demand, what an answer must
 * explain (context sentences count little: their unexplained words must not sink an answer).
 */
export interface Weights {
  weighted: WeightedWord[];
  /** Evidence-weighted sum of the credit (the better of two evidences, per character). */
  evidence(ev: Evidence, also?: Evidence): number;
  /** Share (0–1) of the demand the evidence explains. */
  demandCoverage(ev: Evidence, also?: Evidence): number;
  /** Share (0–1) of the whole message (context sentences half) the evidence explains. */
  evidenceCoverage(ev: Evidence, also?: Evidence): number;
  /** Share (0–1) of the explained demand that comes from exact wording. */
  exactShare(ev: Evidence, also?: Evidence): number;
  /** Share (0–1) of the demand that no item or area explains at all. */
  unknownShare: number;
  /** The largest share (0–1) of the demand that one word leaves unexplained by the evidence. */
  gap(ev: Evidence, also?: Evidence): number;
  /** The demand an evidence leaves unexplained, and how much of it another evidence explains. */
  leftBy(ev: Evidence, also?: Evidence): { total: number; explainedBy(other: Evidence): number };
}

/** wink-nlp's parts of speech that are verbs. */
const ENGLISH_VERBS: ReadonlySet<string> = new Set(['VERB', 'AUX']);

const at = (ev: Evidence, also: Evidence | undefined, p: number): number => {
  const c = ev.credit[p]!;
  return also && also.credit[p]! > c ? also.credit[p]! : c;
};

export function weighWords(
  words: QueryWord[],
  length: number,
  index: PledgeIndex,
  itemEvidence: Evidence[],
  areaEvidence: ReadonlyMap<CategoryId, Evidence>,
  ww: WordWeights,
): Weights {
  const n = index.items.length;
  const hasNonKana = words.some((w) => w.script !== 'hira');
  const evidenceW = new Float64Array(length);
  const demandW = new Float64Array(length);
  const known = new Uint8Array(length);
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
    let omega = idf(n, df === 0 ? ww.unseenDf : df);
    // Hiragana words inside a kanji/katakana question are mostly grammar; unknown ones even more
    // so, and in a message written all in kana an unknown one is mostly a verb (なれる, かして):
    // what the resident wants to do, not what about.
    if (w.script === 'hira' && hasNonKana) omega *= df === 0 ? ww.unknownHiraganaInMixed : ww.hiraganaInMixed;
    else if (w.script === 'hira' && df === 0 && words.length > 1) omega *= ww.unknownHiragana;
    // Short or unknown kanji + kana words are inflected verbs and adjectives (出し, 届け, 抜け), seldom
    // the subject; longer known ones are nouns (子育て) and keep their weight.
    if (w.script === 'okurigana' && (df === 0 || w.norm.length <= 2)) omega *= ww.okurigana;
    // A lone character says little (家, 時).
    if (w.norm.length === 1) omega *= ww.singleChar;
    // An English verb (buy, learn, check) says what the resident wants to do, seldom what about.
    if (w.en && !w.en.romaji && ENGLISH_VERBS.has(w.en.pos)) omega *= ww.englishVerb;
    const ev = w.focus ? omega : omega * ww.contextEvidence;
    // An asked-for detail (いくら, 期限) is not what an answer must explain: the report hardly ever
    // gives one; whether the message is about the item decides (decide.ts, leavesDetail).
    const demand = isDetailQueryWord(w) ? 0 : w.focus ? omega : omega * ww.contextDemand;
    for (let p = w.start; p < w.end; p++) {
      evidenceW[p] = ev / (w.end - w.start);
      demandW[p] = demand / (w.end - w.start);
      known[p] = df > 0 ? 1 : 0;
    }
    weighted.push({
      word: w.en && !w.en.romaji ? w.en.lemma : w.norm,
      weight: Math.round(omega * 1000) / 1000,
      known: df > 0,
      focus: w.focus,
    });
  }
  let totalDemand = 0;
  let unknownDemand = 0;
  for (let p = 0; p < length; p++) {
    totalDemand += demandW[p]!;
    if (!known[p]) unknownDemand += demandW[p]!;
  }
  return {
    weighted,
    evidence(ev, also) {
      let s = 0;
      for (let p = 0; p < length; p++) s += evidenceW[p]! * at(ev, also, p);
      return s;
    },
    evidenceCoverage(ev, also) {
      let s = 0;
      let total = 0;
      for (let p = 0; p < length; p++) {
        s += evidenceW[p]! * at(ev, also, p);
        total += evidenceW[p]!;
      }
      return total > 0 ? s / total : 0;
    },
    demandCoverage(ev, also) {
      let s = 0;
      for (let p = 0; p < length; p++) s += demandW[p]! * at(ev, also, p);
      return totalDemand > 0 ? s / totalDemand : 0;
    },
    exactShare(ev, also) {
      let all = 0;
      let exact = 0;
      for (let p = 0; p < length; p++) {
        all += demandW[p]! * at(ev, also, p);
        const e = Math.max(ev.exact[p]!, also?.exact[p] ?? 0);
        exact += demandW[p]! * e;
      }
      return all > 0 ? Math.min(1, exact / all) : 0;
    },
    unknownShare: totalDemand > 0 ? unknownDemand / totalDemand : 0,
    gap(ev, also) {
      let worst = 0;
      for (const w of words) {
        let left = 0;
        for (let p = w.start; p < w.end; p++) left += demandW[p]! * (1 - at(ev, also, p));
        if (left > worst) worst = left;
      }
      return totalDemand > 0 ? worst / totalDemand : 0;
    },
    leftBy(ev, also) {
      const left = new Float64Array(length);
      let total = 0;
      for (let p = 0; p < length; p++) {
        if (at(ev, also, p) < 0.5) {
          left[p] = demandW[p]!;
          total += left[p]!;
        }
      }
      return {
        total,
        explainedBy(other) {
          let s = 0;
          for (let p = 0; p < length; p++) s += left[p]! * other.credit[p]!;
          return s;
        },
      };
    },
  };
}
