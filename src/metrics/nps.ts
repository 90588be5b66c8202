// npsTrend (SPEC §3.2): NPS per period, optionally per segment and over trailing
// windows, with its 95% interval. One pass buckets the answers into a period ×
// segment grid; rolling windows are sliding sums over that grid.
import type { TimeInput } from '../adapters/types.js';
import type { TableInput, Tables } from '../data/schema.js';
import { finish, type Steps } from '../data/slices.js';
import { bucketer, PERIODS, type Bucketer, type Period } from '../time/period.js';
import { column, keyword, options as optionsOf, range, segmentLimit, wholeNumber, zone, type Range, type SegmentLimit } from '../query/options.js';
import { gridGroups, gridPeriodSteps, shown, SKIP, type Grid, type GridPeriods } from './grid.js';
import { metricInput } from './input.js';
import { checkRangePeriods, MAX_PERIODS } from './limits.js';
import { withGrouped } from './others.js';
import { BLOCK_ROWS } from './blocks.js';
import { npsScore } from './stats.js';
import { checkMinCellSize, suppressCells } from './suppress.js';

export interface NpsTrendOptions {
  /** Default `month`. */
  period?: Period;
  from?: TimeInput;
  to?: TimeInput;
  /** A survey column or a customer attribute. */
  by?: string;
  /** Trailing window in periods (default 1). */
  rolling?: number;
  timeZone?: string;
  minCellSize?: number;
  /** Segments shown, "(others)" included: the smallest past it are folded (default: no limit). */
  maxSegments?: number;
  /** Exactly these segments are shown; every other one is folded into "(others)". */
  keepSegments?: readonly string[];
}

export interface NpsTrendRow {
  /** `YYYY-MM-DD` of the period's first day. */
  period: string;
  segment?: string;
  n: number | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  nps: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed?: true;
}

/** Counts per cell of the grid: promoters, passives, detractors at 3·cell + 0, 1, 2. */
export function npsCounts(score: Float64Array, grid: GridPeriods): Int32Array {
  return finish(npsCountSteps(score, grid));
}

/** npsCounts as steps that pause between blocks of rows (src/data/slices.ts). */
function* npsCountSteps(score: Float64Array, grid: GridPeriods): Steps<Int32Array> {
  const { ordinal, origin, rank, codes } = grid;
  const counts = new Int32Array(grid.cells * 3);
  const ext = grid.periods + grid.lookback;
  const S = grid.labels.length;
  for (let lo = 0; lo < ordinal.length; lo += BLOCK_ROWS) {
    countRows(score, ordinal, origin, ext, S, rank, codes, counts, lo, Math.min(ordinal.length, lo + BLOCK_ROWS));
    yield;
  }
  return counts;
}

/**
 * npsCounts over rows [lo, hi), each row placed in the grid as gridOf would place it:
 * a function of its own with plain arguments, called per block (blocks.ts says why).
 */
function countRows(
  score: Float64Array, ordinal: Int32Array, origin: number, ext: number, S: number, rank: Int32Array,
  codes: Int32Array | undefined, counts: Int32Array, lo: number, hi: number,
): void {
  for (let i = lo; i < hi; i++) {
    const p = ordinal[i];
    const e = p - origin;
    if (p === SKIP || e < 0 || e >= ext) continue;
    const s = score[i];
    counts[(e * S + rank[codes ? codes[i] : 0]) * 3 + (s >= 9 ? 0 : s >= 7 ? 1 : 2)]++;
  }
}

export interface NpsTrendSettings {
  readonly bucket: Bucketer;
  readonly range: Range;
  readonly by: string | undefined;
  readonly rolling: number;
  readonly minCellSize: number;
  readonly segments: SegmentLimit;
}

/** The options checked and resolved, without data (what npsTrend does first). */
export function checkNpsTrendOptions(options: unknown): NpsTrendSettings {
  const o = optionsOf(options, 'npsTrend');
  const settings = {
    bucket: bucketer(keyword(o.period, 'period', PERIODS, 'month'), zone(o.timeZone)),
    range: range(o),
    by: column(o.by, 'by'),
    rolling: wholeNumber(o.rolling, 'rolling', { min: 1, max: MAX_PERIODS, fallback: 1, unit: 'periods' }),
    minCellSize: checkMinCellSize(o.minCellSize),
    segments: segmentLimit(o),
  };
  checkRangePeriods('npsTrend', settings.bucket, settings.range, settings.rolling - 1);
  return settings;
}

/**
 * NPS per period (and segment). With `rolling = w` the row of period t counts
 * periods t − w + 1 … t; those windows look back before `from` (the answers of
 * the w − 1 periods before from's period count), so a row's value does not
 * depend on where the chart starts. With w = 1 only answers in [from, to) count.
 */
export function npsTrend(input: Tables | TableInput, options?: NpsTrendOptions): NpsTrendRow[] {
  return finish(npsTrendSteps(input, options));
}

