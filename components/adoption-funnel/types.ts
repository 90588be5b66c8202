// What <pulso-adoption-funnel> computes in each mode, shared by the element and
// its two views. `missing` is a funnel without steps (or a feature chart without
// features): the widget says what to set instead of failing.
import type { AdoptionCompare, AdoptionRow } from '../../src/metrics/adoption.js';
import type { FunnelRow } from '../../src/metrics/funnel.js';
import type { Period } from '../../src/time/period.js';

export type AdoptionFunnelMode = 'funnel' | 'features';

export interface FunnelResult {
  mode: 'funnel';
  rows: FunnelRow[];
  /** Segments in the rows' order; [undefined] without `by`. */
  segments: (string | undefined)[];
  /** The small-cell threshold in force (0 = off). */
  k: number;
  /** Below this many customers at step 1 a segment is not compared. */
  minSample: number;
  /** How many comparisons the q-values were adjusted over (rows with a p-value). */
  comparisons: number;
}

export interface FeaturesResult {
  mode: 'features';
  rows: AdoptionRow[];
  features: string[];
  /** Segments in the rows' order; empty without `by`. */
  segments: string[];
  period: Period;
  k: number;
  /** What each row is compared with: other segments, the first feature, or nothing. */
  compare: AdoptionCompare;
  minSample: number;
  comparisons: number;
}

export interface MissingResult {
  mode: 'missing';
  what: 'steps' | 'features';
}

export type AdoptionFunnelResult = FunnelResult | FeaturesResult | MissingResult;

/** The q-value below which a difference is marked (SPEC §3.10). */
export const ALPHA = 0.05;

/** How many rows carry a p-value: the comparisons the q-values are adjusted over. */
export function comparisonCount(rows: readonly { pValue?: number | null }[]): number {
  return rows.filter((r) => typeof r.pValue === 'number').length;
}
