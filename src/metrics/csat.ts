// channelCsat (SPEC §3.3): CSAT per channel (or any `by`), optionally per period:
// percent satisfied with its 95% Wilson interval, and the mean score.
import type { TimeInput } from '../adapters/types.js';
import type { TableInput, Tables } from '../data/schema.js';
import { finish, type Steps } from '../data/slices.js';
import { bucketer, PERIODS, type Bucketer, type Period } from '../time/period.js';
import { column, finite, keyword, options as optionsOf, range, segmentLimit, wholeNumber, zone, type Range, type SegmentLimit } from '../query/options.js';
import { gridGroups, gridSteps, lastPeriodBefore, layoutOf, shown, type Grid, type GridSpec, type Layout } from './grid.js';
import { metricInput } from './input.js';
import { checkRangePeriods } from './limits.js';
import { withGrouped } from './others.js';
import { wilson } from './stats.js';
import { checkMinCellSize, suppressCells } from './suppress.js';
import { BLOCK_ROWS } from './blocks.js';

export interface ChannelCsatOptions {
  /** Default `channel`: the survey's own column; or any customer attribute. */
  by?: string;
  from?: TimeInput;
  to?: TimeInput;
  /** When given, one row per period and group. */
  period?: Period;
  /** A score at least this is "satisfied" (default 4). */
  satisfiedMin?: number;
  /** Top of the answer scale (default 5); bounds satisfiedMin. */
  scale?: number;
  timeZone?: string;
  minCellSize?: number;
  /** Groups shown, "(others)" included: the smallest past it are folded (default: no limit). */
  maxSegments?: number;
  /** Exactly these groups are shown; every other one is folded into "(others)". */
  keepSegments?: readonly string[];
}

export interface ChannelCsatRow {
  period?: string;
  /** The group's value, whatever `by` names. */
  channel: string;
  n: number | null;
  satisfied: number | null;
  /** 100 · satisfied / n. */
  csat: number | null;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed?: true;
}

export interface CsatCells {
  n: Int32Array;
  satisfied: Int32Array;
  sum: Float64Array;
}

/** Answers, satisfied answers and the score sum per cell. */
export function csatCells(
  score: Float64Array,
  cell: Int32Array,
  cells: number,
  satisfiedMin: number,
): CsatCells {
  const n = new Int32Array(cells);
  const satisfied = new Int32Array(cells);
  const sum = new Float64Array(cells);
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c < 0) continue;
    const s = score[i];
    n[c]++;
    sum[c] += s;
    if (s >= satisfiedMin) satisfied[c]++;
  }
  return { n, satisfied, sum };
}

/**
 * `scale` is the top of the survey's scale: csat answers are 1–5 (SPEC §1), so a
 * whole number from 2 to 5. It only bounds `satisfiedMin`; answers are neither
 * filtered nor rescaled by it (validation already rejects scores outside 1–5).
 */
export function checkSatisfied(satisfiedMin: unknown, scale: unknown): number {
  const top = wholeNumber(scale, 'scale', { min: 2, max: 5, fallback: 5, note: 'csat answers are 1–5' });
  return finite(satisfiedMin, 'satisfiedMin', { min: 1, max: top, fallback: 4, expected: `a score from 1 to scale (${top})` });
}

export interface ChannelCsatSettings {
  /** Undefined without `period`: one row per group. */
  readonly bucket: Bucketer | undefined;
  readonly range: Range;
  readonly by: string;
  readonly satisfiedMin: number;
  readonly minCellSize: number;
  readonly segments: SegmentLimit;
}

/** The options checked and resolved, without data (what channelCsat does first). */
export function checkChannelCsatOptions(options: unknown): ChannelCsatSettings {
  const o = optionsOf(options, 'channelCsat');
  const period = keyword(o.period, 'period', PERIODS);
  const timeZone = zone(o.timeZone);
  const settings = {
    bucket: period === undefined ? undefined : bucketer(period, timeZone),
    range: range(o),
    by: column(o.by, 'by', 'channel')!,
    satisfiedMin: checkSatisfied(o.satisfiedMin, o.scale),
    minCellSize: checkMinCellSize(o.minCellSize),
    segments: segmentLimit(o),
  };
  if (settings.bucket) checkRangePeriods('channelCsat', settings.bucket, settings.range);
  return settings;
}

