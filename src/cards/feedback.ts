import type { Catalog } from '../pledges/catalog';
import { copyFor, type Lang } from './lang';
import type { FlexBox, TextMessage } from './message-types';
import { encodePostback, type AnswerTarget } from './postback-codec';
import { buildAreaQuickReply } from './quick-replies';
import { PALETTE } from './theme';

/**
 * 「役に立った」「役に立たなかった」 under an answer, and what the bot says to each. The buttons
 * carry the reply's reference (a hash of the masked question and what was shown, the same for
 * everyone who asks the same thing, so the card stays shared) and what the answer showed.
 */
export function buildFeedbackBox(ref: string, target: AnswerTarget, lang: Lang = 'ja'): FlexBox {
  const C = copyFor(lang);
  // Tappable boxes rather than Flex buttons: a button label is one line at a fixed size, and
  // 「役に立たなかった」 would be cut to 「役に立たなか…」 in half a bubble's width. Here the
  // label is small text that wraps if it must, so both words are always read in full.
  const button = (vote: 'up' | 'down'): FlexBox => {
    const label = vote === 'up' ? C.feedback.up : C.feedback.down;
    return {
      type: 'box',
      layout: 'vertical',
      flex: 1,
      backgroundColor: PALETTE.panel,
      cornerRadius: '8px',
      paddingAll: '10px',
      action: {
        type: 'postback',
        label,
        data: encodePostback({ action: 'vote', vote, ref, target }, lang),
        displayText: vote === 'up' ? C.feedback.upDisplay : C.feedback.downDisplay,
      },
      contents: [
        { type: 'text', text: label, size: 'sm', weight: 'bold', color: PALETTE.text, align: 'center', wrap: true },
      ],
    };
  };
  return {
    type: 'box',
    layout: 'horizontal',
    spacing: 'sm',
    margin: 'md',
    contents: [button('up'), button('down')],
  };
}

/** 👍: a short thanks, nothing else. */
export function buildVoteThanks(lang: Lang = 'ja'): TextMessage {
  return { type: 'text', text: copyFor(lang).feedbackThanks };
}

/** 👎: sorry, and why? (three quick replies; the reason goes back with the reply's reference). */
export function buildWhyAsk(ref: string, target: AnswerTarget, lang: Lang = 'ja'): TextMessage {
  const C = copyFor(lang);
  const reasons = ['wrong', 'missing', 'other'] as const;
  return {
    type: 'text',
    text: C.feedbackWhy,
    quickReply: {
      items: reasons.map((reason) => ({
        type: 'action' as const,
        action: {
          type: 'postback' as const,
          label: C.reasons[reason],
          data: encodePostback({ action: 'why', reason, ref, target }, lang),
          displayText: C.reasons[reason],
        },
      })),
    },
  };
}

/** After the reason: thanks, and the areas to go on with. */
export function buildReasonThanks(catalog: Catalog, lang: Lang = 'ja'): TextMessage {
  return { type: 'text', text: copyFor(lang).feedbackReasonThanks, quickReply: buildAreaQuickReply(catalog, lang) };
}
