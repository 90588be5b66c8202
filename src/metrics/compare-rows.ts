// The comparison a metric row carries when a chart sets rows side by side (funnel
// segments; adoption segments or features): compareProportions flattened onto the
// row, and Benjamini–Hochberg q-values across every comparison of one result (one
// chart), so a mark on a chart with forty comparisons means what it means on one.
import { adjustPValues, compareProportions, type CompareOptions, type Proportion, type ProportionTest } from './compare.js';

export interface ComparedRow {
  /** This row's rate minus the rate it is compared with, as a fraction. */
  diff?: number | null;
  /** Newcombe's 95% interval of `diff`. */
  diffLow?: number | null;
  diffHigh?: number | null;
  /** Two-sided p-value of `test`, unadjusted. */
  pValue?: number | null;
  /** Benjamini–Hochberg q-value across every comparison of the result; "significant" is q < 0.05. */
  qValue?: number | null;
  /** fisher, z or mcnemar (SPEC §3.10). */
  test?: ProportionTest | null;
  /** A side has fewer than `minSample`: nothing is tested. Null where nothing is compared. */
  tooFew?: boolean | null;
}

/** The fields of a row that is compared with nothing (a funnel's first step, a hidden count). */
export function noComparison(): Required<ComparedRow> {
  return { diff: null, diffLow: null, diffHigh: null, pValue: null, qValue: null, test: null, tooFew: null };
}

/** compareProportions as row fields (qValue filled later by `addQValues`). */
export function compared(a: Proportion, b: Proportion, options: CompareOptions): Required<ComparedRow> {
  const c = compareProportions(a, b, options);
  return { diff: c.diff, diffLow: c.diffLow, diffHigh: c.diffHigh, pValue: c.pValue, qValue: null, test: c.test, tooFew: c.tooFew };
}

/** Sets every row's qValue: Benjamini–Hochberg over the rows' p-values (SPEC §3.10). */
export function addQValues(rows: ComparedRow[]): void {
  const q = adjustPValues(rows.map((r) => r.pValue));
  rows.forEach((r, i) => {
    if ('qValue' in r) r.qValue = q[i];
  });
}
