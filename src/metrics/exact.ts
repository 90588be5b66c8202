// The exact and large-sample tests behind compareProportions (SPEC §3.10), each
// written to give what R gives: fisher.test (two-sided), prop.test(correct = FALSE),
// binom.test (p = 0.5, two-sided) and mcnemar.test(correct = FALSE). Pure numbers,
// no tables: the caller builds the 2×2 counts.
import { erfc, normalCdf } from './stats.js';

/** R's tolerance when it sums the probabilities "no more likely than the observed one". */
const REL_ERR = 1 + 1e-7;

/**
 * Fisher's exact test of the 2×2 table [[a, b], [c, d]], two-sided as R's
 * fisher.test: the sum of the hypergeometric probabilities of the tables with the
 * same margins that are no more likely than the observed one.
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  // R's dhyper(x, m, n, k): m = first column, n = second column, k = first row.
  const m = a + c;
  const n = b + d;
  const k = a + b;
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  if (hi <= lo) return 1;
  // Relative probabilities by the ratio d(x+1)/d(x), from the mode outwards: no
  // factorials, no overflow; the tails that underflow are below anything that counts.
  const w = new Float64Array(hi - lo + 1);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((k + 1) * (m + 1)) / (m + n + 2))));
  const ratio = (x: number) => ((m - x) * (k - x)) / ((x + 1) * (n - k + x + 1));
  w[mode - lo] = 1;
  for (let x = mode; x < hi; x++) w[x + 1 - lo] = w[x - lo] * ratio(x);
  for (let x = mode; x > lo; x--) w[x - 1 - lo] = w[x - lo] / ratio(x - 1);
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i];
  const observed = w[a - lo] * REL_ERR;
  let p = 0;
  for (let i = 0; i < w.length; i++) if (w[i] <= observed) p += w[i];
  return Math.min(1, Math.max(0, p / total));
}

/** The pooled two-proportion z statistic; NaN when a group is empty or nobody (or everybody) succeeded. */
export function zStatistic(x1: number, n1: number, x2: number, n2: number): number {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return se > 0 ? (x1 / n1 - x2 / n2) / se : NaN;
}

/** Two-sided p-value of the pooled z-test without continuity correction (R's prop.test(correct = FALSE)). */
export function zTest(x1: number, n1: number, x2: number, n2: number): number | null {
  const z = zStatistic(x1, n1, x2, n2);
  return z === z ? Math.min(1, 2 * normalCdf(-Math.abs(z))) : null;
}

/**
 * Two-sided exact binomial test of x successes in n trials against p = 1/2, as R's
 * binom.test: the probability of the outcomes no more likely than x. With n = 0
 * there is nothing to test against: 1.
 */
export function binomialHalf(x: number, n: number): number {
  if (n <= 0) return 1;
  // C(n, i) / 2^n by the ratio (n − i) / (i + 1); exact in doubles far beyond the n used here.
  const pmf = new Float64Array(n + 1);
  pmf[0] = Math.pow(0.5, n);
  for (let i = 0; i < n; i++) pmf[i + 1] = (pmf[i] * (n - i)) / (i + 1);
  const observed = pmf[x] * REL_ERR;
  let p = 0;
  for (let i = 0; i <= n; i++) if (pmf[i] <= observed) p += pmf[i];
  return Math.min(1, p);
}

/**
 * McNemar's test on the discordant pairs (onlyA, onlyB): exact (binomialHalf) when
 * there are fewer than 25 of them, else the χ² form without continuity correction
 * (R's mcnemar.test(correct = FALSE)), P(χ²₁ > (onlyA − onlyB)² / (onlyA + onlyB)).
 */
export function mcnemar(onlyA: number, onlyB: number): number {
  const discordant = onlyA + onlyB;
  if (discordant < 25) return binomialHalf(onlyA, discordant);
  const chi2 = ((onlyA - onlyB) * (onlyA - onlyB)) / discordant;
  // P(χ²₁ > s) = P(|Z| > √s) = erfc(√(s / 2)).
  return Math.min(1, erfc(Math.sqrt(chi2 / 2)));
}
