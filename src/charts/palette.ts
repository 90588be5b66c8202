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
 * Viridis in 256 steps (matplotlib's colour map by van der Walt and Smith, CC0),
 * as d3-scale-chromatic tabulates it (ISC): six hex digits per colour.
 */
const VIRIDIS =
  '44015444025645045745055946075a46085c460a5d460b5e470d60470e61471063471164471365481467481668481769' +
  '48186a481a6c481b6d481c6e481d6f481f70482071482173482374482475482576482677482878482979472a7a472c7a' +
  '472d7b472e7c472f7d46307e46327e46337f463480453581453781453882443983443a83443b84433d84433e85423f85' +
  '4240864241864142874144874045884046883f47883f48893e49893e4a893e4c8a3d4d8a3d4e8a3c4f8a3c508b3b518b' +
  '3b528b3a538b3a548c39558c39568c38588c38598c375a8c375b8d365c8d365d8d355e8d355f8d34608d34618d33628d' +
  '33638d32648e32658e31668e31678e31688e30698e306a8e2f6b8e2f6c8e2e6d8e2e6e8e2e6f8e2d708e2d718e2c718e' +
  '2c728e2c738e2b748e2b758e2a768e2a778e2a788e29798e297a8e297b8e287c8e287d8e277e8e277f8e27808e26818e' +
  '26828e26828e25838e25848e25858e24868e24878e23888e23898e238a8d228b8d228c8d228d8d218e8d218f8d21908d' +
  '21918c20928c20928c20938c1f948c1f958b1f968b1f978b1f988b1f998a1f9a8a1e9b8a1e9c891e9d891f9e891f9f88' +
  '1fa0881fa1881fa1871fa28720a38620a48621a58521a68522a78522a88423a98324aa8325ab8225ac8226ad8127ad81' +
  '28ae8029af7f2ab07f2cb17e2db27d2eb37c2fb47c31b57b32b67a34b67935b77937b87838b9773aba763bbb753dbc74' +
  '3fbc7340bd7242be7144bf7046c06f48c16e4ac16d4cc26c4ec36b50c46a52c56954c56856c66758c7655ac8645cc863' +
  '5ec96260ca6063cb5f65cb5e67cc5c69cd5b6ccd5a6ece5870cf5773d05675d05477d1537ad1517cd2507fd34e81d34d' +
  '84d44b86d54989d5488bd6468ed64590d74393d74195d84098d83e9bd93c9dd93ba0da39a2da37a5db36a8db34aadc32' +
  'addc30b0dd2fb2dd2db5de2bb8de29bade28bddf26c0df25c2df23c5e021c8e020cae11fcde11dd0e11cd2e21bd5e21a' +
  'd8e219dae319dde318dfe318e2e418e5e419e7e419eae51aece51befe51cf1e51df4e61ef6e620f8e621fbe723fde725';

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
  return normalHex(`#${VIRIDIS.slice(i * 6, i * 6 + 6)}`);
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
