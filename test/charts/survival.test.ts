import { expect } from 'chai';
import { survivalLayout, timeTicks } from '../../src/charts/survival.js';
import type { SurvivalRow } from '../../src/metrics/survival.js';

const row = (time: number, atRisk: number | null, events: number, censored: number, survival: number | null, extra: Partial<SurvivalRow> = {}): SurvivalRow => ({
  time, atRisk, events, censored, survival, ciLow: survival === null ? null : survival * 0.8, ciHigh: survival === null ? null : Math.min(1, survival * 1.1), ...extra,
});

// 10 customers: 2 leave at 1, 1 censored at 2, 2 leave at 4 (6 at risk → 0.8·4/6), then a hidden tail at 6.
const rows: SurvivalRow[] = [row(1, 10, 2, 0, 0.8), row(2, 8, 0, 1, 0.8), row(4, 7, 2, 0, 0.8 * (5 / 7)), { ...row(6, null, 0, 0, null), events: null, censored: null, suppressed: true }];
const opts = { width: 400, height: 300, unit: 'month' as const, margin: { left: 40, right: 10, top: 10, bottom: 40 }, minTickSpacing: 20 };

describe('charts/survivalLayout', () => {
  it('steps from 100% at time 0, stops before a hidden tail, and marks censoring where it happened', () => {
    const l = survivalLayout([{ rows, median: null }], opts);
    const s = l.series[0];
    expect(s.end).to.equal(4);
    // Plot x from 40 to 390 over 0…4 months; y from 260 (0) to 10 (1).
    expect(s.path.startsWith('M40,10')).to.equal(true);
    // A step: the curve stays at 100% until month 1 (x = 127.5), then drops to 80% (y = 60).
    expect(s.path).to.contain('127.5,10');
    expect(s.path).to.contain('127.5,60');
    expect(s.censors).to.deep.equal([{ x: 215, y: 60 }]);
    expect(l.half).to.equal(135);
  });

  it('reads the curve and the numbers at risk at each time tick', () => {
    const l = survivalLayout([{ rows, median: null }], opts);
    expect(l.xTicks.map((t) => t.time)).to.deep.equal([0, 1, 2, 3, 4]);
    const s = l.series[0];
    expect(s.points.map((p) => [p.time, p.survival, p.atRisk, p.churned])).to.deep.equal([
      [0, 1, 10, 0],
      [1, 0.8, 10, 2],
      [2, 0.8, 8, 2],
      [3, 0.8, 7, 2],
      [4, 0.8 * (5 / 7), 7, 4],
    ]);
    expect(s.atRisk).to.deep.equal([10, 10, 8, 7, 7]);
  });

  it('puts the median on the 50% line and gives each segment its own colour and dash', () => {
    const l = survivalLayout([{ segment: 'a', rows, median: 3 }, { segment: 'b', rows: rows.slice(0, 2), median: null }], opts);
    expect(l.series[0].median).to.deep.equal({ value: 3, x: 302.5, y: 135 });
    expect(l.series[1].median).to.equal(null);
    expect(l.series[0].color).to.not.equal(l.series[1].color);
    expect(l.series[0].dash).to.not.equal(l.series[1].dash);
  });

  it('picks time ticks that read well in the unit and keep their spacing', () => {
    expect(timeTicks(24, 240, 44, 'month')).to.deep.equal([0, 6, 12, 18, 24]);
    expect(timeTicks(24, 1200, 44, 'month')).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(timeTicks(700, 350, 44, 'day')).to.deep.equal([0, 90, 180, 270, 360, 450, 540, 630]);
  });

  it('draws nothing out of bounds for empty input or a zero size', () => {
    const l = survivalLayout([{ rows: [], median: null }], { ...opts, width: 0, height: Number.NaN });
    expect(l.series[0].points.map((p) => p.time)).to.deep.equal([0]);
    expect(JSON.stringify(l)).to.not.match(/NaN|Infinity/);
  });
});
