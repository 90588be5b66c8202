// Shared pieces of the bar and small-line layouts (DESIGN.md §3.7): rows of bars
// that stretch to a given height but never shrink below a touch target, value
// ticks thinned so their labels do not collide, and period ticks thinned the same
// way as the NPS trend's.

/** A finite number (not null, NaN or ±Infinity). */
export function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The number, or null when it is not finite. */
export function numOrNull(v: number | null | undefined): number | null {
  return isNum(v) ? v : null;
}

/** Rate ticks, 0 to 100 %. */
export const RATE_TICKS: readonly number[] = Object.freeze([0, 0.25, 0.5, 0.75, 1]);

export interface Bands {
  /** Distance between the tops of two neighbouring slots. */
  slot: number;
  /** Height of a bar: slot − gap, at least `barMin`. */
  bar: number;
}

/**
 * Slots of `count` bars in `avail` px (NaN or undefined: no height given): the
 * slot stretches to fill it, but a bar is never below `barMin` (then it overflows
 * and the content is taller than asked).
 */
export function bands(
  count: number,
  avail: number | undefined,
  barMin: number,
  gap: number,
): Bands {
  const fill = avail === undefined || !(count > 0) ? 0 : avail / count;
  const slot = Math.max(barMin + gap, Number.isFinite(fill) ? fill : 0);
  return { slot, bar: slot - gap };
}

/**
 * Evenly spaced tick values (first to last) kept every k-th, k the least divisor
 * of (length − 1) that puts labels `spacing` px apart on a `span` px axis, so the
 * first and the last tick always stay (0 and 100 %); only those two when none fits.
 */
export function thinValues(values: readonly number[], span: number, spacing: number): number[] {
  const gaps = values.length - 1;
  if (gaps < 1) return [...values];
  const step = span / gaps;
  let k = gaps;
  for (let d = 1; d <= gaps; d++) {
    if (gaps % d === 0 && d * step >= spacing) {
      k = d;
      break;
    }
  }
  return values.filter((_, i) => i % k === 0);
}

/** Every k-th period, k the least that keeps labels `spacing` apart; the first is always kept. */
export function thinPeriods(periods: readonly string[], step: number, spacing: number): string[] {
  const k = step > 0 ? Math.max(1, Math.ceil(spacing / step)) : Math.max(1, periods.length);
  return periods.filter((_, i) => i % k === 0);
}

/** Orders strings by code units: the same in every runtime and locale. */
export function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
