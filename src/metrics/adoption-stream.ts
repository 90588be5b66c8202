// Feature adoption in one pass over the rows, for the common case of an event log
// already in order. A unit is a customer (within one segment with `by`); while its
// rows stay in one period, it gathers flags for it — bit 0: counted active, bit 1 + f:
// used feature f — and when its next period starts, the finished period is kept
// (when active) as one (period, unit, flags) triple. So no row is listed or bucketed,
// and the counts come from the triples once the reported periods are known. At the
// first unit whose rows go back to an earlier period the pass gives up, and the
// bucketing path (adoption-count.ts) runs instead: the counts are the same either way.
import type { Frame } from '../data/frame.js';
import type { Steps } from '../data/slices.js';
import type { AdoptionCounts } from './adoption-rows.js';
import type { AdoptionSettings } from './adoption.js';
import { BLOCK_ROWS } from './blocks.js';

/** Flags fit an int32: bit 0 and one bit per feature. */
const MAX_FEATURES = 30;

/** Each unit's active periods with their flags, and the range of counted periods. */
export interface Streamed {
  readonly units: Triples;
  readonly lo: number;
  readonly hi: number;
}

/** Undefined when the rows are not in order per unit, or the units' state would outgrow the rows. */
export function* streamAdoption(
  frame: Frame,
  o: AdoptionSettings,
  slot: Int32Array,
  counted: Uint8Array,
  seg: Int32Array | undefined,
  segments: number,
): Steps<Streamed | undefined> {
  const f = o.features.length;
  const units = frame.dict('customer_id').values.length * segments;
  if (f > MAX_FEATURES || units > 2 * frame.n + 65_536) return undefined;
  // Per event code, the flags one of its rows sets (0: a row the counts never read).
  const flag = new Int32Array(slot.length);
  for (let c = 0; c < slot.length; c++) flag[c] = slot[c] < 0 ? 0 : (counted[c] ? 1 : 0) | (slot[c] < f ? 2 << slot[c] : 0);
  // Per unit [period, flags] side by side, one cache line per row (a period ordinal, even
  // in days, fits an int32 for any valid time). Flags 0: no row yet.
  const state = new Int32Array(2 * units);
  const out = new Triples();
  const range = yield* pass(frame, o, flag, seg, segments, state, out);
  if (!range) return undefined;
  // Each unit's last period, when active: at most one triple per unit.
  for (let u = 0; u < units; u += BLOCK_ROWS) {
    const end = Math.min(units, u + BLOCK_ROWS);
    out.reserve(end - u);
    out.n = finishUnits(state, out.period, out.unit, out.flags, out.n, u, end);
    yield;
  }
  return { units: out, ...range };
}

/** Units [at, end)'s open periods, when active, as triples written from `n` on; returns the triples in all. */
function finishUnits(state: Int32Array, period: Float64Array, unit: Int32Array, flags: Int32Array, n: number, at: number, end: number): number {
  for (let u = at; u < end; u++) {
    const had = state[2 * u + 1];
    if (!(had & 1)) continue;
    period[n] = state[2 * u];
    unit[n] = u;
    flags[n++] = had;
  }
  return n;
}

function* pass(
  frame: Frame,
  o: AdoptionSettings,
  flag: Int32Array,
  seg: Int32Array | undefined,
  segments: number,
  state: Int32Array,
  out: Triples,
): Steps<{ lo: number; hi: number } | undefined> {
  const at = frame.time('at');
  const codes = frame.dict('event').codes;
  const cust = frame.dict('customer_id').codes;
  const { from, to } = o.range;
  // [lowest, highest counted period], filled block by block.
  const span = Float64Array.of(Infinity, -Infinity);
  for (let i = 0; i < frame.n; i += BLOCK_ROWS) {
    const end = Math.min(frame.n, i + BLOCK_ROWS);
    // A block keeps at most one triple per row: room for them all before it runs.
    out.reserve(end - i);
    const n = passRows(at, codes, cust, seg, flag, from, to, o.buckets.index, segments, state, out.period, out.unit, out.flags, out.n, span, i, end);
    if (n < 0) return undefined;
    out.n = n;
    yield;
  }
  return { lo: span[0], hi: span[1] };
}

