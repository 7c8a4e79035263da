import type { CategoryId } from '../pledges/types';
import type { Copy } from './ja';

/**
 * Every sentence the bot shows to English speakers, in one place, sentence for sentence beside
 * copy/ja.ts (the `Copy` type makes a missing or extra sentence a compile error). Plain English
 * for residents from abroad: short sentences, no Japanese-only terms without an explanation. The
 * city's Japanese wording stays the official one; the English is a reference translation.
 */
export const COPY_EN: Copy = {
  botName: 'Ageo City Pledge Guide',
  cityName: 'Ageo City',

  greeting: (reportTitle: string, areaCount: number, itemCount: number): string =>
    [
      'Thank you for adding us as a friend. This is the Ageo City Pledge Guide.',
      `I answer questions about the mayor’s pledges and how the city is carrying them out, based on the city’s report “${reportTitle}” (${areaCount} areas, ${itemCount} initiatives).`,
      '',
      'Send a few words about what you want to know.',
      'e.g. “disaster prevention”, “medical costs for children”, “school lunch”',
      'You can also choose an area from the card below.',
      'The English is a reference translation; the official wording is the city’s Japanese.',
    ].join('\n'),

  howToAsk: [
    '[How to ask]',
    'Send a few words about the mayor’s pledges you want to know about.',
    'e.g. “disaster prevention”, “medical costs for children”, “school lunch”',
    'You can also choose an area from the card below or from the menu.',
    'Answers show an English reference translation and the city’s official Japanese wording.',
  ].join('\n'),

  notFound: (areaLabels: string[], contactLine: string): string =>
    [
      'Sorry, I could not find that in the report on the mayor’s pledges.',
      `I can answer questions about the 8 policy areas of the pledges (${areaLabels.join(', ')}). Choose an area below, or try other words.`,
      contactLine,
    ]
      .filter(Boolean)
      .join('\n'),

  contactLine: (name: string, phone?: string): string =>
    phone ? `For other questions, please contact ${name} (${phone}).` : `For other questions, please contact ${name}.`,

  greetingReply:
    'Hello. This is the Ageo City Pledge Guide. Send a few words about the mayor’s pledges you want to know about (e.g. “disaster prevention”, “school lunch”).',
  thanksReply: 'You’re welcome. Send me anything else you would like to know, any time.',

  suggestTitle: 'Did you mean one of these?',
  suggestLead:
    'I could not find an initiative that exactly matches your question. Choose a close one, or try other words.',
  suggestAlt: (titles: string[]): string => `[Ageo City pledges] Did you mean: ${titles.join(', ')}`,
  menuTitle: 'The 8 areas of the mayor’s pledges',
  menuLead: (reportTitle: string): string => `See the initiatives of each area, from “${reportTitle}”.`,
  menuHint: 'You can also type what you want to know (e.g. “disaster prevention”, “school lunch”).',
  menuAlt: (labels: string[]): string => `[Ageo City pledges] The 8 areas: ${labels.join(', ')}`,
  unsupportedMessage:
    'Sorry, I can only answer text messages. Send a few words about what you want to know (e.g. “child care”, “disaster prevention”).',
  lateAnswer: 'Sorry for the late reply. Here is the answer to your earlier message.',
  rateLimited:
    'You have sent many messages in a short time, so I will not reply for a while. Please try again in about a minute.',
  unknownPostback: 'This button is no longer available. Please choose an area from the buttons below.',

  areaCoverLead: (count: number): string =>
    `Here are the ${count} initiatives of this area. Scroll sideways to see them all.`,
  areaCountLabel: (count: number): string => `${count} initiative${count === 1 ? '' : 's'}`,
  areaAlt: (label: string, count: number, page: number, titles: string[]): string =>
    `[Ageo City pledges] ${label} (${count} initiatives${page > 1 ? `, page ${page}` : ''}): ${titles.join(', ')}`,
  itemsAlt: (titles: string[]): string =>
    `[Ageo City pledges] ${titles.length} initiative${titles.length === 1 ? '' : 's'} related to your question: ${titles.join(', ')}`,
  moreTitle: 'There is more',
  moreBody: (rest: number): string => `This area has ${rest} more initiative${rest === 1 ? '' : 's'}.`,
  moreButton: 'See more',
  moreDisplay: (label: string): string => `${label}: more`,
  linkButton: { item: 'City page (Japanese)', report: 'Report page (Japanese)', city: 'Ageo City website' },
  sourceLine: (reportTitle: string): string => `Source: ${reportTitle}`,
  summaryCaption: 'In plain words',
  areaButton: (label: string): string => `${label}: all initiatives`,
  menuLabel: 'Menu',
  feedback: {
    up: 'Helpful',
    down: 'Not helpful',
    upDisplay: 'Helpful',
    downDisplay: 'Not helpful',
  },
  feedbackThanks: 'Thank you. We will use this to improve the guide.',
  feedbackWhy: 'Sorry it did not help. If you like, tell us what was wrong (choose below).',
  reasons: { wrong: 'Wrong answer', missing: 'Not enough info', other: 'Other' },
  feedbackReasonThanks:
    'Thank you for telling us. City staff will check it and improve the answers. If you want to know something else, try other words.',
  areaDisplay: (label: string): string => label,
  languageSwitched:
    'Switched to English. Send a few words in English about what you want to know (e.g. “disaster prevention”, “school lunch”).',
};

/** English-only parts of the cards: what the Japanese cards do not need to say. */
export const EN_ONLY = {
  /** Above the city's Japanese text in an English answer. */
  officialCaption: '公式の文言 / Official wording (Japanese)',
  /**
   * The areas' English names when data/areas/<id>.json has no `en` yet (the 8 area ids are fixed
   * by the data contract). Short enough for a quick reply (20 characters) and a menu tile.
   */
  areaNames: {
    covid: 'COVID-19',
    childcare: 'Children & Education',
    health: 'Health & Welfare',
    disaster: 'Disaster Prevention',
    industry: 'Industry & Business',
    facilities: 'Public Facilities',
    finance: 'City Finances',
    governance: 'Fair Government',
  } satisfies Record<CategoryId, string>,
  /** The report's English title when data/source.json has no `en` yet. */
  reportTitle: 'Progress report on the mayor’s pledges',
  /** The rich menu's language tile, in the language it switches to. */
  switchToEnglish: 'English',
  switchToJapanese: '日本語',
} as const;
