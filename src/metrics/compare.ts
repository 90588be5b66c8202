// compareProportions and adjustPValues (SPEC §3.10): is the difference between two
// rates real? The test follows the data (Fisher's exact test when a 2×2 table has
// small expected counts, the z-test otherwise, McNemar's for the same people measured
// twice), the interval is Newcombe's (built from two Wilson intervals, so it behaves
// at 0 %, 100 % and small n), and a chart's many comparisons are adjusted together
// with Benjamini–Hochberg, so "significant" keeps its meaning on a busy chart.
import { fisherExact, mcnemar, zTest } from './exact.js';
import { wilson } from './stats.js';

export type ProportionTest = 'fisher' | 'z' | 'mcnemar';

/** x successes among n trials. */
export interface Proportion {
  x: number;
  n: number;
}

/** The same n people in both: who succeeded in both, in a only, in b only. */
export interface PairedCounts {
  both: number;
  onlyA: number;
  onlyB: number;
}

export interface CompareOptions {
  /** Paired data (a and b count the same people): the test is McNemar's. */
  paired?: PairedCounts;
  /** Below this n on either side nothing is tested (`tooFew`); default 30. */
  minSample?: number;
}

export interface ProportionComparison {
  /** x_a/n_a − x_b/n_b, as a fraction; null when a side has no trials. */
  diff: number | null;
  /** Newcombe's 95% interval of diff (hybrid score; for paired data, his method 10). */
  diffLow: number | null;
  diffHigh: number | null;
  /** Two-sided p-value of `test`. */
  pValue: number | null;
  test: ProportionTest | null;
  /** A side has fewer than `minSample` trials: pValue, test and the interval are null. */
  tooFew: boolean;
}

export const DEFAULT_MIN_SAMPLE = 30;

/** The minimum sample of a comparison: a number ≥ 0 (default 30). */
export function checkMinSample(value: unknown, name = 'minSample'): number {
  if (value === undefined || value === null) return DEFAULT_MIN_SAMPLE;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new RangeError(`${name} must be a number ≥ 0; got ${typeof value === 'string' ? `'${value}'` : String(value)}`);
}

function count(v: unknown, name: string, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)
    throw new RangeError(`compareProportions: ${name} must be a whole number from 0${max < Infinity ? ` to ${max}` : ''}; got ${String(v)}`);
  return v;
}

/** Checks the counts; paired counts must add up to a.x and b.x over one n. */
function checked(a: Proportion, b: Proportion, paired: PairedCounts | undefined): void {
  count(a?.x, 'a.x', count(a?.n, 'a.n'));
  count(b?.x, 'b.x', count(b?.n, 'b.n'));
  if (!paired) return;
  const { both, onlyA, onlyB } = paired;
  [both, onlyA, onlyB].forEach((v, i) => count(v, `paired.${['both', 'onlyA', 'onlyB'][i]}`));
  if (a.n !== b.n || both + onlyA !== a.x || both + onlyB !== b.x || both + onlyA + onlyB > a.n)
    throw new RangeError(
      `compareProportions: paired counts must describe the same people: a = { x: both + onlyA, n }, b = { x: both + onlyB, n }; got a ${a.x}/${a.n}, b ${b.x}/${b.n}, both ${both}, onlyA ${onlyA}, onlyB ${onlyB}`,
    );
}

/**
 * Compares two proportions (SPEC §3.10). Independent samples: Fisher's exact test
 * when an expected count of the 2×2 table is below 5, else the pooled z-test; paired
 * (`options.paired`): McNemar's, exact below 25 discordant pairs. Throws a RangeError
 * on counts that are not whole numbers with x ≤ n (or paired counts that disagree).
 */
