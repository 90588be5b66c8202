// A mark's comparison as the metric gave it (SPEC §3.10: the difference, its interval,
// the test, the p- and Benjamini–Hochberg q-value, or "too few"), cleaned to numbers
// and nulls for the layouts of funnel bars and adoption points.
import type { ProportionTest } from '../metrics/compare.js';
import type { ComparedRow } from '../metrics/compare-rows.js';
import { numOrNull } from './bands.js';

export interface MarkComparison {
  diff: number | null;
  diffLow: number | null;
  diffHigh: number | null;
  pValue: number | null;
  qValue: number | null;
  test: ProportionTest | null;
  /** True: too few to compare; null: compared with nothing. */
  tooFew: boolean | null;
}

export function comparisonOf(r: ComparedRow): MarkComparison {
  return {
    diff: numOrNull(r.diff),
    diffLow: numOrNull(r.diffLow),
    diffHigh: numOrNull(r.diffHigh),
    pValue: numOrNull(r.pValue),
    qValue: numOrNull(r.qValue),
    test: r.test ?? null,
    tooFew: typeof r.tooFew === 'boolean' ? r.tooFew : null,
  };
}
