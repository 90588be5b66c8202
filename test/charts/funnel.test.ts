import { expect } from 'chai';
import {
  adoptionLayout,
  funnelLayout,
  type AdoptionLayout,
  type FunnelLayout,
} from '../../src/charts/funnel.js';
import { categorical, NEUTRAL_FILL } from '../../src/charts/palette.js';
import type { AdoptionRow } from '../../src/metrics/adoption.js';
import type { FunnelRow } from '../../src/metrics/funnel.js';

/** A funnel from entered counts per step. */
function funnelRows(
  entered: (number | null)[],
  segment?: string,
  qValues?: (number | null)[],
): FunnelRow[] {
  const first = entered[0];
  return entered.map((e, j) => {
    const prev = j === 0 ? first : entered[j - 1];
    const r: FunnelRow = {
      ...(segment === undefined ? {} : { segment }),
      step: ['signup', 'first_login', 'booked', 'teleconsult'][j],
      index: j + 1,
      entered: e,
      conversion: e === null || !first ? null : e / first,
      ciLow: null,
      ciHigh: null,
      fromPrevious: e === null || !prev ? null : e / prev,
      dropOff: j === 0 ? 0 : e === null || prev === null ? null : prev - e,
      medianTimeToConvertMs: j === 0 ? null : 3_600_000 * j,
    };
    // The p-value before adjustment is smaller than its q-value.
    if (qValues) Object.assign(r, { pValue: qValues[j] === null ? null : qValues[j]! / 4, qValue: qValues[j] });
    if (e === null) r.suppressed = true;
    return r;
  });
}

function expectValidFunnel(l: FunnelLayout): void {
  const nums = [l.width, l.height, l.barHeight, ...Object.values(l.plot)];
  for (const t of l.xTicks) nums.push(t.x);
  for (const s of l.steps) nums.push(s.y, s.h, s.cy);
  for (const b of l.bars) nums.push(b.x, b.y, b.w, b.h, b.cy);
  for (const v of nums) expect(Number.isFinite(v) && v >= 0, String(v)).to.equal(true);
}

const opts = { width: 520, labelWidth: 120, margin: { top: 0, right: 0, bottom: 0, left: 0 } };

