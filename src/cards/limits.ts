/**
 * LINE's limits on what a reply may hold (Messaging API reference; see
 * shared/reference/line-platform.md §3). The builders respect them and the tests assert them.
 * Labels count grapheme clusters; other texts count UTF-16 code units (String.length).
 */
export const LINE_LIMITS = {
  messagesPerReply: 5,
  textLength: 5000,
  altTextLength: 1500,
  carouselBubbles: 12,
  /** 30 KB and 50 KB read conservatively as 1 KB = 1000 bytes of JSON. */
  bubbleBytes: 30_000,
  carouselBytes: 50_000,
  quickReplyItems: 13,
  quickReplyLabel: 20,
  buttonLabel: 40,
  postbackData: 300,
  displayText: 300,
  uriLength: 1000,
} as const;

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** Code point ranges that can join into one grapheme with a neighbour: surrogates (emoji, rare
 * kanji), combining marks, ZWJ/ZWNJ, variation selectors, kana voicing marks, Thai vowels. */
const MAY_COMBINE: readonly (readonly [number, number])[] = [
  // prettier-ignore
  [0xd800, 0xdfff],
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x20d0, 0x20ff],
  [0x200c, 0x200d],
  [0xfe00, 0xfe0f],
  [0x3099, 0x309a],
  [0xff9e, 0xff9f],
  [0x0e31, 0x0e3a],
  [0x0e47, 0x0e4e],
];
const mayCombine = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0300 && MAY_COMBINE.some(([lo, hi]) => c >= lo && c <= hi)) return true;
  }
  return false;
};

/** Length in grapheme clusters, the unit LINE uses for labels. */
export function graphemeLength(s: string): number {
  // Fast path: plain Japanese and Latin text has one grapheme per UTF-16 unit.
  if (!mayCombine(s)) return s.length;
  let n = 0;
  for (const _ of graphemes.segment(s)) n++;
  return n;
}

/** Cuts a label to `max` grapheme clusters, ending with "…" when cut. */
export function fitLabel(s: string, max: number): string {
  if (graphemeLength(s) <= max) return s;
  const parts = [...graphemes.segment(s)].map((g) => g.segment);
  return parts.slice(0, max - 1).join('') + '…';
}

/** Cuts text to `max` UTF-16 units without splitting a surrogate pair, ending with "…" when cut. */
export function fitText(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/u.test(cut)) cut = cut.slice(0, -1);
  return cut + '…';
}
