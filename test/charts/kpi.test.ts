import { expect } from 'chai';
import {
  KPI_POLARITY,
  kpiDirection,
  kpiEvidence,
  kpiLayout,
  sparklineLayout,
  type SparklineLayout,
} from '../../src/charts/kpi.js';
import type { KpiPoint, KpiRow } from '../../src/metrics/kpis.js';

const pt = (period: string, value: number | null): KpiPoint => ({
  period,
  value,
  n: value === null ? null : 10,
  ciLow: null,
  ciHigh: null,
});
const moves = (d: string): number => (d.match(/M/g) ?? []).length;

function expectValid(l: SparklineLayout): void {
  const nums = [l.width, l.height, ...l.y.domain];
  for (const p of l.points) nums.push(p.x, p.y);
  for (const v of nums) expect(Number.isFinite(v), String(v)).to.equal(true);
  for (const p of l.points) expect(p.x >= 0 && p.y >= 0).to.equal(true);
  expect(l.path).to.not.match(/NaN|Infinity/);
}

describe('charts/sparklineLayout', () => {
  it('spans the width on a padded min–max domain and marks the last point', () => {
    const l = sparklineLayout([pt('2025-01-01', 10), pt('2025-02-01', 20), pt('2025-03-01', 30)], {
      width: 104,
      height: 44,
    });
    expect(l.y.domain).to.deep.equal([8, 32]);
    expect(l.points.map((p) => [p.x, p.y])).to.deep.equal([
      [2, 38.7],
      [52, 22],
      [102, 5.3],
    ]);
    expect(l.path).to.equal('M2,38.7L52,22L102,5.3');
    expect(l.last).to.deep.equal({ period: '2025-03-01', x: 102, y: 5.3, value: 30, n: 10 });
    expectValid(l);
  });

  it('breaks the line where a period has no value and sorts periods', () => {
    const l = sparklineLayout(
      [
        pt('2025-03-01', 3),
        pt('2025-01-01', 1),
        pt('2025-02-01', null),
        pt('2025-04-01', 4),
        pt('2025-05-01', null),
      ],
      { width: 200, height: 40 },
    );
    expect(moves(l.path)).to.equal(2);
    expect(l.points.map((p) => p.period)).to.deep.equal(['2025-01-01', '2025-03-01', '2025-04-01']);
    expect(l.last?.period).to.equal('2025-04-01');
  });

  it('takes a fixed domain and centres a flat line', () => {
    expect(
      sparklineLayout([pt('a', 0.5)], { width: 100, height: 40, domain: [0, 1] }).points[0].y,
    ).to.equal(20);
    const flat = sparklineLayout([pt('a', 5), pt('b', 5)], { width: 100, height: 40 });
    expect(flat.y.domain).to.deep.equal([4.5, 5.5]);
    expect(flat.points.map((p) => p.y)).to.deep.equal([20, 20]);
    expect(sparklineLayout([pt('a', 0)], { width: 100, height: 40 }).y.domain).to.deep.equal([
      -1, 1,
    ]);
  });

  it('survives no points, all nulls, NaN values and degenerate sizes', () => {
    const empty = sparklineLayout([], { width: 100, height: 40 });
    expect([empty.path, empty.points, empty.last]).to.deep.equal(['', [], null]);
    expectValid(empty);
    const nulls = sparklineLayout([pt('a', null), pt('b', Number.NaN)], { width: 100, height: 40 });
    expect([nulls.path, nulls.last]).to.deep.equal(['', null]);
    expectValid(nulls);
    for (const width of [0, -1, Number.NaN])
      expectValid(
        sparklineLayout([pt('a', 1), pt('b', 2)], {
          width,
          height: Number.NaN,
          domain: [Number.NaN, 1],
        }),
      );
  });
});

