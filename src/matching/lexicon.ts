import { normalizeText } from './normalize';

/**
 * Every word list the matcher uses, in one place. Each list says what it is for; the rules that
 * use them live in the matcher's named steps (pledge-matcher.ts). Words are compared normalised
 * (normalize.ts), so ボウサイ, ぼうさい and ﾎﾞｳｻｲ are one entry.
 *
 * These are lists of how people *ask* (grammar, frames, greetings), never of what the report is
 * about: a subject word belongs in the data (keywords, summaries, synonyms.json), where staff can
 * edit it.
 */

/** Grammar and asking: particles, endings, question words, fillers. Never the subject. */
// prettier-ignore
const STOPWORDS = [
  // question endings, auxiliaries
  'ありますか', 'あります', 'あるの', 'ある', 'あるか', 'あった', 'あって', 'ない', 'ないの', 'ですか', 'ですが', 'です', 'ますか', 'ます', 'でしょうか',
  'でしょう', 'ください', 'くれ', 'くれる', 'くれます', 'くれるの', 'くれん', 'ほしい', 'たい', 'たいです', 'んだけど', 'だけど', 'けど',
  'んですか', 'のですか', 'なの', 'なん', 'なんだ', 'だった', 'でした', 'でしたか', 'だ', 'だよ', 'よね', 'かな', 'かね', 'っけ', 'だっけ',
  'いる', 'いますか', 'います', 'いるの', 'てる', 'てるの', 'ている', 'してる', 'してるの', 'してます', 'してますか', 'してるん', 'ていますか', 'ています', 'した', 'して', 'しました', 'します',
  'する', 'するの', 'された', 'されて', 'される', 'されますか', 'されています', 'なった', 'なる', 'なります', 'なりますか', 'なりました',
  'なったの', 'できる', 'できます', 'できますか', 'できるの', 'られる', 'られますか', 'れる', 'やってる', 'やっている', 'やって', 'やる',
  'おる', 'おります', 'ございます', 'ございますか', 'いただける', 'いただけ', 'いただけます', 'いただけますか', 'いただく', 'でございます',
  // polite past and negative endings, which ICU cuts in the middle (され|ま|した|か)
  'れた', 'られた', 'れて', 'られて', 'れたの', 'られたの', 'ました', 'ましたか', 'ません', 'ませんか', 'まして', 'まし', 'ま', 'され', 'されま', 'させ', 'れま', 'せん',
  // doing, in general (行われ|ましたか): the subject is elsewhere
  '行われ', '行われる', '行われた', '行われて', '行う', '行った', '行って', '行っている', '行なう',
  // asking
  '教えて', 'おしえて', '教えてください', '知りたい', 'しりたい', '知る', '聞きたい', '聞いた', 'きいた', '聞いて', '調べたい', '見たい',
  'について', 'に関して', '関して', 'に関する', '関する', 'とは', 'って', 'ってなに', 'ってなん', 'ってどう',
  // question words
  'どう', 'どうなって', 'どうなった', 'どうなる', 'どうなっていますか', 'どうなりましたか', 'どうすれば', 'どうやって', 'どんな', 'どのような',
  'どういう', 'なに', 'なにを', '何', '何か', 'いつ', 'いつから', 'いつまで', 'どこ', 'どこで', 'どこに', 'だれ', '誰', 'どれ', 'どの',
  // fillers
  'こと', 'もの', 'ため', 'など', 'とか', 'よう', 'ほんと', 'ほんとう', '本当', 'まだ', 'もう', 'ちゃんと', 'すごく', 'とても', 'あの',
  'その', 'この', 'でも', 'だけ', 'しか', 'ちょっと', 'ね', 'よ', 'か', 'な', 'ら', 'ん', 'お願い', 'おねがい', 'お願いします', 'すみません',
  'please', 'the', 'a', 'an', 'is', 'are', 'of', 'for', 'in', 'on', 'to', 'and', 'what', 'about', 'how', 'do', 'does', 'there', 'any',
  'city', 'ageo', 'where', 'when', 'who', 'which', 'why', 'can', 'could', 'i', 'my', 'me', 'we', 'our', 'you', 'your', 'get', 'have',
  'has', 'did', 'was', 'were', 'will', 'be', 'been', 'it', 'this', 'that', 'with', 'from', 'by', 'at', 'or', 'tell', 'know', 'want',
  'need', 'find', 'show', 'done', 'doing', 'does', 'some', 'there', 'here', 'they', 'them', 'their', 'its', 'if', 'so', 'also', 'yes',
  // colloquial place holders and fillers: 〜したやつ, 〜できるところ, 〜の時に, 全部, 自分の, なんとか
  'やつ', 'ところ', 'とこ', '時に', 'とき', 'ときに', '時', '全部', '全て', 'すべて', '自分', 'なんとか', '何とか', 'みんな',
  // two topics in one message: 両方, それぞれ, あと
  '両方', 'りょうほう', 'どちらも', 'それぞれ', 'ついでに', 'あと', 'また', 'それと', '件',
  'うち', 'うちの', '一番', 'いちばん', 'なんか', 'なんだか', 'やっぱり', 'けっこう', '結構', '最近', 'さいきん', '今', 'いま',
  // compound particles that ICU leaves on a kanji (人|への, 子|のための, 霧|みたい)
  'として', 'としては', 'としての', 'への', 'のための', 'ための', 'みたい', 'みたいな', 'のような', 'ような', 'にも', 'では', 'には',
];

