// compareProportions and adjustPValues (SPEC §3.10) on hand-checked cases: the
// minimum sample, which test is chosen and why, empty groups, paired counts and bad
// input. The R comparison over hundreds of cases is compare.r-oracle.node.test.ts.
import { expect } from 'chai';
import { adjustPValues, checkMinSample, compareProportions } from '../../src/metrics/compare.js';

describe('compareProportions', () => {
  it('does not test 3 of 3 against 0 of 4: too few to compare', () => {
    const c = compareProportions({ x: 3, n: 3 }, { x: 0, n: 4 });
    expect(c).to.deep.equal({ diff: 1, diffLow: null, diffHigh: null, pValue: null, test: null, tooFew: true });
    // Even when asked to, it is Fisher's exact test (p = 0.029, R's fisher.test), not the z-test's 0.008.
    const forced = compareProportions({ x: 3, n: 3 }, { x: 0, n: 4 }, { minSample: 0 });
    expect(forced.test).to.equal('fisher');
    expect(forced.pValue).to.be.closeTo(1 / 35, 1e-15);
  });

  it('is too few when either side is below minSample, whatever the other', () => {
    expect(compareProportions({ x: 10, n: 29 }, { x: 500, n: 1000 }).tooFew).to.equal(true);
    expect(compareProportions({ x: 10, n: 30 }, { x: 500, n: 1000 }).tooFew).to.equal(false);
    expect(compareProportions({ x: 10, n: 30 }, { x: 500, n: 1000 }, { minSample: 31 }).tooFew).to.equal(true);
  });

  it("uses Fisher's exact test exactly when an expected count is below 5", () => {
    // 2×2 table 40 + 40 people, 10 successes: expected 5 and 5 in the success column.
    expect(compareProportions({ x: 6, n: 40 }, { x: 4, n: 40 }).test).to.equal('z');
    // 9 successes: expected 4.5.
    expect(compareProportions({ x: 5, n: 40 }, { x: 4, n: 40 }).test).to.equal('fisher');
    // Failures count too: 71 of 80 succeed, 9 fail.
    expect(compareProportions({ x: 36, n: 40 }, { x: 35, n: 40 }).test).to.equal('fisher');
  });

  it('has nothing to say about an empty side', () => {
    expect(compareProportions({ x: 0, n: 0 }, { x: 5, n: 50 }, { minSample: 0 })).to.deep.equal({
      diff: null, diffLow: null, diffHigh: null, pValue: null, test: null, tooFew: false,
    });
  });

  it('keeps the Newcombe interval inside [−1, 1] and around diff', () => {
    const c = compareProportions({ x: 50, n: 50 }, { x: 0, n: 50 });
    expect(c.diff).to.equal(1);
    expect(c.diffHigh).to.equal(1);
    expect(c.diffLow).to.be.within(0.85, 1);
    const none = compareProportions({ x: 0, n: 60 }, { x: 0, n: 60 });
    expect(none).to.include({ diff: 0, test: 'fisher', pValue: 1 });
    expect(none.diffLow).to.be.below(0);
    expect(none.diffHigh).to.be.above(0);
  });

  it("paired: McNemar's test, exact under 25 discordant pairs, 1 when there are none", () => {
    const exact = compareProportions({ x: 30, n: 50 }, { x: 25, n: 50 }, { paired: { both: 20, onlyA: 10, onlyB: 5 } });
    // binom.test(10, 15): 2 · P(X ≤ 5) with X ~ Bin(15, 1/2) = 2 · 4944 / 32768.
    expect(exact).to.include({ test: 'mcnemar', tooFew: false });
    expect(exact.pValue).to.be.closeTo((2 * 4944) / 32768, 1e-15);
    const same = compareProportions({ x: 20, n: 40 }, { x: 20, n: 40 }, { paired: { both: 20, onlyA: 0, onlyB: 0 } });
    expect(same).to.include({ diff: 0, pValue: 1, test: 'mcnemar' });
    // 30 discordant pairs, 20 against 10: χ² = 100 / 30, p = P(χ²₁ > 10/3).
    const chi = compareProportions({ x: 40, n: 60 }, { x: 30, n: 60 }, { paired: { both: 20, onlyA: 20, onlyB: 10 } });
    expect(chi.pValue).to.be.closeTo(0.0678891548618288, 1e-12);
  });

  it('throws on counts that are not counts, and on paired counts that disagree', () => {
    expect(() => compareProportions({ x: 4, n: 3 }, { x: 0, n: 4 })).to.throw(RangeError, 'compareProportions: a.x must be a whole number from 0 to 3; got 4');
    expect(() => compareProportions({ x: 1.5, n: 3 }, { x: 0, n: 4 })).to.throw(RangeError, 'a.x must be a whole number');
    expect(() => compareProportions({ x: 1, n: 3 }, { x: 0, n: NaN })).to.throw(RangeError, 'b.n must be a whole number from 0; got NaN');
    expect(() => compareProportions(undefined as never, { x: 0, n: 4 })).to.throw(RangeError, 'a.n must be a whole number');
    expect(() => compareProportions({ x: 3, n: 10 }, { x: 2, n: 10 }, { paired: { both: 1, onlyA: 1, onlyB: 1 } })).to.throw(
      RangeError,
      'paired counts must describe the same people',
    );
    expect(() => compareProportions({ x: 3, n: 10 }, { x: 2, n: 12 }, { paired: { both: 2, onlyA: 1, onlyB: 0 } })).to.throw(RangeError, 'same people');
    expect(() => compareProportions({ x: 1, n: 3 }, { x: 0, n: 4 }, { minSample: -2 })).to.throw(RangeError, 'minSample must be a number ≥ 0; got -2');
    expect(() => checkMinSample('30', 'min-sample')).to.throw(RangeError, "min-sample must be a number ≥ 0; got '30'");
    expect(checkMinSample(undefined)).to.equal(30);
  });
});

describe('adjustPValues (Benjamini–Hochberg)', () => {
  it("matches the textbook steps and R's p.adjust(c(0.01, 0.04, 0.03, 0.2), 'BH')", () => {
    const q = adjustPValues([0.01, 0.04, 0.03, 0.2]) as number[];
    [0.04, 0.16 / 3, 0.16 / 3, 0.2].forEach((want, i) => expect(q[i]).to.be.closeTo(want, 1e-15));
  });

  it('leaves gaps out of the count and keeps them null; empty in, empty out', () => {
    expect(adjustPValues([0.01, null, 0.04, undefined, NaN])).to.deep.equal([0.02, null, 0.04, null, null]);
    expect(adjustPValues([])).to.deep.equal([]);
    expect(adjustPValues([0.9, 0.95])).to.deep.equal([0.95, 0.95]);
  });

  it('makes seven channels of pure chance rarely look significant', () => {
    // Seven p-values from one chart, the smallest 0.02: alone it would be marked, adjusted it is not.
    const q = adjustPValues([0.02, 0.2, 0.35, 0.5, 0.6, 0.8, 0.9]);
    expect(Math.min(...(q as number[]))).to.be.closeTo(0.14, 1e-12);
  });
});
