// The change of each channel's CSAT against the previous period (SPEC §3.10): the
// two windows' answers compared as independent samples with compareProportions
// (satisfied of n), then Benjamini–Hochberg across the channels of the chart, so a
// coloured change on a chart of seven channels means what it means on one.
import type { ChannelCsatRow } from '../metrics/csat.js';
import { adjustPValues, compareProportions, type ProportionTest } from '../metrics/compare.js';
import { isNum } from './bands.js';

export interface CsatChange {
  /** CSAT now minus CSAT before, and Newcombe's 95% interval, in points (0–100). */
  diff: number | null;
  diffLow: number | null;
  diffHigh: number | null;
  pValue: number | null;
  /** Adjusted across the channels compared on the chart. */
  qValue: number | null;
  test: ProportionTest | null;
  /** A window has fewer answers than minSample: not compared. */
  tooFew: boolean;
}

const points = (v: number | null): number | null => (v === null ? null : 100 * v);

/** Counts of a row when both are shown (a hidden count never enters a test). */
function counts(r: ChannelCsatRow | undefined): { x: number; n: number } | null {
  if (!r || r.suppressed || !isNum(r.n) || !isNum(r.satisfied) || r.n <= 0) return null;
  return { x: r.satisfied, n: r.n };
}

/**
 * One change per current row (null without a previous row with shown counts), in the
 * order of `rows`; q-values over the rows that were tested.
 */
export function csatChanges(
  rows: readonly ChannelCsatRow[],
  previous: ReadonlyMap<string, ChannelCsatRow>,
  minSample: number,
): (CsatChange | null)[] {
  const out = rows.map((r): CsatChange | null => {
    const now = counts(r);
    const before = counts(previous.get(r.channel));
    if (!now || !before) return null;
    const c = compareProportions(now, before, { minSample });
    return { diff: points(c.diff), diffLow: points(c.diffLow), diffHigh: points(c.diffHigh), pValue: c.pValue, qValue: null, test: c.test, tooFew: c.tooFew };
  });
  const q = adjustPValues(out.map((c) => c?.pValue ?? null));
  out.forEach((c, i) => {
    if (c) c.qValue = q[i];
  });
  return out;
}
