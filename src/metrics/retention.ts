// retention (SPEC §3.1): cohort retention and churn triangles, in subscription
// mode (churned_at) or activity mode (counted events per period), with cohorts
// by signup or by first activity. Members get a cohort in one pass, the triangle
// is filled in one more (retention-count.ts, retention-activity.ts), and the rows
// are read off it with small-cell suppression. Subscription mode by signup without
// `by` does both in one pass (retention-once.ts).
import type { TableInput, Tables } from '../data/schema.js';
import { metricInput } from './input.js';
import { countActivity } from './retention-activity.js';
import { layout, subscriptionTriangle, type Layout } from './retention-count.js';
import { members, type Members } from './retention-members.js';
import { subscriptionOnce } from './retention-once.js';
import { segmentOrder } from './options.js';
import { groupSegments, withGrouped } from './others.js';
import { wilson } from './stats.js';
import { retentionSettings, type RetentionOptions, type RetentionSettings } from './retention-options.js';

export type { CohortBy, RetentionMode, RetentionOptions } from './retention-options.js';

export interface RetentionRow {
  /** Key of the cohort period, `YYYY-MM-DD`. */
  cohort: string;
  /** Present when `by` is given; null values are "(none)". */
  segment?: string;
  /** Members of the cohort (in this segment); null when the cohort is suppressed. */
  size: number | null;
  /** k: the row describes period cohort + k. */
  offset: number;
  retained: number | null;
  /** retained / size. */
  rate: number | null;
  /** The 95% Wilson interval of `rate` (fractions); null with it. */
  ciLow: number | null;
  ciHigh: number | null;
  /** retained(k − 1) − retained(k), retained(−1) = size; negative in activity mode when people come back. */
  churned: number | null;
  /** churned / retained(k − 1) in subscription mode; null in activity mode and when retained(k − 1) = 0. */
  churnRate: number | null;
  /** The period has ended by `asOf`: end(cohort + k) ≤ asOf. */
  complete: boolean;
  /** Present (true) only when some count of the row is withheld by minCohortSize or minCellSize. */
  suppressed?: true;
}

/**
 * Customers that could not be placed in the triangle, so a widget can say so
 * instead of dropping them silently:
 * - `noSignup`: customers rows without `signup_at` (signup cohorts);
 * - `noCustomer`: distinct customer ids with counted activity but no customers row,
 *   where that row is needed: signup cohorts in activity mode (their activity is not
 *   counted) and first-activity cohorts in subscription mode (no churned_at to read).
 */
export interface RetentionExcluded {
  readonly noSignup: number;
  readonly noCustomer: number;
}

/** The rows, with the exclusion counts as a non-enumerable `excluded` property (invisible to JSON, spreads and deep equality). */
export type RetentionResult = RetentionRow[] & { readonly excluded: RetentionExcluded };

/**
 * Cohort retention (SPEC §3.1). `tables` is `{ customers, activity? }`, or the
 * customers table alone; with `cohortBy: 'first-activity'` the activity table alone
 * will do (the customers table is then needed only for subscription mode and for
 * `by` on a customer attribute).
 *
 * Where SPEC leaves room, this is what it does:
 * - `asOf` selects offsets and cohorts and sets `complete`; it does not clip data.
 *   A churn or an event after asOf inside the current (partial) period counts in it,
 *   as the formulas say; a host replaying the past passes data up to then.
 * - `from`/`to` select cohorts by their start: a cohort whose first instant is in [from, to).
 * - Activity before signup counts in whatever period it falls, so it only matters
 *   inside the cohort period (offset 0); earlier periods are never reported.
 * - `events` selects the activity rows that count wherever activity is read: being
 *   active, and the first activity of first-activity cohorts (so a cohort is the
 *   period of a customer's first counted event). Signup cohorts in subscription mode
 *   read no activity and ignore it.
 * - With first-activity cohorts, a member's segment is its value on its first counted
 *   row (rows at the same first instant: the value first in segment order, "(none)"
 *   last, as a SQL source has no input order to follow): the customer attribute, or
 *   "(none)" for customers missing from the customers table; for a column of the
 *   activity table itself, its value at the first activity.
 * - Periods without members have no rows; a (cohort, segment) pair has rows only when
 *   it has members.
 * - Customers that cannot be placed are counted on `excluded` (see RetentionExcluded).
 */
