import { expect } from 'chai';
import { kpis, KPI_METRICS, type KpiRow } from '../../src/metrics/kpis.js';
import { compareProportions } from '../../src/metrics/compare.js';
import { expectNear, npsCi, wilsonPct } from './near.js';

// Range March 2025 (31 days); the previous range is the 31 days before: [29 Jan, 1 Mar).
const RANGE = { from: '2025-03-01', to: '2025-04-01' };
const MIN = 60_000;

const customers = [
  { customer_id: 'c1', signup_at: '2024-06-01' },
  { customer_id: 'c2', signup_at: '2024-06-01', churned_at: '2025-03-10' },
  { customer_id: 'c3', signup_at: '2024-06-01', churned_at: '2025-02-10' },
  { customer_id: 'c4', signup_at: '2025-02-01', churned_at: '2025-02-20' },
  { customer_id: 'c5', signup_at: '2025-03-05' },
  { customer_id: 'c6', signup_at: '2025-03-20' },
  { customer_id: 'c7', signup_at: '2025-03-31', churned_at: '2025-04-01T00:00:00Z' },
  { customer_id: 'c8', churned_at: '2025-03-02' },
  { customer_id: 'c9', signup_at: '2024-01-01', churned_at: '2025-03-01T00:00:00Z' },
  { customer_id: 'c9', signup_at: '2024-01-01' },
];
const activity = [
  { customer_id: 'c5', at: '2025-03-06', event: 'login' },
  { customer_id: 'c6', at: '2025-03-19', event: 'teleconsult' },
  { customer_id: 'c6', at: '2025-03-27T00:00:00Z', event: 'login' },
  { customer_id: 'c1', at: '2025-03-15', event: 'teleconsult' },
  { customer_id: 'c4', at: '2025-02-03', event: 'login' },
  { customer_id: 'zz', at: '2025-03-03', event: 'login' },
];
const s = (at: string, kind: string, score: number) => ({ at, kind, score });
const surveys = [
  s('2025-03-02', 'nps', 10),
  s('2025-03-03', 'nps', 10),
  s('2025-03-04', 'nps', 0),
  s('2025-02-10', 'nps', 7),
  s('2025-03-02', 'csat', 5),
  s('2025-03-03', 'csat', 3),
  s('2025-02-10', 'csat', 4),
  s('2025-03-02', 'ces', 2),
  s('2025-03-03', 'ces', 4),
  s('2025-01-10', 'ces', 7),
];
let id = 0;
function ticket(
  opened: string,
  response: number | null,
  resolution: number | null,
  contacts: number | null,
) {
  const t0 = Date.parse(opened);
  const at = (m: number | null) => (m === null ? null : t0 + m * MIN);
  return {
    ticket_id: ++id,
    channel: 'chat',
    opened_at: opened,
    first_response_at: at(response),
    resolved_at: at(resolution),
    contacts,
  };
}
const tickets = [
  ticket('2025-03-02T00:00:00Z', 10, 30, 1),
  ticket('2025-03-03T00:00:00Z', 20, null, null),
  ticket('2025-03-04T00:00:00Z', null, 60, 2),
  ticket('2025-02-10T00:00:00Z', 5, 15, 1),
];
const ALL = { customers, activity, surveys, tickets };

/** x of n as a card's interval (Wilson), in the card's unit (× 100 for csat). */
const share = (x: number, n: number, scale = 1) => {
  const [ciLow, ciHigh] = wilsonPct(x, n).map((v) => (v / 100) * scale);
  return { ciLow, ciHigh };
};
const card = (
  metric: string,
  value: number | null,
  previous: number | null,
  n: number | null,
  previousN: number | null,
  extra: Partial<KpiRow> = {},
) => ({
  metric,
  value,
  previous,
  delta: value !== null && previous !== null ? value - previous : null,
  n,
  previousN,
  ciLow: null,
  ciHigh: null,
  deltaLow: null,
  deltaHigh: null,
  pValue: null,
  test: null,
  // The default minSample is 30: every change below is over too few to judge.
  tooFew: n === null || previousN === null ? null : n < 30 || previousN < 30,
  ...extra,
});
const byMetric = (rows: KpiRow[], metric: string) => rows.find((r) => r.metric === metric)!;

