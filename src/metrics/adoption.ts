// Feature adoption per period (SPEC §3.6). Decisions where the SPEC is silent:
// - `active` counts customers with an `activeEvents` event (default: any event) in
//   the period; a customer who used a feature without a counted event is not
//   active, so not an adopter either (adoption stays within [0, 1]).
// - Periods run from the period of `from` (else of the first counted event) to the
//   period of the last instant before `to` (else of the last counted event), empty
//   ones included; with `by`, every segment with a counted event in range gets a row
//   for every period and feature. Features keep the order given.
// - With `by` on the activity table's own column, a customer is active (adopter) in
//   each segment whose rows show it.
// - Comparisons (`compare`, SPEC §3.10): 'segments' (default with `by`) compares each
//   segment with the other shown segments pooled, per period and feature, as
//   independent samples; 'features' compares each feature with the first one in the
//   same period and segment, paired (the same active customers answer both: McNemar's
//   test, Newcombe's paired interval). q-values adjust across the whole result.
//   `compareAdoption` compares any two rows a widget puts side by side.
import type { TimeInput } from '../adapters/types.js';
import type { Tables, TableInput } from '../data/schema.js';
import type { Frame } from '../data/frame.js';
import { bucketer, PERIODS, type Bucketer, type Period } from '../time/period.js';
import { column, isAbsent, keyword, names, options as optionsOf, range, segmentLimit, zone, type Range, type SegmentLimit } from '../query/options.js';
import { metricInput, type Segments } from './input.js';
import { checkPeriods, checkRangePeriods, MAX_STEPS } from './limits.js';
import { segmentOrder } from './options.js';
import { groupSegments, withGrouped } from './others.js';
import { checkMinCellSize } from './suppress.js';
import { checkMinSample, compareProportions, type ProportionComparison } from './compare.js';
import { adoptionRows, type AdoptionCompare, type AdoptionCounts, type AdoptionRow } from './adoption-rows.js';

export type { AdoptionCompare, AdoptionRow } from './adoption-rows.js';

export interface AdoptionOptions {
  /** Feature event names (at least one); or `"a,b"`. */
  features: readonly string[] | string;
  /** Default `month`. */
  period?: Period;
  from?: TimeInput;
  to?: TimeInput;
  by?: string;
  /** Events that make a customer active; default any event. */
  activeEvents?: readonly string[] | string;
  timeZone?: string;
  minCellSize?: number;
  /** What rows are compared with; default 'segments' with `by`, else 'none'. */
  compare?: AdoptionCompare;
  /** Segments shown, "(others)" included: the smallest past it are folded (default: no limit). */
  maxSegments?: number;
  /** Exactly these segments are shown; every other one is folded into "(others)". */
  keepSegments?: readonly string[];
  /** Fewer active customers than this on a side: not compared (default 30). */
  minSample?: number;
}


const COMPARES: readonly AdoptionCompare[] = ['segments', 'features', 'none'];

export interface AdoptionSettings {
  readonly features: string[];
  readonly active: string[] | undefined;
  readonly buckets: Bucketer;
  readonly range: Range;
  readonly by: string | undefined;
  readonly k: number;
  readonly compare: AdoptionCompare;
  readonly segments: SegmentLimit;
  readonly minSample: number;
}
type Checked = AdoptionSettings;

/** The options checked and resolved, without data (what featureAdoption does first). */
export function checkAdoptionOptions(options: unknown): AdoptionSettings {
  const o = optionsOf(options, 'featureAdoption');
  const features = names(o.features, 'features', 1, MAX_STEPS);
  const twice = features.find((f, i) => features.indexOf(f) !== i);
  if (twice !== undefined) throw new RangeError(`features must not repeat a name; got '${twice}' twice`);
  const by = column(o.by, 'by');
  const compare = keyword(o.compare, 'compare', COMPARES, by === undefined ? 'none' : 'segments');
  if (compare === 'segments' && by === undefined) throw new RangeError("compare 'segments' needs by");
  const settings = {
    features,
    active: isAbsent(o.activeEvents) ? undefined : names(o.activeEvents, 'activeEvents', 1),
    buckets: bucketer(keyword(o.period, 'period', PERIODS, 'month'), zone(o.timeZone)),
    range: range(o),
    by,
    k: checkMinCellSize(o.minCellSize),
    compare,
    segments: segmentLimit(o),
    minSample: checkMinSample(o.minSample),
  };
  checkRangePeriods('featureAdoption', settings.buckets, settings.range);
  return settings;
}

