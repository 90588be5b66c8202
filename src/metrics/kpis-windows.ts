// The KPI cards (SPEC §3.7) over a list of adjacent windows [b0, b1), [b1, b2), …:
// the previous and current range, or the periods of a sparkline. Each card is one
// pass over its table giving, per window, a value, the count it is over, and the
// counts a reader could work out from the two (for small-cell suppression).
import type { Frame } from '../data/frame.js';
import { finish, type Steps } from '../data/slices.js';
import { addDuration, type Duration } from '../time/index.js';
import { wilson } from './stats.js';
import { ticketCells, type TicketCells } from './tickets.js';
import { BLOCK_ROWS } from './blocks.js';

export interface Series {
  /** Per window; NaN where undefined (nothing to measure). */
  readonly value: Float64Array;
  /** What the value is over (answers, tickets, customers). */
  readonly n: Int32Array;
  /** Counts that value and n together give away (a numerator and its complement…). */
  readonly parts: readonly Int32Array[];
  /** A share of n (successes / n, × scale): the numerator, for its interval and a comparison. */
  readonly successes?: Int32Array;
  /** The unit of value: 100 for percent (csat), else 1. */
  readonly scale?: number;
  /** The 95% interval of window j's value, in its unit; absent for cards without one. */
  readonly interval?: (j: number) => { low: number; high: number } | null;
  /** The standard error of window j's value (NPS, mean CES), for a z-test of a change. */
  readonly se?: (j: number) => number;
}

/** Index of the window holding t, or -1 (bounds ascending; few windows, so a binary search). */
export function windowOf(bounds: Float64Array, t: number): number {
  const m = bounds.length - 1;
  if (!(t >= bounds[0] && t < bounds[m])) return -1;
  let lo = 0;
  let hi = m;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t >= bounds[mid]) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Window per row, -1 outside the windows or where `keep` differs from `keepCode`. */
export function windowCells(
  time: Float64Array,
  bounds: Float64Array,
  keep?: Int32Array,
  keepCode?: number,
): Int32Array {
  return finish(windowCellSteps(time, bounds, keep, keepCode));
}

/** windowCells as steps that pause between blocks of rows (src/data/slices.ts). */
function* windowCellSteps(time: Float64Array, bounds: Float64Array, keep?: Int32Array, keepCode?: number): Steps<Int32Array> {
  const cell = new Int32Array(time.length);
  for (let i = 0; i < time.length; i += BLOCK_ROWS) {
    windowRows(time, bounds, keep, keepCode, cell, i, Math.min(time.length, i + BLOCK_ROWS));
    yield;
  }
  return cell;
}

/** windowCells over rows [at, end). */
function windowRows(time: Float64Array, bounds: Float64Array, keep: Int32Array | undefined, keepCode: number | undefined, cell: Int32Array, at: number, end: number): void {
  for (let i = at; i < end; i++) cell[i] = keep !== undefined && keep[i] !== keepCode ? -1 : windowOf(bounds, time[i]);
}

/** A share per window: num / den (× scale), with its Wilson interval and the counts it gives away. */
export function ratio(num: Int32Array, den: Int32Array, scale = 1): Series {
  const m = den.length;
  const value = new Float64Array(m);
  const rest = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    value[j] = den[j] > 0 ? (scale * num[j]) / den[j] : NaN;
    rest[j] = den[j] - num[j];
  }
  const interval = (j: number) => {
    const w = wilson(num[j], den[j]);
    return w && { low: scale * w.low, high: scale * w.high };
  };
  return { value, n: den, parts: [num, rest], successes: num, scale, interval };
}

export interface TicketCards {
  fcr: Series;
  firstResponseMedian: Series;
  resolutionMedian: Series;
  ticketVolume: Series;
}

