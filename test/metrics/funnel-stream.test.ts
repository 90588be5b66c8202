import { expect } from 'chai';
import type { FunnelPlan } from '../../src/metrics/funnel-kernel.js';
import { finish } from '../../src/data/slices.js';
import { streamOrdered, type StreamRows } from '../../src/metrics/funnel-stream.js';
import { Tally } from '../../src/metrics/funnel-tally.js';

// Steps a, b (name ids 0, 1); event codes: 0 = a, 1 = b, 2 = x (no step).
const plan: FunnelPlan = {
  order: 'ordered',
  steps: Int32Array.of(0, 1),
  mult: Int32Array.of(1, 1),
  from: -Infinity,
  to: Infinity,
  deadline: (t) => t + 10,
};

/** Rows as [customer, time, event code]; two customers. */
function rowsOf(rows: [number, number, number][], customers = 2): StreamRows {
  return {
    n: rows.length,
    customer: Int32Array.from(rows, (r) => r[0]),
    time: Float64Array.from(rows, (r) => r[1]),
    event: Int32Array.from(rows, (r) => r[2]),
    nameOf: Int32Array.of(0, 1, -1),
    customers,
    segment: undefined,
    segments: 1,
  };
}

function stream(rows: [number, number, number][], customers?: number) {
  const tally = new Tally(1, 2);
  const counted = finish(streamOrdered(rowsOf(rows, customers), plan, tally));
  return { counted, entered: [...tally.entered()], medians: [...tally.medians()] };
}

describe('the ordered funnel in one pass', () => {
  it('counts a log in order: levels, and the fastest time from the latest start', () => {
    const r = stream([[0, 0, 0], [1, 1, 0], [0, 3, 0], [0, 3, 2], [0, 5, 1], [1, 20, 1], [1, 30, 0]]);
    expect(r).to.deep.equal({ counted: true, entered: [2, 1], medians: [NaN, 2] });
  });

  it('takes the steps at one instant in step order', () => {
    expect(stream([[0, 5, 0], [0, 5, 1]])).to.deep.equal({ counted: true, entered: [1, 1], medians: [NaN, 0] });
  });

  it('gives up at a unit whose rows go back in time, or put a later step first at one instant', () => {
    expect(stream([[0, 5, 0], [1, 1, 0], [0, 4, 1]]).counted).to.equal(false);
    expect(stream([[0, 5, 1], [0, 5, 0]]).counted).to.equal(false);
    // Other customers' rows and events that are no step do not matter.
    expect(stream([[0, 5, 0], [1, 1, 0], [0, 4, 2]]).counted).to.equal(true);
  });

  it('leaves it to the sorting path when the units would outgrow the rows', () => {
    expect(stream([[0, 0, 0]], 1_000_000).counted).to.equal(false);
  });
});
