// What <pulso-adoption-funnel> computes in each mode, shared by the element and
// its two views. `missing` is a funnel without steps (or a feature chart without
// features): the widget says what to set instead of failing.
import type { AdoptionRow } from '../../src/metrics/adoption.js';
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
}

export interface FeaturesResult {
  mode: 'features';
  rows: AdoptionRow[];
  features: string[];
  /** Segments in the rows' order; empty without `by`. */
  segments: string[];
  period: Period;
  k: number;
}

export interface MissingResult {
  mode: 'missing';
  what: 'steps' | 'features';
}

export type AdoptionFunnelResult = FunnelResult | FeaturesResult | MissingResult;

/** Significance level of the segment markers (the metric's two-proportion test). */
export const ALPHA = 0.05;
