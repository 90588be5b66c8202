// The ordered funnel in one pass over the rows, for the common case of an event log
// already in order: when each unit's step events come as SPEC §3.5 sorts them (by
// time, events at one instant by their step's position), the units need no sort.
// Each unit keeps the chains of `orderedLevel` (funnel-kernel.ts) in its own block
// of one array, and the pass checks the order as it goes: at the first unit whose
// rows are out of order it gives up and the sorting path runs instead, so the
// result is the same to the last bit either way.
import type { Steps } from '../data/slices.js';
import type { FunnelPlan } from './funnel-kernel.js';
import { addUnit, type Tally } from './funnel-tally.js';
import { BLOCK_ROWS } from './blocks.js';

/** The activity columns the pass reads, and the units they fall into. */
export interface StreamRows {
  readonly n: number;
  readonly time: Float64Array;
  /** Event code per row, and the step-name id of each code (−1: not a step). */
  readonly event: Int32Array;
  readonly nameOf: Int32Array;
  readonly customer: Int32Array;
  readonly customers: number;
  /** Segment code per row (folded); absent without `by`. */
  readonly segment: Int32Array | undefined;
  readonly segments: number;
}

// Block of a unit: [last time, last step id + 1 (0: no row yet), level,
// start(1…M), due(1…M), best(1…M)] — one or two cache lines per row read.
const LAST = 0;
const RANK = 1;
const LEVEL = 2;
/** start(L) is at START + L (L ≥ 1), just past the level. */
const START = 2;

/** Whether the pass could count every unit (then `tally` holds them all); steps that pause between blocks. */
export function* streamOrdered(rows: StreamRows, plan: FunnelPlan, tally: Tally): Steps<boolean> {
  const m = plan.steps.length;
  const width = 3 + 3 * m;
  const units = rows.customers * rows.segments;
  // The blocks must not outgrow what the sorting path would allocate for the rows.
  if (units * width > 4 * rows.n + 65_536) return false;
  const state = new Float64Array(units * width);
  if (!(yield* pass(rows, plan, state, width))) return false;
  // At most M − 1 times per unit: each block of units gets its room before its call.
  const per = Math.max(1, Math.floor(BLOCK_ROWS / m));
  for (let lo = 0; lo < units; lo += per) {
    const hi = Math.min(units, lo + per);
    const t = tally.times.room((hi - lo) * (m - 1));
    t.n = tallyUnits(state, width, rows.segments, m, tally.levels, t.keys, t.values, t.n, lo, hi);
    yield;
  }
  return true;
}

/** Units [lo, hi) that had a row, into the tally's arrays; returns the new count of times. */
function tallyUnits(
  st: Float64Array, width: number, segments: number, m: number, levels: Float64Array,
  keys: Int32Array, values: Float64Array, n: number, lo: number, hi: number,
): number {
  const best = 2 + 2 * m;
  for (let u = lo; u < hi; u++) {
    const b = u * width;
    if (st[b + RANK] > 0) n = addUnit(levels, m, keys, values, n, u % segments, st[b + LEVEL], st, b + best);
  }
  return n;
}

/** Later steps carrying each name id, highest first: `at[id] … at[id + 1]` of `steps`. */
function laterSteps(plan: FunnelPlan): { at: Int32Array; steps: Int32Array } {
  const names = plan.mult.length;
  const at = new Int32Array(names + 1);
  const steps: number[] = [];
  for (let id = 0; id < names; id++) {
    at[id] = steps.length;
    for (let j = plan.steps.length - 1; j >= 1; j--) if (plan.steps[j] === id) steps.push(j);
  }
  at[names] = steps.length;
  return { at, steps: Int32Array.from(steps) };
}

function* pass(rows: StreamRows, plan: FunnelPlan, st: Float64Array, width: number): Steps<boolean> {
  const { n, time, event, nameOf, customer, segment, segments } = rows;
  const { at, steps } = laterSteps(plan);
  for (let lo = 0; lo < n; lo += BLOCK_ROWS) {
    const hi = Math.min(n, lo + BLOCK_ROWS);
    const { from, to, deadline, span = NaN } = plan;
    const ok = passRows(time, event, nameOf, customer, segment, segments, from, to, deadline, span, plan.steps[0], plan.steps.length, at, steps, st, width, lo, hi);
    if (!ok) return false;
    yield;
  }
  return true;
}

/**
 * The pass over rows [lo, hi); false at the first unit out of order. A fixed window is
 * added here (`span`, NaN when the calendar matters): the optimized code would otherwise
 * hold this call's `deadline` closure, and be dropped when a collection frees it.
 */
function passRows(
  time: Float64Array, event: Int32Array, nameOf: Int32Array, customer: Int32Array, segment: Int32Array | undefined,
  segments: number, from: number, to: number, deadline: (t: number) => number, span: number, first: number, m: number,
  at: Int32Array, steps: Int32Array, st: Float64Array, width: number, lo: number, hi: number,
): boolean {
  const due = 2 + m;
  const best = 2 + 2 * m;
  for (let i = lo; i < hi; i++) {
    const c = event[i];
    if (c < 0) continue;
    const id = nameOf[c];
    const t = time[i];
    const cu = customer[i];
    if (id < 0 || t !== t || cu < 0) continue;
    const b = (segment ? cu * segments + segment[i] : cu) * width;
    const rank = st[b + RANK];
    if (rank > 0 && (t < st[b + LAST] || (t === st[b + LAST] && id + 1 < rank))) return false;
    st[b + LAST] = t;
    st[b + RANK] = id + 1;
    let level = st[b + LEVEL];
    // As orderedLevel: the highest step first, so one row never extends a chain it just made.
    for (let q = at[id]; q < at[id + 1]; q++) {
      const j = steps[q];
      // A chain of level j exists (its deadline is set) exactly when the level has reached j.
      if (j > level || !(t <= st[b + due + j])) continue;
      st[b + START + j + 1] = st[b + START + j];
      st[b + due + j + 1] = st[b + due + j];
      const d = t - st[b + START + j];
      if (j + 1 > level) {
        level = j + 1;
        st[b + best + j + 1] = d;
      } else if (d < st[b + best + j + 1]) st[b + best + j + 1] = d;
    }
    if (id === first && t >= from && t < to) {
      st[b + START + 1] = t;
      st[b + due + 1] = span === span ? t + span : deadline(t);
      if (level < 1) level = 1;
    }
    st[b + LEVEL] = level;
  }
  return true;
}