/** Particles peeled off the ends of a glued hiragana word (はなんさい → なんさい). */
// prettier-ignore
export const PARTICLES: readonly string[] = [
  'は', 'が', 'を', 'に', 'で', 'と', 'も', 'へ', 'や', 'の', 'か', 'て', 'って', 'から', 'まで', 'より',
];

/**
 * Words about the report itself: a question made only of these asks for the overview (the list
 * of areas). Also how citizens frame a question about a pledge's progress ("防災の進捗は？"):
 * words that point at the pledges. Words that also frame questions about city services (状況,
 * 情報, 一覧, 予定: 保育園の空き状況) stay content, so those are still refused.
 */
// prettier-ignore
const GENERIC = [
  '公約', '市長', '市長公約', '取組', '取り組み', '取組状況', '政策', '施策', 'マニフェスト', 'pledge', 'pledges', 'mayor',
  '進捗', '進み具合', '進み', '具合', '進んで', '進んでる', '進んでいる', '進んでいますか', '実績', '成果', '達成', '達成度',
  '実現', '方針', '現状', '詳しく', '具体的', '具体的に', '分野', '関係', '関連', 'progress', 'plan', 'plans', 'policy', 'policies',
  // the city itself ("市の方針", "上尾市の防災"); other towns stay unknown words (さいたま市)
  '市', '上尾市', '本市', '上尾', 'あげお',
];

/** Greetings, thanks and small talk: answered with a short polite reply, not with the menu. */
// prettier-ignore
const SMALLTALK = [
  'こんにちは', 'こんにちわ', 'こんばんは', 'こんばんわ', 'おはよう', 'おはようございます', 'ありがとう', 'ありがとうございます',
  'ありがとうございました', 'どうも', 'よろしく', 'よろしくお願いします', 'よろしくおねがいします', 'はじめまして', 'おやすみ',
  'おやすみなさい', 'さようなら', 'バイバイ', 'またね', 'お疲れ様', 'お疲れさま', 'おつかれ', 'おつかれさま', 'なるほど', 'わかりました',
  '了解', 'りょうかい', 'OK', 'オッケー', 'はい', 'いいえ', 'うん', '助かりました',
  'hello', 'hi', 'hey', 'thanks', 'thank', 'thankyou', 'morning', 'evening', 'bye', 'ok', 'okay',
];

