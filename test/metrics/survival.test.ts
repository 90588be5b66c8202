// survival and survivalSummary (SPEC §3.8) on tiny tables worked by hand: follow-up
// times, censoring at asOf, who is left out, segments, small groups and cells, the
// interval where survival reaches 0, and bad options. (R's survival package checks
// the same functions on thousands of customers: survival.oracle.node.test.ts.)
import { expect } from 'chai';
import type { Row } from '../../src/data/schema.js';
import { survival, survivalSummary } from '../../src/metrics/survival.js';

const Z = 1.959964;
const near = (actual: (number | null)[], expected: number[]) =>
  expected.forEach((e, i) => expect(actual[i], `[${i}]`).to.be.closeTo(e, 1e-12));
const AS_OF = '2025-03-01';

/** A and D churn on day 10, B on day 20; E churns after asOf (censored at 28), C is still here (59); F and G are left out. */
const customers: Row[] = [
  { customer_id: 'A', signup_at: '2025-01-01', churned_at: '2025-01-11', plan: 'x' },
  { customer_id: 'B', signup_at: '2025-01-01', churned_at: '2025-01-21T23:59:00Z', plan: 'x' },
  { customer_id: 'C', signup_at: '2025-01-01', churned_at: null, plan: 'x' },
  { customer_id: 'D', signup_at: '2025-01-11', churned_at: '2025-01-21', plan: 'y' },
  { customer_id: 'E', signup_at: '2025-02-01', churned_at: '2025-04-01', plan: null },
  { customer_id: 'F', signup_at: '2025-03-05', churned_at: null, plan: 'y' },
  { customer_id: 'G', signup_at: null, churned_at: null, plan: 'y' },
];

describe('survival', () => {
  it('is the Kaplan–Meier estimate with its log-scale interval, censored at asOf', () => {
    const rows = survival({ customers }, { asOf: AS_OF });
    expect(rows.map((r) => [r.time, r.atRisk, r.events, r.censored])).to.deep.equal([
      [10, 5, 2, 0],
      [20, 3, 1, 0],
      [28, 2, 0, 1],
      [59, 1, 0, 1],
    ]);
    near(rows.map((r) => r.survival), [0.6, 0.4, 0.4, 0.4]);
    const se = Math.sqrt(2 / (5 * 3));
    expect(rows[0].ciLow).to.be.closeTo(0.6 * Math.exp(-Z * se), 1e-12);
    expect(rows[0].ciHigh, 'capped at 1').to.equal(1);
    const se2 = Math.sqrt(2 / 15 + 1 / 6);
    expect(rows[1].ciLow).to.be.closeTo(0.4 * Math.exp(-Z * se2), 1e-12);
    expect(rows[1].ciHigh).to.be.closeTo(Math.min(1, 0.4 * Math.exp(Z * se2)), 1e-12);
    // Censoring rows keep the estimate and its interval.
    expect([rows[3].ciLow, rows[3].ciHigh]).to.deep.equal([rows[1].ciLow, rows[1].ciHigh]);
    expect(rows.excluded).to.deep.equal({ noSignup: 1, afterAsOf: 1 });
    expect(JSON.parse(JSON.stringify(rows))).to.deep.equal(rows.map((r) => ({ ...r })));
  });

  it('counts time in whole days, weeks (7 days) or months (30.4375 days), from signup to churn or asOf', () => {
    expect(survival({ customers }, { asOf: AS_OF, unit: 'week' }).map((r) => [r.time, r.events, r.censored])).to.deep.equal([
      [1, 2, 0],
      [2, 1, 0],
      [4, 0, 1],
      [8, 0, 1],
    ]);
    expect(survival({ customers }, { asOf: AS_OF, unit: 'month' }).map((r) => [r.time, r.events, r.censored])).to.deep.equal([
      [0, 3, 1],
      [1, 0, 1],
    ]);
    // A churn exactly at asOf is an event; one the next instant is not.
    const edge = [{ customer_id: 'a', signup_at: '2025-01-01', churned_at: AS_OF }, { customer_id: 'b', signup_at: '2025-01-01', churned_at: '2025-03-01T00:00:00.001Z' }];
    expect(survival({ customers: edge }, { asOf: AS_OF }).map((r) => [r.time, r.events, r.censored])).to.deep.equal([[59, 1, 1]]);
  });

  it('takes signups in [from, to) and breaks down by segment, "(none)" last', () => {
    expect(survival({ customers }, { asOf: AS_OF, from: '2025-01-05', to: '2025-02-01' }).map((r) => r.time)).to.deep.equal([10]);
    const rows = survival({ customers }, { asOf: AS_OF, by: 'plan' });
    expect(rows.map((r) => [r.segment, r.time])).to.deep.equal([
      ['x', 10],
      ['x', 20],
      ['x', 59],
      ['y', 10],
      ['(none)', 28],
    ]);
    near(rows.map((r) => r.survival), [2 / 3, 1 / 3, 1 / 3, 0, 1]);
    // Survival 0: no interval on the log scale. No event yet: the interval is [1, 1].
    expect([rows[3].ciLow, rows[3].ciHigh]).to.deep.equal([null, null]);
    expect([rows[4].ciLow, rows[4].ciHigh]).to.deep.equal([1, 1]);
  });

  it('hides segments below minGroupSize and the tail where fewer than minCellSize are at risk', () => {
    expect([...new Set(survival({ customers }, { asOf: AS_OF, by: 'plan', minGroupSize: 2 }).map((r) => r.segment))]).to.deep.equal(['x']);
    const tail = survival({ customers }, { asOf: AS_OF, minCellSize: 3 });
    expect(tail.map((r) => [r.time, r.atRisk, r.suppressed ?? false])).to.deep.equal([
      [10, 5, false],
      [20, 3, false],
      [28, null, true],
      [59, null, true],
    ]);
    expect(tail[2]).to.deep.equal({ time: 28, atRisk: null, events: null, censored: null, survival: null, ciLow: null, ciHigh: null, suppressed: true });
    // A group of 5 is itself a small cell at k = 6.
    expect(survival({ customers }, { asOf: AS_OF, minCellSize: 6 })).to.deep.equal([]);
  });

  it('has no rows for no customers, and all censored without churned_at', () => {
    expect(survival({ customers: [] }, { asOf: AS_OF })).to.deep.equal([]);
    const rows = survival([{ customer_id: 'a', signup_at: '2025-01-01' }], { asOf: AS_OF });
    expect(rows.map((r) => [r.time, r.events, r.censored, r.survival])).to.deep.equal([[59, 0, 1, 1]]);
  });

  it('refuses bad options with the option named and the value quoted', () => {
    expect(() => survival({ customers }, { unit: 'year' as never })).to.throw(RangeError, "unit must be one of day, week, month; got 'year'");
    expect(() => survival({ customers }, { minGroupSize: -1 })).to.throw(RangeError, 'minGroupSize must be a whole number ≥ 0; got -1');
    expect(() => survival({ customers }, { asOf: 'soon' })).to.throw(RangeError, "asOf must be an ISO-8601 timestamp, epoch milliseconds or a Date; got 'soon'");
    expect(() => survival({ customers }, { by: 'region' })).to.throw(RangeError, "by 'region' is neither a column");
    expect(() => survival({ activity: [] } as never)).to.throw(TypeError, 'survival needs the customers table');
  });
});

