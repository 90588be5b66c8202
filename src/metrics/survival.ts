// survival and survivalSummary (SPEC §3.8): time to churn as a Kaplan–Meier
// product-limit estimate per segment, censored at asOf, with the 95% log-scale
// interval (Greenwood), medians as survfit prints them, and the log-rank test across
// segments (log-rank.ts). Follow-up times come from one pass (survival-times.ts) as
// counts per segment and time; a SQL source computes the same counts and finishes
// with survivalRows and survivalSummaryOf, so both answers come from one arithmetic.
import type { TableInput, Tables } from '../data/schema.js';
import { metricInput } from './input.js';
import { logRank, type LogRank } from './log-rank.js';
import { Z95 } from './stats.js';
import { checkSurvivalOptions, type SurvivalOptions, type SurvivalSettings } from './survival-options.js';
import { survivalTimes, type SurvivalExcluded, type SurvivalGroup } from './survival-times.js';

export type { SurvivalOptions, SurvivalUnit } from './survival-options.js';
export type { LogRank } from './log-rank.js';
export type { SurvivalExcluded } from './survival-times.js';

export interface SurvivalRow {
  /** With `by`: the segment ("(none)" for a missing value). */
  segment?: string;
  /** Whole units since signup. */
  time: number;
  /** Customers still followed just before `time`; null in a hidden tail. */
  atRisk: number | null;
  /** Churns at `time`. */
  events: number | null;
  /** Customers still here whose follow-up ends at `time` (asOf reached). */
  censored: number | null;
  /** Kaplan–Meier estimate of still being a customer after `time`. */
  survival: number | null;
  /** 95% interval on the log scale (Greenwood); null where undefined (survival 0). */
  ciLow: number | null;
  ciHigh: number | null;
  /** Present (true) where fewer than minCellSize customers are at risk. */
  suppressed?: true;
}

export interface SurvivalGroupSummary {
  segment?: string;
  /** Customers in the segment; null when the segment is hidden (fewer than minGroupSize or minCellSize). */
  n: number | null;
  events: number | null;
  /** The median time, as survfit prints it; null when survival never falls below one half. */
  median: number | null;
  suppressed?: true;
}

export interface SurvivalSummary {
  groups: SurvivalGroupSummary[];
  /** Across the shown segments; null with fewer than two (or when nobody churned). */
  logRank: LogRank | null;
  /** Customers in no curve (not enumerable: JSON and deep equality ignore it). */
  readonly excluded?: SurvivalExcluded;
}

/** The rows, with the exclusion counts as a non-enumerable `excluded` property. */
export type SurvivalResult = SurvivalRow[] & { readonly excluded: SurvivalExcluded };

/** One distinct time of a group's curve. */
interface Step {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  /** Σ d / (n (n − d)) so far (Greenwood's sum): the variance of log S; Infinity once S = 0. */
  greenwood: number;
}

/** The Kaplan–Meier steps of one group, from its counts per time. */
export function kaplanMeier(g: SurvivalGroup): Step[] {
  const steps: Step[] = [];
  let atRisk = g.n;
  let survival = 1;
  let greenwood = 0;
  for (let i = 0; i < g.times.length; i++) {
    const time = g.times[i];
    const events = g.events[i];
    const censored = g.censored[i];
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwood = events < atRisk ? greenwood + events / (atRisk * (atRisk - events)) : Infinity;
    }
    steps.push({ time, atRisk, events, censored, survival, greenwood });
    atRisk -= events + censored;
  }
  return steps;
}

/** The 95% interval of a step on the log scale, upper bound capped at 1 (survfit's `conf.type = "log"`). */
function interval(step: Step): [number | null, number | null] {
  if (!(step.survival > 0) || !Number.isFinite(step.greenwood)) return [null, null];
  const se = Math.sqrt(step.greenwood);
  return [step.survival * Math.exp(-Z95 * se), Math.min(1, step.survival * Math.exp(Z95 * se))];
}

