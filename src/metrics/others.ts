// Too many segments: a `by` column with 100,000 values would give a chart 100,000
// lines and the kernels 100,000 × periods cells. Past `maxSegments`, the segments with
// the fewest counted rows are folded into one "(others)" segment before any kernel
// lays out per-segment state, so that state is bounded by the cap, and small-cell
// suppression then applies to the folded rows as to any other. `keepSegments` names the
// segments to keep instead (a widget whose queries must fold the same ones).
import type { SegmentLimit } from '../query/options.js';
import type { Segments } from './input.js';

/** The label of the folded segments, last in every breakdown; widgets translate it ("Others"). */
export const OTHERS = '(others)';

/** Segments after folding; `grouped` is how many segments with counted rows went into OTHERS. */
export interface Grouped extends Segments {
  readonly grouped: number;
  /** The new code of each code of the segments given (identity when nothing was folded). */
  readonly map: Int32Array;
}

/**
 * The segments with the smallest `weight` (counted rows per segment code) folded into
 * OTHERS when more than `limit.max` have any weight: the `max − 1` heaviest stay (ties
 * by label, so the result does not depend on row order), and OTHERS makes `max`. With
 * `limit.keep`, exactly the segments named there stay. Unchanged when nothing is folded.
 */
export function groupSegments(seg: Segments, weight: ArrayLike<number>, limit: SegmentLimit): Grouped {
  const kept = keptCodes(seg.labels, weight, limit);
  if (!kept) return { codes: seg.codes, labels: seg.labels, grouped: 0, map: Int32Array.from(seg.labels, (_, c) => c) };
  const map = new Int32Array(seg.labels.length);
  const labels: string[] = [];
  for (let c = 0; c < map.length; c++) if (kept[c]) map[c] = labels.push(seg.labels[c]) - 1;
  const others = labels.push(OTHERS) - 1;
  let grouped = 0;
  for (let c = 0; c < map.length; c++) {
    if (kept[c]) continue;
    map[c] = others;
    if (weight[c] > 0) grouped++;
  }
  const codes = new Int32Array(seg.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = seg.codes[i] < 0 ? -1 : map[seg.codes[i]];
  return { codes, labels, grouped, map };
}

/** 1 for each code that keeps its own segment; undefined when nothing is folded. */
function keptCodes(labels: readonly string[], weight: ArrayLike<number>, limit: SegmentLimit): Uint8Array | undefined {
  const kept = new Uint8Array(labels.length);
  if (limit.keep) {
    const keep = new Set(limit.keep);
    let folded = false;
    for (let c = 0; c < labels.length; c++) {
      kept[c] = keep.has(labels[c]) && labels[c] !== OTHERS ? 1 : 0;
      if (!kept[c] && weight[c] > 0) folded = true;
    }
    return folded ? kept : undefined;
  }
  const present: number[] = [];
  for (let c = 0; c < labels.length; c++) if (weight[c] > 0) present.push(c);
  if (!(present.length > limit.max)) return undefined;
  // A value of the data that reads "(others)" is folded too: one OTHERS row, never two.
  const candidates = present.filter((c) => labels[c] !== OTHERS);
  candidates.sort((a, b) => weight[b] - weight[a] || (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0));
  for (const c of candidates.slice(0, limit.max - 1)) kept[c] = 1;
  return kept;
}

/**
 * The rows with the number of folded segments as a non-enumerable `othersGrouped`
 * (invisible to JSON, spreads and deep equality, as retention's `excluded`), so a
 * widget can say how many went into "Others".
 */
export function withGrouped<T extends object[]>(rows: T, grouped: number): T {
  if (grouped > 0) Object.defineProperty(rows, 'othersGrouped', { value: grouped, enumerable: false });
  return rows;
}

/** How many segments the rows folded into OTHERS; 0 when none, or when not known (rows computed elsewhere). */
export function groupedCount(rows: readonly unknown[]): number {
  const n = (rows as { othersGrouped?: unknown }).othersGrouped;
  return typeof n === 'number' ? n : 0;
}
