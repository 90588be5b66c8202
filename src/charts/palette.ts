// Colours of the charts (DESIGN.md §3.7): the Okabe–Ito categorical palette,
// safe for the common colour-vision deficiencies, and viridis for rates, which
// is perceptually uniform, readable in greyscale and distinct on light and dark
// backgrounds. Every fill comes with the text colour (black or white) that has
// the higher WCAG contrast on it, which is always ≥ 4.5:1.

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

/**
 * Viridis in 256 steps (matplotlib's colour map by van der Walt and Smith, CC0), as
 * d3-scale-chromatic tabulates it (ISC), stored as each channel's first value and its change
 * from step to step, plus 2, one digit each (the changes are -2 to 3): the same 256 colours
 * in a quarter of the gzip bytes of the hex table (test/charts/palette.test.ts holds that table).
 */
const VIRIDIS_FIRST = [68, 1, 84];
const VIRIDIS_STEPS = [
  '2323222322223222222222222222212222122212212212122121212122121212121212121212121212122' +
    '1212122121221212212212122122122121221221222122122222212232222232323233323333343334343' +
    '4343443444444444444444454445445445454545454545545455455455455455455455454554545454454',
  '3434343434343433433343343334334333343334333343333343333334333333333343333333333333333' +
    '3333333332333333333333333332333333333333333323333333333333332333333333333233333333323' +
    '3333323333323333233323332332333232332332323232323232323232232232322322322322322232232',
  '4343433434334333433333433333332333323332332323232323223223222322232222232222222232222' +
    '2222222222222222222222222222222222212222221222212221221221221212122112121211211121112' +
    '1111111111111111110111011011011010101001010010010010001000101001101111212232333334344',
];

let viridis: string[] | undefined;

/** The 256 colours as `#RRGGBB`, decoded on first use. */
function viridisRamp(): string[] {
  if (viridis) return viridis;
  const rgb = [...VIRIDIS_FIRST];
  const ramp = [hexOf(rgb)];
  for (let i = 0; i < 255; i++) {
    for (let k = 0; k < 3; k++) rgb[k] += Number(VIRIDIS_STEPS[k][i]) - 2;
    ramp.push(hexOf(rgb));
  }
  return (viridis = ramp);
}


/**
 * Dash patterns for series, in the same order as the colours, so lines differ by
 * more than colour (for readers who cannot tell the colours apart, and in print).
 */
export const DASHES: readonly string[] = Object.freeze(['', '7 3', '2 3', '9 3 2 3', '4 4', '1 2', '12 3', '6 2 2 2']);

/** The i-th dash pattern ('' is solid), cycling after eight. */
export function dashOf(i: number): string {
  const n = DASHES.length;
  return DASHES[Number.isInteger(i) ? ((i % n) + n) % n : 0];
}

/** Colour of a rate in [0, 1] (clamped; NaN → 0): viridis, dark purple at 0 to yellow at 1. */
export function sequential(rate: number): string {
  const t = Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 0;
  // As d3's ramp: the step that t falls in, no interpolation between steps.
  const i = Math.max(0, Math.min(255, Math.floor(t * 256)));
  return viridisRamp()[i];
}

/** A fill and the text colour to write on it. */
export interface Swatch {
  fill: string;
  textFill: string;
}

export function swatch(fill: string): Swatch {
  return { fill, textFill: textOn(fill) };
}

/** Text colours found so far, by fill: a heatmap asks once per cell, from 256 fills at most. */
const inks = new Map<string, string>();

/** Black or white, whichever contrasts more with `fill` (ties: black). */
export function textOn(fill: string): string {
  let ink = inks.get(fill);
  if (ink === undefined) {
    ink = contrastRatio(fill, BLACK) >= contrastRatio(fill, WHITE) ? BLACK : WHITE;
    if (inks.size >= 1024) inks.clear();
    inks.set(fill, ink);
  }
  return ink;
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

/** `#RRGGBB` of three channels 0–255. */
function hexOf(rgb: readonly number[]): string {
  return `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}
