import { focusParts, splitMessage } from '../../src/matching/focus';

const focusOf = (text: string): [string, boolean][] => splitMessage(text).map((p) => [p.text, p.focus]);

describe('splitMessage: the sentence that asks is the focus; the others are context', () => {
  test.each([
    ['防災', [['防災', true]]],
    [
      '妻が妊娠しました。初めての子で不安です。相談できるところはありますか？',
      [
        ['妻が妊娠しました。', false],
        ['初めての子で不安です。', false],
        ['相談できるところはありますか?', true],
      ],
    ],
    // a request and a question mark both ask
    [
      '防災のことを教えてください。あと給食費は？',
      [
        ['防災のことを教えてください。', true],
        ['あと給食費は?', true],
      ],
    ],
    // a message that asks nowhere is all focus
    [
      '中学生の息子がいます。自転車のヘルメット。',
      [
        ['中学生の息子がいます。', true],
        ['自転車のヘルメット。', true],
      ],
    ],
    // a sentence referred to (そこには) or saying what was heard is part of the question
    [
      '学校に別の部屋があると聞きました。そこには大人はいますか？',
      [
        ['学校に別の部屋があると聞きました。', true],
        ['そこには大人はいますか?', true],
      ],
    ],
    // a plain-form ending asks (colloquial); a polite statement does not
    [
      '昨日引っ越してきました。給食費の補助ある',
      [
        ['昨日引っ越してきました。', false],
        ['給食費の補助ある', true],
      ],
    ],
  ] as [string, [string, boolean][]][])('%s', (text, expected) => {
    expect(focusOf(text)).toEqual(expected);
  });
});

describe('focusParts: at most maxLength characters, the asking part first', () => {
  test('keeps the asking sentence and the nearest context within the budget', () => {
    const text = 'あ'.repeat(50) + '。' + 'い'.repeat(50) + '。防災の取り組みは？';
    const parts = focusParts(text, 70);
    expect(parts.slice(-2).map((p) => p.text)).toEqual(['い'.repeat(50) + '。', '防災の取り組みは?']);
    expect(parts.reduce((n, p) => n + p.text.length, 0)).toBe(70);
  });

  test('reads a very long message from its end, where the question is', () => {
    const parts = focusParts(`${'長い前置きです。'.repeat(1000)}防災の取り組みは？`, 400);
    expect(parts[parts.length - 1]).toEqual({ text: '防災の取り組みは?', focus: true });
    expect(parts.filter((p) => !p.focus).length).toBeLessThanOrEqual(4);
  });
});
