// src/charts/path.ts stands in for d3-shape in the charts: its paths must be d3's to the
// character, for lines and areas, straight and step-after, with gaps, lone points and
// rounding, on random data.
import { expect } from 'chai';
import * as d3 from 'd3-shape';
import { area, curveStepAfter, line } from '../../src/charts/path.js';

interface P {
  x: number;
  y: number;
  lo: number | null;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function points(rand: () => number): P[] {
  const n = Math.floor(rand() * 9);
  return Array.from({ length: n }, (_, i) => ({
    x: i * 37.123 + rand() * 10,
    y: rand() * 300 - 20.04999,
    lo: rand() < 0.25 ? null : rand() * 200,
  }));
}

describe('charts/path: d3-shape line and area, as the charts use them', () => {
  it("draws lines as d3's, straight and step-after, with gaps and lone points", () => {
    const rand = random(7);
    for (let run = 0; run < 400; run++) {
      const data = points(rand);
      const defined = (p: P) => p.lo !== null;
      const ours = line<P>().defined(defined).x((p) => p.x).y((p) => p.y).digits(1);
      const theirs = d3.line<P>().defined(defined).x((p) => p.x).y((p) => p.y).digits(1);
      expect(ours(data), JSON.stringify(data)).to.equal(theirs(data));
      const step = line<P>().curve(curveStepAfter).x((p) => p.x).y((p) => p.y).digits(1);
      const d3Step = d3.line<P>().curve(d3.curveStepAfter).x((p) => p.x).y((p) => p.y).digits(1);
      expect(step(data), JSON.stringify(data)).to.equal(d3Step(data));
    }
  });

  it("draws areas as d3's, straight and step-after, with gaps", () => {
    const rand = random(11);
    for (let run = 0; run < 400; run++) {
      const data = points(rand);
      const defined = (p: P) => p.lo !== null;
      for (const [curve, d3Curve] of [['linear', d3.curveLinear], [curveStepAfter, d3.curveStepAfter]] as const) {
        const ours = area<P>().defined(defined).x((p) => p.x).y0((p) => p.lo ?? 0).y1((p) => p.y).digits(1);
        const theirs = d3.area<P>().defined(defined).x((p) => p.x).y0((p) => p.lo ?? 0).y1((p) => p.y).digits(1);
        if (curve !== 'linear') (ours.curve(curve), theirs.curve(d3Curve));
        expect(ours(data), `${curve} ${JSON.stringify(data)}`).to.equal(theirs(data));
      }
    }
  });

  it('gives null for no drawable point, as d3 does', () => {
    expect(line<P>().x((p) => p.x).y((p) => p.y)([])).to.equal(null);
    expect(area<P>().defined(() => false).x((p) => p.x).y1((p) => p.y)([{ x: 1, y: 2, lo: 0 }])).to.equal(null);
  });
});
