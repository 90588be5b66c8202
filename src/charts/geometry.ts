// Small shared helpers of the chart layouts (DESIGN.md §3.7): sizes that are
// always finite and non-negative, and coordinates rounded to 0.1 px so layouts
// compare exactly in tests and render crisply.

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Rounds to 0.1 px; NaN and ±Infinity become 0 so no layout ever emits them. */
export function px(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const r = Math.round(value * 10) / 10;
  return r === 0 ? 0 : r; // no -0
}

/** A size: finite and ≥ 0 (NaN, negatives and Infinity become 0). */
export function size(value: number | undefined, fallback = 0): number {
  const v = value ?? fallback;
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/** Fills a partial margin from defaults, each side a valid size. */
export function marginOf(given: Partial<Margin> | undefined, defaults: Margin): Margin {
  return {
    top: size(given?.top, defaults.top),
    right: size(given?.right, defaults.right),
    bottom: size(given?.bottom, defaults.bottom),
    left: size(given?.left, defaults.left),
  };
}
