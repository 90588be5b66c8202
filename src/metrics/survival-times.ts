// Each customer's follow-up time for survival (SPEC §3.8), in one pass over the
// customers frame: an event at churned_at when it is at or before asOf, else censored
// at asOf; whole units (floor). The times are then counted per segment and distinct
// time — the grouped counts a SQL source computes too (survivalGroups) — so the
// Kaplan–Meier rows, the medians and the log-rank test start from the same counts.
import type { Frame } from '../data/frame.js';
import type { MetricInput } from './input.js';
import { segmentOrder } from './options.js';
import type { SurvivalSettings } from './survival-options.js';

/** The customers left out of every curve, so a widget can say so. */
export interface SurvivalExcluded {
  /** No signup_at: no start to count from. */
  readonly noSignup: number;
  /** Signed up after asOf: not yet a customer then. */
  readonly afterAsOf: number;
}

/** One segment's follow-up: its distinct times, ascending, with the churns and censorings at each. */
export interface SurvivalGroup {
  readonly label: string | undefined;
  /** Customers in the segment. */
  readonly n: number;
  readonly times: Float64Array;
  readonly events: Float64Array;
  readonly censored: Float64Array;
}

/** Customers of one segment at one time (a SQL source's grouped row). */
export interface SurvivalCount {
  readonly label: string | undefined;
  readonly time: number;
  readonly events: number;
  readonly censored: number;
}

export interface SurvivalTimes {
  /** Segments with customers, in display order ([one group] without `by`). */
  readonly groups: readonly SurvivalGroup[];
  readonly excluded: SurvivalExcluded;
}

export function survivalTimes(input: MetricInput, s: SurvivalSettings): SurvivalTimes {
  const frame = input.require('customers');
  const signup = frame.time('signup_at');
  const churn = frame.has('churned_at') ? frame.time('churned_at') : undefined;
  const seg = s.by === undefined ? undefined : input.segments(frame, s.by);
  const groupCount = seg ? seg.labels.length : 1;
  const groupOf = new Int32Array(frame.n).fill(-1);
  const key = new Float64Array(frame.n);
  const sizes = new Int32Array(groupCount);
  let noSignup = 0;
  let afterAsOf = 0;
  for (let i = 0; i < frame.n; i++) {
    const start = signup[i];
    if (start !== start) {
      noSignup++;
      continue;
    }
    if (start > s.asOf) {
      afterAsOf++;
      continue;
    }
    if (start < s.from || start >= s.to) continue;
    const end = churn ? churn[i] : NaN;
    const event = end === end && end <= s.asOf;
    key[i] = 2 * Math.floor(((event ? end : s.asOf) - start) / s.unitMs) + (event ? 1 : 0);
    const g = seg ? seg.codes[i] : 0;
    groupOf[i] = g;
    sizes[g]++;
  }
  return { groups: grouped(frame, groupOf, key, sizes, seg?.labels), excluded: { noSignup, afterAsOf } };
}

function grouped(frame: Frame, groupOf: Int32Array, key: Float64Array, sizes: Int32Array, labels?: readonly string[]): SurvivalGroup[] {
  const keys = [...sizes].map((n) => new Float64Array(n));
  const fill = new Int32Array(sizes.length);
  for (let i = 0; i < frame.n; i++) {
    const g = groupOf[i];
    if (g >= 0) keys[g][fill[g]++] = key[i];
  }
  const present = Uint8Array.from(sizes, (n) => (n > 0 ? 1 : 0));
  const order = labels ? segmentOrder(labels, present) : present[0] ? [0] : [];
  return order.map((g) => countsOf(labels?.[g], keys[g].sort()));
}

/** A segment's counts per distinct time from its sorted keys `2·time + event`. */
function countsOf(label: string | undefined, keys: Float64Array): SurvivalGroup {
  const acc = new Counts();
  for (const key of keys) acc.add(Math.floor(key / 2), key % 2, 1 - (key % 2));
  return acc.group(label);
}

/**
 * The segments from counts per (segment, time) in any order, as survivalTimes groups
 * them: display order of the labels (undefined: no `by`), times ascending.
 */
export function survivalGroups(counts: readonly SurvivalCount[]): SurvivalGroup[] {
  const bySegment = new Map<string | undefined, SurvivalCount[]>();
  for (const c of counts) {
    if (c.events + c.censored === 0) continue;
    const list = bySegment.get(c.label);
    if (list) list.push(c);
    else bySegment.set(c.label, [c]);
  }
  const labels = [...bySegment.keys()];
  const order = labels[0] === undefined ? labels.map((_, i) => i) : segmentOrder(labels as string[], new Uint8Array(labels.length).fill(1));
  return order.map((i) => {
    const acc = new Counts();
    for (const c of bySegment.get(labels[i])!.sort((a, b) => a.time - b.time)) acc.add(c.time, c.events, c.censored);
    return acc.group(labels[i]);
  });
}

/** Counts added in time order; a time added again (two values with one label) adds to its counts. */
class Counts {
  private readonly times: number[] = [];
  private readonly events: number[] = [];
  private readonly censored: number[] = [];
  private n = 0;

  add(time: number, events: number, censored: number): void {
    const last = this.times.length - 1;
    if (this.times[last] === time) {
      this.events[last] += events;
      this.censored[last] += censored;
    } else {
      this.times.push(time);
      this.events.push(events);
      this.censored.push(censored);
    }
    this.n += events + censored;
  }

  group(label: string | undefined): SurvivalGroup {
    return { label, n: this.n, times: Float64Array.from(this.times), events: Float64Array.from(this.events), censored: Float64Array.from(this.censored) };
  }
}
