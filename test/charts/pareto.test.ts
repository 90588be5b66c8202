import { expect } from 'chai';
import { paretoLayout } from '../../src/charts/pareto.js';
import { paretoCurve, valueConcentration } from '../../src/metrics/value.js';

// 5 customers paying 50, 20, 10, 10, 10: the top 20% (one) bring 50 of 100.
const customers = [50, 20, 10, 10, 10].map((revenue, i) => ({ customer_id: `c${i}`, revenue }));
const opts = { width: 300, height: 300, top: 0.2, margin: { left: 0, right: 0, top: 0, bottom: 0 } };

describe('charts/paretoLayout', () => {
  it('draws the curve from the origin through each customer, and marks the top share', () => {
    const l = paretoLayout(paretoCurve({ customers }, {}), valueConcentration({ customers }, {}), opts);
    const s = l.series[0];
    expect(s.path).to.equal('M0,300L60,150L120,90L180,60L240,30L300,0');
    expect(s.top).to.deep.equal({ customerShare: 0.2, valueShare: 0.5, x: 60, y: 150 });
    expect(l.diagonal).to.equal('M0,300L300,0');
  });

  it('gives a point at each tenth of the customers it has, without repeats', () => {
    const l = paretoLayout(paretoCurve({ customers }, {}), valueConcentration({ customers }, {}), opts);
    expect(l.series[0].marks.map((m) => m.customerShare)).to.deep.equal([0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('leaves out a segment with nothing to share, and segments hidden as small cells', () => {
    const zero = [0, 0, 0].map((revenue, i) => ({ customer_id: `z${i}`, revenue, plan: 'b' }));
    const both = { customers: [...customers.map((c) => ({ ...c, plan: 'a' })), ...zero] };
    const l = paretoLayout(paretoCurve(both, { by: 'plan' }), valueConcentration(both, { by: 'plan' }), opts);
    expect(l.series.map((s) => s.segment)).to.deep.equal(['a']);
    const hidden = valueConcentration(both, { by: 'plan', minCellSize: 11 });
    expect(paretoLayout([], hidden, opts).series).to.deep.equal([]);
  });
});
