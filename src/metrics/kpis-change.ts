// Is the change of a KPI card real? (SPEC §3.7 delta, judged as §3.10 asks.) The
// shares (churn, CSAT, FCR, activation, adoption) are compared with
// compareProportions, the two ranges as independent samples. NPS and mean CES have
// no proportion to compare: their change is tested with a z-test on the difference
// of two independent estimates, se = √(se₁² + se₂²) (NPS: SPEC §3.2's se; CES: the
// sample variance), with the Wald interval diff ± 1.959964·se. Below minSample on
// either side nothing is tested. Median times and ticket volume are not tested.
import { compareProportions, type ProportionTest } from './compare.js';
import type { Series } from './kpis-windows.js';
import { normalCdf, Z95 } from './stats.js';

/** fisher, z, mcnemar (shares); npsZ, meanZ: the z-test on a difference of NPS or of means. */
export type KpiTest = ProportionTest | 'npsZ' | 'meanZ';

export interface KpiChange {
  deltaLow: number | null;
  deltaHigh: number | null;
  pValue: number | null;
  test: KpiTest | null;
  tooFew: boolean | null;
}

/** One window as the card shows it: value and n null where hidden or empty. */
export interface WindowShown {
  value: number | null;
  n: number | null;
}

/** The change of window 1 (current) against window 0 (previous), in the card's unit. */
export function kpiChange(series: Series | null, kind: 'npsZ' | 'meanZ' | undefined, prev: WindowShown, cur: WindowShown, minSample: number): KpiChange {
  const tooFew = cur.n === null || prev.n === null ? null : cur.n < minSample || prev.n < minSample;
  const none: KpiChange = { deltaLow: null, deltaHigh: null, pValue: null, test: null, tooFew };
  if (!series || tooFew !== false || cur.value === null || prev.value === null) return none;
  const x = series.successes;
  if (x) {
    const c = compareProportions({ x: x[1], n: series.n[1] }, { x: x[0], n: series.n[0] }, { minSample });
    const scale = series.scale ?? 1;
    const unit = (v: number | null) => (v === null ? null : scale * v);
    return { deltaLow: unit(c.diffLow), deltaHigh: unit(c.diffHigh), pValue: c.pValue, test: c.test, tooFew: c.tooFew };
  }
  if (!kind || !series.se) return none;
  const se = Math.hypot(series.se(0), series.se(1));
  // No spread on either side (every answer the same): nothing to test against.
  if (!(se > 0)) return none;
  const diff = cur.value - prev.value;
  return { deltaLow: diff - Z95 * se, deltaHigh: diff + Z95 * se, pValue: Math.min(1, 2 * normalCdf(-Math.abs(diff / se))), test: kind, tooFew };
}
