import {
  ASKING_ENDINGS,
  ENGLISH_ASKING,
  ENGLISH_HEARSAY,
  ENGLISH_REFERS_BACK,
  HEARSAY,
  REFERS_BACK,
  SENTENCE_END,
} from './lexicon';
import type { Lang } from './language';

/**
 * The focus of a message. Residents write context before they ask (「妻が妊娠しました。初めての子で
 * 不安です。相談できるところはありますか？」): the sentence that asks — a question mark, a question
 * or request ending — is what must be answered; the others are context, which may add evidence
 * but whose unexplained words must not sink the answer.
 */

export interface MessagePart {
  /** The sentence as typed (NFKC). */
  text: string;
  /** True for the asking part (or for every sentence of a message that asks nowhere). */
  focus: boolean;
}

/** At most this many context sentences are read, the nearest to the asking part. */
const MAX_CONTEXT_SENTENCES = 4;

/** Sentences this short that do not ask are greetings or labels (「すみません。」), kept as context. */
const MIN_SENTENCE = 1;

/** How each language asks, refers back and reports hearsay. */
const RULES: Readonly<Record<Lang, { asking: RegExp; refersBack: RegExp; hearsay: RegExp }>> = {
  ja: { asking: ASKING_ENDINGS, refersBack: REFERS_BACK, hearsay: HEARSAY },
  en: { asking: ENGLISH_ASKING, refersBack: ENGLISH_REFERS_BACK, hearsay: ENGLISH_HEARSAY },
};

/** Splits a message into sentences and marks the asking ones (by the rules of its language). */
export function splitMessage(text: string, lang: Lang = 'ja'): MessagePart[] {
  const rules = RULES[lang];
  const sentences = text
    .normalize('NFKC')
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length >= MIN_SENTENCE);
  if (sentences.length <= 1) return sentences.map((s) => ({ text: s, focus: true }));
  const asking = sentences.map((s) => rules.asking.test(s));
  if (!asking.some(Boolean)) return sentences.map((s) => ({ text: s, focus: true }));
  // 「…と聞きました。そこには大人はいますか。」: the sentence referred to, or the one saying what was
  // heard, right before the question, is part of it.
  const focus = asking.map(
    (a, i) =>
      a ||
      (i + 1 < sentences.length &&
        asking[i + 1]! &&
        (rules.refersBack.test(sentences[i + 1]!) || rules.hearsay.test(sentences[i]!))),
  );
  return sentences.map((s, i) => ({ text: s, focus: focus[i]! }));
}

/**
 * The parts of a message the matcher reads, at most `maxLength` characters: the asking
 * sentences first, then the context sentences nearest to them. Original order is kept.
 */
export function focusParts(text: string, maxLength: number, lang: Lang = 'ja'): MessagePart[] {
  // A very long message is read from its end, where the question usually is, from a sentence start.
  const limit = maxLength * 4;
  let bounded = text;
  if (text.length > limit) {
    const tail = text.slice(text.length - limit);
    const start = tail.search(/[。．！!？?\n]/u);
    bounded = start >= 0 && start < tail.length - 1 ? tail.slice(start + 1) : tail;
  }
  const parts = splitMessage(bounded, lang);
  const distance = (i: number): number =>
    parts[i]!.focus ? -1 : Math.min(...parts.map((p, j) => (p.focus ? Math.abs(i - j) : Infinity)));
  const order = parts.map((_, i) => i).sort((a, b) => distance(a) - distance(b) || b - a);
  const allowed = new Map<number, number>();
  let budget = maxLength;
  let context = 0;
  for (const i of order) {
    if (budget <= 0) break;
    if (!parts[i]!.focus && ++context > MAX_CONTEXT_SENTENCES) break;
    allowed.set(i, Math.min(budget, parts[i]!.text.length));
    budget -= parts[i]!.text.length;
  }
  return parts.flatMap((p, i) => {
    const n = allowed.get(i);
    return n ? [{ ...p, text: p.text.slice(0, n) }] : [];
  });
}
