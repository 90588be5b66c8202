// Who is in which cohort (SPEC §3.1): one pass that gives every member a cohort
// period ordinal, a segment, and (subscription mode) a churn time. A member is a
// customers row for signup cohorts, a distinct activity customer_id for
// first-activity cohorts; activity rows reach their member through the
// customer_id dictionary code, so the hot loops never touch a string.
import type { Frame } from '../data/frame.js';
import { NONE, type MetricInput } from './input.js';
import type { RetentionSettings } from './retention-options.js';
import { BLOCK_ROWS } from './blocks.js';

/** Customers that could not be placed in the triangle; see `RetentionExcluded` in retention.ts. */
export interface Excluded {
  noSignup: number;
  noCustomer: number;
}

export interface Members {
  readonly count: number;
  /** Cohort period ordinal per member; NaN when it has none. */
  readonly cohort: Float64Array;
  /** Segment code per member (labels below), or undefined without `by`. */
  readonly segment: Int32Array | undefined;
  readonly labels: readonly string[];
  /** churned_at per member (NaN = still a customer); subscription mode only. */
  readonly churned: Float64Array | undefined;
  /** The activity table, its counted rows and the member of each customer_id code; activity mode only. */
  readonly activity: ActivityInput | undefined;
  readonly excluded: Excluded;
  /** First and last cohort in [cohortMin, cohortMax], when the members' pass found them (Infinity, -Infinity: none). */
  readonly span?: readonly [number, number];
}

export interface ActivityInput {
  readonly frame: Frame;
  /** 1 for the event codes that count (all when `events` is not given). */
  readonly counted: Uint8Array;
  /** Member of each activity customer_id code, -1 when it is not one. */
  readonly memberOfCode: Int32Array;
}

export function members(input: MetricInput, s: RetentionSettings): Members {
  return s.cohortBy === 'signup' ? signupMembers(input, s) : firstActivityMembers(input, s);
}

/** Event codes that count: those named in `events`, or all. */
function countedEvents(activity: Frame, events: readonly string[] | undefined): Uint8Array {
  const dict = activity.dict('event');
  const counted = new Uint8Array(dict.values.length);
  if (!events) return counted.fill(1);
  for (const name of events) {
    const code = dict.index.get(name);
    if (code !== undefined) counted[code] = 1;
  }
  return counted;
}

/** Row of each customer_id code of `customers` (ids are unique after validation). */
function customerRows(customers: Frame): { rowOf: (id: string) => number } {
  const ids = customers.dict('customer_id');
  const rows = new Int32Array(ids.values.length).fill(-1);
  for (let i = 0; i < customers.n; i++) if (ids.codes[i] >= 0) rows[ids.codes[i]] = i;
  return { rowOf: (id) => { const c = ids.index.get(id); return c === undefined ? -1 : rows[c]; } };
}

