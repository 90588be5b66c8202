// The funnel's single pass: rows → units (sorted once) → each unit's level and
// fastest times → per segment, how many units reach each level and the median
// time to reach it. Typed arrays throughout; nothing allocated per row or unit.
import type { Frame } from '../data/frame.js';
import type { SegmentLimit } from '../query/options.js';
import type { Segments } from './input.js';
import { groupSegments } from './others.js';
import { medianInPlace } from './stats.js';
import { scratchFor, unitLevel, type FunnelPlan } from './funnel-kernel.js';
import { sortUnits } from './funnel-sort.js';

export interface FunnelCounts {
  /** Steps per segment (M). */
  readonly steps: number;
  /** `entered[s·M + m − 1]`: units of segment s whose level is ≥ m. */
  readonly entered: Float64Array;
  /** `median[s·M + m − 1]`: median fastest time to level m (NaN when nobody reached it). */
  readonly median: Float64Array;
  /** Segments with at least one activity row. */
  readonly present: Uint8Array;
  /** Segment labels by code, after folding (`[]` without `by`). */
  readonly labels: readonly string[];
  /** Segments folded into "(others)". */
  readonly grouped: number;
}

/** The segments of `by` and how many to keep; absent without `by`. */
export interface FunnelSegments extends Segments {
  readonly limit: SegmentLimit;
}

export function countFunnel(frame: Frame, plan: FunnelPlan, stepNames: readonly string[], by?: FunnelSegments): FunnelCounts {
  const m = plan.steps.length;
  const time = frame.time('at');
  const events = frame.dict('event');
  const nameOf = new Int32Array(events.values.length).fill(-1);
  stepNames.forEach((name, id) => {
    const code = events.index.get(name);
    if (code !== undefined) nameOf[code] = id;
  });
  const rows = relevantRows(frame.n, time, events.codes, nameOf, plan.order === 'strict');
  const seg = by ? foldSegments(by, rows) : undefined;
  const segments = seg ? seg.labels.length : 1;
  const present = new Uint8Array(segments);
  if (!seg) present[0] = 1;
  else for (let i = 0; i < frame.n; i++) present[seg.codes[i]] = 1;
  const customers = frame.dict('customer_id');
  // At one instant, steps in step order (a repeated name at its first position), other events after them.
  const rankOf = nameOf.map((id) => (id >= 0 ? id : stepNames.length));
  const tie = { code: events.codes, rankOf };
  const units = sortUnits(rows, time, customers.codes, customers.values.length, seg?.codes, segments, tie);
  const { order, bounds, time: t, rank } = units;
  // The step of each row in unit order is its rank, but for events that are no step (read only when strict).
  const e = new Int32Array(order.length);
  const none = stepNames.length;
  for (let k = 0; k < order.length; k++) e[k] = rank[k] === none ? -1 : rank[k];
  const levels = new Float64Array(segments * (m + 1));
  const times = new TimeList();
  const scratch = scratchFor(plan);
  for (let u = 0; u + 1 < bounds.length; u++) {
    const a = bounds[u];
    const level = unitLevel(plan, t, e, a, bounds[u + 1], scratch);
    const s = seg ? seg.codes[order[a]] : 0;
    levels[s * (m + 1) + level]++;
    for (let j = 2; j <= level; j++) times.push(s * m + j - 1, scratch.best[j]);
  }
  return {
    steps: m,
    entered: enteredOf(levels, segments, m),
    median: times.medians(segments * m),
    present,
    labels: seg?.labels ?? [],
    grouped: seg?.grouped ?? 0,
  };
}

/** Segments weighed by the rows the funnel reads, the smallest folded past the limit. */
function foldSegments(by: FunnelSegments, rows: Uint32Array) {
  const weight = new Float64Array(by.labels.length);
  for (const i of rows) weight[by.codes[i]]++;
  return groupSegments(by, weight, by.limit);
}

/** Rows with a customer and a time; only step events unless strict (where any event breaks a run). */
function relevantRows(n: number, time: Float64Array, codes: Int32Array, nameOf: Int32Array, all: boolean): Uint32Array {
  let count = 0;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (time[i] === time[i] && c >= 0 && (all || nameOf[c] >= 0)) rows[count++] = i;
  }
  return rows.subarray(0, count);
}

/** From units per exact level to units per level ≥ m (suffix sums). */
function enteredOf(levels: Float64Array, segments: number, m: number): Float64Array {
  const entered = new Float64Array(segments * m);
  for (let s = 0; s < segments; s++) {
    let sum = 0;
    for (let j = m; j >= 1; j--) {
      sum += levels[s * (m + 1) + j];
      entered[s * m + j - 1] = sum;
    }
  }
  return entered;
}

/** Keyed times that grow by doubling; medians per key by one counting sort. */
class TimeList {
  private keys = new Int32Array(1024);
  private values = new Float64Array(1024);
  private n = 0;

  push(key: number, value: number): void {
    if (this.n === this.keys.length) {
      const keys = new Int32Array(this.n * 2);
      const values = new Float64Array(this.n * 2);
      keys.set(this.keys);
      values.set(this.values);
      this.keys = keys;
      this.values = values;
    }
    this.keys[this.n] = key;
    this.values[this.n++] = value;
  }

  medians(buckets: number): Float64Array {
    const start = new Uint32Array(buckets + 1);
    for (let i = 0; i < this.n; i++) start[this.keys[i] + 1]++;
    for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
    const sorted = new Float64Array(this.n);
    const next = start.slice(0, buckets);
    for (let i = 0; i < this.n; i++) sorted[next[this.keys[i]]++] = this.values[i];
    const out = new Float64Array(buckets).fill(NaN);
    for (let b = 0; b < buckets; b++) {
      const med = medianInPlace(sorted.subarray(start[b], start[b + 1]));
      if (med !== null) out[b] = med;
    }
    return out;
  }
}
