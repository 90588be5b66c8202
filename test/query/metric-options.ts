// Options of every metric as fast-check arbitraries, with and without `by`, with
// small-cell suppression: shared by the tests that compare two ways of computing a
// query (runQuery against an oracle, the worker against the main thread).
import fc from 'fast-check';
import type { MetricName } from '../../src/query/types.js';

const k = fc.constantFrom(undefined, 0, 2, 3);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const byCustomer = fc.constantFrom('plan', 'user_type');
/** Past it, the smallest segments are folded into "(others)": the same ones both ways. */
const maxSegments = opt(fc.constantFrom(2, 3));

const survivalOptions = fc.record({
  asOf: fc.constantFrom('2025-04-01', '2025-09-01'),
  unit: opt(fc.constantFrom('day', 'week', 'month')),
  by: opt(byCustomer),
  from: opt(fc.constant('2025-02-01')),
  minGroupSize: opt(fc.constantFrom(0, 2, 3)),
  minCellSize: k,
});
const valueOptions = fc.record({
  value: opt(fc.constant('revenue')),
  top: opt(fc.constantFrom(0.2, 0.5, 1)),
  by: opt(byCustomer),
  asOf: opt(fc.constant('2025-04-01')),
  minCellSize: k,
});

/** Options of each metric, with and without `by`, with small-cell suppression. */
export const OPTIONS: Record<MetricName, fc.Arbitrary<Record<string, unknown>>> = {
  retention: fc.record({
    asOf: fc.constant('2025-09-01'),
    period: fc.constantFrom('month', 'week'),
    mode: fc.constantFrom('subscription', 'activity'),
    cohortBy: fc.constantFrom('signup', 'first-activity'),
    by: opt(byCustomer),
    events: opt(fc.constant(['login', 'teleconsult'])),
    minCellSize: k,
    maxSegments,
  }),
  npsTrend: fc.record({ period: fc.constantFrom('month', 'week'), by: opt(fc.constantFrom('channel', 'plan')), rolling: opt(fc.constantFrom(1, 2)), minCellSize: k, maxSegments }),
  channelCsat: fc.record({ by: opt(fc.constantFrom('channel', 'plan')), period: opt(fc.constant('month')), minCellSize: k, maxSegments }),
  ticketStats: fc.record({ by: opt(fc.constantFrom('channel', 'plan', 'user_type')), period: opt(fc.constant('month')), minCellSize: k, maxSegments }),
  funnel: fc.record({
    steps: fc.constant(['signup', 'profile_completed', 'teleconsult']),
    order: fc.constantFrom('ordered', 'strict', 'any'),
    window: fc.constantFrom('P30D', 'P7D'),
    by: opt(byCustomer),
    minCellSize: k,
    maxSegments,
  }),
  featureAdoption: fc.record({ features: fc.constant(['teleconsult', 'booked']), by: opt(byCustomer), activeEvents: opt(fc.constant(['login', 'booked'])), minCellSize: k, maxSegments }),
  kpis: fc.record({
    from: fc.constant('2025-03-01'),
    to: fc.constant('2025-05-01'),
    features: opt(fc.constant(['teleconsult'])),
    period: opt(fc.constant('month')),
    metrics: opt(fc.subarray(['churnRate', 'nps', 'csat', 'fcr', 'resolutionMedian', 'ticketVolume', 'activation', 'adoption'], { minLength: 1 })),
    minCellSize: k,
  }),
  survival: survivalOptions,
  survivalSummary: survivalOptions,
  valueConcentration: valueOptions,
  paretoCurve: valueOptions.chain((o) => fc.record({ points: opt(fc.constantFrom(2, 5, 11)) }).map((p) => ({ ...o, ...p }))),
  atRisk: fc.record({
    asOf: fc.constantFrom('2025-05-01', '2025-07-20'),
    signals: opt(fc.subarray(['activity', 'tickets', 'nps'], { minLength: 1 })),
    events: opt(fc.constant(['login', 'teleconsult'])),
    gapFactor: opt(fc.constantFrom(1.5, 3)),
    minQuietDays: opt(fc.constantFrom(0, 10)),
    minGaps: opt(fc.constantFrom(1, 2)),
    ticketDays: opt(fc.constantFrom(0, 3)),
    npsDays: opt(fc.constantFrom(30, 400)),
    by: opt(byCustomer),
    value: opt(fc.constant('revenue')),
  }),
  extent: fc.record({ table: fc.constantFrom('customers', 'activity', 'surveys', 'tickets'), minCellSize: k }).chain((o) =>
    o.table === 'surveys' ? fc.record({ table: fc.constant(o.table), kind: opt(fc.constantFrom('nps', 'csat')), minCellSize: fc.constant(o.minCellSize) }) : fc.constant(o),
  ),
  values: fc.oneof(
    fc.record({ column: fc.constantFrom('plan', 'user_type'), minCellSize: k }),
    fc.record({ table: fc.constantFrom('activity', 'surveys', 'tickets'), column: fc.constant('customer_id'), minCellSize: k }),
    fc.record({ table: fc.constant('surveys'), column: fc.constantFrom('channel', 'kind', 'score'), minCellSize: k }),
  ),
};
