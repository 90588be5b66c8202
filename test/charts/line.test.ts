import { expect } from 'chai';
import { npsTrendLayout, type NpsTrendLayout } from '../../src/charts/line.js';
import type { NpsTrendRow } from '../../src/metrics/nps.js';

function row(period: string, nps: number | null, segment?: string): NpsTrendRow {
  const n = nps === null ? 0 : 50;
  const ci = nps === null ? null : 20;
  return {
    period,
    ...(segment === undefined ? {} : { segment }),
    n,
    promoters: nps === null ? null : 25,
    passives: nps === null ? null : 0,
    detractors: nps === null ? null : 25,
    nps,
    ciLow: ci === null || nps === null ? null : Math.max(-100, nps - ci),
    ciHigh: ci === null || nps === null ? null : Math.min(100, nps + ci),
  };
}

const months = (n: number): string[] => Array.from({ length: n }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
const moves = (d: string): number => (d.match(/M/g) ?? []).length;

function expectValid(l: NpsTrendLayout): void {
  const nums = [l.width, l.height, l.zeroY, l.x.step, ...Object.values(l.plot)];
  for (const t of l.xTicks) nums.push(t.x);
  for (const t of l.yTicks) nums.push(t.y);
  for (const s of l.series) for (const p of s.points) nums.push(p.x, p.y);
  for (const v of nums) expect(Number.isFinite(v) && v >= 0, String(v)).to.equal(true);
  for (const s of l.series) expect(s.path + s.band).to.not.match(/NaN|Infinity/);
}

describe('charts/npsTrendLayout', () => {
  it('maps periods on a point scale and NPS on a fixed [−100, 100] axis with a 0 line', () => {
    const l = npsTrendLayout([row('2025-01-01', 10), row('2025-02-01', 20)], { width: 240, height: 240, margin: { top: 20, right: 20, bottom: 20, left: 20 } });
    expect(l.y.domain).to.deep.equal([-100, 100]);
    expect(l.yTicks).to.deep.equal([{ value: -100, y: 220 }, { value: -50, y: 170 }, { value: 0, y: 120 }, { value: 50, y: 70 }, { value: 100, y: 20 }]);
    expect(l.zeroY).to.equal(120);
    expect(l.x.step).to.equal(100);
    expect(l.xTicks).to.deep.equal([{ period: '2025-01-01', x: 70 }, { period: '2025-02-01', x: 170 }]);
    expect(l.series).to.have.length(1);
    expect(l.series[0].points.map((p) => [p.x, p.y])).to.deep.equal([[70, 110], [170, 100]]);
    expect(l.series[0].path).to.equal('M70,110L170,100');
    expect(l.targetY).to.equal(undefined);
  });

  it('leaves gaps (not zeros) in the line and the band where n = 0', () => {
    const rows = [row('2025-01-01', 10), row('2025-02-01', 30), row('2025-03-01', null), row('2025-04-01', 40), row('2025-05-01', 50)];
    const [s] = npsTrendLayout(rows, { width: 500, height: 300 }).series;
    expect(moves(s.path)).to.equal(2);
    expect(moves(s.band)).to.equal(2);
    expect(s.points.map((p) => p.period)).to.deep.equal(['2025-01-01', '2025-02-01', '2025-04-01', '2025-05-01']);
    expect(s.points.map((p) => p.n)).to.deep.equal([50, 50, 50, 50]);
  });

  it('makes one series per segment with distinct palette colours', () => {
    const rows = months(4).flatMap((p) => ['clinic', 'hospital', 'pharmacy'].map((s, i) => row(p, i * 10, s)));
    const l = npsTrendLayout(rows, { width: 600, height: 300 });
    expect(l.series.map((s) => s.segment)).to.deep.equal(['clinic', 'hospital', 'pharmacy']);
    expect(new Set(l.series.map((s) => s.color)).size).to.equal(3);
    for (const s of l.series) expect(s.points).to.have.length(4);
    expect(l.x.domain).to.have.length(4);
  });

  it('places a target rule', () => {
    const l = npsTrendLayout([row('2025-01-01', 10)], { width: 300, height: 240, margin: { top: 20, bottom: 20 }, target: 50 });
    expect(l.targetY).to.equal(70);
  });

  it('gives valid geometry at 320 and 1600 px and thins x ticks when crowded', () => {
    const rows = months(36).map((p, i) => row(p, i % 7 === 3 ? null : (i * 13) % 200 - 100));
    const narrow = npsTrendLayout(rows, { width: 320, height: 200 });
    expectValid(narrow);
    expect(narrow.xTicks.length).to.be.lessThan(36);
    for (let i = 1; i < narrow.xTicks.length; i++) expect(narrow.xTicks[i].x - narrow.xTicks[i - 1].x).to.be.at.least(56 - 0.1);
    const wide = npsTrendLayout(rows, { width: 1600, height: 400 });
    expectValid(wide);
    expect(wide.xTicks).to.have.length(18);
  });

  it('survives empty input, one row and degenerate sizes', () => {
    const empty = npsTrendLayout([], { width: 320, height: 200 });
    expect(empty.series).to.deep.equal([]);
    expect(empty.xTicks).to.deep.equal([]);
    expectValid(empty);
    const one = npsTrendLayout([row('2025-01-01', 0)], { width: 320, height: 200 });
    expect(one.series[0].points).to.have.length(1);
    expect(moves(one.series[0].path)).to.equal(1);
    expectValid(one);
    expectValid(npsTrendLayout([row('2025-01-01', 0), row('2025-02-01', 5)], { width: -5, height: Number.NaN }));
    expectValid(npsTrendLayout([row('2025-01-01', null)], { width: 10, height: 10 }));
  });

  it('marks periods with fewer answers than minN as few and leaves them out of the band', () => {
    const rows = [row('2025-01-01', 10), { ...row('2025-02-01', 100), n: 1, ciLow: 100, ciHigh: 100 }, row('2025-03-01', 20)];
    const l = npsTrendLayout(rows, { width: 600, height: 300 });
    expect(l.series[0].points.map((p) => p.few)).to.deep.equal([false, true, false]);
    // The band is broken at February: two runs, one M each.
    expect(moves(l.series[0].band)).to.equal(2);
    expect(moves(l.series[0].path)).to.equal(1);
    const strict = npsTrendLayout(rows, { width: 600, height: 300, minN: 51 });
    expect(strict.series[0].points.every((p) => p.few)).to.equal(true);
    expect(strict.series[0].band).to.equal('');
  });
});
