// The queries the equality suites run on both engines: every metric with its options
// (periods, time zones with and without DST, `by` on a table column and a customer
// attribute, small cells, rolling windows…) crossed with filters of every kind.
import type { MetricQuery, QueryFilter } from '../../src/query/types.js';

export const FILTERS: readonly (readonly QueryFilter[])[] = [
  [],
  [{ column: 'plan', values: ["'); DROP TABLE customers; --", null, 'Ouro', '$1'] }],
  [{ column: 'channel', values: ['chat', "wh'app", null] }],
  [{ column: 'signup_at', from: '2018-01-01', to: '2019-06-01' }],
  [{ column: 'at', from: '2018-06-01T00:00:00-03:00' }, { column: 'opened_at', to: 1_560_000_000_000 }],
  [{ table: 'activity', column: 'event', values: ['teleconsult'] }],
  [{ table: 'activity', column: 'at', match: 'first', from: '2018-01-01', to: '2019-01-01' }],
  [{ column: 'revenue', values: [30, '29.5', 0.30000000000000004, 1e21] }],
  [{ table: 'surveys', column: 'plan', values: ['prata', null] }, { column: 'user_type', values: ['doctor', 'admin'] }],
  [{ column: 'kind', values: ['nps', 'csat'] }, { column: 'event', values: ['login', 'signup', 'teleconsult', 'booked'] }],
];

const ZONES = [undefined, 'America/Sao_Paulo', 'Australia/Sydney'];

/** Each options object crossed with the filter sets picked by `every` (a stride, so suites stay small). */
function cross(metric: MetricQuery['metric'], list: readonly Record<string, unknown>[]): MetricQuery[] {
  const out: MetricQuery[] = [];
  list.forEach((options, i) => {
    for (let f = i % 3; f < FILTERS.length; f += 3) out.push({ metric, options, filters: FILTERS[f] });
  });
  return out;
}

const AS_OF = '2020-03-15T12:00:00Z';

/** survival and survivalSummary: every unit, `by` on text and numbers, small groups and cells, signups after asOf, none at all. */
const SURVIVAL: Record<string, unknown>[] = [
  { asOf: AS_OF },
  { asOf: AS_OF, by: 'plan', unit: 'week' },
  { asOf: '2019-01-01', by: 'user_type', unit: 'month', minGroupSize: 20 },
  { asOf: AS_OF, by: 'plan', minCellSize: 5, from: '2018-01-01', to: '2019-06-01' },
  { asOf: '2018-06-01T12:34:56.789Z', by: 'revenue', minCellSize: 3 },
  { asOf: '2019-07-01', by: 'user_type', unit: 'week', minGroupSize: 10, minCellSize: 4 },
  { asOf: '2000-01-01', by: 'plan' },
];