/** SPEC §3.6: rows by period, then segment, then feature (in the order given). */
export function featureAdoption(tables: Tables | TableInput, options: AdoptionOptions): AdoptionRow[] {
  const o = checkAdoptionOptions(options);
  const input = metricInput(tables, 'activity', 'featureAdoption');
  const frame = input.require('activity');
  const seg = o.by === undefined ? undefined : input.segments(frame, o.by);
  const counted = countAdoption(frame, o, seg);
  if (!counted) return [];
  const { counts, labels, grouped } = counted;
  const order = labels ? segmentOrder(labels, counts.present) : [0];
  return withGrouped(adoptionRows(counts, o.features, order, labels, o.buckets, o), grouped);
}

/** Per event code: the feature index, F for a counted non-feature event, −1 for neither. */
function slotsOf(frame: Frame, o: Checked): { slot: Int32Array; counted: Uint8Array } {
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

/** The rows in range that matter, their period ordinals, and the periods to report. */
function scan(frame: Frame, o: Checked, slot: Int32Array, counted: Uint8Array) {
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
  if (from > -Infinity) lo = o.buckets.index(from);
  if (to < Infinity) {
    hi = o.buckets.index(to);
    if (o.buckets.start(hi) >= to) hi--;
  }
  return { rows: rows.subarray(0, n), period, first: lo, periods: hi >= lo ? hi - lo + 1 : 0 };
}

interface Counted {
  counts: AdoptionCounts;
  /** Segment labels by code (after folding), without `by` undefined. */
  labels: readonly string[] | undefined;
  grouped: number;
}

function countAdoption(frame: Frame, o: Checked, segments: Segments | undefined): Counted | undefined {
  const { slot, counted } = slotsOf(frame, o);
  const { rows, period, first, periods } = scan(frame, o, slot, counted);
  if (!(periods > 0)) return undefined;
  checkPeriods('featureAdoption', o.buckets, first, first + periods - 1);
  const codes = frame.dict('event').codes;
  const folded = segments ? foldSegments(segments, rows, codes, counted, o.segments) : undefined;
  const counts = countBlocks(frame, o, { rows, period, first, periods }, slot, counted, folded?.codes, folded ? folded.labels.length : 1);
  return { counts, labels: folded?.labels, grouped: folded?.grouped ?? 0 };
}

/** Segments weighed by their counted events in range, the smallest folded past `maxSegments`. */
function foldSegments(seg: Segments, rows: Uint32Array, codes: Int32Array, counted: Uint8Array, limit: SegmentLimit) {
  const weight = new Float64Array(seg.labels.length);
  for (const i of rows) if (counted[codes[i]]) weight[seg.codes[i]]++;
  return groupSegments(seg, weight, limit);
}

interface Scanned {
  rows: Uint32Array;
  period: Int32Array;
  first: number;
  periods: number;
}

function countBlocks(
  frame: Frame,
  o: Checked,
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

/**
 * compareProportions (SPEC §3.10) between two rows a widget shows side by side, as
 * independent samples (two segments; for two features of the same customers, ask
 * featureAdoption with compare 'features', which knows who used both). Null when a
 * count is hidden or missing.
 */
export function compareAdoption(
  a: Pick<AdoptionRow, 'active' | 'adopters'>,
  b: Pick<AdoptionRow, 'active' | 'adopters'>,
  options: { minSample?: number } = {},
): ProportionComparison | null {
  if (a.active === null || a.adopters === null || b.active === null || b.adopters === null) return null;
  return compareProportions({ x: a.adopters, n: a.active }, { x: b.adopters, n: b.active }, options);
}
