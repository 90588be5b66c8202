// Feature adoption's counts (SPEC §3.6): per (period, segment) block, the customers
// counted active and, per feature, the active ones who used it (and who also used
// the first feature, for paired comparisons). A log already in order takes one pass
// (adoption-stream.ts); otherwise the rows are bucketed by block and each bucket's
// distinct customers counted with stamp arrays.
import type { Frame } from '../data/frame.js';
import type { Steps } from '../data/slices.js';
import type { AdoptionCounts } from './adoption-rows.js';
import type { AdoptionSettings } from './adoption.js';
import type { Segments } from './input.js';
import { checkPeriods } from './limits.js';
import { groupSegments } from './others.js';
import { streamAdoption, tallyUnits } from './adoption-stream.js';

export interface Counted {
  counts: AdoptionCounts;
  /** Segment labels by code (after folding), without `by` undefined. */
  labels: readonly string[] | undefined;
  grouped: number;
}

/** The counts, as steps that pause between blocks of rows (src/data/slices.ts). */
export function* countAdoption(frame: Frame, o: AdoptionSettings, segments: Segments | undefined): Steps<Counted | undefined> {
  const { slot, counted } = slotsOf(frame, o);
  const folded = segments ? foldSegments(frame, o, segments, counted) : undefined;
  const seg = folded?.codes;
  const nSeg = folded ? folded.labels.length : 1;
  const streamed = yield* streamAdoption(frame, o, slot, counted, seg, nSeg);
  let counts: AdoptionCounts | undefined;
  if (streamed) {
    const { first, periods } = reported(o, streamed.lo, streamed.hi);
    if (!(periods > 0)) return undefined;
    checkPeriods('featureAdoption', o.buckets, first, first + periods - 1);
    counts = yield* tallyUnits(streamed.units, o.features.length, first, periods, nSeg);
  } else {
    const scanned = scan(frame, o, slot, counted);
    yield;
    if (!(scanned.periods > 0)) return undefined;
    checkPeriods('featureAdoption', o.buckets, scanned.first, scanned.first + scanned.periods - 1);
    counts = countBlocks(frame, o, scanned, slot, counted, seg, nSeg);
  }
  return { counts, labels: folded?.labels, grouped: folded?.grouped ?? 0 };
}

/** Per event code: the feature index, F for a counted non-feature event, −1 for neither. */
export function slotsOf(frame: Frame, o: AdoptionSettings): { slot: Int32Array; counted: Uint8Array } {
  const events = frame.dict('event');
  const slot = new Int32Array(events.values.length);
  const counted = new Uint8Array(events.values.length);
  const f = o.features.length;
  // Sets: a table may name 100,000 distinct events, and a host may list many.
  const active = o.active === undefined ? undefined : new Set(o.active);
  const feature = new Map(o.features.map((name, j) => [name, j]));
  events.values.forEach((name, code) => {
    counted[code] = active === undefined || active.has(name) ? 1 : 0;
    slot[code] = feature.get(name) ?? (counted[code] ? f : -1);
  });
  return { slot, counted };
}

/**
 * The periods reported: from the period of `from` (else of the first counted event, `lo`)
 * to the period of the last instant before `to` (else of the last counted event, `hi`).
 */
function reported(o: AdoptionSettings, lo: number, hi: number): { first: number; periods: number } {
  const { from, to } = o.range;
  if (from > -Infinity) lo = o.buckets.index(from);
  if (to < Infinity) {
    hi = o.buckets.index(to);
    if (o.buckets.start(hi) >= to) hi--;
  }
  return { first: lo, periods: hi >= lo ? hi - lo + 1 : 0 };
}

/** The rows in range that matter, their period ordinals, and the periods to report. */
function scan(frame: Frame, o: AdoptionSettings, slot: Int32Array, counted: Uint8Array): Scanned {
  const at = frame.time('at');
  const codes = frame.dict('event').codes;
  const cust = frame.dict('customer_id').codes;
  const { from, to } = o.range;
  const rows = new Uint32Array(frame.n);
  const period = new Int32Array(frame.n);
  let n = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < frame.n; i++) {
    const t = at[i];
    const c = codes[i];
    if (!(t >= from && t < to) || c < 0 || slot[c] < 0 || cust[i] < 0) continue;
    const p = o.buckets.index(t);
    period[i] = p;
    rows[n++] = i;
    if (counted[c]) {
      if (p < lo) lo = p;
      if (p > hi) hi = p;
    }
  }
  return { rows: rows.subarray(0, n), period, ...reported(o, lo, hi) };
}