export function compareProportions(a: Proportion, b: Proportion, options: CompareOptions = {}): ProportionComparison {
  const paired = options.paired;
  checked(a, b, paired);
  const minSample = checkMinSample(options.minSample);
  const tooFew = a.n < minSample || b.n < minSample;
  const diff = a.n > 0 && b.n > 0 ? a.x / a.n - b.x / b.n : null;
  const none = { diff, diffLow: null, diffHigh: null, pValue: null, test: null, tooFew };
  if (tooFew || diff === null) return none;
  const ci = paired ? newcombePaired(paired, a.n) : newcombe(a, b);
  if (paired) return { diff, ...ci, pValue: mcnemar(paired.onlyA, paired.onlyB), test: 'mcnemar', tooFew };
  const small = smallExpected(a, b);
  const pValue = small ? fisherExact(a.x, a.n - a.x, b.x, b.n - b.x) : zTest(a.x, a.n, b.x, b.n);
  return { diff, ...ci, pValue, test: small ? 'fisher' : 'z', tooFew };
}

/** Whether any expected count of the 2×2 table (groups × success/failure) is below 5. */
function smallExpected(a: Proportion, b: Proportion): boolean {
  const total = a.n + b.n;
  const successes = a.x + b.x;
  const failures = total - successes;
  return Math.min(a.n, b.n) * Math.min(successes, failures) < 5 * total;
}

/** Newcombe's hybrid score interval for p_a − p_b, independent samples (1998, method 10). */
function newcombe(a: Proportion, b: Proportion): { diffLow: number; diffHigh: number } {
  const p1 = a.x / a.n;
  const p2 = b.x / b.n;
  const w1 = wilson(a.x, a.n)!;
  const w2 = wilson(b.x, b.n)!;
  const d = p1 - p2;
  return {
    diffLow: Math.max(-1, d - Math.hypot(p1 - w1.low, w2.high - p2)),
    diffHigh: Math.min(1, d + Math.hypot(w1.high - p1, p2 - w2.low)),
  };
}

/**
 * Newcombe's interval for a difference of paired proportions (Stat Med 1998;17:2635,
 * method 10): the two Wilson intervals combined with the correlation φ of the paired
 * table, with ad − bc taken down by n/2 when positive (0 in between), as in his paper.
 */
function newcombePaired(t: PairedCounts, n: number): { diffLow: number; diffHigh: number } {
  const a = t.both;
  const b = t.onlyA;
  const c = t.onlyB;
  const d = n - a - b - c;
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const w1 = wilson(a + b, n)!;
  const w2 = wilson(a + c, n)!;
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  const cross = a * d - b * c;
  const adjusted = cross > n / 2 ? cross - n / 2 : cross < 0 ? cross : 0;
  const phi = margins > 0 ? adjusted / Math.sqrt(margins) : 0;
  const dl1 = p1 - w1.low;
  const du1 = w1.high - p1;
  const dl2 = p2 - w2.low;
  const du2 = w2.high - p2;
  const diff = p1 - p2;
  return {
    diffLow: Math.max(-1, diff - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2))),
    diffHigh: Math.min(1, diff + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2))),
  };
}

/**
 * Benjamini–Hochberg q-values (R's p.adjust(p, "BH")): for the i-th smallest of m
 * p-values, min over j ≥ i of m·p(j)/j, capped at 1. Nulls (nothing tested) stay
 * null and do not count in m. A comparison is "significant" when its q < 0.05: the
 * expected share of false alarms among the marked ones stays under 5 %.
 */
export function adjustPValues(pValues: readonly (number | null | undefined)[]): (number | null)[] {
  const out = new Array<number | null>(pValues.length).fill(null);
  const idx: number[] = [];
  pValues.forEach((p, i) => {
    if (typeof p === 'number' && p === p) idx.push(i);
  });
  const m = idx.length;
  idx.sort((i, j) => (pValues[j] as number) - (pValues[i] as number));
  let running = Infinity;
  idx.forEach((i, r) => {
    // r = 0 is the largest p-value, whose rank is m.
    running = Math.min(running, (m / (m - r)) * (pValues[i] as number));
    out[i] = Math.min(1, running);
  });
  return out;
}
