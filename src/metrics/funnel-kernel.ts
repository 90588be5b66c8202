// The level one funnel unit (a customer's time-ordered events) reaches, and for
// each level the fastest time from an attempt's first event to that level
// (SPEC §3.5). Events arrive as positions [a, b) of two parallel arrays in
// sorted order: `t` (epoch ms) and `e` (the step-name id of the event, −1 for
// an event that is not a step). Every mode is O(events × steps).
import type { FunnelOrder } from './funnel-options.js';

export interface FunnelPlan {
  readonly order: FunnelOrder;
  /** Step-name id of each step (steps may repeat a name: a,b,a → 0,1,0). */
  readonly steps: Int32Array;
  /** How many steps carry each name id (`any` mode: an event fills one step). */
  readonly mult: Int32Array;
  /** The first event of an attempt must fall in [from, to). */
  readonly from: number;
  readonly to: number;
  /** The last instant an attempt starting at `t` may use (inclusive). */
  readonly deadline: (t: number) => number;
  /** When the deadline is always `t + span` (a window the calendar cannot change): span. */
  readonly span?: number;
}

/** Reusable per-unit buffers, so a unit allocates nothing. */
export interface Scratch {
  /** best[m] = fastest time to level m (Infinity when not reached); best[1] = 0. */
  readonly best: Float64Array;
  readonly start: Float64Array;
  readonly due: Float64Array;
  readonly count: Int32Array;
  /** `any` mode: each event's deadline (NaN when it cannot start an attempt); grows. */
  window: Float64Array;
}

export function scratchFor(plan: FunnelPlan): Scratch {
  const m = plan.steps.length + 1;
  return {
    best: new Float64Array(m),
    start: new Float64Array(m),
    due: new Float64Array(m),
    count: new Int32Array(plan.mult.length),
    window: new Float64Array(64),
  };
}

/** The unit's level (0 … steps); fills `s.best`. */
export function unitLevel(plan: FunnelPlan, t: Float64Array, e: Int32Array, a: number, b: number, s: Scratch): number {
  s.best.fill(Infinity);
  if (plan.order === 'strict') return strictLevel(plan, t, e, a, b, s.best);
  if (plan.order === 'any') return anyLevel(plan, t, e, a, b, s);
  return orderedLevel(plan, t, e, a, b, s);
}

/**
 * Ordered: scanning events once, keep per level j the chain (a subsequence matching
 * steps 1…j) with the latest start among those ending so far. A later start has a
 * later or equal deadline, so it extends whenever any chain of that level could,
 * and ends the extension at the same event sooner: it decides both reachability
 * and the fastest time. Levels go high to low so one event extends a chain that
 * ended before it, never one it just made (repeated step names). (The one exception
 * to "later start, later deadline": two starts inside a repeated DST fall-back hour
 * with a calendar-day window, whose deadlines can swap by under an hour. Accepted.)
 */
function orderedLevel(plan: FunnelPlan, t: Float64Array, e: Int32Array, a: number, b: number, s: Scratch): number {
  const { steps, from, to } = plan;
  const m = steps.length;
  const { best, start, due } = s;
  due.fill(NaN); // NaN deadline: no chain of that level yet (every comparison fails)
  let level = 0;
  for (let k = a; k < b; k++) {
    const c = e[k];
    if (c < 0) continue;
    const tk = t[k];
    for (let j = m - 1; j >= 1; j--) {
      if (steps[j] !== c || !(tk <= due[j])) continue;
      start[j + 1] = start[j];
      due[j + 1] = due[j];
      if (tk - start[j] < best[j + 1]) best[j + 1] = tk - start[j];
      if (j + 1 > level) level = j + 1;
    }
    if (steps[0] === c && tk >= from && tk < to) {
      start[1] = tk;
      due[1] = plan.deadline(tk);
      best[1] = 0;
      if (level < 1) level = 1;
    }
  }
  return level;
}

/** Strict: the matched events are consecutive among all the unit's events. */
function strictLevel(plan: FunnelPlan, t: Float64Array, e: Int32Array, a: number, b: number, best: Float64Array): number {
  const { steps, from, to } = plan;
  const m = steps.length;
  let level = 0;
  for (let k = a; k < b; k++) {
    const tk = t[k];
    if (e[k] !== steps[0] || !(tk >= from && tk < to)) continue;
    best[1] = 0;
    if (level < 1) level = 1;
    const due = plan.deadline(tk);
    for (let j = 1; j < m && k + j < b; j++) {
      const q = k + j;
      if (e[q] !== steps[j] || !(t[q] <= due)) break;
      if (t[q] - tk < best[j + 1]) best[j + 1] = t[q] - tk;
      if (j + 1 > level) level = j + 1;
    }
  }
  return level;
}

/**
 * Any: an attempt starts at a step event in [from, to) and takes the events up to
 * its deadline; its level after event q is how many steps those events fill (each
 * event one step of its name). For each target level, a window [i, p) slides: the
 * shortest prefix reaching the level only grows as the start moves on.
 */
function anyLevel(plan: FunnelPlan, t: Float64Array, e: Int32Array, a: number, b: number, s: Scratch): number {
  const { from, to } = plan;
  if (s.window.length < b - a) s.window = new Float64Array(Math.max(b - a, 2 * s.window.length));
  const due = s.window;
  let level = 0;
  for (let k = a; k < b; k++) {
    const tk = t[k];
    const ok = e[k] >= 0 && tk >= from && tk < to;
    due[k - a] = ok ? plan.deadline(tk) : NaN;
    if (ok) level = 1;
  }
  if (level) s.best[1] = 0;
  for (let m = 2; m <= plan.steps.length && level === m - 1; m++) {
    if (slideTo(plan, m, t, e, a, b, due, s)) level = m;
  }
  return level;
}

/** Whether some attempt fills `m` steps; records the fastest in `s.best[m]`. */
function slideTo(plan: FunnelPlan, m: number, t: Float64Array, e: Int32Array, a: number, b: number, due: Float64Array, s: Scratch): boolean {
  const { mult } = plan;
  const { count, best } = s;
  count.fill(0);
  let filled = 0;
  let p = a;
  for (let i = a; i < b; i++) {
    const dl = due[i - a];
    if (dl === dl) {
      while (filled < m && p < b && t[p] <= dl) {
        const c = e[p++];
        if (c >= 0 && count[c]++ < mult[c]) filled++;
      }
      // The window may hold events added for an earlier start; only where a later start
      // has an earlier deadline (a day window across a DST fall-back) can they exceed it.
      if (filled >= m && t[p - 1] <= dl && t[p - 1] - t[i] < best[m]) best[m] = t[p - 1] - t[i];
    }
    if (p > i) {
      const c = e[i];
      if (c >= 0 && --count[c] < mult[c]) filled--;
    } else p = i + 1;
  }
  return best[m] < Infinity;
}
