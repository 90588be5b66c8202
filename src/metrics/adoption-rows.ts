// Adoption counts → rows: rates with their intervals, small-cell suppression and
// comparisons (SPEC §3.6, §3.10).
//
// Suppression: per (period, segment) the cells are active, adopters(f) and the
// non-adopters active − adopters(f) a reader can work out; each triple
// (active, adopters(f), non-adopters(f)) is a group, so a small non-adopter count
// hides the adopters too. Features overlap and periods are separate: no other totals.
// A paired comparison reads four more counts (both features, one only, the other
// only, neither): with a threshold on, it is left out when any of them is small, so
// its p-value and interval cannot give a small count away.
import type { Bucketer } from '../time/index.js';
import { addQValues, compared, noComparison, type ComparedRow } from './compare-rows.js';
import { wilson } from './stats.js';
import { suppressCells } from './suppress.js';

/** With `compare`, each row carries its comparison (ComparedRow); q-values across the whole result. */
export interface AdoptionRow extends ComparedRow {
  /** `YYYY-MM-DD` of the period's first day. */
  period: string;
  segment?: string;
  feature: string;
  active: number | null;
  adopters: number | null;
  /** adopters / active; null when active is 0 or a count is hidden. */
  adoption: number | null;
  /** The 95% Wilson interval of `adoption`; null with it. */
  ciLow: number | null;
  ciHigh: number | null;
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
  /** Same layout: adopters of feature f who also used the first feature (paired comparisons). */
  readonly withFirst: Float64Array;
}

export interface AdoptionRowSettings {
  readonly k: number;
  readonly compare: AdoptionCompare;
  readonly minSample: number;
}

export function adoptionRows(
  counts: AdoptionCounts,
  features: readonly string[],
  order: readonly number[],
  labels: readonly string[] | undefined,
  buckets: Bucketer,
  o: AdoptionRowSettings,
): AdoptionRow[] {
  const f = features.length;
  const rows: AdoptionRow[] = [];
  for (let p = 0; p < counts.periods; p++) {
    const key = buckets.key(counts.first + p);
    const blocks = order.map((s) => p * counts.segments + s);
    const hidden = blocks.map((blk) => hiddenCells(counts, blk, f, o.k));
    const comparisons = o.compare === 'none' ? undefined : compareRows(counts, blocks, hidden, f, o);
    blocks.forEach((blk, i) => {
      for (let j = 0; j < f; j++) {
        const h = hidden[i];
        const active = h[0] ? null : counts.active[blk];
        const adopters = h[1 + j] ? null : counts.adopters[blk * f + j];
        const ci = active === null || adopters === null ? null : wilson(adopters, active);
        const row: AdoptionRow = {
          period: key,
          ...(labels ? { segment: labels[order[i]] } : undefined),
          feature: features[j],
          active,
          adopters,
          adoption: active === null || adopters === null || active === 0 ? null : adopters / active,
          ciLow: ci?.low ?? null,
          ciHigh: ci?.high ?? null,
          ...comparisons?.[i * f + j],
        };
        if (h[0] || h[1 + j] || h[1 + f + j]) row.suppressed = true;
        rows.push(row);
      }
    });
  }
  if (o.compare !== 'none') addQValues(rows);
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
 * 'segments': each shown segment against the other shown segments pooled,
 * independent samples (a hidden count never enters a test); 'features': each feature
 * against the first, paired (the same active customers answer both: McNemar).
 */
function compareRows(
  counts: AdoptionCounts,
  blocks: readonly number[],
  hidden: readonly Uint8Array[],
  f: number,
  o: AdoptionRowSettings,
): ReturnType<typeof noComparison>[] {
  const out = Array.from({ length: blocks.length * f }, noComparison);
  const x = (i: number, j: number) => counts.adopters[blocks[i] * f + j];
  const n = (i: number) => counts.active[blocks[i]];
  const shown = (i: number, j: number) => !hidden[i][0] && !hidden[i][1 + j];
  const options = { minSample: o.minSample };
  for (let j = 0; j < f; j++) {
    if (o.compare === 'features') {
      for (let i = 0; i < blocks.length; i++) {
        if (j === 0 || !shown(i, j) || !shown(i, 0)) continue;
        const both = counts.withFirst[blocks[i] * f + j];
        const paired = { both, onlyA: x(i, j) - both, onlyB: x(i, 0) - both };
        if (smallPairs(paired, n(i), o.k)) continue;
        out[i * f + j] = compared({ x: x(i, j), n: n(i) }, { x: x(i, 0), n: n(i) }, { ...options, paired });
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
      if (shown(i, j)) out[i * f + j] = compared({ x: x(i, j), n: n(i) }, { x: sx - x(i, j), n: sn - n(i) }, options);
    }
  }
  return out;
}

/** Whether a cell of the paired table (both, one only, the other only, neither) is 1…k−1. */
function smallPairs(t: { both: number; onlyA: number; onlyB: number }, n: number, k: number): boolean {
  const small = (c: number) => k > 1 && c > 0 && c < k;
  return small(t.both) || small(t.onlyA) || small(t.onlyB) || small(n - t.both - t.onlyA - t.onlyB);
}
