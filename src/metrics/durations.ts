// Durations per cell (ticket response and resolution times): how many, their sum
// and their exact median, gathered into one shared buffer and selected in place.
import type { Steps } from '../data/slices.js';

/** Durations in minutes per cell: how many, their sum and median (NaN when none). */
export interface Durations {
  count: Int32Array;
  sum: Float64Array;
  median: Float64Array;
}

const MINUTE_MS = 60_000;

/**
 * `end − start` in minutes for the rows of each cell that have an end: counts, then
 * each cell's values gathered into one slice of a shared buffer and sorted there.
 * Steps that pause between those passes (src/data/slices.ts).
 */
export function* cellDurations(
  cell: Int32Array,
  start: Float64Array,
  end: Float64Array,
  cells: number,
): Steps<Durations> {
  const count = new Int32Array(cells);
  const sum = new Float64Array(cells);
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c >= 0 && end[i] === end[i]) {
      count[c]++;
      sum[c] += (end[i] - start[i]) / MINUTE_MS;
    }
  }
  yield;
  const offset = new Int32Array(cells + 1);
  for (let c = 0; c < cells; c++) offset[c + 1] = offset[c] + count[c];
  const values = new Float64Array(offset[cells]);
  const fill = offset.slice(0, cells);
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c >= 0 && end[i] === end[i]) values[fill[c]++] = (end[i] - start[i]) / MINUTE_MS;
  }
  yield;
  const median = new Float64Array(cells).fill(NaN);
  for (let c = 0; c < cells; c++) {
    if (count[c] > 0) median[c] = selectMedian(values.subarray(offset[c], offset[c + 1]));
  }
  return { count, sum, median };
}

/**
 * Median of `v` (reordered in place), the mean of the two middle values for an even
 * count (SPEC §3.4); NaN when empty. Quickselect, linear on average where a sort is
 * n log n (the sort of ~1M durations was most of ticketStats' time); after a streak
 * of bad pivots it sorts what is left, so it is never worse than a sort.
 */
export function selectMedian(v: Float64Array): number {
  const n = v.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  const upper = select(v, mid);
  if (n % 2) return upper;
  // After the selection every value before index mid is ≤ v[mid]: the lower middle is their maximum.
  let lower = v[0];
  for (let i = 1; i < mid; i++) if (v[i] > lower) lower = v[i];
  return (lower + upper) / 2;
}

/** Moves the k-th smallest value to index k (smaller ones before, larger after) and returns it. */
function select(v: Float64Array, k: number): number {
  let left = 0;
  let right = v.length - 1;
  let budget = 2 * Math.ceil(Math.log2(v.length + 1)) + 8;
  while (right > left) {
    if (--budget < 0) {
      v.subarray(left, right + 1).sort();
      return v[k];
    }
    const a = v[left];
    const b = v[(left + right) >> 1];
    const c = v[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        const t = v[i];
        v[i++] = v[j];
        v[j--] = t;
      }
    }
    // [left, j] ≤ pivot ≤ [i, right], and everything strictly between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return v[k];
  }
  return v[k];
}