export const CASES: Record<string, MetricQuery[]> = {
  retention: cross('retention', [
    { asOf: AS_OF },
    { asOf: AS_OF, period: 'week', timeZone: 'America/Sao_Paulo', from: '2018-09-01', to: '2019-03-01', maxOffset: 20 },
    { asOf: AS_OF, by: 'plan', minCellSize: 3, period: 'quarter' },
    { asOf: AS_OF, mode: 'activity', events: ['login', 'teleconsult'], by: 'user_type', period: 'year' },
    { asOf: AS_OF, mode: 'activity', cohortBy: 'first-activity', by: 'platform', timeZone: 'Australia/Sydney', minCohortSize: 4 },
    { asOf: '2019-06-01', cohortBy: 'first-activity', by: 'plan', events: 'login,booked', minCellSize: 5 },
    { asOf: AS_OF, mode: 'activity', period: 'day', from: '2018-11-01', to: '2018-11-10', timeZone: 'America/Sao_Paulo', maxOffset: 30 },
    { asOf: AS_OF, by: 'revenue', period: 'month' },
    // A numeric customer attribute by first activity (a text-only parameter was bound and left unused).
    { asOf: AS_OF, mode: 'activity', cohortBy: 'first-activity', by: 'revenue', period: 'quarter' },
  ]),
  npsTrend: cross('npsTrend', [
    {},
    { period: 'week', timeZone: 'America/Sao_Paulo' },
    { period: 'quarter', by: 'channel', minCellSize: 5 },
    { period: 'year', by: 'plan', timeZone: 'Australia/Sydney' },
    { period: 'day', from: '2018-10-20', to: '2018-11-10T05:00:00Z', timeZone: 'America/Sao_Paulo', by: 'user_type' },
    { rolling: 3, from: '2018-03-01', to: '2019-04-01', by: 'revenue', minCellSize: 3 },
    { rolling: 2, period: 'week', from: '2019-02-01', to: '2019-03-15', timeZone: 'America/Sao_Paulo' },
  ]),
  channelCsat: cross('channelCsat', [
    {},
    { period: 'month', timeZone: 'America/Sao_Paulo', satisfiedMin: 5 },
    { by: 'plan', from: '2018-01-01', to: '2019-01-01', minCellSize: 4 },
    { by: 'user_type', period: 'week', from: '2019-01-20', to: '2019-03-10', timeZone: 'America/Sao_Paulo' },
    { by: 'revenue', period: 'quarter', minCellSize: 11, scale: 5, satisfiedMin: 3.5 },
  ]),
  ticketStats: cross('ticketStats', [
    {},
    { period: 'month', timeZone: 'Australia/Sydney' },
    { by: 'plan', minCellSize: 3 },
    { by: 'user_type', period: 'year', from: '2018-01-01' },
    { period: 'week', from: '2018-10-01', to: '2018-12-01', timeZone: 'America/Sao_Paulo', minCellSize: 5 },
  ]),
  funnel: cross('funnel', [
    { steps: ['signup', 'login', 'teleconsult'] },
    { steps: 'signup,login,teleconsult', order: 'strict', window: 'P7D' },
    { steps: ['signup', 'login', 'teleconsult'], order: 'any', window: 'P7D', by: 'plan' },
    { steps: ['login', 'booked', 'login', 'lab'], window: 36 * 3_600_000, by: 'platform', minCellSize: 3 },
    { steps: ['login', 'booked', 'login', 'lab'], order: 'strict', window: 'P2D', by: 'user_type' },
    { steps: ['login', 'booked', 'login', 'lab'], order: 'any', window: 'P1D', timeZone: 'America/Sao_Paulo', by: 'platform' },
    { steps: ['booked', 'login'], window: 'P1M', timeZone: 'America/Sao_Paulo', from: '2018-10-01', to: '2019-03-01' },
    { steps: ['lab', 'lab', 'teleconsult'], order: 'any', window: 'P1M', timeZone: 'Australia/Sydney', by: 'revenue' },
    { steps: ['teleconsult', 'lab', 'booked'], window: 0, order: 'ordered' },
    // Strict with a calendar window, and with days in a time zone: the deadline is computed from the local time.
    { steps: ['login', 'booked', 'lab'], order: 'strict', window: 'P1M', timeZone: 'America/Sao_Paulo' },
    { steps: ['signup', 'login'], order: 'strict', window: 'P1D', timeZone: 'Australia/Sydney', by: 'plan' },
  ]),
  featureAdoption: cross('featureAdoption', [
    { features: ['teleconsult', 'booked'] },
    { features: 'lab,login', period: 'week', from: '2019-01-01', to: '2019-04-01', timeZone: 'America/Sao_Paulo', by: 'platform' },
    { features: ['teleconsult'], by: 'plan', activeEvents: ['login', 'teleconsult'], minCellSize: 3, period: 'quarter' },
    { features: ['booked', 'lab'], by: 'user_type', compare: 'features', period: 'year', timeZone: 'Australia/Sydney' },
    { features: ['signup'], period: 'day', from: '2018-11-01', to: '2018-11-08', timeZone: 'America/Sao_Paulo' },
  ]),
  kpis: [
    ...cross('kpis', [
      { from: '2018-03-01', to: '2018-09-01', features: ['teleconsult', 'lab'] },
      { from: '2018-10-01', to: '2019-03-01', period: 'week', timeZone: 'America/Sao_Paulo', activationWindow: 'P3D', features: ['booked'] },
      { from: '2019-01-01', to: '2019-12-31T12:00:00Z', period: 'month', minCellSize: 11, satisfiedMin: 5 },
      { from: '2018-01-01', to: '2020-01-01', period: 'quarter', timeZone: 'Australia/Sydney', activationWindow: 'P1M', metrics: ['activation', 'churnRate'] },
      // A KPI card's sparkline query (components/kpi/queries.ts).
      { from: '2018-07-01', to: '2019-06-15', period: 'month', features: ['teleconsult'], activationWindow: 'P3D', sparklineOnly: true },
    ]),
    ...['churnRate', 'nps', 'csat', 'ces', 'fcr', 'firstResponseMedian', 'resolutionMedian', 'ticketVolume', 'activation', 'adoption'].map((m) => ({
      metric: 'kpis' as const,
      options: { from: '2018-06-01', to: '2019-06-01', period: 'month', metrics: [m], features: ['teleconsult'], activationWindow: 'P1DT12H' },
      filters: FILTERS[1],
    })),
  ],
  survival: cross('survival', SURVIVAL),
  survivalSummary: cross('survivalSummary', SURVIVAL),
  valueConcentration: cross('valueConcentration', [
    {},
    { by: 'plan', top: 0.1 },
    { by: 'user_type', asOf: AS_OF, minCellSize: 5 },
    { by: 'plan', top: 1, minCellSize: 3 },
    { asOf: '2018-06-01', top: 0.33 },
    { by: 'revenue', top: 0.5, asOf: '2000-01-01' },
  ]),
  paretoCurve: cross('paretoCurve', [
    {},
    { points: 5, by: 'plan' },
    { points: 11, asOf: AS_OF, by: 'user_type', minCellSize: 4 },
    { points: 2 },
    { points: 1000, by: 'plan', asOf: '2019-01-01' },
    { points: 7, by: 'revenue', minCellSize: 2 },
  ]),
  values: cross('values', [
    { column: 'plan' },
    { column: 'user_type', minCellSize: 20 },
    { table: 'activity', column: 'event' },
    { table: 'surveys', column: 'channel', minCellSize: 3 },
    { column: 'revenue' },
    { table: 'tickets', column: 'contacts' },
  ]),
  atRisk: cross('atRisk', [
    { asOf: AS_OF },
    { asOf: '2019-03-01T03:00:00Z', npsDays: 117, by: 'plan', value: 'revenue', minQuietDays: 20, gapFactor: 1.5 },
    { asOf: '2019-03-08T03:00:00Z', ticketDays: 7, signals: ['tickets'], by: 'user_type' },
    { asOf: '2018-11-04T03:00:00Z', signals: 'activity,nps', events: ['login', 'teleconsult'], minGaps: 1, minQuietDays: 0, gapFactor: 1, by: 'revenue' },
    { asOf: AS_OF, signals: ['activity'], minGaps: 5, gapFactor: 2.5, minQuietDays: 60, value: 'revenue' },
    { asOf: '2019-07-01', signals: ['nps'], npsDays: 1, by: 'plan' },
    { asOf: '2019-06-30T14:00:00Z', minSignals: 2, ticketDays: 0, npsDays: 365 },
    { asOf: '2020-01-01', signals: ['tickets', 'nps'], minSignals: 2, ticketDays: 30, npsDays: 400, by: 'plan', value: 'revenue' },
    { asOf: AS_OF, by: 'plan', value: 'revenue', limit: 8 },
    { asOf: '2019-06-30T14:00:00Z', signals: ['tickets', 'nps'], ticketDays: 0, limit: 5 },
    { asOf: AS_OF, minQuietDays: 0, gapFactor: 1, minGaps: 1, limit: 3 },
  ]),
  extent: [
    ...cross('extent', [{ table: 'customers' }, { table: 'activity' }, { table: 'surveys', kind: 'csat' }, { table: 'tickets', column: 'resolved_at' }]),
  ],
};

export { ZONES };
