// Adoption counts → rows: rates, small-cell suppression and p-values (SPEC §3.6).
//
// Suppression: per (period, segment) the cells are active, adopters(f) and the
// non-adopters active − adopters(f) a reader can work out; each triple
// (active, adopters(f), non-adopters(f)) is a group, so a small non-adopter count
// hides the adopters too. Features overlap and periods are separate: no other totals.
import type { Bucketer } from '../time/index.js';
import { twoProportionTest } from './stats.js';
import { suppressCells } from './suppress.js';

export interface AdoptionRow {
  /** `YYYY-MM-DD` of the period's first day. */
  period: string;
  segment?: string;
  feature: string;
  active: number | null;
  adopters: number | null;
  /** adopters / active; null when active is 0 or a count is hidden. */
  adoption: number | null;
  /** Present when `compare` is not 'none' (see the notes above). */
  pValue?: number | null;
  /** Present (true) when a count of the row is hidden by `minCellSize`. */
  suppressed?: true;
}

export type AdoptionCompare = 'segments' | 'features' | 'none';

export interface AdoptionCounts {
  /** Ordinal of the first period reported, and how many. */
  readonly first: number;
  readonly periods: number;
  readonly segments: number;
  /** Segments with a counted event in range. */
  readonly present: Uint8Array;
  /** `active[p·S + s]` (p from 0 = first). */
  readonly active: Float64Array;
  /** `adopters[(p·S + s)·F + f]`. */
  readonly adopters: Float64Array;
}

export function adoptionRows(
  counts: AdoptionCounts,
  features: readonly string[],
  order: readonly number[],
  labels: readonly string[] | undefined,
  buckets: Bucketer,
  k: number,
  compare: AdoptionCompare,
): AdoptionRow[] {
  const f = features.length;
  const rows: AdoptionRow[] = [];
  for (let p = 0; p < counts.periods; p++) {
    const key = buckets.key(counts.first + p);
    const blocks = order.map((s) => p * counts.segments + s);
    const hidden = blocks.map((blk) => hiddenCells(counts, blk, f, k));
    const pValues = compare === 'none' ? undefined : comparePValues(counts, blocks, hidden, f, compare);
    blocks.forEach((blk, i) => {
      for (let j = 0; j < f; j++) {
        const h = hidden[i];
        const active = h[0] ? null : counts.active[blk];
        const adopters = h[1 + j] ? null : counts.adopters[blk * f + j];
        const row: AdoptionRow = labels ? { period: key, segment: labels[order[i]], feature: features[j], active, adopters, adoption: null } : { period: key, feature: features[j], active, adopters, adoption: null };
        row.adoption = active === null || adopters === null || active === 0 ? null : adopters / active;
        if (pValues) row.pValue = pValues[i * f + j];
        if (h[0] || h[1 + j] || h[1 + f + j]) row.suppressed = true;
        rows.push(row);
      }
    });
  }
  return rows;
}

/** Mask over [active, adopters(0…F−1), non-adopters(0…F−1)], 1 = hidden. */
function hiddenCells(counts: AdoptionCounts, blk: number, f: number, k: number): Uint8Array {
  const cells = new Float64Array(1 + 2 * f);
  const groups: number[][] = [];
  cells[0] = counts.active[blk];
  for (let j = 0; j < f; j++) {
    cells[1 + j] = counts.adopters[blk * f + j];
    cells[1 + f + j] = cells[0] - cells[1 + j];
    groups.push([0, 1 + j, 1 + f + j]);
  }
  return suppressCells(cells, groups, k);
}

/**
 * 'segments': each shown segment against the other shown segments pooled (a hidden
 * count never enters a p-value); 'features': each feature against the first.
 */
function comparePValues(
  counts: AdoptionCounts,
  blocks: readonly number[],
  hidden: readonly Uint8Array[],
  f: number,
  compare: 'segments' | 'features',
): (number | null)[] {
  const out = new Array<number | null>(blocks.length * f).fill(null);
  const x = (i: number, j: number) => counts.adopters[blocks[i] * f + j];
  const n = (i: number) => counts.active[blocks[i]];
  const shown = (i: number, j: number) => !hidden[i][0] && !hidden[i][1 + j];
  const pValue = (x1: number, n1: number, x2: number, n2: number) => twoProportionTest(x1, n1, x2, n2)?.pValue ?? null;
  for (let j = 0; j < f; j++) {
    if (compare === 'features') {
      for (let i = 0; i < blocks.length; i++) {
        if (j > 0 && shown(i, j) && shown(i, 0)) out[i * f + j] = pValue(x(i, j), n(i), x(i, 0), n(i));
      }
      continue;
    }
    let sx = 0;
    let sn = 0;
    for (let i = 0; i < blocks.length; i++) {
      if (!shown(i, j)) continue;
      sx += x(i, j);
      sn += n(i);
    }
    for (let i = 0; i < blocks.length; i++) {
      if (shown(i, j)) out[i * f + j] = pValue(x(i, j), n(i), sx - x(i, j), sn - n(i));
    }
  }
  return out;
}
