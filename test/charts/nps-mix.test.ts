import { expect } from 'chai';
import { MIX_COLORS, mixTicks, npsMixLayout } from '../../src/charts/nps-mix.js';
import type { NpsTrendRow } from '../../src/metrics/nps.js';

const row = (period: string, promoters: number, passives: number, detractors: number): NpsTrendRow => {
  const n = promoters + passives + detractors;
  return { period, n, promoters, passives, detractors, nps: n ? (100 * (promoters - detractors)) / n : null, ciLow: null, ciHigh: null };
};

describe('charts/npsMixLayout', () => {
  const xOf = (p: string) => ({ '2025-01-01': 50, '2025-02-01': 150, '2025-03-01': 250 })[p] ?? 0;

  it('stacks detractors, passives and promoters bottom to top with heights by share', () => {
    const bars = npsMixLayout([row('2025-02-01', 5, 3, 2), row('2025-01-01', 1, 1, 2)], { xOf, step: 100, top: 10, height: 100 });
    expect(bars.map((b) => b.period)).to.deep.equal(['2025-01-01', '2025-02-01']);
    const feb = bars[1];
    expect(feb.n).to.equal(10);
    expect(feb.segments.map((s) => [s.part, s.count, s.y, s.h])).to.deep.equal([
      ['detractors', 2, 90, 20],
      ['passives', 3, 60, 30],
      ['promoters', 5, 10, 50],
    ]);
    expect(feb.segments[2].fill).to.equal(MIX_COLORS.promoters);
    // Width 70% of the step, capped at 40 px, centred on the period.
    expect([feb.x, feb.w]).to.deep.equal([130, 40]);
  });

  it('draws nothing for periods without answers or hidden, and never NaN', () => {
    const empty: NpsTrendRow = { period: '2025-03-01', n: 0, promoters: 0, passives: 0, detractors: 0, nps: null, ciLow: null, ciHigh: null };
    const hidden: NpsTrendRow = { ...empty, period: '2025-01-01', n: null, promoters: null, passives: null, detractors: null, suppressed: true };
    const bars = npsMixLayout([empty, hidden], { xOf, step: Number.NaN, top: 0, height: -3 });
    expect(bars.map((b) => [b.n, b.segments.length])).to.deep.equal([[0, 0], [0, 0]]);
    for (const b of bars) for (const v of [b.x, b.w]) expect(Number.isFinite(v)).to.equal(true);
  });

  it('gives the mix its own 0–100% axis, bottom to top over the panel', () => {
    expect(mixTicks(200, 56)).to.deep.equal([
      { share: 0, y: 256 },
      { share: 0.5, y: 228 },
      { share: 1, y: 200 },
    ]);
    for (const tk of mixTicks(0, Number.NaN)) expect(Number.isFinite(tk.y)).to.equal(true);
  });
});
