/**
 * Every sentence the bot shows to citizens, in one place, so wording can be reviewed and changed
 * without touching logic. Polite, plain Japanese, clearly from the city's bot.
 */
export const COPY = {
  botName: '上尾市 公約案内',
  cityName: '上尾市',

  greeting: (reportTitle: string, areaCount: number, itemCount: number): string =>
    [
      '友だち追加ありがとうございます。上尾市の「公約案内」です。',
      `市長公約の取組状況を、市が公表した「${reportTitle}」(${areaCount}分野・${itemCount}項目) をもとにお答えします。`,
      '',
      '知りたいことを短い言葉で送ってください。',
      '例:「防災」「こども医療費」「ふるさと納税」',
      '下のカードから分野を選ぶこともできます。',
    ].join('\n'),

  howToAsk: [
    '【使い方】',
    '市長公約の取組について、知りたいことを短い言葉で送ってください。',
    '例:「防災」「こども医療費」「ふるさと納税」「給食費の補助ある?」',
    'ひらがなや話し言葉でも大丈夫です。下のカードやメニューから分野を選ぶこともできます。',
  ].join('\n'),

  notFound: (areaLabels: string[], contactLine: string): string =>
    [
      'すみません、お尋ねの内容は市長公約の取組状況の中に見つかりませんでした。',
      `この案内でお答えできるのは、公約の8つの分野 (${areaLabels.join('、')}) です。下のボタンから分野を選ぶか、別の言葉でお試しください。`,
      contactLine,
    ]
      .filter(Boolean)
      .join('\n'),

  contactLine: (name: string, phone?: string): string =>
    phone
      ? `そのほかのお問い合わせは ${name} (${phone}) へお願いします。`
      : `そのほかのお問い合わせは ${name} へお願いします。`,

  greetingReply:
    'こんにちは。上尾市の「公約案内」です。市長公約の取組について、知りたいことを短い言葉で送ってください (例:「防災」「こども医療費」)。',
  thanksReply: 'どういたしまして。ほかにも知りたいことがあれば、いつでも送ってください。',

  suggestTitle: 'もしかして、次のことですか?',
  suggestLead: 'お尋ねにぴったり当てはまる取組は見つかりませんでした。近いものを選ぶか、別の言葉でお試しください。',
  suggestAlt: (titles: string[]): string => `【上尾市 公約】もしかして: ${titles.join('、')}`,
  menuTitle: '市長公約の8つの分野',
  menuLead: (reportTitle: string): string => `「${reportTitle}」から、分野ごとの取組をご覧いただけます。`,
  menuHint: '知りたいことを言葉で送っても探せます (例:「防災」「こども医療費」)。',
  menuAlt: (labels: string[]): string => `【上尾市 公約】8つの分野: ${labels.join('、')}`,
  unsupportedMessage:
    '申し訳ありません、文字のメッセージにだけお答えできます。知りたいことを短い言葉で送ってください (例:「子育て」「防災」)。',
  /** Before an answer that comes as a push because its reply token ran out (a restart, LINE slow). */
  lateAnswer: 'お返事が遅くなり、申し訳ありません。先ほどいただいたメッセージへのお返事です。',
  rateLimited:
    '短い時間にたくさんのメッセージをいただいたため、しばらくお返事を控えます。1 分ほどたってから、もう一度お試しください。',
  unknownPostback: 'この操作は現在ご利用いただけません。下のボタンから分野を選んでください。',

  areaCoverLead: (count: number): string =>
    `この分野の取組 ${count} 件をご紹介します。横にスクロールしてご覧ください。`,
  areaCountLabel: (count: number): string => `取組 ${count} 件`,
  areaAlt: (label: string, count: number, page: number, titles: string[]): string =>
    `【上尾市 公約】${label}の取組 (全${count}件${page > 1 ? `・${page}ページ目` : ''}): ${titles.join('、')}`,
  itemsAlt: (titles: string[]): string =>
    `【上尾市 公約】お尋ねに関係する取組 ${titles.length} 件: ${titles.join('、')}`,
  moreTitle: 'まだ続きがあります',
  moreBody: (rest: number): string => `この分野の取組はあと ${rest} 件あります。`,
  moreButton: 'もっと見る',
  moreDisplay: (label: string): string => `${label}の続き`,
  /** The link button of an item, by where it leads. */
  linkButton: { item: '詳しくは市のページへ', report: '報告書のページを見る', city: '上尾市ホームページへ' },
  sourceLine: (reportTitle: string): string => `出典: ${reportTitle}`,
  /** Above an item's plain summary, under the official wording. */
  summaryCaption: 'かんたんな説明',
  areaButton: (label: string): string => `${label}の取組一覧`,
  menuLabel: 'メニュー',
  /** The two buttons under an answer, and what the resident sees as their message. */
  feedback: {
    up: '役に立った',
    down: '役に立たなかった',
    upDisplay: '役に立った',
    downDisplay: '役に立たなかった',
  },
  feedbackThanks: 'ありがとうございます。今後の案内づくりの参考にします。',
  feedbackWhy:
    'お役に立てず申し訳ありません。よろしければ、どこが足りなかったか教えてください (下のボタンから選べます)。',
  /** 👎's reasons: quick reply labels (≤ 20 characters). */
  reasons: { wrong: '答えが違う', missing: '情報が足りない', other: 'その他' },
  feedbackReasonThanks:
    '教えていただきありがとうございます。市の担当者が確認し、答えを良くしていきます。ほかに知りたいことがあれば、言葉を変えて送ってください。',
  areaDisplay: (label: string): string => label,
  /** After the rich menu's language tile (「English」/「日本語」) switched the menu to Japanese. */
  languageSwitched: '日本語の案内にしました。知りたいことを短い言葉で送ってください (例:「防災」「こども医療費」)。',
} as const;

/** Literal string types widened to string: the shape every language's copy has (copy/en.ts). */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends object
      ? { readonly [K in keyof T]: Widen<T[K]> }
      : T;

/** The copy of one language: the same sentences, in the same places, as COPY. */
export type Copy = Widen<typeof COPY>;