/** Thanks, among the small talk: answered with "どういたしまして". */
// prettier-ignore
const THANKS = [
  'ありがとう', 'ありがとうございます', 'ありがとうございました', 'どうも', '助かりました', 'thanks', 'thank', 'thankyou',
];

/** Words that ask for the list of areas (desktop LINE shows no rich menu). Whole message only. */
// prettier-ignore
export const MENU_WORDS: readonly string[] = [
  'メニュー', 'menu', '分野', '分野一覧', '一覧', 'ヘルプ', 'help', '使い方', 'つかいかた', '公約一覧', '公約メニュー',
];

/**
 * Words asking for an administrative detail (a deadline, a phone number, opening hours, a fee):
 * the report never gives these, so a question asking for one that no item mentions is not
 * answered with the item's card, only offered as "もしかして" (串ぎょうざフェスの次の開催日は？).
 */
// prettier-ignore
const DETAIL_WORDS = [
  '期限', '締め切り', '締切', '〆切', '電話', '電話番号', '連絡先', '駐車場', '駐輪場', '申し込み', '申込み', '申込', '申し込む', '申し込み方法',
  '申請方法', '申請期限', '申請期間', '手続き', '手続', '開催日', '日程', '日時', '営業時間', '開館時間', '受付時間', '料金', '値段', 'いくら',
  '時刻表', '次回', '時間', '開館日', '休館日', '予約方法', '持ち物', '必要書類', '振込日', '支給日', '定員', '空き', '上限', '上限額',
  '参加費', '何時', '何人', '何本', '何台', '何歳', '何円', '何日', '何回', '場所', '住所', '営業日', '金額',
  // right now: today's figures and news (今日の感染者数)
  '今日', '明日', '今週', '今月', '来週', '来月', '現在', '最新',
  // when it is open: a time of day or a day of the week
  '夜中', '夜', '夜間', '朝', '早朝', '土日', '土曜', '日曜', '日曜日', '土曜日', '祝日', '平日', '休日', '休み', '何曜日', '曜日', '年末年始',
  // how to apply, with what
  '予約', '方法', 'やり方', '募集', '応募', '申請書', '書類', '様式', '窓口の場所', '問い合わせ先', '担当課', '対象者', '条件', '資格',
];

/**
 * Jurisdictions other than Ageo that are not towns (国の児童手当, 県の補助): like another town's
 * name, the report does not answer for them unless an item mentions them.
 */
// prettier-ignore
const OTHER_JURISDICTIONS = ['国', '政府', '県', '埼玉県', '東京都', '都', '国の制度', '厚生労働省', '文部科学省'];

/** Particles that mark the topic of a question: the head of what is asked comes before them. */
export const TOPIC_MARKERS: ReadonlySet<string> = new Set([
  'って',
  'は',
  'とは',
  'について',
  'ってなに',
  'ってなん',
  'ってどう',
]);

/**
 * Words that name a place (上尾駅, 丸山公園, 自由通路, 市役所): a message that shares only a place
 * with an item, and asks something else, is about the place (its parking, its opening hours).
 */
export const LOCATION =
  /(?:駅|駅前|公園|通路|地区|東口|西口|庁舎|市役所|役所|出張所|図書館|公民館|体育館|センター|会館|ホール|広場|周辺|近く|沿い)$/u;

/** Suffixes that make a word a place name: さいたま市, 伊奈町, 大宮駅. */
export const PLACE_SUFFIX = /^[市町村区県駅]$/u;

/**
 * Phrases of asking and wanting, cut out of the question before segmentation because the
 * segmenter splits them into pieces that look like content (知|り|たい, 教え|て|もらえる).
 */