export function retention(tables: Tables | TableInput, options: RetentionOptions = {}): RetentionResult {
  const s = retentionSettings(options);
  const input = metricInput(tables, s.cohortBy === 'signup' ? 'customers' : 'activity', 'retention');
  const once = subscriptionOnce(input, s);
  if (once) return withExcluded(triangleRows([], once.layout, once.retained, s), once.excluded);
  const { members: m, grouped } = foldSegments(members(input, s), s);
  let l: Layout;
  let retained: Int32Array;
  if (s.mode === 'subscription') ({ layout: l, retained } = subscriptionTriangle(m, s));
  else {
    l = layout(m, s);
    retained = countActivity(m, l, s);
  }
  const rows = triangleRows(m.labels, l, retained, s);
  return withGrouped(withExcluded(rows, m.excluded), grouped);
}

/** The rows with the exclusion counts as a non-enumerable `excluded` property. */
export function withExcluded(rows: RetentionRow[], excluded: RetentionExcluded): RetentionResult {
  Object.defineProperty(rows, 'excluded', { value: Object.freeze({ ...excluded }), enumerable: false });
  return rows as RetentionResult;
}

/** Members' segments with the smallest (fewest members in reported cohorts) folded past `maxSegments`. */
function foldSegments(m: Members, s: RetentionSettings): { members: Members; grouped: number } {
  if (!m.segment) return { members: m, grouped: 0 };
  const weight = new Float64Array(m.labels.length);
  for (let i = 0; i < m.count; i++) if (m.cohort[i] >= s.cohortMin && m.cohort[i] <= s.cohortMax) weight[m.segment[i]]++;
  const g = groupSegments({ codes: m.segment, labels: m.labels }, weight, s.segments);
  return { members: { ...m, segment: g.codes, labels: g.labels }, grouped: g.grouped };
}

function triangleRows(labels: readonly string[], l: Layout, retained: Int32Array, s: RetentionSettings): RetentionRow[] {
  const rows: RetentionRow[] = [];
  const present = new Uint8Array(l.segments);
  for (let g = 0; g < l.size.length; g++) if (l.size[g] > 0) present[g % l.segments] = 1;
  const order = s.by === undefined ? [0] : segmentOrder(labels, present);
  const asOfIndex = s.bucket.index(s.asOf);
  for (let slot = 0; slot < l.cohorts; slot++) {
    const c = l.first + slot;
    const cohort = s.bucket.key(c);
    for (const seg of order) {
      const g = slot * l.segments + seg;
      if (l.size[g] === 0) continue;
      const head: CohortHead = {
        cohort,
        segment: s.by === undefined ? undefined : labels[seg],
        size: l.size[g],
        // Offset k is complete when end(c + k) ≤ asOf, i.e. c + k + 1 ≤ index(asOf).
        completeBelow: asOfIndex - c,
      };
      pushCohort(rows, head, retained.subarray(l.cellStart[g], l.cellStart[g] + l.lastOffset[slot] + 1), s);
    }
  }
  return rows;
}

/** One cohort (and segment) as the rows need it; `completeBelow` = index(asOf) − cohort. */
export interface CohortHead {
  cohort: string;
  segment: string | undefined;
  size: number;
  completeBelow: number;
}

/**
 * One cohort's rows. Suppression: a cohort smaller than minCohortSize, or whose
 * size is itself a small cell (< minCellSize), shows no counts at all. Otherwise the
 * size is shown and each retained(k) of 1…k−1 is hidden; churned(k) and churned(k + 1)
 * are then hidden too, as each is the difference of retained(k) and a shown neighbour.
 * A small churned count between two shown retained counts stays: the reader subtracts
 * the two anyway. No further complement is needed: the cohort size is the only total
 * shown, and the churned values summing to it include two hidden ones around each
 * hidden retained count.
 */
export function pushCohort(rows: RetentionRow[], head: CohortHead, retained: Int32Array, s: RetentionSettings): void {
  const k = s.minCellSize;
  const hideAll = head.size < s.minCohortSize || (k > 1 && head.size < k);
  const small = (r: number) => k > 1 && r > 0 && r < k;
  let previous = head.size;
  let previousHidden = false;
  for (let offset = 0; offset < retained.length; offset++) {
    const r = retained[offset];
    const hidden = hideAll || small(r);
    const churnHidden = hidden || previousHidden;
    const churned = previous - r;
    const ci = hidden ? null : wilson(r, head.size);
    const row: RetentionRow = {
      cohort: head.cohort,
      ...(head.segment === undefined ? undefined : { segment: head.segment }),
      size: hideAll ? null : head.size,
      offset,
      retained: hidden ? null : r,
      rate: hidden ? null : r / head.size,
      ciLow: ci?.low ?? null,
      ciHigh: ci?.high ?? null,
      churned: churnHidden ? null : churned,
      churnRate: churnHidden || s.mode === 'activity' || previous === 0 ? null : churned / previous,
      complete: offset < head.completeBelow,
    };
    if (churnHidden) row.suppressed = true;
    rows.push(row);
    previous = r;
    previousHidden = hidden;
  }
}
