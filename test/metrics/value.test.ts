// valueConcentration and paretoCurve (SPEC §3.9): the top share, the Gini
// coefficient and the Lorenz curve read from the top, on values worked by hand;
// customers without a value, segments, the customers of a date, small cells, bad options.
import { expect } from 'chai';
import type { Row } from '../../src/data/schema.js';
import { paretoCurve, valueConcentration } from '../../src/metrics/value.js';

const c = (id: string, revenue: unknown, plan: string | null = 'a', extra: Row = {}): Row => ({ customer_id: id, signup_at: '2025-01-01', revenue, plan, ...extra });
/** 100, 50, 30, 10, 10: total 200; the top customer (20%) holds half. */
const five = [c('a', 100), c('b', 50), c('c', 30), c('d', 10), c('e', 10)];

describe('valueConcentration', () => {
  it('gives the share of the top fraction and the Gini coefficient', () => {
    // Gini, ascending 10, 10, 30, 50, 100: (−4·10 − 2·10 + 0·30 + 2·50 + 4·100) / (5 · 200) = 0.44.
    expect(valueConcentration({ customers: five })).to.deep.equal([{ customers: 5, total: 200, topShare: 0.5, gini: 0.44, excluded: 0 }]);
    // top 0.5 of 5: ceil(2.5) = 3 customers, 180 of 200.
    expect(valueConcentration(five, { top: 0.5 })[0].topShare).to.be.closeTo(0.9, 1e-15);
    expect(valueConcentration(five, { top: 1 })[0].topShare).to.equal(1);
  });

  it('takes ceil(top · n) customers even where floating point says 3.0000000000000004', () => {
    const fifteen = Array.from({ length: 15 }, (_, i) => c(`c${i}`, i < 4 ? 10 : 1));
    // 0.2 · 15 = 3 customers: 30 of 51, not 40.
    expect(valueConcentration(fifteen)[0].topShare).to.be.closeTo(30 / 51, 1e-15);
  });

  it('leaves out and counts customers whose value is missing, not a number or negative', () => {
    const rows = [...five, c('f', null), c('g', 'n/a'), c('h', -20), c('i', '')];
    expect(valueConcentration(rows)).to.deep.equal([{ customers: 5, total: 200, topShare: 0.5, gini: 0.44, excluded: 4 }]);
  });

  it('breaks down by segment, reads another value column, and keeps the customers of asOf', () => {
    const rows = [c('a', 100, 'x', { mrr: 1 }), c('b', 50, 'x', { mrr: 3 }), c('c', 30, null, { mrr: 5 }), c('d', 10, 'y', { churned_at: '2025-02-01', mrr: 7 })];
    expect(valueConcentration(rows, { by: 'plan' }).map((r) => [r.segment, r.customers, r.total])).to.deep.equal([
      ['x', 2, 150],
      ['y', 1, 10],
      ['(none)', 1, 30],
    ]);
    expect(valueConcentration(rows, { value: 'mrr' })[0].total).to.equal(16);
    // On 2025-03-01, d had left; before 2025-01-01 nobody had signed up.
    expect(valueConcentration(rows, { asOf: '2025-03-01' })[0].customers).to.equal(3);
    expect(valueConcentration(rows, { asOf: '2024-12-31' })).to.deep.equal([]);
  });

  it('has null shares when every value is 0, and no rows without customers', () => {
    expect(valueConcentration([c('a', 0), c('b', 0)])).to.deep.equal([{ customers: 2, total: 0, topShare: null, gini: null, excluded: 0 }]);
    expect(valueConcentration({ customers: [] })).to.deep.equal([]);
  });

  it('hides a segment of 1…k−1 customers, and the smallest other one with it', () => {
    const rows = [...five.map((r) => ({ ...r, plan: 'big' })), c('s', 5, 'small'), c('m1', 1, 'mid'), c('m2', 1, 'mid'), c('m3', 1, 'mid')];
    expect(valueConcentration(rows, { by: 'plan', minCellSize: 3 }).map((r) => [r.segment, r.customers, r.suppressed ?? false])).to.deep.equal([
      ['big', 5, false],
      ['mid', null, true],
      ['small', null, true],
    ]);
  });

  it('refuses bad options', () => {
    expect(() => valueConcentration(five, { top: 0 })).to.throw(RangeError, 'top must be a fraction above 0 and at most 1; got 0');
    expect(() => valueConcentration(five, { top: 1.5 })).to.throw(RangeError, 'top must be a fraction above 0 and at most 1; got 1.5');
    expect(() => valueConcentration(five, { value: 3 as never })).to.throw(TypeError, 'value must name a column; got 3');
    expect(() => valueConcentration(five, { value: 'ltv' })).to.throw(RangeError, "valueConcentration: value 'ltv' is not a column of the customers table");
    expect(() => paretoCurve(five, { points: 1 })).to.throw(RangeError, 'points must be a whole number ≥ 2; got 1');
  });
});

describe('paretoCurve', () => {
  it('is the Lorenz curve read from the top, one point per customer from the origin', () => {
    const points = paretoCurve({ customers: five });
    expect(points.map((p) => p.customerShare)).to.deep.equal([0, 0.2, 0.4, 0.6, 0.8, 1]);
    [0, 0.5, 0.75, 0.9, 0.95, 1].forEach((v, i) => expect(points[i].valueShare).to.be.closeTo(v, 1e-15));
  });

  it('samples at whole customers with `points`, and draws nothing for a zero total', () => {
    expect(paretoCurve(five, { points: 3 }).map((p) => [p.customerShare, p.valueShare])).to.deep.equal([
      [0, 0],
      [0.6, 0.9],
      [1, 1],
    ]);
    expect(paretoCurve(five, { points: 50 })).to.have.length(6);
    expect(paretoCurve([c('a', 0)])).to.deep.equal([]);
    expect(paretoCurve([...five, c('z', 7, 'b')], { by: 'plan' }).filter((p) => p.segment === 'b')).to.deep.equal([
      { segment: 'b', customerShare: 0, valueShare: 0 },
      { segment: 'b', customerShare: 1, valueShare: 1 },
    ]);
  });
});
