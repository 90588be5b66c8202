import { expect } from 'chai';
import { COHORT_LINE, retentionCurvesLayout, weightedAverage } from '../../src/charts/curves.js';
import { categorical } from '../../src/charts/palette.js';
import type { RetentionRow } from '../../src/metrics/retention.js';

function row(cohort: string, offset: number, size: number | null, retained: number | null, extra: Partial<RetentionRow> = {}): RetentionRow {
  const rate = size === null || retained === null ? null : retained / size;
  return { cohort, size, offset, retained, rate, ciLow: null, ciHigh: null, churned: null, churnRate: null, complete: true, ...extra };
}

const rows: RetentionRow[] = [
  row('2025-01-01', 0, 100, 100),
  row('2025-01-01', 1, 100, 80),
  row('2025-01-01', 2, 100, 70, { complete: false }),
  row('2025-02-01', 0, 300, 300),
  row('2025-02-01', 1, 300, 150, { complete: false }),
];

describe('charts/retentionCurvesLayout', () => {
  it('weights the average by cohort size and leaves out partial periods', () => {
    const avg = weightedAverage(rows);
    expect(avg.map((p) => p.offset)).to.deep.equal([0, 1]);
    expect(avg[0].rate).to.equal(1);
    // offset 1: only January has ended (80/100); February's 150/300 is partial.
    expect(avg[1]).to.include({ retained: 80, size: 100, rate: 0.8 });
  });

  it('draws one line per cohort in the muted colour and the average on top, positioned by the scales', () => {
    const l = retentionCurvesLayout(rows, { width: 416, height: 252, margin: { left: 16, right: 0, top: 2, bottom: 50 } });
    expect(l.series.map((s) => [s.kind, s.key])).to.deep.equal([
      ['cohort', '2025-01-01'],
      ['cohort', '2025-02-01'],
      ['average', ''],
    ]);
    expect(l.series[0].color).to.equal(COHORT_LINE);
    expect(l.series[2].color).to.equal(categorical(0));
    // x: offsets 0..2 over 16..416 → 200 px per offset; y: 0..1 over 202..2.
    // January's offset 2 has not ended: its line stops at offset 1, as February's at 0.
    const jan = l.series[0].points;
    expect(jan.map((p) => p.x)).to.deep.equal([16, 216]);
    expect(jan.map((p) => p.y)).to.deep.equal([2, 42]);
    expect(l.series[0].path).to.equal('M16,2L216,42');
    expect(l.series[1].points.map((p) => p.offset)).to.deep.equal([0]);
    expect(l.yTicks.map((t) => t.y)).to.deep.equal([202, 152, 102, 52, 2]);
    expect(l.xTicks.map((t) => t.offset)).to.deep.equal([0, 1, 2]);
  });

  it('compares segments with one weighted average each, in categorical colours', () => {
    const seg = [
      ...rows.map((r) => ({ ...r, segment: 'Essencial' })),
      row('2025-01-01', 0, 50, 50, { segment: '<b>Plus</b>' }),
      row('2025-01-01', 1, 50, 45, { segment: '<b>Plus</b>' }),
    ];
    const l = retentionCurvesLayout(seg, { width: 400, height: 200, compareSegments: true });
    expect(l.series.map((s) => [s.kind, s.key, s.color])).to.deep.equal([
      ['segment', 'Essencial', categorical(0)],
      ['segment', '<b>Plus</b>', categorical(1)],
    ]);
    expect(l.series[1].points.map((p) => p.rate)).to.deep.equal([1, 0.9]);
    expect(() => retentionCurvesLayout(seg, { width: 400, height: 200 })).to.throw(RangeError, /segment/);
    expect(retentionCurvesLayout(seg, { width: 400, height: 200, segment: '<b>Plus</b>' }).series).to.have.length(2);
  });

  it('skips suppressed cells, and stays finite for empty rows and bad sizes', () => {
    const hidden = [row('2025-01-01', 0, null, null, { suppressed: true }), row('2025-02-01', 0, 20, 20)];
    const l = retentionCurvesLayout(hidden, { width: 300, height: 150 });
    expect(l.series.map((s) => s.key)).to.deep.equal(['2025-02-01', '']);
    const empty = retentionCurvesLayout([], { width: Number.NaN, height: -5 });
    expect(empty.series).to.deep.equal([]);
    for (const v of [empty.width, empty.height, ...empty.xTicks.map((t) => t.x), ...empty.yTicks.map((t) => t.y)])
      expect(Number.isFinite(v)).to.equal(true);
  });

  it('thins offset labels to keep them apart', () => {
    const long = Array.from({ length: 25 }, (_, k) => row('2024-01-01', k, 100, 100 - k));
    const l = retentionCurvesLayout(long, { width: 360, height: 200, minTickSpacing: 40 });
    const xs = l.xTicks.map((t) => t.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).to.be.at.least(40);
    expect(l.xTicks[0].offset).to.equal(0);
  });

  it('gives every point its 95% Wilson interval and each average a band', () => {
    const l = retentionCurvesLayout(rows, { width: 600, height: 300 });
    const avg = l.series.find((s) => s.kind === 'average')!;
    // offset 1: 80 of 100 → Wilson 71.1% to 86.7% (prop.test(80, 100, correct = FALSE)).
    expect(avg.points[1].ciLow).to.be.closeTo(0.7112, 1e-4);
    expect(avg.points[1].ciHigh).to.be.closeTo(0.8666, 1e-4);
    expect(avg.band).to.match(/^M/);
    for (const s of l.series.filter((x) => x.kind === 'cohort')) expect(s.band).to.equal('');
  });
});
