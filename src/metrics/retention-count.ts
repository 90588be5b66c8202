// The retention triangle as typed arrays: every (cohort, segment) group with
// members owns a run of cells, one per reported offset, and `retained[cell]` is
// filled by one pass over members (subscription) or over activity rows.
import { checkCells, MAX_COHORT_CELLS } from './limits.js';
import type { Members } from './retention-members.js';
import type { RetentionSettings } from './retention-options.js';
import { BLOCK_ROWS } from './blocks.js';

export interface Layout {
  /** Ordinal of the first cohort slot; group g is cohort `first + floor(g / segments)`. */
  readonly first: number;
  readonly cohorts: number;
  readonly segments: number;
  /** Members per group. */
  readonly size: Int32Array;
  /** First cell of each group, -1 when the group is empty. */
  readonly cellStart: Int32Array;
  /** Offsets reported per cohort slot, minus one (the largest k). */
  readonly lastOffset: Int32Array;
  readonly cells: number;
  /** Group of each member, -1 when it is not in a reported cohort. */
  readonly group: Int32Array;
}

export const EMPTY: Layout = {
  first: 0,
  cohorts: 0,
  segments: 1,
  size: new Int32Array(0),
  cellStart: new Int32Array(0),
  lastOffset: new Int32Array(0),
  cells: 0,
  group: new Int32Array(0),
};

/** The cohorts the members span and their offsets, with the size checks that need no pass. */
export interface Span {
  readonly lo: number;
  readonly hi: number;
  readonly cohorts: number;
  readonly segments: number;
  readonly lastOffset: Int32Array;
  readonly asOfIndex: number;
  /** Past 16 × MAX_COHORT_CELLS groups, checked already; else checked from the group sizes. */
  readonly wide: boolean;
}