/** Segments weighed by their counted events in range, the smallest folded past `maxSegments`. */
function foldSegments(frame: Frame, o: AdoptionSettings, seg: Segments, counted: Uint8Array) {
  const at = frame.time('at');
  const codes = frame.dict('event').codes;
  const cust = frame.dict('customer_id').codes;
  const { from, to } = o.range;
  const weight = new Float64Array(seg.labels.length);
  for (let i = 0; i < frame.n; i++) {
    const t = at[i];
    const c = codes[i];
    if (t >= from && t < to && c >= 0 && counted[c] && cust[i] >= 0) weight[seg.codes[i]]++;
  }
  return groupSegments(seg, weight, o.segments);
}

interface Scanned {
  rows: Uint32Array;
  period: Int32Array;
  first: number;
  periods: number;
}

function countBlocks(
  frame: Frame,
  o: AdoptionSettings,
  { rows, period, first, periods }: Scanned,
  slot: Int32Array,
  counted: Uint8Array,
  seg: Int32Array | undefined,
  segments: number,
): AdoptionCounts {
  const f = o.features.length;
  const codes = frame.dict('event').codes;
  const present = new Uint8Array(segments);
  // Bucket = (period, segment, slot): each (period, segment) block holds its feature
  // buckets, then its counted non-feature events (slot F).
  const key = new Int32Array(rows.length);
  const blocks = periods * segments;
  const start = new Uint32Array(blocks * (f + 1) + 1);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const p = period[i] - first;
    // A feature event outside the counted events' periods has nobody active beside it.
    if (p < 0 || p >= periods) {
      key[r] = -1;
      continue;
    }
    const s = seg ? seg[i] : 0;
    key[r] = (p * segments + s) * (f + 1) + slot[codes[i]];
    start[key[r] + 1]++;
    if (counted[codes[i]]) present[s] = 1;
  }
  for (let b = 0; b + 1 < start.length; b++) start[b + 1] += start[b];
  // Customer codes and counted flags in bucket order, read in sequence by the stamps.
  const cust = frame.dict('customer_id').codes;
  const who = new Int32Array(start[start.length - 1]);
  const isCounted = new Uint8Array(who.length);
  const next = start.slice();
  for (let r = 0; r < rows.length; r++) {
    if (key[r] < 0) continue;
    const at = next[key[r]]++;
    who[at] = cust[rows[r]];
    isCounted[at] = counted[codes[rows[r]]];
  }
  const out = { active: new Float64Array(blocks), adopters: new Float64Array(blocks * f), withFirst: new Float64Array(blocks * f) };
  distinctCounts(frame.dict('customer_id').values.length, who, isCounted, start, f, out);
  return { first, periods, segments, present, ...out };
}

/**
 * Stamp arrays: `seen[c]` = the block (+1) where customer c was last counted active;
 * `usedFirst[c]` = the block (+1) where c last used the first feature, so an adopter
 * of a later feature who used the first one too is counted in `withFirst`.
 */
function distinctCounts(
  customers: number,
  who: Int32Array,
  isCounted: Uint8Array,
  start: Uint32Array,
  f: number,
  out: { active: Float64Array; adopters: Float64Array; withFirst: Float64Array },
): void {
  const { active, adopters, withFirst } = out;
  const seen = new Int32Array(customers);
  const used = new Int32Array(customers);
  const usedFirst = new Int32Array(customers);
  for (let blk = 0; blk < active.length; blk++) {
    const stamp = blk + 1;
    for (let k = start[blk * (f + 1)]; k < start[(blk + 1) * (f + 1)]; k++) {
      if (isCounted[k] && seen[who[k]] !== stamp) {
        seen[who[k]] = stamp;
        active[blk]++;
      }
    }
    for (let j = 0; j < f; j++) {
      const bucket = blk * (f + 1) + j;
      for (let k = start[bucket]; k < start[bucket + 1]; k++) {
        const c = who[k];
        if (seen[c] === stamp && used[c] !== bucket + 1) {
          used[c] = bucket + 1;
          adopters[blk * f + j]++;
          if (j === 0) usedFirst[c] = stamp;
          else if (usedFirst[c] === stamp) withFirst[blk * f + j]++;
        }
      }
    }
  }
}
