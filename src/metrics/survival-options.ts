// The options of `survival` and `survivalSummary` (SPEC §3.8), checked once at the
// boundary with messages that quote the bad value, and resolved into what the
// kernel needs. No data is read, so validateQuery runs the same check before a load.
import type { TimeInput } from '../adapters/types.js';
import { column, isAbsent, keyword, options as optionsOf, range, timestamp, wholeNumber } from '../query/options.js';
import { DAY_MS } from '../time/civil.js';
import { checkMinCellSize } from './suppress.js';

export type SurvivalUnit = 'day' | 'week' | 'month';
export const SURVIVAL_UNITS: readonly SurvivalUnit[] = ['day', 'week', 'month'];

/** Length of each unit of the time axis: weeks of 7 days, months of 30.4375 days (a year / 12). */
export const UNIT_MS: Readonly<Record<SurvivalUnit, number>> = { day: DAY_MS, week: 7 * DAY_MS, month: 30.4375 * DAY_MS };

export interface SurvivalOptions {
  /** Customers still here at this time are censored at it; later churns do not count. Default: now. */
  asOf?: TimeInput;
  /** Customers whose signup_at is in [from, to). */
  from?: TimeInput;
  to?: TimeInput;
  /** A customer attribute: one curve per value. */
  by?: string;
  /** The time axis: `day` (default), `week` or `month`. */
  unit?: SurvivalUnit;
  /** A segment with fewer customers than this shows no curve (and stays out of the log-rank test). */
  minGroupSize?: number;
  /** Small-cell threshold k: a segment below k is hidden, and its curve stops where fewer than k are at risk. */
  minCellSize?: number;
}

export interface SurvivalSettings {
  readonly asOf: number;
  readonly from: number;
  readonly to: number;
  readonly by: string | undefined;
  readonly unit: SurvivalUnit;
  readonly unitMs: number;
  readonly minGroupSize: number;
  readonly minCellSize: number;
}

/** The options checked and resolved, without data (what survival and survivalSummary do first). */
export function checkSurvivalOptions(options: unknown, metric = 'survival'): SurvivalSettings {
  const o = optionsOf(options, metric);
  const unit = keyword(o.unit, 'unit', SURVIVAL_UNITS, 'day');
  const r = range(o);
  return {
    asOf: isAbsent(o.asOf) ? Date.now() : timestamp(o.asOf, 'asOf'),
    from: r.from,
    to: r.to,
    by: column(o.by, 'by'),
    unit,
    unitMs: UNIT_MS[unit],
    minGroupSize: wholeNumber(o.minGroupSize, 'minGroupSize', { fallback: 0 }),
    minCellSize: checkMinCellSize(o.minCellSize),
  };
}
