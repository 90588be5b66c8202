import { expect } from 'chai';
import * as aq from 'arquero';
import { funnel, type FunnelRow } from '../../src/metrics/funnel.js';
import { adjustPValues } from '../../src/metrics/compare.js';
import { expectNear, wilsonPct } from './near.js';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2025, 0, 1);
type Ev = { customer_id: string | null; at: unknown; event: string | null; [k: string]: unknown };
/** An event `h` hours after T0. */
const ev = (customer: string, h: number, event: string, extra: Record<string, unknown> = {}): Ev => ({
  customer_id: customer,
  at: T0 + h * H,
  event,
  ...extra,
});
const entered = (rows: FunnelRow[]) => rows.map((r) => r.entered);
const medians = (rows: FunnelRow[]) => rows.map((r) => r.medianTimeToConvertMs);
/** The Wilson interval of x / n as the row fields (fractions). */
const ci = (x: number, n: number) => {
  const [ciLow, ciHigh] = wilsonPct(x, n).map((v) => v / 100);
  return { ciLow, ciHigh };
};

describe('funnel', () => {
  describe('ordered (default)', () => {
    // u: a@0 dies (nothing within 24 h), a@20 reaches b@30 (10 h), a@70 reaches b@71, c@72.
    // v: a@0, b@5, c@30 (c is 30 h after a: outside the window).
    const rows = [
      ev('u', 0, 'a'), ev('u', 20, 'a'), ev('u', 30, 'b'), ev('u', 60, 'c'),
      ev('u', 70, 'a'), ev('u', 71, 'b'), ev('u', 72, 'c'),
      ev('v', 0, 'a'), ev('v', 5, 'b'), ev('v', 30, 'c'),
    ];

    it('takes the best attempt of each customer and the fastest time to each step', () => {
      const out = funnel(rows, { steps: ['a', 'b', 'c'], window: 'P1D' });
      expectNear(out, [
        { step: 'a', index: 1, entered: 2, conversion: 1, ...ci(2, 2), fromPrevious: 1, dropOff: 0, medianTimeToConvertMs: null },
        // u's fastest a→b is 1 h (a@70), v's 5 h: median (1 + 5) / 2 = 3 h.
        { step: 'b', index: 2, entered: 2, conversion: 1, ...ci(2, 2), fromPrevious: 1, dropOff: 0, medianTimeToConvertMs: 3 * H },
        { step: 'c', index: 3, entered: 1, conversion: 0.5, ...ci(1, 2), fromPrevious: 0.5, dropOff: 1, medianTimeToConvertMs: 2 * H },
      ]);
    });

    it('defaults to a 30-day window; takes milliseconds and comma-separated steps', () => {
      expect(entered(funnel(rows, { steps: 'a, b ,c' }))).to.deep.equal([2, 2, 2]);
      expect(entered(funnel(rows, { steps: 'a,b,c', window: 30 * H }))).to.deep.equal([2, 2, 2]);
      expect(entered(funnel(rows, { steps: 'a,b,c', window: 2 * H }))).to.deep.equal([2, 1, 1]);
    });

    it('counts an event exactly `window` after the first, not one ms later', () => {
      const edge = [ev('u', 0, 'a'), { customer_id: 'u', at: T0 + DAY, event: 'b' }];
      const late = [ev('u', 0, 'a'), { customer_id: 'u', at: T0 + DAY + 1, event: 'b' }];
      expect(entered(funnel(edge, { steps: 'a,b', window: 'P1D' }))).to.deep.equal([1, 1]);
      expect(entered(funnel(late, { steps: 'a,b', window: 'P1D' }))).to.deep.equal([1, 0]);
      expect(entered(funnel(edge, { steps: 'a,b', window: 0 }))).to.deep.equal([1, 0]);
    });

    it('orders same-instant events by step position, whatever the row order, and sorts unsorted input by time', () => {
      const tied = [
        { customer_id: 'x', at: T0, event: 'a' }, { customer_id: 'x', at: T0, event: 'b' },
        { customer_id: 'y', at: T0, event: 'b' }, { customer_id: 'y', at: T0, event: 'a' },
        ev('z', 5, 'b'), ev('z', 1, 'a'),
      ];
      const out = funnel(tied, { steps: 'a,b' });
      // y's b and a at one instant count as a then b (SPEC §3.5), as x's do.
      expect(entered(out)).to.deep.equal([3, 3]);
      expect(medians(out)).to.deep.equal([null, 0]); // x: 0, y: 0, z: 4 h
    });

    it('handles repeated steps (a, b, a)', () => {
      const data = [
        ev('p', 0, 'a'), ev('p', 1, 'b'), ev('p', 2, 'a'), // 3
        ev('q', 0, 'a'), ev('q', 1, 'a'), ev('q', 2, 'b'), // 2: no a after b
        ev('r', 0, 'a'), // 1
        ev('s', 0, 'b'), ev('s', 1, 'a'), // 1
      ];
      expect(entered(funnel(data, { steps: 'a,b,a' }))).to.deep.equal([4, 2, 1]);
      // One event fills one step: a single a cannot be steps 1 and 2 of a, a, b.
      const twice = [ev('p', 0, 'a'), ev('p', 1, 'b'), ev('q', 0, 'a'), ev('q', 1, 'a'), ev('q', 2, 'b')];
      expect(entered(funnel(twice, { steps: 'a,a,b' }))).to.deep.equal([2, 1, 1]);
      expect(entered(funnel(twice, { steps: 'a,a,a' }))).to.deep.equal([2, 1, 0]);
    });

    it('counts calendar months: Jan 31 + P1M is Feb 28', () => {
      const jan31 = Date.UTC(2025, 0, 31, 12);
      const data = [
        { customer_id: 'u', at: jan31, event: 'a' }, { customer_id: 'u', at: Date.UTC(2025, 1, 28, 12), event: 'b' },
        { customer_id: 'v', at: jan31, event: 'a' }, { customer_id: 'v', at: Date.UTC(2025, 1, 28, 12) + 1, event: 'b' },
      ];
      expect(entered(funnel(data, { steps: 'a,b', window: 'P1M' }))).to.deep.equal([2, 1]);
    });

    it('counts calendar days in timeZone (New York, 23-hour day on 9 March 2025)', () => {
      // a at noon EST on 8 March (17:00Z); noon EDT on 9 March is 16:00Z, 23 h later.
      const a = Date.UTC(2025, 2, 8, 17);
      const data = [
        { customer_id: 'u', at: a, event: 'a' }, { customer_id: 'u', at: a + 23 * H, event: 'b' },
        { customer_id: 'v', at: a, event: 'a' }, { customer_id: 'v', at: a + 23 * H + 1, event: 'b' },
      ];
      expect(entered(funnel(data, { steps: 'a,b', window: 'P1D', timeZone: 'America/New_York' }))).to.deep.equal([2, 1]);
      expect(entered(funnel(data, { steps: 'a,b', window: 'P1D' }))).to.deep.equal([2, 2]);
    });

    it('bounds the first step by from/to (half-open); later steps may fall after to', () => {
      const data = [
        ev('u', 0, 'a'), ev('u', 1, 'b'), // a at from: in
        ev('v', -1, 'a'), ev('v', 1, 'b'), // a before from: out
        ev('w', 9, 'a'), ev('w', 20, 'b'), // b after to: still counts
        ev('x', 10, 'a'), ev('x', 11, 'b'), // a at to: out
      ];
      const out = funnel(data, { steps: 'a,b', from: T0, to: new Date(T0 + 10 * H) });
      expect(entered(out)).to.deep.equal([2, 2]);
      expect(entered(funnel(data, { steps: 'a,b', from: new Date(T0).toISOString() }))).to.deep.equal([3, 3]);
    });
  });

  describe('strict', () => {
    const data = [
      ev('s1', 0, 'a'), ev('s1', 1, 'x'), ev('s1', 2, 'b'), ev('s1', 3, 'c'), // another event breaks: 1
      ev('s2', 0, 'a'), ev('s2', 1, 'a'), ev('s2', 2, 'b'), ev('s2', 3, 'c'), // from the second a: 3
      ev('s3', 0, 'a'), ev('s3', 1, 'b'), ev('s3', 2, 'x'), ev('s3', 3, 'c'), // 2
      ev('s4', 0, 'a'), ev('s4', 30, 'b'), // consecutive but outside the window: 1
    ];

    it('forbids any other event between matched ones, repeats of a step included', () => {
      const out = funnel(data, { steps: 'a,b,c', order: 'strict', window: 'P1D' });
      expect(entered(out)).to.deep.equal([4, 2, 1]);
      expect(medians(out)).to.deep.equal([null, 1 * H, 2 * H]);
      expect(entered(funnel(data, { steps: 'a,b,c', window: 'P1D' }))).to.deep.equal([4, 3, 3]);
    });

    it('handles repeated steps (a, b, a)', () => {
      const rep = [ev('p', 0, 'a'), ev('p', 1, 'a'), ev('p', 2, 'b'), ev('p', 3, 'a'), ev('q', 0, 'a'), ev('q', 1, 'a')];
      expect(entered(funnel(rep, { steps: 'a,b,a', order: 'strict' }))).to.deep.equal([2, 1, 1]);
    });

    it('puts other events at the same instant after the steps, so they do not break a run', () => {
      const tied = [
        { customer_id: 'u', at: T0, event: 'x' }, { customer_id: 'u', at: T0, event: 'b' }, { customer_id: 'u', at: T0, event: 'a' },
        { customer_id: 'v', at: T0, event: 'a' }, { customer_id: 'v', at: T0 + 1, event: 'x' }, { customer_id: 'v', at: T0 + 1, event: 'b' },
      ];
      // u: a, b, x (steps first, in step order); v: a, then b before x at the next instant.
      expect(entered(funnel(tied, { steps: 'a,b', order: 'strict' }))).to.deep.equal([2, 2]);
      const broken = [{ customer_id: 'w', at: T0, event: 'a' }, { customer_id: 'w', at: T0 + 1, event: 'x' }, { customer_id: 'w', at: T0 + 2, event: 'b' }];
      expect(entered(funnel(broken, { steps: 'a,b', order: 'strict' }))).to.deep.equal([1, 0]);
    });
  });

  describe('any', () => {
    it('counts distinct steps done in any order, within the window of the first of them', () => {
      const data = [
        ev('u', 0, 'c'), ev('u', 1, 'a'), // 2, 1 h
        ev('v', 0, 'b'), ev('v', 30, 'c'), ev('v', 31, 'a'), // from c@30: 2, 1 h
        ev('w', 0, 'a'), ev('w', 1, 'x'), ev('w', 2, 'a'), // a twice is one step: 1
        ev('y', 0, 'x'), // no step: not counted
      ];
      const out = funnel(data, { steps: 'a,b,c', order: 'any', window: 'P1D' });
      expect(entered(out)).to.deep.equal([3, 2, 0]);
      expect(medians(out)).to.deep.equal([null, H, null]);
      expect(out[2].conversion).to.equal(0);
    });

    it('needs one event per step when names repeat (a, b, a)', () => {
      const data = [
        ev('p', 0, 'a'), ev('p', 1, 'b'), // 2
        ev('q', 0, 'a'), ev('q', 1, 'a'), // 2
        ev('r', 0, 'b'), ev('r', 1, 'a'), ev('r', 5, 'a'), // 3 after 5 h
      ];
      const out = funnel(data, { steps: 'a,b,a', order: 'any' });
      expect(entered(out)).to.deep.equal([3, 3, 1]);
      expect(medians(out)).to.deep.equal([null, H, 5 * H]);
    });

    it('bounds the first step event of an attempt (whichever step) by from/to', () => {
      const data = [ev('u', 0, 'c'), ev('u', 5, 'a'), ev('v', 5, 'b'), ev('v', 6, 'c')];
      const out = funnel(data, { steps: 'a,b,c', order: 'any', from: T0 + H });
      expect(entered(out)).to.deep.equal([2, 1, 0]); // u only from a@5: one step
    });
  });

  describe('input', () => {
    it('gives zero rows with null rates for empty input and all-null columns', () => {
      const empty = [
        { step: 'a', index: 1, entered: 0, conversion: null, ciLow: null, ciHigh: null, fromPrevious: null, dropOff: 0, medianTimeToConvertMs: null },
        { step: 'b', index: 2, entered: 0, conversion: null, ciLow: null, ciHigh: null, fromPrevious: null, dropOff: 0, medianTimeToConvertMs: null },
      ];
      expect(funnel([], { steps: 'a,b' })).to.deep.equal(empty);
      const nulls = [{ customer_id: null, at: null, event: null }, { customer_id: null, at: null, event: null }];
      expect(funnel({ activity: nulls }, { steps: 'a,b' })).to.deep.equal(empty);
      expect(funnel({ activity: [], customers: [{ customer_id: 'u', plan: 'gold' }] }, { steps: 'a,b', by: 'plan' })).to.deep.equal([]);
    });

    it('takes one row, an Arquero table, and rejects bad rows without counting them', () => {
      expect(entered(funnel([ev('u', 0, 'a')], { steps: 'a,b' }))).to.deep.equal([1, 0]);
      const table = aq.table({ customer_id: ['u', 'u'], at: [T0, T0 + H], event: ['a', 'b'] });
      expect(entered(funnel(table, { steps: 'a,b' }))).to.deep.equal([1, 1]);
      const bad = [
        ev('u', 0, 'a'),
        { customer_id: 'u', at: 'not a time', event: 'b' },
        { customer_id: 'u', at: NaN, event: 'b' },
        { customer_id: null, at: T0 + H, event: 'b' },
        { customer_id: 'u', at: T0 + H, event: null },
        { customer_id: 'v', at: '2025-01-01T00:00:00Z', event: 'a' },
      ];
      expect(entered(funnel(bad, { steps: 'a,b' }))).to.deep.equal([2, 0]);
    });
  });

  describe('by', () => {
    const customers = [
      ...Array.from({ length: 10 }, (_, i) => ({ customer_id: `d${i}`, user_type: 'doctor' })),
      ...Array.from({ length: 10 }, (_, i) => ({ customer_id: `p${i}`, user_type: 'patient' })),
    ];
    // Doctors: 8 of 10 convert; patients: 2 of 10; one customer unknown to the table.
    const activity = [
      ...customers.map((c) => ev(c.customer_id, 0, 'a')),
      ...customers.filter((c, i) => (i < 10 ? i < 8 : i < 12)).map((c) => ev(c.customer_id, 1, 'b')),
      ev('ghost', 0, 'a'),
    ];

    it('joins a customer attribute, orders segments with "(none)" last, tests against the rest', () => {
      const out = funnel({ activity, customers }, { steps: 'a,b', by: 'user_type' });
      expect(out.map((r) => [r.segment, r.index, r.entered])).to.deep.equal([
        ['doctor', 1, 10], ['doctor', 2, 8], ['patient', 1, 10], ['patient', 2, 2], ['(none)', 1, 1], ['(none)', 2, 0],
      ]);
      expect(out[0]).to.include({ pValue: null, qValue: null, test: null, tooFew: null });
      // Ten doctors against eleven others: under the default minSample of 30, nothing is
      // tested and nothing can be marked, however large the difference looks.
      expect(out[1]).to.include({ tooFew: true, pValue: null, qValue: null, test: null, diffLow: null, diffHigh: null });
      expect(out[1].diff).to.be.closeTo(0.8 - 2 / 11, 1e-12);
      const tested = funnel({ activity, customers }, { steps: 'a,b', by: 'user_type', minSample: 0 });
      // doctors 8/10 against 2/11: an expected count 10 · 10 / 21 is below 5, so Fisher's
      // exact test; R: fisher.test(matrix(c(8, 2, 2, 9), 2))$p.value.
      expect(tested[1]).to.include({ test: 'fisher', tooFew: false });
      expect(tested[1].pValue).to.be.closeTo(0.00892219235872488, 1e-12);
      expect(tested[1].diffLow, "the interval excludes no difference").to.be.above(0);
      // q-values: Benjamini–Hochberg over the three step-2 comparisons of the result.
      expect(tested.map((r) => r.qValue)).to.deep.equal(adjustPValues(tested.map((r) => r.pValue)));
      expect(tested[1].qValue).to.be.above(tested[1].pValue!);
    });

    it('uses the z-test when every expected count is 5 or more', () => {
      const people = Array.from({ length: 80 }, (_, i) => ({ customer_id: `c${i}`, user_type: i < 40 ? 'doctor' : 'patient' }));
      // Doctors 30 of 40 reach b, patients 20 of 40.
      const events = [...people.map((c) => ev(c.customer_id, 0, 'a')), ...people.filter((_, i) => i < 30 || (i >= 40 && i < 60)).map((c) => ev(c.customer_id, 1, 'b'))];
      const out = funnel({ activity: events, customers: people }, { steps: 'a,b', by: 'user_type' });
      expect(out[1]).to.include({ test: 'z', tooFew: false });
      expect(out[1].pValue).to.be.closeTo(pooled(30, 40, 20, 40), 1e-9);
      expect(out[3].pValue).to.be.closeTo(out[1].pValue!, 1e-12);
    });

    it('reads the activity table own column, each segment a separate sequence', () => {
      const data = [
        ev('u', 0, 'a', { platform: 'web' }), ev('u', 1, 'b', { platform: 'ios' }),
        ev('v', 0, 'a', { platform: 'ios' }), ev('v', 1, 'b', { platform: 'ios' }),
        ev('w', 0, 'a', { platform: null }),
      ];
      const out = funnel(data, { steps: 'a,b', by: 'platform' });
      expect(out.map((r) => [r.segment, r.entered])).to.deep.equal([['ios', 1], ['ios', 1], ['web', 1], ['web', 0], ['(none)', 1], ['(none)', 0]]);
    });

    it('suppresses small counts per segment, and p-values use shown segments only', () => {
      const out = funnel({ activity, customers }, { steps: 'a,b', by: 'user_type', minCellSize: 3, minSample: 0 });
      const none = out.filter((r) => r.segment === '(none)');
      expect(none.map((r) => [r.entered, r.suppressed])).to.deep.equal([[null, true], [0, true]]);
      expect(none[1].conversion).to.equal(null);
      // doctors: drop-off 2 < 3 hides it and step 2 (8); patients: 2 hidden, drop-off 8 with it.
      expect(out.slice(0, 4).map((r) => r.entered)).to.deep.equal([10, null, 10, null]);
      expect(out.slice(0, 4).map((r) => r.pValue)).to.deep.equal([null, null, null, null]);
    });
  });

  describe('suppression', () => {
    const cohort = (counts: number[]) =>
      counts.flatMap((reach, c) => Array.from({ length: reach }, (_, j) => ev(`c${c}`, j, 'abc'[j])));
    /** n customers per level: `levels[l]` reach exactly level l + 1. */
    const reaching = (levels: number[]) => cohort(levels.flatMap((n, l) => Array<number>(n).fill(l + 1)));

    it('hides a small drop-off with the later step, and what a difference would reveal', () => {
      // entered 20, 15, 15: drop-off 5 hides step 2; then 20 − 15 would reveal 5: step 3 too.
      const out = funnel(reaching([5, 0, 15]), { steps: 'a,b,c', minCellSize: 11 });
      expect(entered(out)).to.deep.equal([20, null, null]);
      expect(out.map((r) => r.suppressed)).to.deep.equal([undefined, true, true]);
      expect(out.map((r) => r.fromPrevious)).to.deep.equal([1, null, null]);
      expect(out.map((r) => r.medianTimeToConvertMs)).to.deep.equal([null, null, null]);
    });

    it('shows large counts and large drop-offs', () => {
      const out = funnel(reaching([12, 0, 11]), { steps: 'a,b,c', minCellSize: 11 });
      expect(entered(out)).to.deep.equal([23, 11, 11]);
      expect(out.map((r) => r.dropOff)).to.deep.equal([0, 12, 0]);
      expect(out.every((r) => r.suppressed === undefined)).to.equal(true);
      expect(out[2].conversion).to.equal(11 / 23);
    });

    it('hides a small first step and everything after it', () => {
      const out = funnel(reaching([1, 0, 2]), { steps: 'a,b,c', minCellSize: 11 });
      expect(out.map((r) => [r.entered, r.conversion, r.dropOff, r.suppressed])).to.deep.equal([
        [null, null, null, true], [null, null, null, true], [null, null, null, true],
      ]);
    });
  });

  describe('options', () => {
    const ok = [ev('u', 0, 'a')];
    it('throws precise errors', () => {
      expect(() => funnel(ok, { steps: ['a'] })).to.throw(RangeError, 'steps must list at least 2 event names; got 1');
      expect(() => funnel(ok, { steps: '' })).to.throw(RangeError, 'steps must list at least 2 event names; got 0');
      expect(() => funnel(ok, { steps: 'a,,b' })).to.throw(RangeError, "steps must name events; entry 2 is ''");
      expect(() => funnel(ok, { steps: 3 as unknown as string })).to.throw(TypeError, 'steps must be a list of event names');
      expect(() => funnel(ok, { steps: 'a,b', order: 'random' as 'any' })).to.throw(RangeError, "order must be one of ordered, strict, any; got 'random'");
      expect(() => funnel(ok, { steps: 'a,b', window: 'two weeks' })).to.throw(RangeError, "window must be an ISO-8601 duration such as P14D, or milliseconds; got 'two weeks'");
      expect(() => funnel(ok, { steps: 'a,b', window: -1 })).to.throw(RangeError, 'window must not be negative');
      expect(() => funnel(ok, { steps: 'a,b', timeZone: 'Mars/Base' })).to.throw(RangeError, 'timeZone must be an IANA time zone name');
      expect(() => funnel(ok, { steps: 'a,b', minCellSize: 2.5 })).to.throw(RangeError, 'minCellSize must be a whole number');
      expect(() => funnel(ok, { steps: 'a,b', from: 'yesterday' })).to.throw(RangeError, "from must be an ISO-8601 timestamp");
      expect(() => funnel(ok, { steps: 'a,b', by: 'plan' })).to.throw(RangeError, "funnel: by 'plan' is neither a column");
      expect(() => funnel({ customers: [] }, { steps: 'a,b' })).to.throw(TypeError, 'funnel needs the activity table');
    });
  });
});

/** The pooled two-proportion test written out, for the p-values above. */
function pooled(x1: number, n1: number, x2: number, n2: number): number {
  const p = (x1 + x2) / (n1 + n2);
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return 2 * (1 - phi(Math.abs(z)));
}

/** Standard normal CDF by Simpson's rule on the density (independent of stats.ts). */
function phi(x: number): number {
  const steps = 2000;
  const h = x / steps;
  const f = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
  let sum = f(0) + f(x);
  for (let i = 1; i < steps; i++) sum += f(i * h) * (i % 2 ? 4 : 2);
  return 0.5 + (sum * h) / 3;
}
