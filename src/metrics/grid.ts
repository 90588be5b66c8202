// The period × segment grid that npsTrend, channelCsat and ticketStats count into:
// one pass gives every kept row a cell number (period, then segment), so each
// kernel is a plain loop `acc[cell[i]] += …`.
import type { SegmentLimit } from '../query/options.js';
import type { Bucketer } from '../time/index.js';
import type { Range, Segments } from './input.js';
import { finish, type Steps } from '../data/slices.js';
import { BLOCK_ROWS } from './blocks.js';
import { checkPeriods } from './limits.js';
import { segmentOrder } from './options.js';
import { groupSegments } from './others.js';

/** Ordinal of the last period holding an instant before `to` (ranges are half-open). */
export function lastPeriodBefore(b: Bucketer, to: number): number {
  const i = b.index(to);
  return b.start(i) >= to ? i - 1 : i;
}

export interface GridSpec {
  /** Named in a PulsoLimitError when the span has too many periods. */
  readonly metric: string;
  /** The time each row is bucketed and ranged by. */
  readonly time: Float64Array;
  /** Keep only rows whose code here equals `keepCode` (survey kind). */
  readonly keep?: Int32Array;
  readonly keepCode?: number;
  /** Rows shown: which periods get rows (and, without lookback, which rows count). */
  readonly range: Range;
  /** Earlier periods counted into trailing windows (rolling − 1); needs `bucket`. */
  readonly lookback?: number;
  /** Without it the grid has one period. */
  readonly bucket?: Bucketer;
  readonly segments?: Segments;
  /** Past `max` segments with counted rows, the smallest are folded into "(others)". */
  readonly limit?: SegmentLimit;
}

export interface Grid {
  /** Ordinal of the first shown period (0 without a bucket). */
  readonly first: number;
  /** Shown periods; 0 when there is nothing to show. */
  readonly periods: number;
  readonly lookback: number;
  /** Segment labels in display order (one unnamed segment without `by`). */
  readonly labels: readonly string[];
  /** Per row: (period − first + lookback) · labels.length + segment, or -1 when not counted. */
  readonly cell: Int32Array;
  /** Cells in all: (periods + lookback) · labels.length. */
  readonly cells: number;
  /** Segments folded into "(others)" (0 when none were). */
  readonly grouped: number;
}

/** The period ordinal of a row that is not kept. */
export const SKIP = -2147483648;

/**
 * Buckets the kept rows. Missing range ends come from the data (first and last
 * period with a row in range); with no such row, from the other end, or nothing.
 * Segments are those with a counted row, by label (plain string order), "(none)" and
 * "(others)" last. A span of more than MAX_PERIODS periods throws a PulsoLimitError
 * before the grid is laid out.
 */
export function gridOf(spec: GridSpec): Grid {
  return finish(gridSteps(spec));
}

/** gridOf as steps that pause between blocks of rows (src/data/slices.ts). */
export function* gridSteps(spec: GridSpec): Steps<Grid> {
  const { ordinal: cell, origin, rank, codes: seg, ...grid } = yield* gridPeriodSteps(spec);
  const ext = grid.periods + grid.lookback;
  for (let lo = 0; lo < cell.length; lo += BLOCK_ROWS) {
    cellRows(cell, origin, ext, grid.labels.length, rank, seg, lo, Math.min(cell.length, lo + BLOCK_ROWS));
    yield;
  }
  return { ...grid, cell };
}

/** A grid laid out, each row still at its period ordinal (SKIP when not kept). */
export interface GridPeriods extends Omit<Grid, 'cell'>, Pick<Layout, 'rank' | 'codes'> {
  /** Per row: period ordinal, or SKIP; in the grid at (ordinal − origin) · S + rank[code]. */
  readonly ordinal: Int32Array;
  /** Ordinal of the extended grid's first period (first − lookback). */
  readonly origin: number;
}

/**
 * gridOf's first pass and layout, without the pass that turns ordinals into cells: a
 * kernel that reads each row once more anyway can place it in the grid as it counts.
 */
export function gridPeriods(spec: GridSpec): GridPeriods {
  return finish(gridPeriodSteps(spec));
}

