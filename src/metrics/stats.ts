// Small statistics shared by the metrics: intervals, medians and a two-proportion test.

/** z of the two-sided 95% interval, as SPEC §3 states it. */
export const Z95 = 1.959964;

/** Clamps x into [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * The 95% Wilson score interval of `successes / n`, as fractions; null for n = 0.
 * (Wilson, 1927: stays inside [0, 1] and behaves at p near 0 or 1, unlike p ± z·se.)
 */
export function wilson(successes: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * NPS and its 95% interval (SPEC §3.2): nps = 100·(p − d), se = sqrt((p + d − (p − d)²)/n),
 * interval nps ± 100·z·se clamped to [−100, 100]. Null scores for n = 0.
 */
export function npsScore(promoters: number, detractors: number, n: number) {
  if (n <= 0) return { nps: null, ciLow: null, ciHigh: null };
  const p = promoters / n;
  const d = detractors / n;
  const nps = 100 * (p - d);
  const se = Math.sqrt(Math.max(0, p + d - (p - d) * (p - d)) / n);
  return { nps, ciLow: clamp(nps - 100 * Z95 * se, -100, 100), ciHigh: clamp(nps + 100 * Z95 * se, -100, 100) };
}

/** Standard normal cumulative distribution, through `erfc` (relative error near 1e-15). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Complementary error function: a series below 2.5, a continued fraction above. */
export function erfc(x: number): number {
  // (Numerical Recipes' Chebyshev fit has 1.2e-7 relative error: too coarse for
  // p-values compared against thresholds.)
  const ax = Math.abs(x);
  let r: number;
  if (ax < 2.5) {
    // erf series: erf(x) = 2/sqrt(pi) · Σ (-1)^n x^(2n+1) / (n! (2n+1))
    let sum = ax;
    let term = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // Continued fraction (Lentz) for erfc, converges fast for x ≥ 2.5.
    const tiny = 1e-300;
    let f = ax;
    let c = ax;
    let d = 0;
    for (let n = 1; n < 500; n++) {
      const an = n / 2;
      d = ax + an * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = ax + an / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    r = Math.exp(-ax * ax) / (f * Math.sqrt(Math.PI));
  }
  return x >= 0 ? r : 2 - r;
}

/**
 * Two-proportion z-test with pooled variance: are x1/n1 and x2/n2 different?
 * Returns the z statistic and the two-sided p-value; null when a group is empty or
 * the pooled proportion is 0 or 1 (no variance: the test says nothing).
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): { z: number; pValue: number } | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return null;
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}

/**
 * Median of `values[0..count)` (sorted in place); the mean of the two middle values
 * for an even count (SPEC §3.4); null when empty.
 */
export function medianInPlace(values: Float64Array, count = values.length): number | null {
  if (count <= 0) return null;
  const v = count === values.length ? values : values.subarray(0, count);
  v.sort();
  const mid = count >> 1;
  return count % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
