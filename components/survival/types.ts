// What <pulso-survival> draws, shared by the element, its view and its words.
import type { SurvivalGroupSummary, SurvivalRow } from '../../src/metrics/survival.js';
import type { LogRank } from '../../src/metrics/log-rank.js';
import type { SurvivalUnit } from '../../src/metrics/survival-options.js';

export interface SurvivalViewResult {
  /** survival(): Kaplan–Meier rows per segment, in time order. */
  rows: SurvivalRow[];
  /** survivalSummary(): size, churns and median per segment (hidden ones say `suppressed`). */
  groups: SurvivalGroupSummary[];
  logRank: LogRank | null;
  unit: SurvivalUnit;
  /** The `by` column, when segments are compared. */
  by: string | undefined;
  /** The least group size shown (min-group-size, or the small-cell k when larger). */
  minGroup: number;
  /** The small-cell threshold in force (0 = off). */
  k: number;
}
