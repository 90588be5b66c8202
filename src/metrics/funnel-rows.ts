// Funnel counts → rows: rates with their intervals, small-cell suppression and
// segment comparisons.
//
// Suppression: per segment the cells are entered(1…M) and dropOff(2…M). Steps are
// nested, so entered(m−1) = entered(m) + dropOff(m) for every m: each such triple is
// a group, and a hidden cell in it forces a second one (a small drop-off between two
// large steps hides the later step, else the drop-off could be read as a
// difference). No total spans segments: the funnel shows none.
import type { FunnelCounts as CountsOfKernel } from './funnel-count.js';
import { addQValues, compared, noComparison, type ComparedRow } from './compare-rows.js';
import { wilson } from './stats.js';

/** The counts funnelRows reads (the kernel's, or a SQL source's). */
type FunnelCounts = Pick<CountsOfKernel, 'steps' | 'entered' | 'median' | 'present'>;
import { suppressCells } from './suppress.js';

/**
 * With `by`, from step 2, each row carries its comparison (ComparedRow): this
 * segment's conversion against the other shown segments' pooled conversion at the
 * step, as independent samples; q-values across every segment and step.
 */
export interface FunnelRow extends ComparedRow {
  segment?: string;
  step: string;
  /** 1-based position of the step. */
  index: number;
  /** Customers whose level is ≥ index. */
  entered: number | null;
  /** entered / entered(step 1); null when that is 0 or hidden. */
  conversion: number | null;
  /** The 95% Wilson interval of `conversion`; null with it. */
  ciLow: number | null;
  ciHigh: number | null;
  /** entered / entered(previous step); 1 at step 1 (null when nobody entered). */
  fromPrevious: number | null;
  /** entered(previous step) − entered; 0 at step 1. */
  dropOff: number | null;
  /** Median of each customer's fastest time from the first step to this one; null at step 1. */
  medianTimeToConvertMs: number | null;
  /** Present (true) when a count of the row is hidden by `minCellSize`. */
  suppressed?: true;
}

/** Rows per segment in `order` (codes), step by step. `labels` is given with `by`. */
export function funnelRows(
  counts: FunnelCounts,
  steps: readonly string[],
  order: readonly number[],
  labels: readonly string[] | undefined,
  k: number,
  minSample: number,
): FunnelRow[] {
  const m = counts.steps;
  const hidden = order.map((s) => hiddenCells(counts.entered.subarray(s * m, (s + 1) * m), k));
  const comparisons = labels ? segmentComparisons(counts, order, hidden, minSample) : undefined;
  const rows: FunnelRow[] = [];
  order.forEach((s, i) => {
    for (let j = 0; j < m; j++) {
      const row = stepRow(counts, s, j, steps[j], hidden[i]);
      const out: FunnelRow = labels ? { segment: labels[s], ...row, ...comparisons![i * m + j] } : row;
      if (hidden[i][j] || (j > 0 && hidden[i][m + j - 1])) out.suppressed = true;
      rows.push(out);
    }
  });
  if (comparisons) addQValues(rows);
  return rows;
}

/** Mask over [entered(1…M), dropOff(2…M)], 1 = hidden. */
function hiddenCells(entered: Float64Array, k: number): Uint8Array {
  const m = entered.length;
  const cells = new Float64Array(2 * m - 1);
  cells.set(entered);
  const groups: number[][] = [];
  for (let j = 1; j < m; j++) {
    cells[m + j - 1] = entered[j - 1] - entered[j];
    groups.push([j - 1, j, m + j - 1]);
  }
  return suppressCells(cells, groups, k);
}

function stepRow(counts: FunnelCounts, s: number, j: number, step: string, hidden: Uint8Array): FunnelRow {
  const m = counts.steps;
  const e = counts.entered;
  const entered = hidden[j] ? null : e[s * m + j];
  const first = hidden[0] ? null : e[s * m];
  const previous = j === 0 ? first : hidden[j - 1] ? null : e[s * m + j - 1];
  const median = counts.median[s * m + j];
  const ci = entered === null || first === null ? null : wilson(entered, first);
  return {
    step,
    index: j + 1,
    entered,
    conversion: ratio(entered, first),
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    fromPrevious: ratio(entered, previous),
    dropOff: j === 0 ? (entered === null ? null : 0) : hidden[m + j - 1] || entered === null || previous === null ? null : previous - entered,
    medianTimeToConvertMs: j === 0 || entered === null || median !== median ? null : median,
  };
}

function ratio(x: number | null, n: number | null): number | null {
  return x === null || n === null || n === 0 ? null : x / n;
}

/**
 * Per (segment, step): conversion of the segment against the pooled conversion of
 * the other segments whose rows are shown (a hidden count never enters a test, so
 * none can be worked back out of one). No comparison at step 1 and for hidden rows.
 */
function segmentComparisons(
  counts: FunnelCounts,
  order: readonly number[],
  hidden: Uint8Array[],
  minSample: number,
): ReturnType<typeof noComparison>[] {
  const m = counts.steps;
  const e = counts.entered;
  const out = Array.from({ length: order.length * m }, noComparison);
  for (let j = 1; j < m; j++) {
    const shown = (i: number) => !hidden[i][0] && !hidden[i][j];
    let x = 0;
    let n = 0;
    order.forEach((s, i) => {
      if (shown(i)) {
        x += e[s * m + j];
        n += e[s * m];
      }
    });
    order.forEach((s, i) => {
      if (!shown(i)) return;
      const own = { x: e[s * m + j], n: e[s * m] };
      out[i * m + j] = compared(own, { x: x - own.x, n: n - own.n }, { minSample });
    });
  }
  return out;
}
