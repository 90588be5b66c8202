// Adoption funnels (SPEC §3.5). Decisions where the SPEC is silent:
// - The deadline of an attempt is `addDuration(first, window, timeZone)`, inclusive:
//   P14D is 14 calendar days of wall time in `timeZone` (UTC by default), P1M a
//   calendar month (Jan 31 + P1M = Feb 28/29); a number is exact milliseconds.
// - `from`/`to` bound the attempt's first event in every order (in `any`, the first
//   step event of the attempt, whichever step it is); later events may fall after `to`.
// - `strict`: the matched events are consecutive among ALL the customer's events
//   (ties in input order): any other event between them breaks the run, a repeat of a
//   step event too (a, a, b: the attempt from the first a stops at level 1; the one
//   from the second a reaches 2, so the customer reaches 2).
// - `any`: the level is how many steps the attempt's events fill, each event filling
//   one step of its name (steps a,b,a need two a events for level 3); so the row of
//   step m counts customers who did at least m of the steps, as the SPEC defines.
// - The median time to convert at step m is over the customers who reach m, each
//   with their fastest attempt to m (from that attempt's first event); null for step 1.
// - With `by` on the activity table's own column, each segment's events are a
//   separate sequence (a customer can count in several segments).
import type { TimeInput } from '../adapters/types.js';
import type { Tables, TableInput } from '../data/schema.js';
import { finish, type Steps } from '../data/slices.js';
import { addDuration, type Duration } from '../time/index.js';
import { column, duration, names, options as optionsOf, range, segmentLimit, zone, type SegmentLimit } from '../query/options.js';
import { metricInput } from './input.js';
import { countFunnel, type FunnelCounts } from './funnel-count.js';
import { MAX_STEPS } from './limits.js';
import { withGrouped } from './others.js';
import type { FunnelPlan } from './funnel-kernel.js';
import { orderOption, type FunnelOrder } from './funnel-options.js';
import { segmentOrder } from './options.js';
import { checkMinCellSize } from './suppress.js';
import { checkMinSample } from './compare.js';
import { funnelRows } from './funnel-rows.js';
import type { FunnelRow } from './funnel-rows.js';

export type { FunnelRow } from './funnel-rows.js';

export type { FunnelOrder } from './funnel-options.js';

export interface FunnelOptions {
  /** At least two event names, in order (names may repeat); or `"a,b,c"`. */
  steps: readonly string[] | string;
  /** ISO-8601 duration (`P14D`) or milliseconds; default `P30D`. */
  window?: string | number | Duration;
  order?: FunnelOrder;
  /** Range of the time of an attempt's first event, half-open. */
  from?: TimeInput;
  to?: TimeInput;
  by?: string;
  /** IANA zone in which calendar days and months of `window` are counted; default UTC. */
  timeZone?: string;
  /** Small-cell threshold k (0 = off). */
  minCellSize?: number;
  /** Segments shown, "(others)" included: the smallest past it are folded (default: no limit). */
  maxSegments?: number;
  /** Exactly these segments are shown; every other one is folded into "(others)". */
  keepSegments?: readonly string[];
  /** With `by`: segments with fewer customers at step 1 are not compared (default 30). */
  minSample?: number;
}


const DEFAULT_WINDOW = 'P30D';

export interface FunnelSettings {
  readonly steps: string[];
  readonly by: string | undefined;
  readonly k: number;
  readonly minSample: number;
  readonly plan: Omit<FunnelPlan, 'steps' | 'mult'>;
  readonly segments: SegmentLimit;
}

/** The options checked and resolved, without data (what funnel does first). */
export function checkFunnelOptions(options: unknown): FunnelSettings {
  const o = optionsOf(options, 'funnel');
  // Each event is matched against every step: their number bounds the work per event.
  const steps = names(o.steps, 'steps', 2, MAX_STEPS);
  const window = duration(o.window, 'window', DEFAULT_WINDOW);
  const timeZone = zone(o.timeZone);
  const { from, to } = range(o);
  return {
    steps,
    by: column(o.by, 'by'),
    k: checkMinCellSize(o.minCellSize),
    minSample: checkMinSample(o.minSample),
    plan: { order: orderOption(o.order), from, to, deadline: deadlineOf(window, timeZone), span: spanOf(window, timeZone) },
    segments: segmentLimit(o),
  };
}

/** The window in ms when the calendar cannot change it (no months; days only in UTC). */
function spanOf(window: Duration, timeZone: string | undefined): number | undefined {
  if (window.months === 0 && window.days === 0) return window.ms;
  if (window.months === 0 && (timeZone === undefined || timeZone === 'UTC')) return window.days * 86_400_000 + window.ms;
  return undefined;
}

/** The inclusive deadline of an attempt; exact arithmetic where the calendar cannot matter. */
function deadlineOf(window: Duration, timeZone: string | undefined): (t: number) => number {
  const ms = spanOf(window, timeZone);
  return ms === undefined ? (t) => addDuration(t, window, timeZone) : (t) => t + ms;
}

/** Step-name ids (a repeated name shares its id) and how many steps carry each. */
function planOf(steps: readonly string[], base: FunnelSettings['plan']): { plan: FunnelPlan; names: string[] } {
  const distinct: string[] = [];
  const ids = new Int32Array(steps.length);
  steps.forEach((s, j) => {
    let id = distinct.indexOf(s);
    if (id < 0) id = distinct.push(s) - 1;
    ids[j] = id;
  });
  const mult = new Int32Array(distinct.length);
  for (const id of ids) mult[id]++;
  return { plan: { ...base, steps: ids, mult }, names: distinct };
}

/** SPEC §3.5: one row per step (per segment with `by`), in step order. */
export function funnel(tables: Tables | TableInput, options: FunnelOptions): FunnelRow[] {
  return finish(funnelSteps(tables, options));
}

/** funnel as steps that pause between the kernel's blocks (src/data/slices.ts). */
export function* funnelSteps(tables: Tables | TableInput, options: FunnelOptions): Steps<FunnelRow[]> {
  const o = checkFunnelOptions(options);
  const { plan, names: stepNames } = planOf(o.steps, o.plan);
  const input = metricInput(tables, 'activity', 'funnel');
  const frame = input.require('activity');
  if (o.by === undefined) {
    const counts: FunnelCounts = yield* countFunnel(frame, plan, stepNames);
    return funnelRows(counts, o.steps, [0], undefined, o.k, o.minSample);
  }
  const seg = input.segments(frame, o.by);
  const counts = yield* countFunnel(frame, plan, stepNames, { ...seg, limit: o.segments });
  const rows = funnelRows(counts, o.steps, segmentOrder(counts.labels, counts.present), counts.labels, o.k, o.minSample);
  return withGrouped(rows, counts.grouped);
}