describe('kpis', () => {
  it('every card of SPEC §3.7 against the previous range, in SPEC §4 order', () => {
    const rows = kpis(ALL, { ...RANGE, features: ['teleconsult'] });
    expectNear(rows, [
      // Active at 1 Mar: c1, c2, c9 (c9 churned exactly at from); churned in March: c2, c9.
      // Active at 29 Jan: c1, c2, c3, c9; churned before 1 Mar: c3 (c4 joined after 29 Jan).
      card('churnRate', 2 / 3, 1 / 4, 3, 4, share(2, 3)),
      card('nps', 100 / 3, 0, 3, 1, ((ci) => ({ ciLow: ci[0], ciHigh: ci[1] }))(npsCi(2, 1, 3))),
      card('csat', 50, 100, 2, 1, share(1, 2, 100)),
      card('ces', 3, null, 2, 0),
      card('fcr', 0.5, 1, 2, 1, share(1, 2)),
      card('firstResponseMedian', 15, 5, 2, 1),
      card('resolutionMedian', 45, 15, 2, 1),
      card('ticketVolume', 3, 1, 3, 1),
      // Signed up in March: c5 (active the next day), c6 (activity the day before and
      // exactly 7 days after: neither counts), c7 (none). In February: c4, active on 3 Feb.
      card('activation', 1 / 3, 1, 3, 1, share(1, 3)),
      // Active in March: c5, c6, c1 and an unknown customer zz; teleconsult: c6, c1.
      card('adoption', 2 / 4, 0, 4, 1, share(2, 4)),
    ]);
    expect(rows.map((r) => r.metric)).to.deep.equal([...KPI_METRICS]);
  });

  it('compares the change of a share card (SPEC §3.10) once there are enough on both sides', () => {
    const rows = kpis(ALL, { ...RANGE, features: ['teleconsult'], minSample: 0 });
    // Churn 2 of 3 against 1 of 4: small expected counts, Fisher's exact test;
    // R: fisher.test(matrix(c(2, 1, 1, 3), 2))$p.value.
    const churn = byMetric(rows, 'churnRate');
    expect(churn).to.include({ test: 'fisher', tooFew: false });
    expect(churn.pValue).to.be.closeTo(0.485714285714286, 1e-12);
    // CSAT's change is in points: the interval of 1/2 − 1/1, × 100.
    const csat = byMetric(rows, 'csat');
    const c = compareProportions({ x: 1, n: 2 }, { x: 1, n: 1 }, { minSample: 0 });
    expect(csat.deltaLow).to.be.closeTo(100 * c.diffLow!, 1e-9);
    expect(csat.deltaHigh).to.be.closeTo(100 * c.diffHigh!, 1e-9);
    // NPS: a z-test on the difference, se = √(se₁² + se₀²) with SPEC §3.2's se: +33.3
    // against 0 (one passive: se 0); se₁ = 100·√((1 − (1/3)²)/3) = 54.43; R:
    // 2 * pnorm(-(100/3) / 54.4331) = 0.5402913746.
    const nps = byMetric(rows, 'nps');
    expect(nps).to.include({ test: 'npsZ', tooFew: false });
    expect(nps.pValue).to.be.closeTo(0.54029137460742, 1e-8);
    expect(nps.deltaLow).to.be.closeTo(-73.35359280789575, 1e-4);
    // CES has nothing before to compare with; median times and volume are never tested.
    expect(byMetric(rows, 'ces')).to.include({ test: null, tooFew: false });
    expect(byMetric(rows, 'firstResponseMedian')).to.include({ test: null, pValue: null, tooFew: false });
    expect(() => kpis(ALL, { ...RANGE, minSample: -1 })).to.throw(RangeError, 'minSample must be a number ≥ 0; got -1');
  });

  it('activation counts neither sign-up events nor events left out of activationEvents', () => {
    const signedUp = [
      ...activity,
      { customer_id: 'c6', at: '2025-03-20T01:00:00Z', event: 'signup' },
      { customer_id: 'c7', at: '2025-03-31T01:00:00Z', event: 'signup_completed' },
      { customer_id: 'c7', at: '2025-03-31T02:00:00Z', event: 'sign_up' },
    ];
    const tables = { ...ALL, activity: signedUp };
    // Sign-ups are not activation: still only c5 of c5, c6, c7.
    expect(byMetric(kpis(tables, RANGE), 'activation').value).to.be.closeTo(1 / 3, 1e-12);
    // Named events only: c6's signup event counts when asked for, c5's login does not.
    const named = byMetric(kpis(tables, { ...RANGE, activationEvents: 'signup' }), 'activation');
    expect(named.value).to.be.closeTo(1 / 3, 1e-12);
    expect(byMetric(kpis(tables, { ...RANGE, activationEvents: ['teleconsult'] }), 'activation').value).to.equal(0);
    expect(() => kpis(tables, { ...RANGE, activationEvents: '' })).to.throw(RangeError, 'activationEvents must list at least 1 event name; got 0');
  });

  it('activationWindow as ms or an ISO duration', () => {
    const eight = kpis(ALL, { ...RANGE, activationWindow: 8 * 86_400_000 });
    expect(byMetric(eight, 'activation').value).to.be.closeTo(2 / 3, 1e-12);
    expect(
      byMetric(kpis(ALL, { ...RANGE, activationWindow: 'P2D' }), 'activation').value,
    ).to.be.closeTo(1 / 3, 1e-12);
    // c5's activity is exactly one day after signing up: outside P1D, half-open.
    expect(byMetric(kpis(ALL, { ...RANGE, activationWindow: 'P1D' }), 'activation').value).to.equal(
      0,
    );
    expect(
      byMetric(kpis(ALL, { ...RANGE, activationWindow: 'PT1H' }), 'activation').value,
    ).to.equal(0);
  });

  it('cards whose table is absent (or adoption without features) are null, not errors', () => {
    const none = kpis({}, RANGE);
    for (const r of none)
      expect([r.value, r.previous, r.delta, r.n, r.previousN], r.metric).to.deep.equal([
        null,
        null,
        null,
        null,
        null,
      ]);
    const some = kpis({ surveys }, RANGE);
    expect(some.filter((r) => r.value !== null).map((r) => r.metric)).to.deep.equal([
      'nps',
      'csat',
      'ces',
    ]);
    expect(byMetric(kpis(ALL, RANGE), 'adoption').value).to.equal(null);
    expect(byMetric(kpis(ALL, { ...RANGE, features: [] }), 'adoption').n).to.equal(null);
    expect(byMetric(kpis({ customers }, RANGE), 'activation').value).to.equal(null);
    // Tables present but empty: counts 0, values null.
    expect(byMetric(kpis({ tickets: [] }, RANGE), 'ticketVolume')).to.deep.equal(
      card('ticketVolume', 0, 0, 0, 0),
    );
    expect(byMetric(kpis({ tickets: [] }, RANGE), 'fcr')).to.deep.equal(
      card('fcr', null, null, 0, 0),
    );
  });

  it('sparkline: the value per period of the range, the ends cut to it', () => {
    const rows = kpis(ALL, { from: '2025-02-15', to: '2025-03-15', period: 'month' });
    // 15 Feb–1 Mar: active at 15 Feb c1, c2, c4, c9, of whom c4 churned; 1–15 Mar: 2 of 3.
    expectNear(byMetric(rows, 'churnRate').sparkline, [
      { period: '2025-02-01', value: 1 / 4, n: 4, ...share(1, 4) },
      { period: '2025-03-01', value: 2 / 3, n: 3, ...share(2, 3) },
    ]);
    expectNear(byMetric(rows, 'ticketVolume').sparkline, [
      { period: '2025-02-01', value: 0, n: 0, ciLow: null, ciHigh: null },
      { period: '2025-03-01', value: 3, n: 3, ciLow: null, ciHigh: null },
    ]);
    expect(byMetric(kpis({}, { ...RANGE, period: 'month' }), 'nps').sparkline).to.deep.equal([
      { period: '2025-03-01', value: null, n: null, ciLow: null, ciHigh: null },
    ]);
    expect('sparkline' in byMetric(kpis(ALL, RANGE), 'nps')).to.equal(false);
  });

  it('sparklineOnly: the same sparklines, the range values null as for an absent table', () => {
    const options = { from: '2024-12-01', to: '2025-03-15', period: 'month', features: ['teleconsult'], activationWindow: 'P30D' } as const;
    const whole = kpis(ALL, options);
    const only = kpis(ALL, { ...options, sparklineOnly: true });
    expect(only.map((r) => r.metric)).to.deep.equal([...KPI_METRICS]);
    for (const row of only) {
      const full = byMetric(whole, row.metric);
      expect(row.sparkline, row.metric).to.deep.equal(full.sparkline);
      // Every range field as a card whose table is absent: null.
      expect(row, row.metric).to.deep.equal({ ...byMetric(kpis({}, { ...options, metrics: [row.metric] }), row.metric), sparkline: full.sparkline });
    }
    expect(byMetric(only, 'churnRate').sparkline!.some((p) => p.value !== null)).to.equal(true);
    expect(byMetric(only, 'activation').sparkline!.some((p) => p.value !== null && p.value > 0)).to.equal(true);
    expect(byMetric(whole, 'churnRate').value).to.not.equal(null);
  });

  it('suppresses small counts and the values they would give away', () => {
    const rows = kpis(ALL, { ...RANGE, minCellSize: 3 });
    // Churn: 2 of 3 and 1 of 4 both have a part below 3; the bases show.
    expect(byMetric(rows, 'churnRate')).to.deep.equal({
      ...card('churnRate', null, null, 3, 4),
      suppressed: true,
    });
    expect(byMetric(rows, 'ticketVolume')).to.deep.equal({
      ...card('ticketVolume', 3, null, 3, null),
      suppressed: true,
    });
    expect(byMetric(rows, 'ces')).to.deep.equal({
      ...card('ces', null, null, null, 0),
      suppressed: true,
    });
  });

  it('rejects bad input and options with precise messages', () => {
    expect(() => kpis(ALL, { from: '2025-03-01' } as never)).to.throw(
      RangeError,
      'kpis needs from and to, from before to; got from',
    );
    expect(() => kpis(ALL, { from: '2025-03-01', to: '2025-03-01' })).to.throw(
      RangeError,
      'kpis needs from and to',
    );
    expect(() => kpis(ALL, undefined as never)).to.throw(RangeError, 'kpis needs from and to');
    expect(() => kpis(ALL, { ...RANGE, activationWindow: 'P7X' })).to.throw(
      RangeError,
      "activationWindow must be an ISO-8601 duration such as P14D, or milliseconds; got 'P7X'",
    );
    expect(() => kpis(ALL, { ...RANGE, features: 3 as never })).to.throw(
      TypeError,
      'features must be a list of event names or a comma-separated string; got 3',
    );
    expect(() => kpis(ALL, { ...RANGE, features: ['a', ''] })).to.throw(
      RangeError,
      "features must name events; entry 2 is ''",
    );
    expect(() => kpis(ALL, { ...RANGE, period: 'decade' as never })).to.throw(
      RangeError,
      'period must be one of',
    );
    expect(() => kpis(ALL, { ...RANGE, satisfiedMin: 9 })).to.throw(
      RangeError,
      'satisfiedMin must be a score from 1 to scale (5); got 9',
    );
    expect(() => kpis(surveys as never, RANGE)).to.throw(TypeError, 'kpis reads several tables');
    expect(() => kpis(ALL, { ...RANGE, sparklineOnly: true })).to.throw(RangeError, 'kpis sparklineOnly needs period');
    expect(() => kpis(ALL, { ...RANGE, period: 'month', sparklineOnly: 'yes' as never })).to.throw(
      RangeError,
      "sparklineOnly must be true or false; got 'yes'",
    );
  });
});
