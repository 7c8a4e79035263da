import { countLanguages, detectLanguage, withoutAddresses } from '../../src/matching/language';

/** The language of a message, which is the language of the reply (src/matching/language.ts). */
describe('detectLanguage', () => {
  test.each([
    // English
    ['What is the city doing about disaster prevention?', 'en'],
    ['free wifi', 'en'],
    ['hello', 'en'],
    ['Thank you!', 'en'],
    ['menu', 'en'],
    ['i heard city hall have machine, put my number card and get certificate. true?', 'en'],
    ['Is there map of tomato farms?', 'en'],
    ['ＦＲＥＥ　ＷＩＦＩ', 'en'], // full-width Latin
    ['Wi-Fi', 'en'],
    ["I'm pregnant. Is there neuvola support?", 'en'],
    // Japanese
    ['防災', 'ja'],
    ['こども医療費は何歳まで？', 'ja'],
    ['こども医療費 free?', 'ja'], // Japanese with an English word stays Japanese
    ['防災について教えて please tell me', 'ja'],
    ['AGECOCOってなに', 'ja'],
    // romaji is Japanese
    ['bousai', 'ja'],
    ['Bousai', 'ja'],
    ['kodomo iryouhi', 'ja'],
    ['bousai wa doko desu ka', 'ja'],
    ['kodomo iryouhi wa free?', 'ja'], // Japanese frame (wa) around one English word
    ['toshokan no wifi', 'ja'], // no after a romaji word is the particle
    ['arigatou', 'ja'],
    ['konnichiwa', 'ja'],
    ['AGECOCO', 'ja'], // a Japanese name spelled in Latin letters
    // mixed
    ['kodomo iryouhi free until 18?', 'en'], // English around the Japanese name of a programme
    ['gyoza festival', 'en'],
    ['What is 串ぎょうざ festival? When is it held?', 'en'], // an English sentence quoting Japanese
    // nothing to tell: Japanese, the city's language
    ['18', 'ja'],
    ['😀👍', 'ja'],
    ['https://www.city.ageo.lg.jp/', 'ja'],
    ['info@example.jp', 'ja'],
    ['SPHERE2', 'ja'],
    ['', 'ja'],
    ['？！', 'ja'],
    // URLs, e-mail addresses, emoji and numbers do not count as words
    ['See https://www.city.ageo.lg.jp/ about the hazard map 😀', 'en'],
    ['https://www.city.ageo.lg.jp/bousai/ bousai', 'ja'],
    ['2024年の防災 https://example.com/disaster-prevention-plan', 'ja'],
  ] as const)('%j → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  test('counts words of each language, URLs and addresses left out', () => {
    expect(countLanguages('kodomo iryouhi free until 18? https://example.com/free-wifi-for-all')).toEqual({
      english: 2,
      romaji: 2,
      japanese: 0,
    });
    expect(countLanguages('串ぎょうざ festival')).toEqual({ english: 1, romaji: 0, japanese: 2 });
  });
});

describe('withoutAddresses', () => {
  test('cuts URLs and e-mail addresses, word by word, and keeps the rest', () => {
    expect(withoutAddresses('see https://www.city.ageo.lg.jp/page/1.html please')).toBe('see   please');
    expect(withoutAddresses('mail me at taro@example.com or www.example.jp')).toBe('mail me at   or  ');
    expect(withoutAddresses('防災@について')).toBe('防災@について');
    expect(withoutAddresses('てにをは'.repeat(1248) + 'xxxxxxx1')).toBe('てにをは'.repeat(1248) + 'xxxxxxx1');
  });
});
