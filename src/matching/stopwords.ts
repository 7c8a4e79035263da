import { normalizeText } from './normalize';

/**
 * Words that carry no subject in a question: particles, question endings and fillers. They are
 * removed before matching so that "〜はありますか？" weighs nothing.
 */
// prettier-ignore
const STOPWORDS = [
  // question endings, auxiliaries
  'ありますか', 'あります', 'あるの', 'ある', 'あるか', 'ない', 'ないの', 'ですか', 'ですが', 'です', 'ますか', 'ます', 'でしょうか',
  'でしょう', 'ください', 'くれ', 'くれる', 'くれます', 'くれるの', 'くれん', 'ほしい', 'たい', 'たいです', 'んだけど', 'だけど', 'けど',
  'んですか', 'のですか', 'なの', 'なん', 'なんだ', 'だった', 'でした', 'でしたか', 'だ', 'だよ', 'よね', 'かな', 'かね', 'っけ',
  'いる', 'いますか', 'います', 'いるの', 'てる', 'てるの', 'ている', 'ていますか', 'ています', 'した', 'して', 'しました', 'します',
  'する', 'するの', 'された', 'されて', 'される', 'されますか', 'されています', 'なった', 'なる', 'なります', 'なりますか', 'なりました',
  'なったの', 'できる', 'できます', 'できますか', 'できるの', 'られる', 'られますか', 'れる', 'やってる', 'やっている', 'やって', 'やる',
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
  'その', 'この', 'でも', 'だけ', 'しか', 'ちょっと', 'ね', 'よ', 'か', 'な', 'ら', 'ん', 'お願い', 'おねがい', 'お願いします', 'すみません', 'please', 'the', 'a',
  'an', 'is', 'are', 'of', 'for', 'in', 'on', 'to', 'and', 'what', 'about', 'how', 'do', 'does', 'there', 'any', 'city', 'ageo',
  'where', 'when', 'who', 'which', 'why', 'can', 'could', 'i', 'my', 'me', 'we', 'our', 'you', 'your', 'get', 'have', 'has',
  'did', 'was', 'were', 'will', 'be', 'been', 'it', 'this', 'that', 'with', 'from', 'by', 'at', 'or', 'tell', 'know', 'want',
  'need', 'find', 'show', 'done',
  // colloquial place holders and fillers: 〜したやつ, 〜できるところ, 〜の時に, 全部, 自分の, なんとか
  'やつ', 'ところ', 'とこ', '時に', 'とき', 'ときに', '時', '全部', '全て', 'すべて', '自分', 'なんとか', '何とか', 'みんな',
  // compound particles that ICU leaves on a kanji (人|への, 子|のための, 霧|みたい)
  'として', 'としては', 'としての', 'への', 'のための', 'ための', 'みたい', 'みたいな', 'のような', 'ような', 'にも', 'では', 'には',
];

/** Particles peeled off the ends of a glued hiragana word (はなんさい → なんさい). */
export const PARTICLES = [
  'は',
  'が',
  'を',
  'に',
  'で',
  'と',
  'も',
  'へ',
  'や',
  'の',
  'か',
  'て',
  'って',
  'から',
  'まで',
  'より',
];

/** Words about the report itself, and greetings: a question made only of these gets the overview. */
// prettier-ignore
const GENERIC = [
  '公約', '市長', '市長公約', '取組', '取り組み', '取組状況', '政策', '施策', 'マニフェスト', 'pledge', 'pledges', 'mayor',
  // How citizens ask about a pledge's progress: the frame of the question, not its subject
  // ("防災の進捗は？"). Only words that point at the pledges; words that also frame questions about
  // city services (状況, 情報, 一覧, 予定: 保育園の空き状況) stay content, so those are still refused.
  '進捗', '進み具合', '進み', '具合', '進んで', '進んでる', '進んでいる', '進んでいますか', '実績', '成果', '達成', '達成度',
  '実現', '方針', '現状', '詳しく', '具体的', '具体的に', '分野', '関係', '関連', 'progress', 'plan', 'plans', 'policy', 'policies',
  // the city itself ("市の方針", "上尾市の防災"); other towns stay unknown words (さいたま市)
  '市', '上尾市', '本市', '市役所',
  // greetings: answered with the list of areas too
  'こんにちは', 'こんにちわ', 'こんばんは', 'こんばんわ', 'おはよう', 'おはようございます', 'ありがとう', 'ありがとうございます',
  'よろしく', 'よろしくお願いします', 'はじめまして', 'hello', 'hi', 'thanks', 'thank you',
];

/**
 * Words asking for an administrative detail (a deadline, a phone number, opening hours, a fee):
 * the report never gives these, so a question asking for one that no item mentions is not
 * answered with the item's card, only offered as "もしかして" (串ぎょうざフェスの次の開催日は？).
 */
// prettier-ignore
const DETAIL_WORDS = [
  '期限', '締め切り', '締切', '〆切', '電話', '電話番号', '連絡先', '駐車場', '申し込み', '申込み', '申込', '申し込む', '申し込み方法',
  '申請方法', '申請期限', '手続き', '手続', '開催日', '日程', '日時', '営業時間', '開館時間', '受付時間', '料金', '値段', 'いくら',
  '時刻表', '次回', '時間', '開館日', '休館日', '予約方法', '持ち物', '必要書類', '振込日', '支給日', '定員', '空き',
];

export const STOPWORD_SET: ReadonlySet<string> = new Set(STOPWORDS.map(normalizeText));
export const GENERIC_SET: ReadonlySet<string> = new Set(GENERIC.map(normalizeText));
export const DETAIL_SET: ReadonlySet<string> = new Set(DETAIL_WORDS.map(normalizeText));

/**
 * Phrases of asking and wanting, cut out of the question before segmentation because the
 * segmenter splits them into pieces that look like content (知|り|たい, 教え|て|もらえる).
 */
// prettier-ignore
export const FILLER_PHRASES: RegExp = new RegExp(
  [
    '(?:について|に関して|を|が|は)?(?:知|し)りたい(?:んです|のです|です)?(?:けど|が)?',
    '(?:を|について)?(?:教|おし)えて(?:ください|下さい|ほしい|欲しい|もらえ(?:ますか|る))?',
    '(?:聞|き)きたい', '(?:聞|き)いた(?:んだ)?(?:けど|が)?', '(?:分|わ)から(?:ない|なくて)', '(?:分|わ)かりません',
    '調べたい', '見たい', '知ってる', '使え(?:ますか|る)', '受けられ(?:ますか|る)?', '参加(?:でき|する)(?:ますか|る)?',
    'もらえ(?:ますか|る|たの|た)', 'くれ(?:ますか|る|たの|た)', 'して(?:ほしい|欲しい)', '行け(?:ますか|る)', '(?:ほ|欲)しい',
    'でき(?:ますか|ません|る|た)', 'あり(?:ますか|ません)',
    // 進捗状況, 取組状況: "状況" after a progress word is part of the frame (alone it is content)
    '(?<=進捗|達成|実施|取組|取り組み)状況',
  ].join('|'),
  'gu',
);