describe('charts/kpiDirection', () => {
  it('treats down as good for churn, response and resolution times and effort', () => {
    for (const m of ['churnRate', 'firstResponseMedian', 'resolutionMedian', 'ces'] as const) {
      expect(kpiDirection(m, -5), m).to.equal('better');
      expect(kpiDirection(m, 5), m).to.equal('worse');
    }
    for (const m of ['nps', 'csat', 'fcr', 'activation', 'adoption'] as const) {
      expect(kpiDirection(m, 5), m).to.equal('better');
      expect(kpiDirection(m, -5), m).to.equal('worse');
    }
    expect(kpiDirection('ces', 1, { polarity: 'up' })).to.equal('better');
  });

  it('does not judge ticket volume', () => {
    expect(KPI_POLARITY.ticketVolume).to.equal('neutral');
    expect(kpiDirection('ticketVolume', 300)).to.equal('neutral');
    expect(kpiDirection('ticketVolume', -300)).to.equal('neutral');
  });

  it('calls changes inside the neutral band neutral, and no change none', () => {
    expect(kpiDirection('nps', 0.9)).to.equal('neutral');
    expect(kpiDirection('nps', 1)).to.equal('better');
    expect(kpiDirection('churnRate', 0.004)).to.equal('neutral');
    expect(kpiDirection('churnRate', 0.006)).to.equal('worse');
    expect(kpiDirection('csat', 3, { neutralBand: 5 })).to.equal('neutral');
    expect(kpiDirection('csat', 0)).to.equal('neutral');
    expect(kpiDirection('csat', 0, { neutralBand: 0 })).to.equal('neutral');
    for (const d of [null, undefined, Number.NaN, Infinity])
      expect(kpiDirection('csat', d)).to.equal('none');
  });

  it('calls a change that is not significant neutral', () => {
    expect(kpiDirection('csat', 10, { pValue: 0.2 })).to.equal('neutral');
    expect(kpiDirection('csat', 10, { pValue: 0.01 })).to.equal('better');
    expect(kpiDirection('csat', 10, { pValue: 0.02, alpha: 0.01 })).to.equal('neutral');
    expect(kpiDirection('csat', 10, { pValue: null })).to.equal('better');
  });

  it('calls a change over too few neutral, however large', () => {
    expect(kpiDirection('csat', 40, { tooFew: true })).to.equal('neutral');
    expect(kpiDirection('nps', 40, { tooFew: true })).to.equal('neutral');
    expect(kpiDirection('nps', 40, { tooFew: false })).to.equal('better');
  });
});

function card(extra: Partial<KpiRow>): KpiRow {
  return {
    metric: 'csat',
    value: 80,
    previous: 70,
    delta: 10,
    n: 100,
    previousN: 100,
    ciLow: 71.1,
    ciHigh: 86.7,
    deltaLow: -2.4,
    deltaHigh: 22,
    pValue: 0.1025,
    test: 'z',
    tooFew: false,
    ...extra,
  };
}

describe('charts/kpiLayout', () => {
  it("reads the row's comparison: significant, could be chance, too few, untested", () => {
    expect(kpiEvidence(card({}))).to.equal('chance');
    expect(kpiEvidence(card({ pValue: 0.01 }))).to.equal('significant');
    expect(kpiEvidence(card({ pValue: null, test: null, tooFew: true }))).to.equal('tooFew');
    expect(kpiEvidence(card({ metric: 'nps', pValue: null, test: null }))).to.equal('untested');
  });

  it('gives the direction from band and test, the intervals and the sparkline', () => {
    const row = card({ sparkline: [pt('2025-01-01', 70), pt('2025-02-01', 80)] });
    const l = kpiLayout(row, { width: 100, height: 40 });
    // +10 points is outside the band, but p = 0.10: it could be chance, so no colour.
    expect(l).to.include({
      metric: 'csat',
      value: 80,
      previous: 70,
      delta: 10,
      polarity: 'up',
      direction: 'neutral',
      evidence: 'chance',
      ciLow: 71.1,
      deltaHigh: 22,
      pValue: 0.1025,
      test: 'z',
      suppressed: false,
    });
    expect(l.sparkline?.points).to.have.length(2);
    expect(kpiLayout(card({ pValue: 0.001 }), { width: 100, height: 40 }).direction).to.equal('better');
    expect(kpiLayout(card({ pValue: null, test: null, tooFew: true }), { width: 100, height: 40 }).direction).to.equal('neutral');
    const churn = kpiLayout(
      card({ metric: 'churnRate', value: 0.02, previous: 0.05, delta: -0.03, pValue: 0.004 }),
      { width: 100, height: 40 },
    );
    expect([churn.direction, churn.sparkline]).to.deep.equal(['better', null]);
    // A card that is not a share is judged by its band once the counts suffice.
    const nps = kpiLayout(card({ metric: 'nps', pValue: null, test: null, deltaLow: null, deltaHigh: null }), { width: 100, height: 40 });
    expect([nps.direction, nps.evidence]).to.deep.equal(['better', 'untested']);
    const hidden = kpiLayout(
      card({ metric: 'nps', value: null, previous: null, delta: null, n: null, previousN: null, ciLow: null, ciHigh: null, deltaLow: null, deltaHigh: null, pValue: null, test: null, tooFew: null, suppressed: true }),
      { width: 100, height: 40 },
    );
    expect(hidden).to.include({ direction: 'none', suppressed: true, value: null });
  });
});