/**
 * Rows [at, end) of the pass, the triples of finished periods written from `n` on;
 * returns the triples in all, or −1 when a unit goes back to an earlier period.
 */
function passRows(
  times: Float64Array, codes: Int32Array, cust: Int32Array, seg: Int32Array | undefined, flag: Int32Array,
  from: number, to: number, index: (ms: number) => number, segments: number, state: Int32Array,
  period: Float64Array, unit: Int32Array, flags: Int32Array, n: number, span: Float64Array, at: number, end: number,
): number {
  let lo = span[0];
  let hi = span[1];
  for (let i = at; i < end; i++) {
    const c = codes[i];
    const t = times[i];
    const cu = cust[i];
    if (c < 0 || cu < 0 || !(t >= from && t < to)) continue;
    const bits = flag[c];
    if (bits === 0) continue;
    const p = index(t);
    const u = seg ? cu * segments + seg[i] : cu;
    const had = state[2 * u + 1];
    if (had !== 0 && state[2 * u] !== p) {
      if (p < state[2 * u]) return -1;
      if (had & 1) {
        period[n] = state[2 * u];
        unit[n] = u;
        flags[n++] = had;
      }
      state[2 * u + 1] = bits;
    } else state[2 * u + 1] = had | bits;
    state[2 * u] = p;
    if (bits & 1) {
      if (p < lo) lo = p;
      if (p > hi) hi = p;
    }
  }
  span[0] = lo;
  span[1] = hi;
  return n;
}

/** The blocks' counts from the triples: those in the periods reported; steps that pause between blocks. */
export function* tallyUnits(units: Triples, f: number, first: number, periods: number, segments: number): Steps<AdoptionCounts> {
  const blocks = periods * segments;
  const active = new Float64Array(blocks);
  const adopters = new Float64Array(blocks * f);
  const withFirst = new Float64Array(blocks * f);
  const present = new Uint8Array(segments);
  const { period, unit, flags, n } = units;
  for (let k = 0; k < n; k += BLOCK_ROWS) {
    tallyTriples(period, unit, flags, f, first, periods, segments, active, adopters, withFirst, present, k, Math.min(n, k + BLOCK_ROWS));
    yield;
  }
  return { first, periods, segments, present, active, adopters, withFirst };
}

/** tallyUnits over triples [at, end). */
function tallyTriples(
  period: Float64Array, unit: Int32Array, flags: Int32Array, f: number, first: number, periods: number, segments: number,
  active: Float64Array, adopters: Float64Array, withFirst: Float64Array, present: Uint8Array, at: number, end: number,
): void {
  for (let k = at; k < end; k++) {
    const p = period[k] - first;
    if (p < 0 || p >= periods) continue;
    const s = unit[k] % segments;
    const blk = p * segments + s;
    const bits = flags[k];
    active[blk]++;
    present[s] = 1;
    for (let j = 0; j < f; j++) {
      if (!(bits & (2 << j))) continue;
      adopters[blk * f + j]++;
      if (j > 0 && bits & 2) withFirst[blk * f + j]++;
    }
  }
}

/** (period, unit, flags) triples in typed arrays that grow by doubling; the first `n` are set. */
class Triples {
  period = new Float64Array(1024);
  unit = new Int32Array(1024);
  flags = new Int32Array(1024);
  n = 0;

  /** Room for `extra` more triples. */
  reserve(extra: number): void {
    if (this.n + extra <= this.unit.length) return;
    const length = Math.max(2 * this.unit.length, this.n + extra);
    const grow = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(length);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.period = grow(this.period);
    this.unit = grow(this.unit);
    this.flags = grow(this.flags);
  }
}