/**
 * CSAT per group (SPEC §3.3): csat = 100 · satisfied / n with its Wilson interval in
 * percent, and the mean score, over the csat answers in [from, to). With `period`,
 * every period of the range (or of the data) × every group that answered in it,
 * empty cells with n = 0 and null rates, as npsTrend does.
 */
export function channelCsat(
  input: Tables | TableInput,
  options?: ChannelCsatOptions,
): ChannelCsatRow[] {
  return finish(channelCsatSteps(input, options));
}

/** channelCsat as steps that pause between blocks of rows (src/data/slices.ts). */
export function* channelCsatSteps(input: Tables | TableInput, options?: ChannelCsatOptions): Steps<ChannelCsatRow[]> {
  const { bucket, range, by, satisfiedMin, minCellSize: k, segments } = checkChannelCsatOptions(options);
  const mi = metricInput(input, 'surveys', 'channelCsat');
  const frame = mi.require('surveys');
  const kind = frame.dict('kind');
  const spec: GridSpec = {
    time: frame.time('at'),
    keep: kind.codes,
    keepCode: kind.index.get('csat') ?? -2,
    range,
    bucket,
    segments: mi.segments(frame, by),
    limit: segments,
    metric: 'channelCsat',
  };
  const score = frame.num('score');
  const fast = yield* csatOnePass(spec, score, satisfiedMin);
  if (fast) return withGrouped(csatRows(fast.acc, fast.grid, bucket, k), fast.grid.grouped);
  const grid = yield* gridSteps(spec);
  return withGrouped(csatRows(csatCells(score, grid.cell, grid.cells, satisfiedMin), grid, bucket, k), grid.grouped);
}

/** Most (period, segment code) cells csatOnePass counts into before leaving it to gridOf. */
const ONE_PASS_CELLS = 1 << 20;

/**
 * csatCells over gridOf's cells in one pass over the rows instead of three, for the
 * common case where the periods are known before the pass (no `period`, or both range
 * ends given): each answer is counted in its (period, segment code) cell, and those
 * cells are put in the grid's order once it is laid out. Undefined (gridOf's way then)
 * when segments are folded into "(others)": a folded cell's score sum must add its
 * answers in row order, as csatCells does, for the mean to be the same to the last bit.
 */
function* csatOnePass(
  spec: GridSpec,
  score: Float64Array,
  satisfiedMin: number,
): Steps<{ acc: CsatCells; grid: Layout } | undefined> {
  const { time, keep, keepCode, range, bucket, segments } = spec;
  if (spec.lookback) return undefined;
  let base = 0;
  let P = 1;
  if (bucket) {
    if (!(range.from > -Infinity && range.to < Infinity)) return undefined;
    base = bucket.index(range.from);
    const last = lastPeriodBefore(bucket, range.to);
    if (last < base) return undefined;
    P = last - base + 1;
  }
  const L = segments ? segments.labels.length : 1;
  if (P * L > ONE_PASS_CELLS) return undefined;
  const n = new Int32Array(P * L);
  const satisfied = new Int32Array(P * L);
  const sum = new Float64Array(P * L);
  const index = bucket?.index;
  const seg = segments?.codes;
  // NaN: no code equals it, as undefined did (keep without keepCode keeps nothing).
  for (let lo = 0; lo < time.length; lo += BLOCK_ROWS) {
    const hi = Math.min(time.length, lo + BLOCK_ROWS);
    countRows(time, keep, keepCode ?? NaN, range.from, range.to, index, base, L, seg, score, satisfiedMin, n, satisfied, sum, lo, hi);
    yield;
  }
  const weight = new Float64Array(L);
  let any = false;
  for (let r = 0; r < n.length; r++) {
    weight[r % L] += n[r];
    if (n[r] > 0) any = true;
  }
  // Without a bucket the span is one period when some answer is in range; with one,
  // the range's ends give it and these are not read.
  const grid = layoutOf(spec, 0, any ? 0 : Infinity, any ? 0 : -Infinity, weight);
  if (grid.grouped > 0) return undefined;
  const S = grid.labels.length;
  const cells = grid.periods * S;
  const acc: CsatCells = { n: new Int32Array(cells), satisfied: new Int32Array(cells), sum: new Float64Array(cells) };
  for (let p = 0; p < P; p++) {
    const e = p + base - grid.first;
    if (e < 0 || e >= grid.periods) continue;
    for (let c = 0; c < L; c++) {
      const r = p * L + c;
      if (n[r] === 0) continue;
      const at = e * S + grid.rank[c];
      acc.n[at] = n[r];
      acc.satisfied[at] = satisfied[r];
      acc.sum[at] = sum[r];
    }
  }
  return { acc, grid };
}