describe('charts/funnelLayout', () => {
  it('draws one bar per step, its length the share of the first step', () => {
    const l = funnelLayout(funnelRows([200, 150, 50, 20]), opts);
    expect(l.steps.map((s) => s.step)).to.deep.equal([
      'signup',
      'first_login',
      'booked',
      'teleconsult',
    ]);
    expect(l.bars.map((b) => b.w)).to.deep.equal([400, 300, 100, 40]);
    expect(l.bars.every((b) => b.x === 120)).to.equal(true);
    expect(l.bars.map((b) => b.y)).to.deep.equal([0, 42, 84, 126]); // slot 30 + step gap 12
    expect(l.steps[1]).to.deep.equal({ step: 'first_login', index: 2, y: 42, h: 28, cy: 56 });
    expect(l.legend).to.deep.equal([]);
    expect(l.xTicks.map((t) => [t.value, t.x])).to.deep.equal([
      [0, 120],
      [0.25, 220],
      [0.5, 320],
      [0.75, 420],
      [1, 520],
    ]);
    const b = l.bars[2];
    expect(b).to.include({
      entered: 50,
      fromPrevious: 50 / 150,
      dropOff: 100,
      medianTimeToConvertMs: 7_200_000,
      pValue: null,
      significant: null,
      suppressed: false,
      fill: categorical(0),
    });
    expect(b.conversion).to.equal(0.25);
    expectValidFunnel(l);
  });

  it('groups segments side by side within each step, with a legend and significance', () => {
    const rows = [
      ...funnelRows([100, 80, 40], 'patient', [null, 0.01, 0.2]),
      ...funnelRows([50, 20, 5], 'doctor', [null, 0.01, 0.2]),
    ];
    const l = funnelLayout(rows, opts);
    expect(l.legend).to.deep.equal([
      { segment: 'patient', color: categorical(0) },
      { segment: 'doctor', color: categorical(1) },
    ]);
    expect(l.bars.map((b) => `${b.index}:${b.segment}`)).to.deep.equal([
      '1:patient',
      '1:doctor',
      '2:patient',
      '2:doctor',
      '3:patient',
      '3:doctor',
    ]);
    expect(l.bars.map((b) => b.y)).to.deep.equal([0, 30, 72, 102, 144, 174]);
    expect(l.steps.map((s) => [s.y, s.h])).to.deep.equal([
      [0, 58],
      [72, 58],
      [144, 58],
    ]);
    expect(l.bars.map((b) => b.w)).to.deep.equal([400, 400, 320, 160, 160, 40]);
    expect(l.bars.map((b) => b.significant)).to.deep.equal([null, null, true, true, false, false]);
    expect(funnelLayout(rows, { ...opts, alpha: 0.005 }).bars[2].significant).to.equal(false);
    // The mark follows the adjusted q-value, not the raw p-value (0.05 / 4 here).
    expect(l.bars[4]).to.include({ pValue: 0.05, significant: false });
    expect(l.bars[2].comparison).to.include({ qValue: 0.01, pValue: 0.0025 });
    expect(l.bars[1].fill).to.equal(categorical(1));
  });

  it('keeps suppressed steps as neutral zero-length bars', () => {
    const l = funnelLayout(funnelRows([100, null, 30]), opts);
    expect(l.bars[1]).to.include({
      w: 0,
      conversion: null,
      entered: null,
      suppressed: true,
      fill: NEUTRAL_FILL,
    });
    expect(l.bars[2]).to.include({ w: 120, dropOff: null });
  });

  it('orders by step index whatever the input order, repeated names included', () => {
    const rows = funnelRows([10, 5, 2])
      .map((r) => (r.index === 3 ? { ...r, step: 'signup' } : r))
      .reverse();
    const l = funnelLayout(rows, opts);
    expect(l.steps.map((s) => [s.index, s.step])).to.deep.equal([
      [1, 'signup'],
      [2, 'first_login'],
      [3, 'signup'],
    ]);
    expect(l.bars.map((b) => b.index)).to.deep.equal([1, 2, 3]);
  });

  it('stretches to a given height and survives empty input, NaN and degenerate sizes', () => {
    const tall = funnelLayout(funnelRows([10, 5]), { ...opts, height: 400 });
    expect(tall.height).to.equal(400);
    expect(tall.barHeight).to.equal(186); // 400 / 2 − 12 − 2
    const empty = funnelLayout([], { width: 320 });
    expect(empty.bars).to.deep.equal([]);
    expectValidFunnel(empty);
    const zero = funnelLayout(funnelRows([0, 0]), { width: 320 });
    expect(zero.bars.map((b) => b.w)).to.deep.equal([0, 0]);
    expectValidFunnel(zero);
    const nan = funnelRows([10, 5]).map((r) => ({
      ...r,
      conversion: Number.NaN,
      pValue: Number.NaN,
      qValue: Number.NaN,
    }));
    expect(
      funnelLayout(nan, { width: 320 }).bars.map((b) => [b.conversion, b.significant]),
    ).to.deep.equal([
      [null, null],
      [null, null],
    ]);
    for (const width of [0, -5, Number.NaN, 10])
      expectValidFunnel(
        funnelLayout(funnelRows([10, 5], 'a'), {
          width,
          height: -1,
          gap: Number.NaN,
          alpha: Number.NaN,
        }),
      );
  });
});

function adoption(
  period: string,
  feature: string,
  rate: number | null,
  extra: Partial<AdoptionRow> = {},
): AdoptionRow {
  return {
    period,
    feature,
    active: rate === null ? 0 : 100,
    adopters: rate === null ? 0 : rate * 100,
    adoption: rate,
    ciLow: null,
    ciHigh: null,
    ...extra,
  };
}