/** npsTrend as steps that pause between the kernel's blocks (src/data/slices.ts). */
export function* npsTrendSteps(input: Tables | TableInput, options?: NpsTrendOptions): Steps<NpsTrendRow[]> {
  const { bucket, range, by, rolling: w, minCellSize: k, segments } = checkNpsTrendOptions(options);
  const mi = metricInput(input, 'surveys', 'npsTrend');
  const frame = mi.require('surveys');
  const kind = frame.dict('kind');
  const grid = yield* gridPeriodSteps({
    time: frame.time('at'),
    keep: kind.codes,
    keepCode: kind.index.get('nps') ?? -2,
    range,
    lookback: w - 1,
    bucket,
    segments: by === undefined ? undefined : mi.segments(frame, by),
    limit: segments,
    metric: 'npsTrend',
  });
  const counts = yield* npsCountSteps(frame.num('score'), grid);
  return withGrouped(npsRows(counts, grid, bucket, by, w, k), grid.grouped);
}

/**
 * Counts → rows (the second half of npsTrend, shared with SQL sources): `ext` holds
 * promoters, passives and detractors per cell of the extended grid (lookback periods first).
 */
export function npsRows(
  ext: Int32Array,
  grid: Pick<Grid, 'first' | 'periods' | 'labels'>,
  bucket: Bucketer,
  by: string | undefined,
  w: number,
  k: number,
): NpsTrendRow[] {
  const S = grid.labels.length;
  const P = grid.periods;
  const counts = rollingSums(ext, S, P, w);
  const hidden = hiddenCells(counts, P, S, k, w === 1);
  const rows: NpsTrendRow[] = [];
  for (let p = 0; p < P; p++) {
    const period = bucket.key(grid.first + p);
    for (let s = 0; s < S; s++) {
      const row = rowOf(counts, (p * S + s) * 3, hidden);
      rows.push(
        by === undefined ? { period, ...row } : { period, segment: grid.labels[s], ...row },
      );
    }
  }
  return rows;
}

/**
 * Window sums over the extended grid (w − 1 lookback periods first): out[p, s] =
 * Σ ext[p … p + w − 1, s] for the P shown periods, three counts per cell.
 */
function rollingSums(ext: Int32Array, S: number, P: number, w: number): Int32Array {
  if (w === 1) return ext;
  const out = new Int32Array(P * S * 3);
  for (let s = 0; s < S; s++) {
    for (let f = 0; f < 3; f++) {
      let sum = 0;
      for (let e = 0; e < P + w - 1; e++) {
        sum += ext[(e * S + s) * 3 + f];
        if (e >= w) sum -= ext[((e - w) * S + s) * 3 + f];
        if (e >= w - 1) out[((e - w + 1) * S + s) * 3 + f] = sum;
      }
    }
  }
  return out;
}

/**
 * Suppression cells, four per row: n, promoters, passives, detractors. The three
 * counts add up to the shown n; n's siblings are the other segments of the period
 * and, for plain (non-rolling) periods, the other periods of the segment.
 */
function hiddenCells(
  counts: Int32Array,
  P: number,
  S: number,
  k: number,
  acrossPeriods: boolean,
): Uint8Array {
  if (k <= 1) return new Uint8Array(P * S * 4);
  const cells = new Int32Array(P * S * 4);
  const groups = gridGroups(P, S, 4, 0, acrossPeriods);
  for (let r = 0; r < P * S; r++) {
    cells[r * 4] = counts[r * 3] + counts[r * 3 + 1] + counts[r * 3 + 2];
    for (let f = 0; f < 3; f++) cells[r * 4 + 1 + f] = counts[r * 3 + f];
    groups.push([r * 4 + 1, r * 4 + 2, r * 4 + 3]);
  }
  const hidden = suppressCells(cells, groups, k);
  // A hidden n hides its parts: they would add back up to it.
  for (let r = 0; r < P * S; r++) if (hidden[r * 4]) hidden.fill(1, r * 4, r * 4 + 4);
  return hidden;
}

function rowOf(
  counts: Int32Array,
  at: number,
  hidden: Uint8Array,
): Omit<NpsTrendRow, 'period' | 'segment'> {
  const [p, pa, d] = [counts[at], counts[at + 1], counts[at + 2]];
  const h = (at / 3) * 4;
  const n = p + pa + d;
  const any = hidden[h] | hidden[h + 1] | hidden[h + 2] | hidden[h + 3];
  // Scores over hidden counts would give the counts back (nps · n = promoters − detractors).
  const score = any ? { nps: null, ciLow: null, ciHigh: null } : npsScore(p, d, n);
  const row = {
    n: shown(n, hidden, h),
    promoters: shown(p, hidden, h + 1),
    passives: shown(pa, hidden, h + 2),
    detractors: shown(d, hidden, h + 3),
    ...score,
  };
  return any ? { ...row, suppressed: true } : row;
}