// prettier-ignore
export const FILLER_PHRASES: RegExp = new RegExp(
  [
    '(?:について|に関して|を|が|は)?(?:知|し)りたい(?:んです|のです|です)?(?:けど|が)?',
    '(?:を|について)?(?:教|おし)えて(?:ください|下さい|ほしい|欲しい|もらえ(?:ますか|る)|いただけ(?:ますか|ませんか)?)?',
    '(?:聞|き)きたい', '(?:聞|き)いた(?:んだ)?(?:けど|が)?', '(?:分|わ)から(?:ない|なくて)', '(?:分|わ)かりません',
    '調べたい', '見たい', '知ってる', '(?:知|し)っておきたい(?:んです|のです)?(?:けど|が)?', '使え(?:ますか|る)', '受けられ(?:ますか|る)?', '参加(?:でき|する)(?:ますか|る)?',
    'もらえ(?:ますか|る|たの|た)', 'くれ(?:ますか|る|たの|た)', 'して(?:ほしい|欲しい)', '行け(?:ますか|る)', '(?:ほ|欲)しい',
    'でき(?:ますか|ません|る|た)', 'あり(?:ますか|ません)', 'ござい(?:ますか|ます)', 'おり(?:ますか|ます)',
    // 進捗状況, 取組状況: "状況" after a progress word is part of the frame (alone it is content)
    '(?<=進捗|達成|実施|取組|取り組み)状況',
  ].join('|'),
  'gu',
);

/**
 * How a sentence asks: a question mark, a question or request ending. The asking sentence is
 * the focus of a message; the others are context. Tested on the text as typed (NFKC).
 */
export const ASKING_ENDINGS: RegExp = new RegExp(
  [
    '[?？]',
    'か[。.!！]?$',
    'かな[ぁあ]?[。.!！]?$',
    'っけ[。.!！]?$',
    'の[。.!！]?$',
    '(?:教|おし)えて',
    '(?:知|し)りたい',
    'ください',
    '下さい',
    'ほしい',
    '欲しい',
    'でしょうか',
    'ますか',
    'ですか',
    // a plain-form ending without a mark is a colloquial question (給食費の補助ある); polite
    // endings (です。ます。) are statements
    '(?:ある|ない|できる|いる|なる|なった|やってる|してる)[。.!！]?$',
  ].join('|'),
  'u',
);

/**
 * Asking about a whole area rather than one initiative (一通り, 全部, どんなことを): the area's
 * card is the answer when the area explains the message. Tested on the message as typed (NFKC).
 */
export const BROAD_ASKING =
  /一通り|ひととおり|全部|ぜんぶ|全体|まとめて|いろいろ|色々|どんなこと|どういうこと|どのようなこと|何をして|なにをして|何をやって|なにやって|何に力|力を入れ|どんな取り?組み|どのような取り?組み|どんな工夫|どんな支援|どのような支援|どんな対策|どのような対策|これまで(?:に)?(?:やって|して)/u;

/**
 * Asking when, where, how much, how many or how to (いつから, どこで, 何時まで, いくら): the report
 * hardly ever says; tested on the asking part as typed (NFKC).
 */
export const DETAIL_QUESTION =
  /いつ|どこ|何時|何曜|いくら|何人|何台|何本|何歳|何才|何円|何回|何分|何日|どうやって|どうすれば|どのくらい|どれくらい|どの位|申し込|申込/u;

/**
 * Words that refer back to the sentences before (こういう人, そこには, その制度): an asking
 * sentence that has one is read together with the sentence before it.
 */
export const REFERS_BACK = /こういう|そういう|こうした|そうした|こんな|そんな|そこ|それ|この|その/u;

/**
 * Hearsay (〜と聞きました, 〜らしい, 〜と伺いました): the sentence that says what the resident heard
 * about names the subject of the question that follows, so it is part of the asking part.
 */
export const HEARSAY = /と聞|って聞|と伺|と拝見|らしい|らしく|そうです|そうで|とのこと|と見た|と読んだ/u;

