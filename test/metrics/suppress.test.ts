import { expect } from 'chai';
import { checkMinCellSize, suppressCells } from '../../src/metrics/suppress.js';

const hiddenOf = (mask: Uint8Array) => [...mask].flatMap((h, i) => (h ? [i] : []));

describe('suppressCells', () => {
  it('hides counts 1…k−1 but not zero or k', () => {
    expect(hiddenOf(suppressCells([0, 1, 10, 11, 50], [], 11))).to.deep.equal([1, 2]);
  });

  it('hides the smallest sibling when one hidden cell could be derived from a total', () => {
    // total 100 shown: 3 hidden alone would be 100 − 40 − 57.
    expect(hiddenOf(suppressCells([3, 57, 40], [[0, 1, 2]], 11))).to.deep.equal([0, 2]);
  });

  it('prefers a non-zero sibling, takes a zero only when nothing else is left', () => {
    expect(hiddenOf(suppressCells([5, 0, 30], [[0, 1, 2]], 11))).to.deep.equal([0, 2]);
    expect(hiddenOf(suppressCells([5, 0], [[0, 1]], 11))).to.deep.equal([0, 1]);
  });

  it('repeats across overlapping groups until every group hides none or at least two', () => {
    // 2×2 table, rows and columns both have totals: [[5, 20], [30, 40]].
    const counts = [5, 20, 30, 40];
    const groups = [[0, 1], [2, 3], [0, 2], [1, 3]];
    const mask = suppressCells(counts, groups, 11);
    for (const g of groups) {
      const n = g.filter((i) => mask[i]).length;
      expect(n === 0 || n >= 2, `group ${g}`).to.equal(true);
    }
    expect(hiddenOf(mask)).to.deep.equal([0, 1, 2, 3]);
  });

  it('does nothing when k is 0 or 1', () => {
    expect(hiddenOf(suppressCells([1, 2], [[0, 1]], 0))).to.deep.equal([]);
    expect(hiddenOf(suppressCells([1, 2], [[0, 1]], 1))).to.deep.equal([]);
  });

  it('checks the option', () => {
    expect(checkMinCellSize(undefined)).to.equal(0);
    expect(checkMinCellSize(11)).to.equal(11);
    expect(() => checkMinCellSize(2.5)).to.throw(RangeError, 'minCellSize must be a whole number');
    expect(() => checkMinCellSize('11')).to.throw(RangeError, "got '11'");
  });
});
