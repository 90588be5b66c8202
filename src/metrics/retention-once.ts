// Subscription retention by signup cohort without `by`, in ONE pass over the
// customers: each row's cohort and last retained offset are found and counted at
// once, so no per-member cohort array is written and read back (the two-pass path,
// retention-members.ts then retention-count.ts, reads the members twice and keeps
// 8 bytes per member between the passes). The cohorts are not known before the
// pass, so the counts are kept by distance from the last reportable cohort,
// d = cohortMax − c (every reported cohort has d ≥ 0), in rows of one cell per
// offset that grow as farther cohorts show up. Past the two-pass path's own grid
// bound the pass gives up and that path runs: it counts the same and throws the same
// limit errors (the layout here goes through the same `cellsOf` checks).
import type { MetricInput } from './input.js';
import { BLOCK_ROWS } from './blocks.js';
import { cellsOf, EMPTY, suffixSums, type Layout } from './retention-count.js';
import type { Excluded } from './retention-members.js';
import type { RetentionSettings } from './retention-options.js';

export interface OnceTriangle {
  readonly layout: Layout;
  readonly retained: Int32Array;
  readonly excluded: Excluded;
}

/** Counts by distance d from cohortMax: members per d, and per (d, last retained offset). */
interface Rows {
  /** Rows laid out (distances 0 … count − 1). */
  count: number;
  /** First cell of row d (count + 1 entries: the last is the cells in all). */
  start: Int32Array;
  size: Int32Array;
  grid: Int32Array;
}

/** The one-pass triangle, or undefined when this case is not one it takes or the counts would outgrow the bound. */
export function subscriptionOnce(input: MetricInput, s: RetentionSettings): OnceTriangle | undefined {
  if (s.mode !== 'subscription' || s.cohortBy !== 'signup' || s.by !== undefined) return undefined;
  const top = s.cohortMax;
  const asOfIndex = s.bucket.index(s.asOf);
  if (!Number.isInteger(top) || !Number.isInteger(asOfIndex)) return undefined;
  const customers = input.require('customers');
  const signup = customers.time('signup_at');
  const churned = customers.time('churned_at');
  const n = customers.n;
  // The two-pass path's bound on its (group, offset) grid: the counts stay about the rows' size.
  const bound = Math.min(1 << 20, 2 * n + 4096);
  const widthOf = (d: number) => Math.min(asOfIndex - top + d, s.maxOffset) + 1;
  let rows = grown(undefined, 16, widthOf, bound);
  if (!rows) return undefined;
  // [rows without a signup, distance that stopped the block].
  const out = new Float64Array(2);
  for (let at = 0; at < n; ) {
    const end = Math.min(n, at + BLOCK_ROWS);
    at = countRows(signup, churned, s.bucket.index, s.cohortMin, top, rows.count, rows.start, rows.size, rows.grid, out, at, end);
    if (at < end) {
      const next = grown(rows, Math.max(2 * rows.count, out[1] + 1), widthOf, bound);
      if (!next) return undefined;
      rows = next;
    }
  }
  return { ...triangle(rows, top, asOfIndex, s), excluded: { noSignup: out[0], noCustomer: 0 } };
}

/** `rows` with room for `count` distances (copied over), or undefined past `bound` cells. */
function grown(rows: Rows | undefined, count: number, widthOf: (d: number) => number, bound: number): Rows | undefined {
  // Every row has a cell at least: more rows than the bound allows is known before allocating them.
  if (count > bound) return undefined;
  const start = new Int32Array(count + 1);
  for (let d = 0; d < count; d++) {
    const cells = start[d] + widthOf(d);
    if (cells > bound) return undefined;
    start[d + 1] = cells;
  }
  const size = new Int32Array(count);
  const grid = new Int32Array(start[count]);
  if (rows) {
    size.set(rows.size);
    grid.set(rows.grid);
  }
  return { count, start, size, grid };
}

/**
 * Counts customers [at, end) as the two-pass path does (cohortRows, countMembers):
 * a member is retained at offset k while churned_at is null or index(churned_at) ≥ c + k + 1.
 * Returns the row it stopped at, before a distance past the rows laid out (out[1]), or `end`.
 */
function countRows(
  signup: Float64Array, churned: Float64Array, index: (ms: number) => number, cohortMin: number, top: number,
  count: number, start: Int32Array, size: Int32Array, grid: Int32Array, out: Float64Array, at: number, end: number,
): number {
  let noSignup = out[0];
  let i = at;
  for (; i < end; i++) {
    const t = signup[i];
    if (t !== t) {
      noSignup++;
      continue;
    }
    const c = index(t);
    if (!(c >= cohortMin && c <= top)) continue;
    const d = top - c;
    if (d >= count) {
      out[1] = d;
      break;
    }
    size[d]++;
    const first = start[d];
    let last = start[d + 1] - first - 1;
    const u = churned[i];
    if (u === u) {
      const until = index(u) - c - 1;
      if (until < last) last = until;
    }
    if (last >= 0) grid[first + last]++;
  }
  out[0] = noSignup;
  return i;
}

/** The layout and retained counts the two-pass path would make, from the counts by distance. */
function triangle(rows: Rows, top: number, asOfIndex: number, s: RetentionSettings): { layout: Layout; retained: Int32Array } {
  let near = 0;
  while (near < rows.count && rows.size[near] === 0) near++;
  let far = rows.count - 1;
  while (far >= near && rows.size[far] === 0) far--;
  if (far < near) return { layout: EMPTY, retained: new Int32Array(0) };
  const lo = top - far;
  const hi = top - near;
  const cohorts = hi - lo + 1;
  const size = new Int32Array(cohorts);
  const lastOffset = new Int32Array(cohorts);
  for (let j = 0; j < cohorts; j++) {
    size[j] = rows.size[far - j];
    lastOffset[j] = Math.min(asOfIndex - (lo + j), s.maxOffset);
  }
  const { cellStart, cells } = cellsOf({ lo, hi, cohorts, segments: 1, lastOffset, asOfIndex, wide: false }, size, s);
  const lastIn = new Int32Array(cells);
  for (let j = 0; j < cohorts; j++) {
    if (cellStart[j] < 0) continue;
    const d = far - j;
    lastIn.set(rows.grid.subarray(rows.start[d], rows.start[d + 1]), cellStart[j]);
  }
  const layout: Layout = { first: lo, cohorts, segments: 1, size, cellStart, lastOffset, cells, group: new Int32Array(0) };
  return { layout, retained: suffixSums(lastIn, layout) };
}