/**
 * csatOnePass's count of rows [lo, hi) into their (period, segment code) cells. Plain
 * arguments, no object of its own: optimized code that specialized on an object's
 * shape is dropped when a full collection frees that shape between calls.
 */
function countRows(
  time: Float64Array, keep: Int32Array | undefined, keepCode: number, from: number, to: number,
  index: ((ms: number) => number) | undefined, base: number, L: number, seg: Int32Array | undefined,
  score: Float64Array, satisfiedMin: number, n: Int32Array, satisfied: Int32Array, sum: Float64Array,
  lo: number, hi: number,
): void {
  for (let i = lo; i < hi; i++) {
    const t = time[i];
    if ((keep !== undefined && keep[i] !== keepCode) || !(t >= from && t < to)) continue;
    const r = (index ? index(t) - base : 0) * L + (seg ? seg[i] : 0);
    const s = score[i];
    n[r]++;
    sum[r] += s;
    if (s >= satisfiedMin) satisfied[r]++;
  }
}

/** Counts → rows (the second half of channelCsat, shared with SQL sources). */
export function csatRows(
  acc: CsatCells,
  grid: Pick<Grid, 'first' | 'periods' | 'labels'>,
  bucket: Bucketer | undefined,
  k: number,
): ChannelCsatRow[] {
  const S = grid.labels.length;
  const P = grid.periods;
  const hidden = hiddenCells(acc, P, S, k, bucket !== undefined);
  const rows: ChannelCsatRow[] = [];
  for (let p = 0; p < P; p++) {
    for (let s = 0; s < S; s++) {
      const row = rowOf(acc, p * S + s, grid.labels[s], hidden);
      rows.push(bucket ? { period: bucket.key(grid.first + p), ...row } : row);
    }
  }
  return rows;
}

/**
 * Suppression cells, three per row: n, satisfied, not satisfied (the last two add
 * up to n). n's siblings: the other groups of the period and, with `period`, the
 * other periods of the group.
 */
function hiddenCells(
  acc: CsatCells,
  P: number,
  S: number,
  k: number,
  acrossPeriods: boolean,
): Uint8Array {
  if (k <= 1) return new Uint8Array(P * S * 3);
  const cells = new Int32Array(P * S * 3);
  const groups = gridGroups(P, S, 3, 0, acrossPeriods);
  for (let r = 0; r < P * S; r++) {
    cells[r * 3] = acc.n[r];
    cells[r * 3 + 1] = acc.satisfied[r];
    cells[r * 3 + 2] = acc.n[r] - acc.satisfied[r];
    groups.push([r * 3 + 1, r * 3 + 2]);
  }
  const hidden = suppressCells(cells, groups, k);
  for (let r = 0; r < P * S; r++) if (hidden[r * 3]) hidden.fill(1, r * 3, r * 3 + 3);
  return hidden;
}

function rowOf(acc: CsatCells, r: number, channel: string, hidden: Uint8Array): ChannelCsatRow {
  const n = acc.n[r];
  const sat = acc.satisfied[r];
  const any = hidden[r * 3] | hidden[r * 3 + 1] | hidden[r * 3 + 2];
  // With any count hidden, the rate, interval and mean are too: with n they give counts back.
  const ci = any ? null : wilson(sat, n);
  const row: ChannelCsatRow = {
    channel,
    n: shown(n, hidden, r * 3),
    satisfied: shown(sat, hidden, r * 3 + 1),
    csat: any || n === 0 ? null : (100 * sat) / n,
    mean: any || n === 0 ? null : acc.sum[r] / n,
    ciLow: ci ? 100 * ci.low : null,
    ciHigh: ci ? 100 * ci.high : null,
  };
  if (any) row.suppressed = true;
  return row;
}
