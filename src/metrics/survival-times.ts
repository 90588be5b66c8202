// Each customer's follow-up time for survival (SPEC §3.8), in one pass over the
// customers frame: an event at churned_at when it is at or before asOf, else censored
// at asOf; whole units (floor). The times are then grouped by segment and sorted, so
// the Kaplan–Meier rows, the medians and the log-rank test each take one more pass.
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

/** One segment's follow-up: sorted keys `2·time + event` (an event sorts after a censoring at the same time). */
export interface SurvivalGroup {
  readonly code: number;
  readonly label: string | undefined;
  readonly keys: Float64Array;
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
  return order.map((g) => ({ code: g, label: labels?.[g], keys: keys[g].sort() }));
}
