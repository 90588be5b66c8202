import { expect } from 'chai';
import { erfc, medianInPlace, normalCdf, npsScore, twoProportionTest, wilson } from '../../src/metrics/stats.js';

describe('stats', () => {
  it('normalCdf matches published values', () => {
    // Abramowitz & Stegun table 26.1 / R's pnorm.
    expect(normalCdf(0)).to.equal(0.5);
    expect(normalCdf(-1)).to.be.closeTo(0.158655253931457, 1e-14);
    expect(normalCdf(-1.959964)).to.be.closeTo(0.025, 1e-8);
    expect(normalCdf(-3)).to.be.closeTo(0.00134989803163009, 1e-16);
    expect(normalCdf(-6)).to.be.closeTo(9.86587645037698e-10, 1e-22);
    expect(erfc(3)).to.be.closeTo(2.209049699858544e-5, 1e-18);
  });

  it('wilson matches a hand computation, and is null for n = 0', () => {
    // 8/10: centre (0.8 + z²/20)/(1 + z²/10), half-width z·sqrt(0.016 + z²/400)/(1 + z²/10).
    const z = 1.959964;
    const den = 1 + (z * z) / 10;
    const c = (0.8 + (z * z) / 20) / den;
    const h = (z * Math.sqrt(0.016 + (z * z) / 400)) / den;
    const w = wilson(8, 10)!;
    expect(w.low).to.be.closeTo(c - h, 1e-12);
    expect(w.high).to.be.closeTo(c + h, 1e-12);
    expect(wilson(0, 0)).to.equal(null);
    expect(wilson(0, 5)!.low).to.equal(0);
    expect(wilson(5, 5)!.high).to.equal(1);
  });

  it('npsScore follows SPEC §3.2 and clamps its interval', () => {
    const s = npsScore(6, 2, 10);
    expect(s.nps).to.be.closeTo(40, 1e-12);
    const se = Math.sqrt((0.6 + 0.2 - 0.4 * 0.4) / 10);
    expect(s.ciLow).to.be.closeTo(40 - 100 * 1.959964 * se, 1e-9);
    expect(npsScore(3, 0, 3).ciHigh).to.equal(100);
    expect(npsScore(0, 0, 0)).to.deep.equal({ nps: null, ciLow: null, ciHigh: null });
  });

  it('twoProportionTest: pooled z and two-sided p', () => {
    const t = twoProportionTest(30, 100, 45, 100)!;
    const p = 75 / 200;
    const z = (0.3 - 0.45) / Math.sqrt(p * (1 - p) * (2 / 100));
    expect(t.z).to.be.closeTo(z, 1e-12);
    expect(t.pValue).to.be.closeTo(0.0284597369, 1e-8);
    expect(twoProportionTest(0, 10, 0, 10)).to.equal(null);
    expect(twoProportionTest(1, 0, 1, 10)).to.equal(null);
  });

  it('medianInPlace: odd, even, empty', () => {
    expect(medianInPlace(new Float64Array([3, 1, 2]))).to.equal(2);
    expect(medianInPlace(new Float64Array([4, 1, 3, 2]))).to.equal(2.5);
    expect(medianInPlace(new Float64Array([9, 1, 5]), 2)).to.equal(5);
    expect(medianInPlace(new Float64Array(0))).to.equal(null);
  });
});