/** Cohort ordinal of rows [at, end) (NaN without a signup); `out` as signupMembers reads it. */
function cohortRows(
  signup: Float64Array, index: (ms: number) => number, cohortMin: number, cohortMax: number,
  cohort: Float64Array, out: Float64Array, at: number, end: number,
): void {
  let lo = out[0];
  let hi = out[1];
  let noSignup = out[2];
  for (let i = at; i < end; i++) {
    const t = signup[i];
    if (t !== t) noSignup++;
    const c = index(t); // NaN for a missing signup
    cohort[i] = c;
    if (c >= cohortMin && c <= cohortMax) {
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
  }
  out[0] = lo;
  out[1] = hi;
  out[2] = noSignup;
}

function signupMembers(input: MetricInput, s: RetentionSettings): Members {
  const customers = input.require('customers');
  const signup = customers.time('signup_at');
  const n = customers.n;
  const cohort = new Float64Array(n);
  const excluded: Excluded = { noSignup: 0, noCustomer: 0 };
  // [lowest cohort, highest cohort, rows without a signup], filled block by block.
  const out = Float64Array.of(Infinity, -Infinity, 0);
  for (let at = 0; at < n; at += BLOCK_ROWS) cohortRows(signup, s.bucket.index, s.cohortMin, s.cohortMax, cohort, out, at, Math.min(n, at + BLOCK_ROWS));
  const [lo, hi] = out;
  excluded.noSignup = out[2];
  const seg = s.by === undefined ? undefined : input.segments(customers, s.by);
  let activity: ActivityInput | undefined;
  if (s.mode === 'activity') {
    const frame = input.require('activity');
    const counted = countedEvents(frame, s.events);
    const ids = frame.dict('customer_id');
    const { rowOf } = customerRows(customers);
    const memberOfCode = new Int32Array(ids.values.length);
    for (let c = 0; c < ids.values.length; c++) memberOfCode[c] = rowOf(ids.values[c]);
    excluded.noCustomer = unknownActive(frame, counted, memberOfCode);
    activity = { frame, counted, memberOfCode };
  }
  return {
    count: n,
    cohort,
    segment: seg?.codes,
    labels: seg?.labels ?? [],
    churned: s.mode === 'subscription' ? customers.time('churned_at') : undefined,
    activity,
    excluded,
    span: [lo, hi],
  };
}

/** Distinct customer ids with counted activity but no customers row: their activity is not used. */
function unknownActive(frame: Frame, counted: Uint8Array, memberOfCode: Int32Array): number {
  if (memberOfCode.indexOf(-1) < 0) return 0;
  const ids = frame.dict('customer_id').codes;
  const events = frame.dict('event').codes;
  const seen = new Uint8Array(memberOfCode.length);
  let count = 0;
  for (let i = 0; i < frame.n; i++) {
    const c = ids[i];
    if (memberOfCode[c] < 0 && counted[events[i]] && !seen[c]) {
      seen[c] = 1;
      count++;
    }
  }
  return count;
}

function firstActivityMembers(input: MetricInput, s: RetentionSettings): Members {
  const frame = input.require('activity');
  const counted = countedEvents(frame, s.events);
  const ids = frame.dict('customer_id');
  const m = ids.values.length;
  const firstRow = firstCounted(frame, counted, m);
  const at = frame.time('at');
  const cohort = new Float64Array(m);
  const index = s.bucket.index;
  for (let c = 0; c < m; c++) cohort[c] = firstRow[c] < 0 ? NaN : index(at[firstRow[c]]);
  // The segment of a member is that of its first counted row: the same on every row
  // for a customer attribute; for an activity column, its value at first activity.
  let segment: Int32Array | undefined;
  let labels: readonly string[] = [];
  if (s.by !== undefined) {
    const seg = input.segments(frame, s.by);
    segment = new Int32Array(m);
    for (let c = 0; c < m; c++) segment[c] = firstRow[c] < 0 ? 0 : seg.codes[firstRow[c]];
    labels = seg.labels;
    firstInSegmentOrder(frame, counted, firstRow, seg.codes, labels, segment);
  }
  const excluded: Excluded = { noSignup: 0, noCustomer: 0 };
  const churned = s.mode === 'subscription' ? churnOfMembers(input.require('customers'), ids.values, cohort, excluded) : undefined;
  const memberOfCode = new Int32Array(m);
  for (let c = 0; c < m; c++) memberOfCode[c] = c;
  return {
    count: m,
    cohort,
    segment,
    labels,
    churned,
    activity: s.mode === 'activity' ? { frame, counted, memberOfCode } : undefined,
    excluded,
  };
}

/**
 * Row of each customer's first counted event (ties: the first row in input order), -1
 * when none. Time and row are interleaved so each row touches one cache line.
 */
function firstCounted(frame: Frame, counted: Uint8Array, m: number): Int32Array {
  const ids = frame.dict('customer_id').codes;
  const events = frame.dict('event').codes;
  const at = frame.time('at');
  const first = new Float64Array(2 * m);
  for (let c = 0; c < m; c++) {
    first[2 * c] = Infinity;
    first[2 * c + 1] = -1;
  }
  const n = frame.n;
  for (let i = 0; i < n; i++) {
    const c = 2 * ids[i];
    if (at[i] < first[c] && counted[events[i]]) {
      first[c] = at[i];
      first[c + 1] = i;
    }
  }
  const firstRow = new Int32Array(m);
  for (let c = 0; c < m; c++) firstRow[c] = first[2 * c + 1];
  return firstRow;
}

/**
 * Rows at a member's first instant may disagree on the segment (an activity column):
 * the value first in segment order wins ("(none)" last), whatever the row order.
 */
function firstInSegmentOrder(
  frame: Frame,
  counted: Uint8Array,
  firstRow: Int32Array,
  codes: Int32Array,
  labels: readonly string[],
  segment: Int32Array,
): void {
  const ids = frame.dict('customer_id').codes;
  const events = frame.dict('event').codes;
  const at = frame.time('at');
  const before = (a: number, b: number) => labels[a] !== NONE && (labels[b] === NONE || labels[a] < labels[b]);
  for (let i = 0; i < frame.n; i++) {
    const c = ids[i];
    const first = firstRow[c];
    if (first >= 0 && i !== first && at[i] === at[first] && counted[events[i]] && before(codes[i], segment[c])) segment[c] = codes[i];
  }
}

/**
 * churned_at of each activity member from the customers table. A member with no
 * customers row has no known churn time, so it leaves the triangle and is counted.
 */
function churnOfMembers(customers: Frame, ids: readonly string[], cohort: Float64Array, excluded: Excluded): Float64Array {
  const churnedAt = customers.time('churned_at');
  const { rowOf } = customerRows(customers);
  const out = new Float64Array(ids.length);
  for (let c = 0; c < ids.length; c++) {
    const row = rowOf(ids[c]);
    if (row >= 0) out[c] = churnedAt[row];
    else if (cohort[c] === cohort[c]) {
      cohort[c] = NaN;
      excluded.noCustomer++;
    }
  }
  return out;
}
