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
 *
 * The rule reads as passes over the groups in order, each group with exactly one
 * hidden cell hiding its smallest shown sibling, until a pass changes nothing. Done
 * so literally, a chain of complements across thousands of periods costs a pass per
 * link over every group; here each group is visited only when its count of hidden
 * cells becomes one, in the order those passes would reach it (pass, then index), so
 * the result is the same and the work is linear in the groups' sizes.
 */
export function suppressCells(counts: ArrayLike<number>, groups: readonly (readonly number[])[], k: number): Uint8Array {
  const hidden = new Uint8Array(counts.length);
  if (k <= 1) return hidden;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0 && counts[i] < k) hidden[i] = 1;
  const G = groups.length;
  const hiddenIn = new Int32Array(G);
  const of = groupsOfCells(counts.length, groups);
  const queue = new MinHeap();
  for (let g = 0; g < G; g++) {
    for (const i of groups[g]) hiddenIn[g] += hidden[i];
    if (hiddenIn[g] === 1 && groups[g].length >= 2) queue.push(g);
  }
  while (queue.size > 0) {
    const key = queue.pop();
    const g = key % G;
    const pass = (key - g) / G;
    if (hiddenIn[g] !== 1) continue;
    const extra = smallestShown(groups[g], counts, hidden);
    // No shown sibling left: hiding only removes siblings, so this group never acts.
    if (extra < 0) continue;
    hidden[extra] = 1;
    for (let j = of.start[extra]; j < of.start[extra + 1]; j++) {
      const h = of.list[j];
      if (++hiddenIn[h] === 1 && groups[h].length >= 2) queue.push((h > g ? pass : pass + 1) * G + h);
    }
  }
  return hidden;
}

/** For each cell, the groups it is in (compressed rows: `list[start[i] … start[i + 1])`). */
function groupsOfCells(cells: number, groups: readonly (readonly number[])[]): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(cells + 1);
  for (const group of groups) for (const i of group) start[i + 1]++;
  for (let i = 0; i < cells; i++) start[i + 1] += start[i];
  const list = new Int32Array(start[cells]);
  const next = start.slice(0, cells);
  groups.forEach((group, g) => {
    for (const i of group) list[next[i]++] = g;
  });
  return { start, list };
}

/** A binary min-heap of numbers. */
class MinHeap {
  private items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(x: number): void {
    const a = this.items;
    let i = a.push(x) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= x) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = x;
  }

  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
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
