// What <pulso-cohort-churn> draws, shared by the element and its two views.
import type { RetentionMode, RetentionResult } from '../../src/metrics/retention.js';
import type { Period } from '../../src/time/period.js';

export type CohortChart = 'heatmap' | 'curves';

export interface CohortChurnResult {
  rows: RetentionResult;
  /** Segments in the order of the rows; [undefined] without `by`. */
  segments: (string | undefined)[];
  period: Period;
  mode: RetentionMode;
  /** The small-cell threshold in force (0 = off). */
  k: number;
  /** Cohorts by first activity rather than signup. */
  firstActivity: boolean;
  /** What hidden cells say they are below ("< k"): min-cell-size, else min-cohort-size; 0 = none hidden. */
  hidden: number;
}
