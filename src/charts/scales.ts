// The two scales the layouts use, written out (DESIGN.md §3.7): a linear map and
// a point scale over ordered keys, with d3-scale's arithmetic (so positions are
// the ones d3 gave) but without its dependencies on colour parsing and number
// formatting, which weighed ~7 KB gzip in dist/pulso.js for nothing we use.

/** `domain` → `range` linearly, like d3's scaleLinear (a flat domain maps to the middle). */
export function linear(domain: readonly [number, number], range: readonly [number, number], clamp = false): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (v: number) => {
    let t = span ? (v - d0) / span : Number.isNaN(span) ? Number.NaN : 0.5;
    if (clamp) t = Math.max(0, Math.min(1, t));
    return r0 * (1 - t) + r1 * t;
  };
}

export interface PointScale {
  /** The position of a key, undefined for a key not in the domain. */
  (key: string): number | undefined;
  /** Distance between neighbouring points. */
  step(): number;
}

/**
 * Points spread evenly over `range`, `padding` steps kept free at each end, like
 * d3's scalePoint (one key sits in the middle).
 */
export function point(domain: readonly string[], range: readonly [number, number], padding = 0): PointScale {
  const n = domain.length;
  const reverse = range[1] < range[0];
  let start = reverse ? range[1] : range[0];
  const stop = reverse ? range[0] : range[1];
  const step = (stop - start) / Math.max(1, n - 1 + padding * 2);
  start += (stop - start - step * (n - 1)) * 0.5;
  const at = new Map<string, number>();
  domain.forEach((key, i) => {
    if (!at.has(key)) at.set(key, start + step * (reverse ? n - 1 - i : i));
  });
  const scale = ((key: string) => at.get(key)) as PointScale;
  scale.step = () => step;
  return scale;
}