/** Sentence ends: a message is split here before the asking part is found. */
export const SENTENCE_END = /(?<=[。．！!？?\n])|(?<=[.](?=\s))/u;

const set = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(normalizeText).filter(Boolean));

export const STOPWORD_SET = set(STOPWORDS);
export const GENERIC_SET = set(GENERIC);
export const SMALLTALK_SET = set(SMALLTALK);
export const THANKS_SET = set(THANKS);
export const MENU_SET = set(MENU_WORDS);
export const DETAIL_SET = set(DETAIL_WORDS);

/** A count (感染者数, 参加人数, 件数): a figure the report does not keep up to date. */
const COUNT = /^\p{Script=Han}+数$/u;

/** True for a word asking for an administrative detail (DETAIL_WORDS, or a count). */
export const isDetailWord = (norm: string): boolean => DETAIL_SET.has(norm) || (norm.length >= 2 && COUNT.test(norm));
export const OTHER_JURISDICTION_SET = set(OTHER_JURISDICTIONS);
export const PARTICLE_SET = set(PARTICLES);

/*
 * English (messages written in English, and romaji told apart from English). As above, only how
 * people ask; what the report is about is in the data's `en` fields.
 */

/**
 * English grammar and asking frames that wink-nlp's stop list leaves as content words (it already
 * has the, is, what, can, get, make…): wanting, knowing, asking, vague nouns.
 */
// prettier-ignore
const ENGLISH_STOPWORDS = [
  'tell', 'know', 'want', 'wanna', 'need', 'like', 'please', 'hear', 'ask', 'wonder', 'curious', 'question', 'answer', 'explain',
  'information', 'info', 'anything', 'something', 'thing', 'stuff', 'way', 'really', 'currently', 'exist', 'available', 'possible',
  'true', 'right', 'ok', 'okay', 'hi', 'kind', 'sort', 'happen', 'happening', 'actually', 'maybe', 'lot', 'lots', 'let', 'sure',
  // contractions typed without the apostrophe that wink does not split (didnt it does)
  'im', 'ive', 'id', 'youre', 'thats', 'whats', 'theres',
  // pronouns wink's list leaves out
  'anybody', 'somebody', 'everybody', 'nobody', 'anyone', 'someone', 'everyone',
];

/**
 * Words about the report or the city as a whole, in English: like 公約 and 市 above, a message made
 * only of these asks for the overview.
 */
// prettier-ignore
const ENGLISH_GENERIC = [
  'city', 'ageo', 'mayor', 'pledge', 'promise', 'manifesto', 'progress', 'policy', 'initiative', 'effort', 'measure', 'project',
  'report', 'government', 'municipal', 'municipality',
];

/** Greetings and thanks in English (small talk). */
// prettier-ignore
const ENGLISH_SMALLTALK = ['hello', 'hi', 'hey', 'thanks', 'thank', 'thankyou', 'morning', 'evening', 'bye', 'goodbye', 'ok', 'okay', 'good'];

/**
 * English words asking for an administrative detail (a fee, a time, a deadline), as DETAIL_WORDS:
 * compared by lemma.
 */
// prettier-ignore
const ENGLISH_DETAIL = [
  'fee', 'price', 'cost', 'charge', 'yen', 'hour', 'time', 'schedule', 'timetable', 'date', 'deadline', 'phone', 'telephone',
  'address', 'parking', 'form', 'document', 'procedure', 'today', 'tomorrow', 'tonight', 'weekend', 'open', 'opening', 'close',
  'closing', 'reservation', 'book',
];

/**
 * Romaji of Japanese grammar (particles, endings, question words): Japanese even when the
 * English lexicon has the spelling (dare, nan).
 */
