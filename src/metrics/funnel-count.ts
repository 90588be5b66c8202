// The funnel's counts: rows → units → each unit's level and fastest times → per
// segment, how many units reach each level and the median time to reach it. An
// ordered funnel over a log already in order takes one pass (funnel-stream.ts);
// otherwise the units are sorted once. Typed arrays throughout; nothing allocated
// per row or unit.
import type { Frame } from '../data/frame.js';
import type { Steps } from '../data/slices.js';
import { BLOCK_ROWS } from './blocks.js';
import type { SegmentLimit } from '../query/options.js';
import type { Segments } from './input.js';
import { groupSegments } from './others.js';
import { scratchFor, unitLevel, type FunnelPlan } from './funnel-kernel.js';
import { sortUnits } from './funnel-sort.js';
import { streamOrdered, type StreamRows } from './funnel-stream.js';
import { Tally } from './funnel-tally.js';

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

/** The counts, as steps that pause between blocks of rows and of units (src/data/slices.ts). */
export function* countFunnel(frame: Frame, plan: FunnelPlan, stepNames: readonly string[], by?: FunnelSegments): Steps<FunnelCounts> {
  const m = plan.steps.length;
  const time = frame.time('at');
  const events = frame.dict('event');
  const nameOf = new Int32Array(events.values.length).fill(-1);
  stepNames.forEach((name, id) => {
    const code = events.index.get(name);
    if (code !== undefined) nameOf[code] = id;
  });
  const strict = plan.order === 'strict';
  // Without `by` the rows are listed only if the one-pass way cannot count the units.
  let rows = by ? relevantRows(frame.n, time, events.codes, nameOf, strict) : undefined;
  const seg = by ? foldSegments(by, rows!) : undefined;
  const segments = seg ? seg.labels.length : 1;
  const present = new Uint8Array(segments);
  if (!seg) present[0] = 1;
  else for (let i = 0; i < frame.n; i++) present[seg.codes[i]] = 1;
  const customers = frame.dict('customer_id');
  const tally = new Tally(segments, m);
  const stream = {
    n: frame.n, time, event: events.codes, nameOf, customer: customers.codes, customers: customers.values.length,
    segment: seg?.codes, segments,
  };
  if (plan.order !== 'ordered' || !(yield* streamOrdered(stream, plan, tally))) {
    rows ??= relevantRows(frame.n, time, events.codes, nameOf, strict);
    yield;
    yield* countSorted(stream, rows, plan, stepNames.length, tally);
  }
  return {
    steps: m,
    entered: tally.entered(),
    median: tally.medians(),
    present,
    labels: seg?.labels ?? [],
    grouped: seg?.grouped ?? 0,
  };
}

/** The units sorted (customer, segment, then time and step position), each unit's level tallied. */
function* countSorted(rows: StreamRows, relevant: Uint32Array, plan: FunnelPlan, none: number, tally: Tally): Steps<void> {
  const { time, event, nameOf, segment } = rows;
  // At one instant, steps in step order (a repeated name at its first position), other events after them.
  const rankOf = nameOf.map((id) => (id >= 0 ? id : none));
  const tie = { code: event, rankOf };
  const units = sortUnits(relevant, time, rows.customer, rows.customers, segment, rows.segments, tie);
  yield;
  const { order, bounds, time: t, rank } = units;
  // The step of each row in unit order is its rank, but for events that are no step (read only when strict).
  const e = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) e[k] = rank[k] === none ? -1 : rank[k];
  const scratch = scratchFor(plan);
  for (let lo = 0; lo + 1 < bounds.length; lo += BLOCK_ROWS) {
    const hi = Math.min(bounds.length - 1, lo + BLOCK_ROWS);
    for (let u = lo; u < hi; u++) {
      const a = bounds[u];
      const level = unitLevel(plan, t, e, a, bounds[u + 1], scratch);
      tally.add(segment ? segment[order[a]] : 0, level, scratch.best, 0);
    }
    yield;
  }
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