describe('survivalSummary', () => {
  it('gives each segment its size, churns and median, and the log-rank test across segments', () => {
    const s = survivalSummary({ customers }, { asOf: AS_OF, by: 'plan' });
    expect(s.groups).to.deep.equal([
      { segment: 'x', n: 3, events: 2, median: 20 },
      { segment: 'y', n: 1, events: 1, median: 10 },
      { segment: '(none)', n: 1, events: 0, median: null },
    ]);
    expect(s.logRank!.df).to.equal(2);
    expect(s.logRank!.pValue).to.be.within(0, 1);
    expect(s.excluded).to.deep.equal({ noSignup: 1, afterAsOf: 1 });
  });

  it('has no test with one segment, and leaves hidden segments out of it', () => {
    const one = survivalSummary({ customers }, { asOf: AS_OF });
    expect(one).to.deep.equal({ groups: [{ n: 5, events: 3, median: 20 }], logRank: null });
    const hidden = survivalSummary({ customers }, { asOf: AS_OF, by: 'plan', minGroupSize: 2 });
    expect(hidden.groups).to.deep.equal([
      { segment: 'x', n: 3, events: 2, median: 20 },
      { segment: 'y', n: null, events: null, median: null, suppressed: true },
      { segment: '(none)', n: null, events: null, median: null, suppressed: true },
    ]);
    expect(hidden.logRank).to.equal(null);
    expect(survivalSummary({ customers: [] }, { asOf: AS_OF })).to.deep.equal({ groups: [], logRank: null });
  });

  it('has a log-rank statistic of 0 for two identical segments, and a small p for very different ones', () => {
    const twin = (plan: string, day: number) => ({ customer_id: `${plan}${day}`, signup_at: '2025-01-01', churned_at: `2025-01-${String(day).padStart(2, '0')}`, plan });
    const same = [1, 2, 3, 4].flatMap((d) => [twin('a', d + 1), twin('b', d + 1)]);
    const s = survivalSummary({ customers: same }, { asOf: AS_OF, by: 'plan' });
    expect(s.logRank!.chisq).to.be.closeTo(0, 1e-12);
    expect(s.logRank!.pValue).to.be.closeTo(1, 1e-12);
    const apart = [...[2, 3, 4, 5, 6, 7].map((d) => twin('fast', d)), ...[20, 21, 22, 23, 24, 25].map((d) => twin('slow', d))];
    const t = survivalSummary({ customers: apart }, { asOf: AS_OF, by: 'plan' });
    expect(t.logRank!.pValue).to.be.below(0.001);
  });
});
