// Small-cell suppression (healthcare data agreements commonly use k = 11): a count
// 1…k−1 is hidden (primary), and where a hidden cell could be worked out from a
// shown total minus its shown siblings, the smallest sibling is hidden too
// (complementary), repeated until every group with a hidden cell hides at least two.
// Zero is not hidden: an empty cell identifies nobody.
import { wholeNumber } from '../query/options.js';

/** Validates a `minCellSize` option: absent or 0/1 means no suppression. */
export function checkMinCellSize(value: unknown, name = 'minCellSize'): number {
  return wholeNumber(value, name, { fallback: 0, note: '11 is common in healthcare' });
}

/**
 * Which cells to hide. `counts[i]` is cell i's count; each group lists the cells
 * that add up to a total the reader can see (a cohort's size, a period's total…).
 * Returns a mask, 1 = hidden.
 */
export function suppressCells(counts: ArrayLike<number>, groups: readonly (readonly number[])[], k: number): Uint8Array {
  const hidden = new Uint8Array(counts.length);
  if (k <= 1) return hidden;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0 && counts[i] < k) hidden[i] = 1;
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      let count = 0;
      for (const i of group) count += hidden[i];
      if (count !== 1 || group.length < 2) continue;
      const extra = smallestShown(group, counts, hidden);
      if (extra >= 0) {
        hidden[extra] = 1;
        changed = true;
      }
    }
  }
  return hidden;
}

/** The shown cell with the smallest non-zero count (a zero only when no other is left). */
function smallestShown(group: readonly number[], counts: ArrayLike<number>, hidden: Uint8Array): number {
  let best = -1;
  let zero = -1;
  for (const i of group) {
    if (hidden[i]) continue;
    if (counts[i] === 0) {
      if (zero < 0) zero = i;
    } else if (best < 0 || counts[i] < counts[best]) best = i;
  }
  return best >= 0 ? best : zero;
}
