import { expect } from 'chai';
import { cohortHeatmapLayout, rampPosition, rateDomain, type HeatmapLayout } from '../../src/charts/heatmap.js';
import { contrastRatio, NEUTRAL_FILL, sequential } from '../../src/charts/palette.js';
import type { RetentionRow } from '../../src/metrics/retention.js';

function row(cohort: string, offset: number, rate: number | null, extra: Partial<RetentionRow> = {}): RetentionRow {
  const size = rate === null ? null : 100;
  const retained = rate === null ? null : Math.round(rate * 100);
  return { cohort, size, offset, retained, rate, ciLow: null, ciHigh: null, churned: null, churnRate: null, complete: true, ...extra };
}

/** A triangle: cohort i has offsets 0..(n − 1 − i); the last offset of each cohort is partial. */
function triangle(n: number): RetentionRow[] {
  const rows: RetentionRow[] = [];
  for (let i = 0; i < n; i++) {
    const cohort = `2025-${String(i + 1).padStart(2, '0')}-01`;
    for (let k = 0; k < n - i; k++) rows.push(row(cohort, k, 1 - k * 0.07, { complete: k < n - i - 1 }));
  }
  return rows;
}

function expectValid(l: HeatmapLayout): void {
  const nums = [l.width, l.height, l.cellWidth, l.cellHeight, l.fitColumns];
  for (const c of l.cells) nums.push(c.x, c.y, c.w, c.h);
  for (const r of l.rows) nums.push(r.y, r.cy);
  for (const c of l.columns) nums.push(c.x, c.cx);
  for (const v of nums) expect(Number.isFinite(v) && v >= 0, String(v)).to.equal(true);
}

describe('charts/cohortHeatmapLayout', () => {
  it('has one cell per row, one row per cohort, columns 0..max offset', () => {
    const rows = triangle(6);
    const l = cohortHeatmapLayout(rows, { width: 800 });
    expect(l.cells).to.have.length(rows.length);
    expect(l.rows.map((r) => r.cohort)).to.have.length(6);
    expect(l.columns.map((c) => c.offset)).to.deep.equal([0, 1, 2, 3, 4, 5]);
    expect(l.overflow).to.equal(false);
    expectValid(l);
  });

  it('places cells by the same scales as the rows and columns', () => {
    const l = cohortHeatmapLayout(triangle(5), { width: 600, labelWidth: 100, margin: { top: 20 } });
    expect(l.cellWidth).to.be.closeTo(100, 0.05); // (600 − 100) / 5
    expect(l.cellHeight).to.equal(28);
    for (const c of l.cells) {
      const r = l.rows.findIndex((x) => x.cohort === c.cohort);
      expect(c.x).to.be.closeTo(100 + c.offset * 100, 0.05);
      expect(c.x).to.equal(l.columns[c.offset].x);
      expect(c.y).to.be.closeTo(20 + r * 28, 0.05);
      expect(c.y).to.equal(l.rows[r].y);
      expect(c.w).to.be.closeTo(99, 0.05);
      expect(c.h).to.be.closeTo(27, 0.05);
    }
    expect(l.height).to.be.closeTo(20 + 5 * 28, 0.05);
  });

  it('flags partial and suppressed cells; suppressed have no rate and a neutral fill', () => {
    const rows = [row('2025-01-01', 0, 1), row('2025-01-01', 1, 0.5, { complete: false }), row('2025-02-01', 0, null, { suppressed: true })];
    const [a, b, c] = cohortHeatmapLayout(rows, { width: 400 }).cells;
    expect([a.partial, b.partial, c.partial]).to.deep.equal([false, true, false]);
    expect([a.suppressed, b.suppressed, c.suppressed]).to.deep.equal([false, false, true]);
    expect(c.rate).to.equal(null);
    expect(c.fill).to.equal(NEUTRAL_FILL);
    expect(a.fill).to.not.equal(b.fill);
    expect(cohortHeatmapLayout(rows, { width: 400 }).rows[1].size).to.equal(null);
  });

  it('gives every cell a text colour with contrast ≥ 4.5:1', () => {
    const rows = Array.from({ length: 21 }, (_, k) => row('2025-01-01', k, k / 20));
    rows.push(row('2025-02-01', 0, null, { suppressed: true }));
    for (const c of cohortHeatmapLayout(rows, { width: 1600 }).cells) {
      expect(contrastRatio(c.fill, c.textFill), c.fill).to.be.at.least(4.5);
    }
  });

  it('overflows on a 320 px phone with the column count that fits, and fills 1600 px', () => {
    const narrow = cohortHeatmapLayout(triangle(24), { width: 320 });
    expect(narrow.overflow).to.equal(true);
    expect(narrow.cellWidth).to.equal(28);
    expect(narrow.fitColumns).to.equal(Math.floor((320 - 96) / 28));
    expect(narrow.width).to.be.closeTo(96 + 24 * 28, 0.05);
    expectValid(narrow);
    const wide = cohortHeatmapLayout(triangle(24), { width: 1600, height: 900 });
    expect(wide.overflow).to.equal(false);
    expect(wide.width).to.equal(1600);
    expect(wide.height).to.equal(900);
    expect(wide.fitColumns).to.equal(24);
    expectValid(wide);
  });

  it('never produces negative or NaN sizes for degenerate widths', () => {
    for (const width of [0, -50, Number.NaN, 10]) expectValid(cohortHeatmapLayout(triangle(3), { width, height: -1 }));
  });

  it('lays out empty input and a single row', () => {
    const empty = cohortHeatmapLayout([], { width: 320 });
    expect(empty.cells).to.deep.equal([]);
    expect(empty.overflow).to.equal(false);
    expect(empty.width).to.equal(320);
    expectValid(empty);
    const one = cohortHeatmapLayout([row('2025-01-01', 0, 1)], { width: 320 });
    expect(one.cells).to.have.length(1);
    expect(one.cells[0]).to.include({ x: 96, y: 24, w: 223, h: 27, rate: 1, partial: false, suppressed: false });
    expectValid(one);
  });

  it('selects one segment and refuses several without it', () => {
    const rows = [row('2025-01-01', 0, 1, { segment: 'a' }), row('2025-01-01', 0, 1, { segment: 'b' }), row('2025-02-01', 0, 1, { segment: 'b' })];
    expect(() => cohortHeatmapLayout(rows, { width: 400 })).to.throw(RangeError, /segment/);
    expect(cohortHeatmapLayout(rows, { width: 400, segment: 'b' }).cells).to.have.length(2);
  });
});