/** Ticket cards over the tickets opened in each window; the durations only for the cards that show them. */
/** The ticket cards, as steps that pause between passes over the rows (src/data/slices.ts). */
export function* ticketCards(tickets: Frame, bounds: Float64Array, want?: ReadonlySet<string>): Steps<TicketCards> {
  const m = bounds.length - 1;
  const parts = {
    fcr: !want || want.has('fcr'),
    response: !want || want.has('firstResponseMedian'),
    resolution: !want || want.has('resolutionMedian'),
  };
  const cell = yield* windowCellSteps(tickets.time('opened_at'), bounds);
  return ticketSeries(yield* ticketCells(tickets, cell, m, parts));
}

/** Ticket counts per window → the four ticket series (shared with SQL sources). */
export function ticketSeries(acc: TicketCells): TicketCards {
  const fcrN = Int32Array.from(acc.fcrYes, (y, j) => y + acc.fcrNo[j]);
  return {
    fcr: ratio(acc.fcrYes, fcrN),
    firstResponseMedian: { value: acc.response.median, n: acc.response.count, parts: [] },
    resolutionMedian: { value: acc.resolution.median, n: acc.resolution.count, parts: [] },
    ticketVolume: { value: Float64Array.from(acc.tickets), n: acc.tickets, parts: [] },
  };
}