/** gridPeriods as steps that pause between blocks of rows (src/data/slices.ts). */
export function* gridPeriodSteps(spec: GridSpec): Steps<GridPeriods> {
  const { range, bucket } = spec;
  const lookback = bucket ? (spec.lookback ?? 0) : 0;
  const lo =
    lookback > 0 && bucket && range.from > -Infinity
      ? Math.min(range.from, bucket.start(bucket.index(range.from) - lookback))
      : range.from;
  const ordinal = new Int32Array(spec.time.length);
  const weight = new Float64Array(spec.segments ? spec.segments.labels.length : 1);
  const [min, max] = yield* bucketRows(spec, lo, ordinal, weight);
  const { first, periods, rank, labels, grouped, codes } = layoutOf(spec, lookback, min, max, weight);
  const cells = (periods + lookback) * labels.length;
  return { first, periods, lookback, labels, cells, grouped, ordinal, origin: first - lookback, rank, codes };
}

/**
 * Rows [lo, hi): period ordinal → cell of the extended grid (lookback periods first,
 * `origin` its first period), -1 outside it. Plain arguments, called per block: see
 * blocks.ts for why.
 */
function cellRows(
  cell: Int32Array, origin: number, ext: number, S: number, rank: Int32Array, seg: Int32Array | undefined,
  lo: number, hi: number,
): void {
  for (let i = lo; i < hi; i++) {
    const e = cell[i] === SKIP ? -1 : cell[i] - origin;
    cell[i] = e >= 0 && e < ext ? e * S + rank[seg ? seg[i] : 0] : -1;
  }
}

/** A grid's periods and segments, without the per-row cells. */
export interface Layout {
  readonly first: number;
  readonly periods: number;
  /** Segment labels in display order. */
  readonly labels: readonly string[];
  /** Per segment code (after folding into "(others)"): its place in `labels`. */
  readonly rank: Int32Array;
  /** Segment code per row after folding (undefined without segments). */
  readonly codes: Int32Array | undefined;
  readonly grouped: number;
}

/**
 * The periods and segments of a grid, from the first and last period with a row in
 * range and the counted rows per segment code: what `gridOf` lays out after its pass.
 */
export function layoutOf(
  spec: Pick<GridSpec, 'metric' | 'range' | 'bucket' | 'segments' | 'limit'>,
  lookback: number,
  min: number,
  max: number,
  weight: Float64Array,
): Layout {
  const { range, bucket } = spec;
  const [first, last] = spanOf(bucket, range, min, max);
  if (bucket && last >= first) checkPeriods(spec.metric, bucket, first, last, lookback);
  const segments = spec.segments ? groupSegments(spec.segments, weight, spec.limit ?? { max: Infinity }) : undefined;
  const used = new Uint8Array(segments ? segments.labels.length : 1);
  for (let c = 0; segments && c < weight.length; c++) if (weight[c] > 0) used[segments.map[c]] = 1;
  const order = segments ? segmentOrder(segments.labels, used) : [0];
  const rank = new Int32Array(used.length).fill(-1);
  order.forEach((code, r) => (rank[code] = r));
  const periods = Math.max(0, last - first + 1);
  const labels = segments ? order.map((c) => segments.labels[c]) : [''];
  return { first, periods, labels, rank, codes: segments?.codes, grouped: segments?.grouped ?? 0 };
}

/**
 * First pass: each kept row's period ordinal into `cell` (SKIP otherwise), counted in
 * its segment's weight; returns the first and last period of rows in [from, to).
 */
function* bucketRows(
  spec: GridSpec,
  lo: number,
  cell: Int32Array,
  weight: Float64Array,
): Steps<[number, number]> {
  const { time, keep, keepCode, range, bucket, segments } = spec;
  // [min, max] period of the rows in [from, to), updated block by block.
  const span = new Float64Array([Infinity, -Infinity]);
  for (let at = 0; at < time.length; at += BLOCK_ROWS) {
    const end = Math.min(time.length, at + BLOCK_ROWS);
    // NaN: no code equals it, as undefined did (keep without keepCode keeps nothing).
    bucketBlock(time, keep, keepCode ?? NaN, lo, range.from, range.to, bucket?.index, segments?.codes, cell, weight, span, at, end);
    yield;
  }
  return [span[0], span[1]];
}