function spanOf(m: Members, s: RetentionSettings): Span | undefined {
  const { cohort } = m;
  let [lo, hi] = m.span ?? [Infinity, -Infinity];
  for (let i = 0; !m.span && i < m.count; i++) {
    const c = cohort[i];
    if (c >= s.cohortMin && c <= s.cohortMax) {
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
  }
  if (lo > hi) return undefined;
  const cohorts = hi - lo + 1;
  // Offsets k while start(c + k) ≤ asOf, i.e. c + k ≤ index(asOf), capped by maxOffset.
  const asOfIndex = s.bucket.index(s.asOf);
  const lastOffset = new Int32Array(cohorts);
  for (let j = 0; j < cohorts; j++) lastOffset[j] = Math.min(asOfIndex - (lo + j), s.maxOffset);
  const segments = Math.max(1, m.labels.length);
  const wide = cohorts * segments > 16 * MAX_COHORT_CELLS;
  if (wide) {
    checkCells('retention', s.bucket, lo, Math.max(hi, asOfIndex), cohortCells(m, s, lo, lastOffset));
    // Span × segments, before any of it is allocated (an unlimited `by` over a long span).
    checkCells('retention', s.bucket, lo, hi, cohorts * segments);
  }
  return { lo, hi, cohorts, segments, lastOffset, asOfIndex, wide };
}

/** Each non-empty group's first cell, once the cells are checked against the limit. */
export function cellsOf(span: Span, size: Int32Array, s: RetentionSettings): { cellStart: Int32Array; cells: number } {
  const { lo, hi, segments, lastOffset, asOfIndex } = span;
  // The cohorts' own cells, from the group sizes (the same count cohortCells takes from the members).
  if (!span.wide) checkCells('retention', s.bucket, lo, Math.max(hi, asOfIndex), filledCohortCells(size, segments, lastOffset));
  const cellStart = new Int32Array(size.length).fill(-1);
  let cells = 0;
  for (let g = 0; g < size.length; g++) {
    if (size[g] === 0) continue;
    cellStart[g] = cells;
    cells += lastOffset[Math.floor(g / segments)] + 1;
  }
  checkCells('retention', s.bucket, lo, Math.max(hi, asOfIndex), cells);
  return { cellStart, cells };
}

/**
 * The triangle's groups and cells. Its size is checked twice before it is laid out:
 * the cohorts with members and their offsets (a lower bound, whatever the segments),
 * then every (cohort, segment) group; past MAX_COHORT_CELLS a PulsoLimitError says so.
 */
export function layout(m: Members, s: RetentionSettings): Layout {
  const span = spanOf(m, s);
  return span ? layoutOf(m, s, span) : EMPTY;
}

function layoutOf(m: Members, s: RetentionSettings, span: Span): Layout {
  const { cohort, segment } = m;
  const { lo, cohorts, segments, lastOffset } = span;
  const size = new Int32Array(cohorts * segments);
  const group = new Int32Array(m.count);
  for (let i = 0; i < m.count; i++) {
    const c = cohort[i];
    if (!(c >= s.cohortMin && c <= s.cohortMax)) {
      group[i] = -1;
      continue;
    }
    const g = (c - lo) * segments + (segment ? segment[i] : 0);
    group[i] = g;
    size[g]++;
  }
  const { cellStart, cells } = cellsOf(span, size, s);
  return { first: lo, cohorts, segments, size, cellStart, lastOffset, cells, group };
}

/** cohortCells from the members per (cohort, segment) group. */
function filledCohortCells(size: Int32Array, segments: number, lastOffset: Int32Array): number {
  let cells = 0;
  for (let j = 0; j < lastOffset.length; j++) {
    for (let g = j * segments; g < (j + 1) * segments; g++) {
      if (size[g] > 0) {
        cells += lastOffset[j] + 1;
        break;
      }
    }
  }
  return cells;
}

/** Cells of the cohorts that have members, one segment each: what any breakdown has at least. */
function cohortCells(m: Members, s: RetentionSettings, lo: number, lastOffset: Int32Array): number {
  const seen = new Uint8Array(lastOffset.length);
  let cells = 0;
  for (let i = 0; i < m.count; i++) {
    const c = m.cohort[i];
    if (!(c >= s.cohortMin && c <= s.cohortMax) || seen[c - lo]) continue;
    seen[c - lo] = 1;
    cells += lastOffset[c - lo] + 1;
  }
  return cells;
}

/**
 * Subscription mode: a member is retained at offset k while churned_at is null or
 * ≥ end(c + k) = start(c + k + 1), i.e. while index(churned_at) ≥ c + k + 1. Each
 * member adds one to the cell of its last retained offset; suffix sums give retained(k).
 * When the (group, offset) grid is small, the pass that sizes the groups counts them
 * too, so the members are read once (`grid`); else a second pass follows the layout.
 */
export function subscriptionTriangle(m: Members, s: RetentionSettings): { layout: Layout; retained: Int32Array } {
  const span = spanOf(m, s);
  if (!span) return { layout: EMPTY, retained: new Int32Array(0) };
  const width = span.lastOffset[0] + 1;
  if (span.cohorts * span.segments * width > Math.min(1 << 20, 2 * m.count + 4096)) {
    const l = layoutOf(m, s, span);
    return { layout: l, retained: countSubscription(m, l, s) };
  }
  const { size, grid } = sizeAndCount(m, s, span, width);
  const { cellStart, cells } = cellsOf(span, size, s);
  const lastIn = new Int32Array(cells);
  for (let g = 0; g < size.length; g++) {
    if (cellStart[g] < 0) continue;
    const last = span.lastOffset[Math.floor(g / span.segments)];
    lastIn.set(grid.subarray(g * width, g * width + last + 1), cellStart[g]);
  }
  // The layout's group per member is read only in activity mode: none here.
  const l = { first: span.lo, cohorts: span.cohorts, segments: span.segments, size, cellStart, lastOffset: span.lastOffset, cells, group: new Int32Array(0) };
  return { layout: l, retained: suffixSums(lastIn, l) };
}

/** Members per group, and per (group, offset) the members whose last retained offset it is. */
function sizeAndCount(m: Members, s: RetentionSettings, span: Span, width: number): { size: Int32Array; grid: Int32Array } {
  const size = new Int32Array(span.cohorts * span.segments);
  const grid = new Int32Array(size.length * width);
  const { cohort, segment } = m;
  const { lo, segments, lastOffset } = span;
  for (let at = 0; at < m.count; at += BLOCK_ROWS) {
    const end = Math.min(m.count, at + BLOCK_ROWS);
    countMembers(cohort, segment, m.churned!, s.bucket.index, s.cohortMin, s.cohortMax, lo, segments, lastOffset, width, size, grid, at, end);
  }
  return { size, grid };
}

/** sizeAndCount over members [at, end). */
function countMembers(
  cohort: Float64Array, segment: Int32Array | undefined, churned: Float64Array, index: (ms: number) => number,
  cohortMin: number, cohortMax: number, lo: number, segments: number, lastOffset: Int32Array, width: number,
  size: Int32Array, grid: Int32Array, at: number, end: number,
): void {
  for (let i = at; i < end; i++) {
    const c = cohort[i];
    if (!(c >= cohortMin && c <= cohortMax)) continue;
    const slot = c - lo;
    const g = segment ? slot * segments + segment[i] : slot;
    size[g]++;
    const t = churned[i];
    let last = lastOffset[slot];
    if (t === t) {
      const until = index(t) - c - 1;
      if (until < last) last = until;
    }
    if (last >= 0) grid[g * width + last]++;
  }
}

function countSubscription(m: Members, l: Layout, s: RetentionSettings): Int32Array {
  const lastIn = new Int32Array(l.cells);
  const churned = m.churned!;
  const index = s.bucket.index;
  const { group, lastOffset, cellStart, first, segments } = l;
  for (let i = 0; i < m.count; i++) {
    const g = group[i];
    if (g < 0) continue;
    const slot = segments === 1 ? g : Math.floor(g / segments);
    const t = churned[i];
    let last = lastOffset[slot];
    if (t === t) {
      const until = index(t) - (first + slot) - 1;
      if (until < last) last = until;
    }
    if (last >= 0) lastIn[cellStart[g] + last]++;
  }
  return suffixSums(lastIn, l);
}

/** From members per last retained offset to retained(k), group by group. */
export function suffixSums(lastIn: Int32Array, l: Layout): Int32Array {
  for (let g = 0; g < l.size.length; g++) {
    const start = l.cellStart[g];
    if (start < 0) continue;
    for (let k = l.lastOffset[Math.floor(g / l.segments)] - 1; k >= 0; k--) lastIn[start + k] += lastIn[start + k + 1];
  }
  return lastIn;
}