// prettier-ignore
const ROMAJI_GRAMMAR = [
  'wa', 'ga', 'wo', 'ni', 'de', 'mo', 'ka', 'ne', 'yo', 'ya', 'desu', 'desuka', 'masu', 'masuka', 'deshou', 'deshouka', 'desho',
  'nan', 'nani', 'nandesuka', 'doko', 'dokode', 'itsu', 'itsukara', 'dare', 'dou', 'doushite', 'ikura', 'kara', 'arimasu',
  'arimasuka', 'arimasen', 'aru', 'nai', 'iru', 'imasu', 'kudasai', 'onegai', 'onegaishimasu', 'shimasu', 'shitai', 'oshiete',
  'shiritai', 'kore', 'sore', 'koto', 'toka', 'tte', 'nitsuite', 'kana', 'dekiru', 'dekimasu', 'dekimasuka', 'hoshii',
  'arigatou', 'arigato', 'konnichiwa', 'konbanwa', 'ohayou', 'sumimasen',
];

/** Words that are as much English as romaji (to, no, made, a, o): they tell neither language. */
// prettier-ignore
const ENGLISH_NEUTRAL = ['a', 'i', 'o', 'e', 'u', 'to', 'no', 'made', 'ha'];

/**
 * How an English sentence asks: a question mark, or a question's or a request's first words.
 * Tested on the sentence as typed (NFKC).
 */
export const ENGLISH_ASKING =
  /\?|^\s*(?:is|are|was|were|am|do|does|did|can|could|would|will|should|shall|may|might|have|has|what|what's|where|when|how|which|who|whom|whose|why|any|anything|tell me|please|i (?:want|would like|'d like|wonder|need) to (?:know|ask))\b/iu;

/** An English sentence that points back at the one before it (it, this, there). */
export const ENGLISH_REFERS_BACK = /\b(?:it|this|that|these|those|they|them|there|such)\b/iu;

/** An English sentence saying what the resident heard or read. */
export const ENGLISH_HEARSAY =
  /\b(?:i (?:heard|have heard|'ve heard|read|saw)|(?:someone|somebody|my friends?|people|they) (?:told|said|say|says)|according to)\b/iu;

/** Asking broadly, about a whole area, in English (what is the city doing about…, tell me about…). */
export const ENGLISH_BROAD =
  /\bwhat (?:is|are|has|have|does) (?:the )?(?:city|ageo|mayor|you)(?: been)? (?:do|doing|done)\b|\bwhat (?:is|are|has) (?:being |been )?done\b|\btell me (?:about|more)\b|\boverview\b|\bin general\b|\ball (?:the )?(?:initiatives|measures|efforts|projects|programs|policies)\b|\bwhat (?:kind|kinds|sort) of (?:support|measures|efforts|initiatives|policies)\b|\bwhat (?:measures|efforts|initiatives|policies)\b/iu;

/** Asking when, where, how much, how many or how to, in English. */
export const ENGLISH_DETAIL_QUESTION =
  /\b(?:when|where|what time|which day|what day|how much|how many|how long|how (?:do|can|should) (?:i|we) (?:apply|register|sign up|join|pay|book|reserve)|how to (?:apply|register|sign up|join|pay|book|reserve)|deadline|opening hours)\b/iu;

const lowerSet = (words: readonly string[]): ReadonlySet<string> => new Set(words.map((w) => w.toLowerCase()));

export const ENGLISH_STOPWORD_SET = lowerSet(ENGLISH_STOPWORDS);
export const ENGLISH_GENERIC_SET = lowerSet(ENGLISH_GENERIC);
export const ENGLISH_SMALLTALK_SET = lowerSet(ENGLISH_SMALLTALK);
export const ENGLISH_THANKS_SET = lowerSet(['thanks', 'thank', 'thankyou']);
export const ENGLISH_DETAIL_SET = lowerSet(ENGLISH_DETAIL);
export const ROMAJI_GRAMMAR_SET = lowerSet(ROMAJI_GRAMMAR);
export const ENGLISH_NEUTRAL_SET = lowerSet(ENGLISH_NEUTRAL);