function expectValidAdoption(l: AdoptionLayout): void {
  const nums = [l.width, l.height, l.x.step, ...Object.values(l.plot)];
  for (const t of l.xTicks) nums.push(t.x);
  for (const t of l.yTicks) nums.push(t.y);
  for (const s of l.series) for (const p of s.points) nums.push(p.x, p.y);
  for (const v of nums) expect(Number.isFinite(v) && v >= 0, String(v)).to.equal(true);
  for (const s of l.series) expect(s.path).to.not.match(/NaN|Infinity/);
}

const moves = (d: string): number => (d.match(/M/g) ?? []).length;

describe('charts/adoptionLayout', () => {
  it('draws one line per feature on a 0–1 axis over a point scale of periods', () => {
    const rows = [
      adoption('2025-01-01', 'chat', 0.5),
      adoption('2025-01-01', 'tele', 0.25),
      adoption('2025-02-01', 'chat', 1),
      adoption('2025-02-01', 'tele', 0),
    ];
    const l = adoptionLayout(rows, {
      width: 240,
      height: 240,
      margin: { top: 20, right: 20, bottom: 20, left: 20 },
    });
    expect(l.yTicks.map((t) => [t.value, t.y])).to.deep.equal([
      [0, 220],
      [0.25, 170],
      [0.5, 120],
      [0.75, 70],
      [1, 20],
    ]);
    expect(l.series.map((s) => [s.key, s.color])).to.deep.equal([
      ['chat', categorical(0)],
      ['tele', categorical(1)],
    ]);
    expect(l.series[0].points.map((p) => [p.x, p.y])).to.deep.equal([
      [70, 120],
      [170, 20],
    ]);
    expect(l.series[0].path).to.equal('M70,120L170,20');
    expect(l.series[1].points.map((p) => p.y)).to.deep.equal([170, 220]);
    expectValidAdoption(l);
  });

  it('leaves gaps where a period has no rate, and sorts periods', () => {
    const rows = ['2025-04-01', '2025-01-01', '2025-03-01', '2025-02-01'].map((p) =>
      adoption(
        p,
        'chat',
        p === '2025-02-01' ? null : 0.5,
        p === '2025-02-01' ? { suppressed: true, active: null, adopters: null } : {},
      ),
    );
    const [s] = adoptionLayout(rows, { width: 400, height: 200 }).series;
    expect(moves(s.path)).to.equal(2);
    expect(s.points.map((p) => p.period)).to.deep.equal(['2025-01-01', '2025-03-01', '2025-04-01']);
  });

  it('selects a segment, or draws one line per segment for one feature, with significance', () => {
    const rows = [
      adoption('2025-01-01', 'chat', 0.5, { segment: 'a', pValue: 0.001, qValue: 0.01 }),
      adoption('2025-01-01', 'chat', 0.2, { segment: 'b', pValue: 0.001, qValue: 0.01 }),
      adoption('2025-01-01', 'tele', 0.1, { segment: 'a', pValue: 0.01, qValue: 0.5 }),
    ];
    expect(() => adoptionLayout(rows, { width: 300, height: 200 })).to.throw(RangeError, /segment/);
    const a = adoptionLayout(rows, { width: 300, height: 200, segment: 'a' });
    expect(a.series.map((s) => [s.feature, s.segment, s.points[0].significant])).to.deep.equal([
      ['chat', 'a', true],
      ['tele', 'a', false],
    ]);
    const chat = adoptionLayout(rows, { width: 300, height: 200, feature: 'chat' });
    expect(chat.series.map((s) => [s.key, s.feature, s.segment])).to.deep.equal([
      ['a', 'chat', 'a'],
      ['b', 'chat', 'b'],
    ]);
  });

  it('survives empty input, one row, NaN and degenerate sizes', () => {
    const empty = adoptionLayout([], { width: 320, height: 200 });
    expect(empty.series).to.deep.equal([]);
    expectValidAdoption(empty);
    expectValidAdoption(
      adoptionLayout([adoption('2025-01-01', 'chat', 0.3)], { width: 320, height: 200 }),
    );
    const nan = adoptionLayout([adoption('2025-01-01', 'chat', Number.NaN)], {
      width: Number.NaN,
      height: -4,
    });
    expect(nan.series[0].points).to.deep.equal([]);
    expectValidAdoption(nan);
  });
});
