import { analyseEnglish, classifyLatin, keyOf, MAX_NEW_WORDS, newWordsHeld } from '../../src/matching/english';
import { englishCredit, englishDoc, isContentWord } from '../../src/matching/english-index';
import { DEFAULT_TUNABLES } from '../../src/matching/tunables';

/** English analysis (src/matching/english.ts, english-index.ts): words, lemmas, keys, fields. */
const words = (text: string) => analyseEnglish(text);
const keys = (text: string): string[] => words(text).map((w) => w.key);

describe('analyseEnglish: lemma, American spelling, Porter2 stem', () => {
  test.each([
    ['children', 'child'],
    ['kids', 'kid'],
    ['vaccinated', 'vaccin'],
    ['vaccination', 'vaccin'],
    ['centre', 'center'],
    ['neighbours', 'neighbor'],
    ['prevention', 'prevent'],
    ['nappies', 'nappi'],
  ])('%s → %s', (word, key) => {
    expect(keys(word)).toEqual([key]);
  });

  test('British and American spellings, singular and plural, meet', () => {
    expect(keys('community centres')).toEqual(keys('community center'));
    expect(keys('flood maps')).toEqual(keys('flood map'));
  });

  test('grammar is flagged, subjects are not', () => {
    const flags = Object.fromEntries(words('What is the city doing about free wifi?').map((w) => [w.text, w.stop]));
    expect(flags).toMatchObject({
      what: true,
      is: true,
      the: true,
      doing: true,
      about: true,
      free: false,
      wifi: false,
    });
  });

  test('punctuation, URLs, e-mail addresses and emoji are not words; numbers are, as digits', () => {
    const ws = words('See https://www.city.ageo.lg.jp/ or info@city.jp 😀 for 3,000 yen!');
    expect(ws.map((w) => w.text)).toEqual(['see', 'or', 'for', '3,000', 'yen']);
    expect(ws.find((w) => w.number)?.key).toBe('3000');
  });

  test('a hyphenated word with a short part is one word (wi-fi); with long parts, its parts', () => {
    expect(keys('Wi-Fi')).toEqual(['wifi']);
    expect(keys('e-mail')).toEqual(['email']);
    expect(keys('kushi-gyoza')).toEqual(['kushi', 'gyoza']);
    expect(keys('COVID-19')).toEqual(['covid', '19']);
    // the index keeps both, so that "wifi", "wi-fi", "kushi gyoza" and "kushi-gyoza" all meet it
    expect(analyseEnglish('Wi-Fi', true).map((w) => w.key)).toEqual(['wifi', 'wi', 'fi']);
    expect(analyseEnglish('kushi-gyoza', true).map((w) => w.key)).toEqual(['kushi', 'gyoza', 'kushigyoza']);
  });

  test("I'm, don't: contractions are grammar, and so are asking frames", () => {
    expect(words("I'm sure they don't").filter(isContentWord)).toEqual([]);
    expect(words('I want to know, please tell me').filter(isContentWord)).toEqual([]);
  });

  test('keyOf is the key of a lemma (WordNet words in the index)', () => {
    expect(keyOf('disaster')).toBe(keys('disasters')[0]);
    expect(keyOf('18', true)).toBe('18');
  });
});

describe('classifyLatin: English, romaji, neither', () => {
  const cls = (w: string): string => classifyLatin(words(w)[0]!);
  test.each([
    ['free', 'english'],
    ['hospital', 'english'],
    ['until', 'english'],
    ['kodomo', 'romaji'],
    ['bousai', 'romaji'],
    ['maruyama', 'romaji'],
    ['desu', 'romaji'],
    ['dare', 'romaji'], // 誰: Japanese grammar first
    ['to', 'neutral'],
    ['no', 'neutral'],
    ['made', 'neutral'],
    ['18', 'neutral'],
    ['sphere2', 'other'],
  ])('%s → %s', (w, c) => {
    expect(cls(w)).toBe(c);
  });
});

describe('englishDoc: fields and their credits', () => {
  const c = DEFAULT_TUNABLES.credits;
  const doc = englishDoc(
    ['Free Wi-Fi at 23 public facilities', 'library wifi'],
    'Internet access at community centres.',
  );

  test('title and keywords credit 1; the summary less; absent 0', () => {
    expect(englishCredit(doc, keyOf('library'), c)).toBe(1);
    expect(englishCredit(doc, keyOf('wifi'), c)).toBe(1);
    expect(englishCredit(doc, keyOf('internet'), c)).toBeCloseTo(c.summary);
    expect(englishCredit(doc, keyOf('internet'), c, false)).toBe(0);
    expect(englishCredit(doc, keyOf('garbage'), c)).toBe(0);
  });

  test('grammar words are not indexed', () => {
    expect(doc.official.has(keyOf('at'))).toBe(false);
  });

  test('keywords of two or more words are phrases (anchors)', () => {
    expect(doc.phrases).toContainEqual([keyOf('library'), keyOf('wifi')]);
  });
});

describe('the lexicon wink-nlp grows with every new word stays bounded', () => {
  test('past MAX_NEW_WORDS new words, a fresh instance reads the next message, with the same result', () => {
    const before = keys('Is there free wifi at the library?');
    const batch = 2_000;
    const held = newWordsHeld();
    analyseEnglish(Array.from({ length: 10 }, (_, i) => `zqfirst${i}x`).join(' '));
    expect(newWordsHeld()).toBe(held + 11); // ten words, and the probe before
    for (let n = 0; n <= MAX_NEW_WORDS; n += batch)
      analyseEnglish(Array.from({ length: batch }, (_, i) => `zq${(n + i).toString(36)}x`).join(' '));
    expect(keys('Is there free wifi at the library?')).toEqual(before);
    expect(newWordsHeld()).toBeLessThanOrEqual(batch); // not the 22,000 read
  });
});