describe('rateDomain', () => {
  const row = (offset: number, rate: number | null) => ({ offset, rate });

  it('spans the rates after offset 0 in 5% steps, and says which rates it clips', () => {
    const d = rateDomain([row(0, 1), row(1, 0.5), row(2, 0.083), row(3, 0.31)]);
    expect(d).to.deep.equal({ low: 0.05, high: 0.5, clippedLow: false, clippedHigh: true });
    expect(rampPosition(0.05, d)).to.equal(0);
    expect(rampPosition(1, d)).to.equal(1);
    expect(rampPosition(0.275, d)).to.be.closeTo(0.5, 1e-9);
  });

  it('pins 0–100% for full, or when there is nothing to span; widens a single value to a step', () => {
    expect(rateDomain([row(1, 0.4)], 'full')).to.deep.equal({ low: 0, high: 1, clippedLow: false, clippedHigh: false });
    expect(rateDomain([row(1, null), row(2, Number.NaN)])).to.deep.equal({ low: 0, high: 1, clippedLow: false, clippedHigh: false });
    expect(rateDomain([row(1, 0.4), row(2, 0.4)])).to.deep.equal({ low: 0.4, high: 0.45, clippedLow: false, clippedHigh: false });
    expect(rateDomain([row(1, 1)])).to.deep.equal({ low: 0.95, high: 1, clippedLow: false, clippedHigh: false });
    // Only offset 0: it is the data.
    expect(rateDomain([row(0, 0.9), row(0, 0.7)])).to.deep.equal({ low: 0.7, high: 0.9, clippedLow: false, clippedHigh: false });
  });

  it('colours cells on the domain', () => {
    const d = rateDomain([row(1, 0.1), row(2, 0.5)]);
    const rows = [
      { cohort: '2025-01-01', offset: 0, size: 10, retained: 10, rate: 1, complete: true },
      { cohort: '2025-01-01', offset: 1, size: 10, retained: 1, rate: 0.1, complete: true },
    ] as unknown as Parameters<typeof cohortHeatmapLayout>[0];
    const l = cohortHeatmapLayout(rows, { width: 400, domain: d });
    expect(l.cells.map((c) => c.fill)).to.deep.equal([sequential(1), sequential(0)]);
    expect(l.legend.domain).to.equal(d);
  });

  it('rejects an unknown mode in words', () => {
    expect(() => rateDomain([], 'wide' as never)).to.throw("color-domain must be one of data, full; got 'wide'");
  });
});