/** bucketRows over rows [at, end), with plain arguments (blocks.ts says why). */
function bucketBlock(
  time: Float64Array, keep: Int32Array | undefined, keepCode: number, lo: number, from: number, to: number,
  index: ((ms: number) => number) | undefined, codes: Int32Array | undefined, cell: Int32Array,
  weight: Float64Array, span: Float64Array, at: number, end: number,
): void {
  let min = span[0];
  let max = span[1];
  for (let i = at; i < end; i++) {
    const t = time[i];
    if ((keep !== undefined && keep[i] !== keepCode) || !(t >= lo && t < to)) {
      cell[i] = SKIP;
      continue;
    }
    const p = index ? index(t) : 0;
    cell[i] = p;
    if (t >= from) {
      if (p < min) min = p;
      if (p > max) max = p;
    }
    weight[codes ? codes[i] : 0]++;
  }
  span[0] = min;
  span[1] = max;
}

export function spanOf(
  bucket: Bucketer | undefined,
  range: Range,
  min: number,
  max: number,
): [number, number] {
  if (!(range.from < range.to)) return [0, -1];
  if (!bucket) return min <= max ? [0, 0] : [0, -1];
  let first = range.from > -Infinity ? bucket.index(range.from) : min;
  let last = range.to < Infinity ? lastPeriodBefore(bucket, range.to) : max;
  if (first === Infinity) first = last;
  if (last === -Infinity) last = first;
  if (!Number.isFinite(first) || !Number.isFinite(last)) return [0, -1];
  return [first, last];
}

/** A group of rows counted elsewhere (a SQL GROUP BY): its period, segment label, and whether a row is in [from, to). */
export interface GroupKey {
  /** Period ordinal (0 without a bucket). */
  readonly p: number;
  /** Segment label ("(none)" for null); ignored without segments. */
  readonly label: string;
  /** Some row of the group is at or after `from` (the rest are lookback rows). */
  readonly inRange: boolean;
}

/**
 * The grid `gridOf` would lay out for rows grouped elsewhere: the same first period,
 * periods and segment labels, and each group's cell (-1 outside the grid). Groups hold
 * the rows in [lo, to) that `gridOf` keeps, lo reaching back `lookback` periods.
 */
export function gridOfGroups(
  groups: readonly GroupKey[],
  range: Range,
  bucket: Bucketer | undefined,
  lookback: number,
  segmented: boolean,
): { grid: Omit<Grid, 'cell'>; cells: Int32Array } {
  const back = bucket ? lookback : 0;
  let min = Infinity;
  let max = -Infinity;
  const names: string[] = [];
  const code = new Map<string, number>();
  for (const g of groups) {
    if (g.inRange) {
      if (g.p < min) min = g.p;
      if (g.p > max) max = g.p;
    }
    if (segmented && !code.has(g.label)) code.set(g.label, names.push(g.label) - 1);
  }
  const [first, last] = spanOf(bucket, range, min, max);
  const order = segmented ? segmentOrder(names, new Uint8Array(names.length).fill(1)) : [0];
  const rank = new Int32Array(Math.max(1, names.length)).fill(-1);
  order.forEach((c, r) => (rank[c] = r));
  const periods = Math.max(0, last - first + 1);
  const ext = periods + back;
  const S = order.length;
  const cells = new Int32Array(groups.length);
  groups.forEach((g, i) => {
    const e = g.p - first + back;
    cells[i] = e >= 0 && e < ext ? e * S + rank[segmented ? code.get(g.label)! : 0] : -1;
  });
  const labels = segmented ? order.map((c) => names[c]) : [''];
  return { grid: { first, periods, lookback: back, labels, cells: ext * S, grouped: 0 }, cells };
}

/**
 * Sibling groups for small-cell suppression of one count laid out at
 * `(p · S + s) · stride + offset`: per period across segments (their sum is the
 * period's total, which the same metric without `by` shows) and, when
 * `acrossPeriods`, per segment across periods (their sum is the segment's total
 * over the range, which the metric without `period` or a KPI card shows).
 */
export function gridGroups(
  P: number,
  S: number,
  stride: number,
  offset: number,
  acrossPeriods: boolean,
): number[][] {
  const groups: number[][] = [];
  const at = (p: number, s: number) => (p * S + s) * stride + offset;
  if (S > 1) for (let p = 0; p < P; p++) groups.push(Array.from({ length: S }, (_, s) => at(p, s)));
  if (acrossPeriods && P > 1)
    for (let s = 0; s < S; s++) groups.push(Array.from({ length: P }, (_, p) => at(p, s)));
  return groups;
}

/** A count that has been through suppression: null when hidden. */
export function shown(count: number, hidden: Uint8Array, at: number): number | null {
  return hidden[at] ? null : count;
}