/** First window whose start is after t (m when none). */
function firstStartAfter(bounds: Float64Array, t: number): number {
  const m = bounds.length - 1;
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Churn rate per window [a, b): of the customers active at a (signed up before a,
 * not churned before a), those whose churned_at falls in [a, b). A customer is
 * active at the starts of a run of windows, counted with a difference array.
 */
export function churnCards(customers: Frame, bounds: Float64Array): Series {
  const m = bounds.length - 1;
  const signup = customers.time('signup_at');
  const churned = customers.time('churned_at');
  const diff = new Int32Array(m + 1);
  const num = new Int32Array(m);
  for (let i = 0; i < customers.n; i += BLOCK_ROWS) churnRows(signup, churned, bounds, diff, num, i, Math.min(customers.n, i + BLOCK_ROWS));
  const den = new Int32Array(m);
  for (let j = 0, run = 0; j < m; j++) den[j] = run += diff[j];
  return ratio(num, den);
}

/** churnCards over customers [at, end). */
function churnRows(signup: Float64Array, churned: Float64Array, bounds: Float64Array, diff: Int32Array, num: Int32Array, at: number, end: number): void {
  const m = bounds.length - 1;
  for (let i = at; i < end; i++) {
    const s = signup[i];
    if (s !== s) continue;
    const c = churned[i];
    const lo = firstStartAfter(bounds, s);
    const hi = c === c ? firstStartAfter(bounds, c) - 1 : m - 1;
    if (lo > hi) continue;
    diff[lo]++;
    diff[hi + 1]--;
    const j = windowOf(bounds, c);
    if (j >= lo) num[j]++;
  }
}

/**
 * Per customer row: 1 when they signed up in [lo, hi) and have a counted activity
 * event in [signup, signup + window) (the window in calendar terms in `timeZone`).
 * `counts(name)` says which events are activity (SPEC §3.7: not the sign-up itself).
 */
export function activatedCustomers(
  customers: Frame,
  activity: Frame,
  lo: number,
  hi: number,
  window: Duration,
  timeZone: string | undefined,
  counts: (event: string) => boolean,
): Uint8Array {
  const signup = customers.time('signup_at');
  const until = new Float64Array(customers.n).fill(NaN);
  for (let i = 0; i < customers.n; i++) {
    if (signup[i] >= lo && signup[i] < hi) until[i] = addDuration(signup[i], window, timeZone);
  }
  const rowOfCode = activityRows(customers, activity);
  const who = activity.dict('customer_id').codes;
  const events = activity.dict('event');
  const counted = Uint8Array.from(events.values, (name) => (counts(name) ? 1 : 0));
  const at = activity.time('at');
  const activated = new Uint8Array(customers.n);
  for (let i = 0; i < activity.n; i += BLOCK_ROWS) {
    activatedRows(who, rowOfCode, events.codes, counted, at, signup, until, activated, i, Math.min(activity.n, i + BLOCK_ROWS));
  }
  return activated;
}

/** activatedCustomers over activity rows [at, end). */
function activatedRows(
  who: Int32Array, rowOfCode: Int32Array, codes: Int32Array, counted: Uint8Array, times: Float64Array,
  signup: Float64Array, until: Float64Array, activated: Uint8Array, at: number, end: number,
): void {
  for (let i = at; i < end; i++) {
    const r = who[i] < 0 ? -1 : rowOfCode[who[i]];
    const e = codes[i];
    if (r >= 0 && e >= 0 && counted[e] && times[i] >= signup[r] && times[i] < until[r]) activated[r] = 1;
  }
}

/** Customers-table row of each activity customer code (-1 when not a known customer). */
function activityRows(customers: Frame, activity: Frame): Int32Array {
  const ids = customers.dict('customer_id');
  const own = activity.dict('customer_id');
  const rowOfId = new Int32Array(ids.values.length).fill(-1);
  for (let r = 0; r < customers.n; r++) if (ids.codes[r] >= 0) rowOfId[ids.codes[r]] = r;
  const out = new Int32Array(own.values.length).fill(-1);
  own.values.forEach((id, code) => {
    const c = ids.index.get(id);
    if (c !== undefined) out[code] = rowOfId[c];
  });
  return out;
}

/** Activation per window: of the customers who signed up in it, those activated. */
export function activationCards(
  customers: Frame,
  activated: Uint8Array,
  bounds: Float64Array,
): Series {
  const m = bounds.length - 1;
  const signup = customers.time('signup_at');
  const den = new Int32Array(m);
  const num = new Int32Array(m);
  for (let i = 0; i < customers.n; i++) {
    const j = windowOf(bounds, signup[i]);
    if (j < 0) continue;
    den[j]++;
    num[j] += activated[i];
  }
  return ratio(num, den);
}

/**
 * Adoption per window: of the distinct customers with any activity event in it,
 * those who used one of `features` in it. Rows are grouped by window (a counting
 * sort), then each window counts customers with a "last seen" stamp.
 */
export function adoptionCards(
  activity: Frame,
  features: readonly string[],
  bounds: Float64Array,
): Series {
  const m = bounds.length - 1;
  const who = activity.dict('customer_id');
  const event = activity.dict('event');
  const isFeature = new Uint8Array(event.values.length);
  for (const f of features) if (event.index.has(f)) isFeature[event.index.get(f)!] = 1;
  const { start, order } = rowsByWindow(windowCells(activity.time('at'), bounds), m);
  const seen = new Int32Array(who.values.length);
  const adopted = new Int32Array(who.values.length);
  const den = new Int32Array(m);
  const num = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    for (let q = start[j]; q < start[j + 1]; q++) {
      const i = order[q];
      const c = who.codes[i];
      if (c < 0) continue;
      if (seen[c] !== j + 1) {
        seen[c] = j + 1;
        den[j]++;
      }
      if (isFeature[event.codes[i]] && adopted[c] !== j + 1) {
        adopted[c] = j + 1;
        num[j]++;
      }
    }
  }
  return ratio(num, den);
}

/** Row numbers grouped by window (a counting sort): window j's rows are order[start[j] … start[j + 1]). */
function rowsByWindow(cell: Int32Array, m: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(m + 1);
  for (let i = 0; i < cell.length; i++) if (cell[i] >= 0) start[cell[i] + 1]++;
  for (let j = 0; j < m; j++) start[j + 1] += start[j];
  const order = new Int32Array(start[m]);
  const fill = start.slice(0, m);
  for (let i = 0; i < cell.length; i++) if (cell[i] >= 0) order[fill[cell[i]]++] = i;
  return { start, order };
}
