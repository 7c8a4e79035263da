import { romajiToKana } from '../../src/matching/romaji';

describe('romajiToKana: romaji is Japanese; English is not', () => {
  test.each([
    ['bousai', 'ぼうさい'],
    ['kodomo iryouhi', 'こども いりょうひ'],
    ['kyasshuresu de zeikin haraeru?', 'きゃっしゅれす で ぜいきん はらえる?'],
    ['BOUSAI', 'ぼうさい'],
  ])('%s → %s', (q, kana) => {
    expect(romajiToKana(q)).toBe(kana);
  });

  test.each(['free wifi', 'Is there a video for foreigners?', 'hospital cost for kids', '防災'])(
    '%s stays as it is',
    (q) => {
      expect(romajiToKana(q)).toBe(q);
    },
  );

  test('words the data knows stay Latin', () => {
    expect(romajiToKana('wifi wa doko', (w) => w === 'wifi')).toBe('wifi わ どこ');
    expect(romajiToKana('AGECOCOってなに', (w) => w === 'agecoco')).toBe('agecocoってなに');
  });
});
