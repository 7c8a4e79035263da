import { AREA_ACCENT, PALETTE } from '../../src/cards/theme';

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('theme contrast (≥ 4.5:1)', () => {
  test.each(Object.entries(AREA_ACCENT))('white text on the %s accent', (_id, accent) => {
    expect(contrast(PALETTE.onAccent, accent)).toBeGreaterThanOrEqual(4.5);
  });
  test('white text on the language tile and the city blue (rich menu)', () => {
    expect(contrast(PALETTE.onAccent, PALETTE.language)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(PALETTE.onAccent, PALETTE.city)).toBeGreaterThanOrEqual(4.5);
  });
  test.each([PALETTE.text, PALETTE.subText, PALETTE.link, PALETTE.city])('%s on white and on the panel', (colour) => {
    expect(contrast(colour, PALETTE.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour, PALETTE.panel)).toBeGreaterThanOrEqual(4.5);
  });
});
