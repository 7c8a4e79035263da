import type { CategoryId } from '../pledges/types';

/**
 * One palette for every card. Each area has an accent used as the header background behind
 * white text; every text colour here has a contrast of at least 4.5:1 on its background
 * (asserted in test/cards/theme.test.ts).
 */
export const PALETTE = {
  text: '#1F2937',
  subText: '#4B5563',
  onAccent: '#FFFFFF',
  background: '#FFFFFF',
  panel: '#F3F4F6',
  separator: '#E5E7EB',
  link: '#1D4ED8',
  city: '#0F5C8C',
  /** The rich menu's language tile (「English」/「日本語」), apart from the city-blue 使い方 beside it. */
  language: '#37474F',
} as const;

export const AREA_ACCENT: Readonly<Record<CategoryId, string>> = {
  covid: '#0B6E99',
  childcare: '#B0245A',
  health: '#2E7D32',
  disaster: '#C62828',
  industry: '#A84300',
  facilities: '#5D4037',
  finance: '#1565C0',
  governance: '#4527A0',
};