/** Whole-group hiding: below minGroupSize, or itself a small cell. */
function hidden(g: SurvivalGroup, s: SurvivalSettings): boolean {
  const n = g.n;
  return n < s.minGroupSize || (s.minCellSize > 1 && n < s.minCellSize);
}

/**
 * Kaplan–Meier rows (SPEC §3.8): one per segment and distinct time with an event or a
 * censoring, in time order. A segment hidden by minGroupSize (or minCellSize) has no
 * rows; with minCellSize = k, rows where 1…k−1 customers are at risk keep only their
 * time and say `suppressed` (the curve's tail stops there).
 */
export function survival(tables: Tables | TableInput, options?: SurvivalOptions): SurvivalResult {
  const s = checkSurvivalOptions(options, 'survival');
  const times = survivalTimes(metricInput(tables, 'customers', 'survival'), s);
  return survivalRows(times.groups, times.excluded, s);
}

/** survival's rows from the segments' counts (the kernel's and a SQL source's). */
export function survivalRows(groups: readonly SurvivalGroup[], excluded: SurvivalExcluded, s: SurvivalSettings): SurvivalResult {
  const rows: SurvivalRow[] = [];
  for (const g of groups) {
    if (hidden(g, s)) continue;
    const head = g.label === undefined ? {} : { segment: g.label };
    for (const step of kaplanMeier(g)) {
      if (s.minCellSize > 1 && step.atRisk < s.minCellSize) {
        rows.push({ ...head, time: step.time, atRisk: null, events: null, censored: null, survival: null, ciLow: null, ciHigh: null, suppressed: true });
        continue;
      }
      const [ciLow, ciHigh] = interval(step);
      rows.push({ ...head, time: step.time, atRisk: step.atRisk, events: step.events, censored: step.censored, survival: step.survival, ciLow, ciHigh });
    }
  }
  Object.defineProperty(rows, 'excluded', { value: Object.freeze({ ...excluded }), enumerable: false });
  return rows as SurvivalResult;
}

/** Per segment: size, churns and median; and the log-rank test across the shown segments. */
export function survivalSummary(tables: Tables | TableInput, options?: SurvivalOptions): SurvivalSummary {
  const s = checkSurvivalOptions(options, 'survivalSummary');
  const times = survivalTimes(metricInput(tables, 'customers', 'survivalSummary'), s);
  return survivalSummaryOf(times.groups, times.excluded, s);
}

/** survivalSummary from the segments' counts (the kernel's and a SQL source's). */
export function survivalSummaryOf(all: readonly SurvivalGroup[], excluded: SurvivalExcluded, s: SurvivalSettings): SurvivalSummary {
  const shown = all.filter((g) => !hidden(g, s));
  const groups = all.map((g): SurvivalGroupSummary => {
    const head = g.label === undefined ? {} : { segment: g.label };
    if (hidden(g, s)) return { ...head, n: null, events: null, median: null, suppressed: true };
    const steps = kaplanMeier(g);
    const events = steps.reduce((sum, st) => sum + st.events, 0);
    return { ...head, n: g.n, events, median: medianOf(steps) };
  });
  const summary: SurvivalSummary = { groups, logRank: s.by === undefined ? null : logRank(shown) };
  Object.defineProperty(summary, 'excluded', { value: Object.freeze({ ...excluded }), enumerable: false });
  return summary;
}

/** R's tolerance in print.survfit's median: sqrt(.Machine$double.eps). */
const TOL = Math.sqrt(2.220446049250313e-16);

/**
 * The median as print.survfit shows it (survival:::survmean): the first time where
 * survival ≤ 1/2 (within R's tolerance); when survival sits at exactly 1/2 there, the
 * midpoint of that time and the next time survival falls, if it falls again; null
 * when survival never reaches 1/2.
 */
export function medianOf(steps: readonly Step[]): number | null {
  const i = steps.findIndex((st) => st.survival < 0.5 + TOL);
  if (i < 0) return null;
  const at = steps[i];
  if (Math.abs(at.survival - 0.5) < TOL) {
    const next = steps.find((st, k) => k > i && st.survival < at.survival);
    if (next) return (at.time + next.time) / 2;
  }
  return at.time;
}
