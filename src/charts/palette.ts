// Colours of the charts (DESIGN.md §3.7): the Okabe–Ito categorical palette,
// safe for the common colour-vision deficiencies, and viridis for rates, which
// is perceptually uniform, readable in greyscale and distinct on light and dark
// backgrounds. Every fill comes with the text colour (black or white) that has
// the higher WCAG contrast on it, which is always ≥ 4.5:1.
import { interpolateViridis } from 'd3-scale-chromatic';

/**
 * Okabe–Ito, ordered so the first series are the most distinct and readable on
 * white and on dark grey: blue, orange, green, vermilion, sky blue, reddish
 * purple; yellow (low contrast on white) and black (invisible on dark) come last.
 */
export const CATEGORICAL: readonly string[] = Object.freeze([
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#56B4E9',
  '#CC79A7',
  '#F0E442',
  '#000000',
]);

/** Fill of cells without a value (suppressed): a mid grey, legible with black text in both themes. */
export const NEUTRAL_FILL = '#9E9E9E';

export const BLACK = '#000000';
export const WHITE = '#FFFFFF';

/** The i-th categorical colour, cycling after eight. */
export function categorical(i: number): string {
  const n = CATEGORICAL.length;
  const k = Number.isInteger(i) ? ((i % n) + n) % n : 0;
  return CATEGORICAL[k];
}

/** Colour of a rate in [0, 1] (clamped; NaN → 0): viridis, dark purple at 0 to yellow at 1. */
export function sequential(rate: number): string {
  const t = Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 0;
  return normalHex(interpolateViridis(t));
}

/** A fill and the text colour to write on it. */
export interface Swatch {
  fill: string;
  textFill: string;
}

export function swatch(fill: string): Swatch {
  return { fill, textFill: textOn(fill) };
}

/** Black or white, whichever contrasts more with `fill` (ties: black). */
export function textOn(fill: string): string {
  return contrastRatio(fill, BLACK) >= contrastRatio(fill, WHITE) ? BLACK : WHITE;
}

/** WCAG 2 relative luminance of `#rgb` or `#rrggbb` (or `rgb(r, g, b)`). */
export function relativeLuminance(color: string): number {
  const [r, g, b] = rgbOf(color).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function rgbOf(color: string): [number, number, number] {
  const c = color.trim();
  let m = /^#([0-9a-f]{6})$/i.exec(c);
  if (m) {
    const v = parseInt(m[1], 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  m = /^#([0-9a-f]{3})$/i.exec(c);
  if (m) return [0, 1, 2].map((i) => parseInt(m![1][i] + m![1][i], 16)) as [number, number, number];
  m = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/i.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  throw new RangeError(`Not a colour: ${color}`);
}

function normalHex(color: string): string {
  const [r, g, b] = rgbOf(color);
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}
