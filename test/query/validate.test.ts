// validateQuery checks every option of every metric before any data (SPEC §6), with
// the very message the metric function gives for it, and the shape of filters.
import { expect } from 'chai';
import type { Tables } from '../../src/data/schema.js';
import { METRICS } from '../../src/query/registry.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricName } from '../../src/query/types.js';
import { validateQuery } from '../../src/query/validate.js';

type Case = [MetricName, Record<string, unknown>, ErrorConstructor, string];

const PERIOD = "period must be one of day, week, month, quarter, year; got 'mnth'";
const ZONE = "timeZone must be an IANA time zone name such as America/Sao_Paulo; got 'Mars/Base'";
const CELL = "minCellSize must be a whole number ≥ 0 (11 is common in healthcare); got 2.5";
const STAMP = (name: string) => `${name} must be an ISO-8601 timestamp, epoch milliseconds or a Date; got 'soon'`;
const ORDER = "from must not be after to; got from '2025-02-01' and to '2025-01-01'";
const BY = 'by must name a column; got 3';
const RANGE = { from: '2025-01-01', to: '2025-02-01' };
const STEPS = { steps: 'a,b' };
const FEATURES = { features: 'x' };

/** Options the metrics share (all but funnel have a period). */
const common = (metric: MetricName, base: Record<string, unknown> = {}): Case[] => [
  ...(metric === 'funnel' ? [] : [[metric, { ...base, period: 'mnth' }, RangeError, PERIOD] as Case]),
  [metric, { ...base, timeZone: 'Mars/Base' }, RangeError, ZONE],
  [metric, { ...base, minCellSize: 2.5 }, RangeError, CELL],
  [metric, { ...base, minCellSize: '11' }, RangeError, "minCellSize must be a whole number ≥ 0 (11 is common in healthcare); got '11'"],
  [metric, { ...base, from: 'soon' }, RangeError, STAMP('from')],
  [metric, { ...base, to: 'soon' }, RangeError, STAMP('to')],
  [metric, { ...base, from: '2025-02-01', to: '2025-01-01' }, RangeError, ORDER],
  [metric, { ...base, by: 3 }, TypeError, BY],
  [metric, { ...base, by: '' }, RangeError, "by must name a column; got ''"],
];

const BAD: Case[] = [
  ['retention', { period: 'mnth' }, RangeError, PERIOD],
  ['retention', { mode: 'usage' }, RangeError, "mode must be one of subscription, activity; got 'usage'"],
  ['retention', { cohortBy: 'first' }, RangeError, "cohortBy must be one of signup, first-activity; got 'first'"],
  ['retention', { maxOffset: -1 }, RangeError, 'maxOffset must be a whole number ≥ 0; got -1'],
  ['retention', { minCohortSize: 1.5 }, RangeError, 'minCohortSize must be a whole number ≥ 0; got 1.5'],
  ['retention', { minCellSize: -3 }, RangeError, 'minCellSize must be a whole number ≥ 0 (11 is common in healthcare); got -3'],
  ['retention', { events: [] }, RangeError, 'events must list at least 1 event name; got 0'],
  ['retention', { events: ['a', ''] }, RangeError, "events must name events; entry 2 is ''"],
  ['retention', { events: 3 }, TypeError, 'events must be a list of event names or a comma-separated string; got 3'],
  ['retention', { by: 3 }, TypeError, BY],
  ['retention', { asOf: 'soon' }, RangeError, STAMP('asOf')],
  ['retention', { from: '2025-02-01', to: '2025-01-01' }, RangeError, ORDER],
  ['retention', { timeZone: 'Mars/Base' }, RangeError, ZONE],
  ...common('npsTrend'),
  ['npsTrend', { rolling: 0 }, RangeError, 'rolling must be a whole number of periods from 1 to 5000; got 0'],
  ['npsTrend', { rolling: '2' }, RangeError, "rolling must be a whole number of periods from 1 to 5000; got '2'"],
  ...common('channelCsat'),
  ['channelCsat', { satisfiedMin: 6 }, RangeError, 'satisfiedMin must be a score from 1 to scale (5); got 6'],
  ['channelCsat', { satisfiedMin: 4, scale: 3 }, RangeError, 'satisfiedMin must be a score from 1 to scale (3); got 4'],
  ['channelCsat', { scale: 7 }, RangeError, 'scale must be a whole number from 2 to 5 (csat answers are 1–5); got 7'],
  ...common('ticketStats'),
  ...common('funnel', STEPS),
  ['funnel', {}, TypeError, 'steps must be a list of event names or a comma-separated string; got undefined'],
  ['funnel', { steps: ['a'] }, RangeError, 'steps must list at least 2 event names; got 1'],
  ['funnel', { steps: 'a,,b' }, RangeError, "steps must name events; entry 2 is ''"],
  ['funnel', { ...STEPS, order: 'random' }, RangeError, "order must be one of ordered, strict, any; got 'random'"],
  ['funnel', { ...STEPS, window: 'two weeks' }, RangeError, "window must be an ISO-8601 duration such as P14D, or milliseconds; got 'two weeks'"],
  ['funnel', { ...STEPS, window: -1 }, RangeError, 'window must not be negative; got -1'],
  ...common('featureAdoption', FEATURES),
  ['featureAdoption', { features: [] }, RangeError, 'features must list at least 1 event name; got 0'],
  ['featureAdoption', { features: 'x,y,x' }, RangeError, "features must not repeat a name; got 'x' twice"],
  ['featureAdoption', { ...FEATURES, activeEvents: '' }, RangeError, 'activeEvents must list at least 1 event name; got 0'],
  ['featureAdoption', { ...FEATURES, compare: 'segments' }, RangeError, "compare 'segments' needs by"],
  ['featureAdoption', { ...FEATURES, compare: 'both' }, RangeError, "compare must be one of segments, features, none; got 'both'"],
  ['kpis', {}, RangeError, 'kpis needs from and to, from before to; got from undefined and to undefined'],
  ['kpis', { from: '2025-01-01', to: '2025-01-01' }, RangeError, "kpis needs from and to, from before to; got from '2025-01-01' and to '2025-01-01'"],
  ['kpis', { from: 'soon', to: '2025-01-01' }, RangeError, STAMP('from')],
  ['kpis', { ...RANGE, activationWindow: 'P7X' }, RangeError, "activationWindow must be an ISO-8601 duration such as P14D, or milliseconds; got 'P7X'"],
  ['kpis', { ...RANGE, features: 3 }, TypeError, 'features must be a list of event names or a comma-separated string; got 3'],
  ['kpis', { ...RANGE, satisfiedMin: 9 }, RangeError, 'satisfiedMin must be a score from 1 to scale (5); got 9'],
  ['kpis', { ...RANGE, period: 'mnth' }, RangeError, PERIOD],
  ['kpis', { ...RANGE, timeZone: 'Mars/Base' }, RangeError, ZONE],
  ['kpis', { ...RANGE, minCellSize: 2.5 }, RangeError, CELL],
  ['kpis', { ...RANGE, metrics: ['nps', 'npss'] }, RangeError, "metrics must be a list of churnRate, nps, csat, ces, fcr, firstResponseMedian, resolutionMedian, ticketVolume, activation, adoption; got 'npss'"],
  ['kpis', { ...RANGE, metrics: [] }, RangeError, 'metrics must list at least one of churnRate, nps, csat, ces, fcr, firstResponseMedian, resolutionMedian, ticketVolume, activation, adoption; got none'],
  ['kpis', { ...RANGE, metrics: 3 }, TypeError, 'metrics must be a list or a comma-separated string; got 3'],
  ['kpis', { ...RANGE, sparklineOnly: true }, RangeError, 'kpis sparklineOnly needs period'],
  ['extent', {}, RangeError, 'extent needs table, one of customers, activity, surveys, tickets; got undefined'],
  ['extent', { table: 'orders' }, RangeError, "table must be one of customers, activity, surveys, tickets; got 'orders'"],
  ['extent', { table: 'activity', kind: 'nps' }, RangeError, "kind applies to the surveys table only; got table 'activity'"],
  ['extent', { table: 'surveys', kind: 'xyz' }, RangeError, "kind must be one of nps, csat, ces; got 'xyz'"],
  ['extent', { table: 'surveys', column: 4 }, TypeError, 'column must name a column; got 4'],
  ...(['survival', 'survivalSummary'] as const).flatMap((m): Case[] => [
    [m, { unit: 'year' }, RangeError, "unit must be one of day, week, month; got 'year'"],
    [m, { asOf: 'soon' }, RangeError, STAMP('asOf')],
    [m, { from: 'soon' }, RangeError, STAMP('from')],
    [m, { from: '2025-02-01', to: '2025-01-01' }, RangeError, ORDER],
    [m, { by: 3 }, TypeError, BY],
    [m, { minGroupSize: 2.5 }, RangeError, 'minGroupSize must be a whole number ≥ 0; got 2.5'],
    [m, { minCellSize: 2.5 }, RangeError, CELL],
    [m, { unit: 'months' }, RangeError, "unit must be one of day, week, month; got 'months'"],
  ]),
  ...(['valueConcentration', 'paretoCurve'] as const).flatMap((m): Case[] => [
    [m, { top: 0 }, RangeError, 'top must be a fraction above 0 and at most 1; got 0'],
    [m, { top: '20%' }, RangeError, "top must be a fraction above 0 and at most 1; got '20%'"],
    [m, { value: '' }, RangeError, "value must name a column; got ''"],
    [m, { by: 3 }, TypeError, BY],
    [m, { asOf: 'soon' }, RangeError, STAMP('asOf')],
    [m, { points: 1 }, RangeError, 'points must be a whole number ≥ 2; got 1'],
    [m, { minCellSize: 2.5 }, RangeError, CELL],
  ]),
  ['atRisk', { asOf: 'soon' }, RangeError, STAMP('asOf')],
  ['atRisk', { signals: 'mood' }, RangeError, "signals must be a list of activity, tickets, nps; got 'mood'"],
  ['atRisk', { signals: [] }, RangeError, 'signals must list at least one of activity, tickets, nps; got none'],
  ['atRisk', { events: [] }, RangeError, 'events must list at least 1 event name; got 0'],
  ['atRisk', { gapFactor: 0 }, RangeError, 'gapFactor must be a number ≥ 1; got 0'],
  ['atRisk', { minQuietDays: -1 }, RangeError, 'minQuietDays must be a whole number of days ≥ 0; got -1'],
  ['atRisk', { minGaps: 0 }, RangeError, 'minGaps must be a whole number ≥ 1; got 0'],
  ['atRisk', { ticketDays: 1.5 }, RangeError, 'ticketDays must be a whole number of days ≥ 0; got 1.5'],
  ['atRisk', { npsDays: 0 }, RangeError, 'npsDays must be a whole number of days ≥ 1; got 0'],
  ['atRisk', { minSignals: 4 }, RangeError, 'minSignals must be a whole number from 1 to 3; got 4'],
  ['atRisk', { by: 3 }, TypeError, BY],
  ['atRisk', { value: 7 }, TypeError, 'value must name a column; got 7'],
  ['extent', { table: 'surveys', minCellSize: 2.5 }, RangeError, CELL],
  ['values', {}, RangeError, 'values needs column, the column whose values are listed; got undefined'],
  ['values', { column: 'plan', table: 'orders' }, RangeError, "table must be one of customers, activity, surveys, tickets; got 'orders'"],
  ['values', { column: 7 }, TypeError, 'column must name a column; got 7'],
  ['values', { column: 'signup_at' }, RangeError, "values lists the values of a text or number column; 'signup_at' is a time (use extent for its span)"],
  ['values', { column: 'plan', minCellSize: 2.5 }, RangeError, CELL],
];

const GOOD: [MetricName, Record<string, unknown>][] = [
  ['retention', {}],
  ['retention', { period: 'week', asOf: '2025-06-01', ...RANGE, maxOffset: 3, by: 'plan', minCohortSize: 5, minCellSize: 11, mode: 'activity', cohortBy: 'first-activity', events: 'a, b', timeZone: 'America/Sao_Paulo' }],
  ['npsTrend', { period: 'quarter', ...RANGE, by: 'channel', rolling: 3, timeZone: 'UTC', minCellSize: 0 }],
  ['channelCsat', { by: 'plan', ...RANGE, period: 'month', satisfiedMin: 3, scale: 4, timeZone: 'UTC', minCellSize: 11 }],
  ['ticketStats', { by: 'channel', ...RANGE, period: 'day', timeZone: 'UTC', minCellSize: 11 }],
  ['funnel', { steps: ['a', 'b', 'a'], window: 86_400_000, order: 'any', ...RANGE, by: 'plan', timeZone: 'UTC', minCellSize: 11 }],
  ['featureAdoption', { features: ['x', 'y'], period: 'week', ...RANGE, by: 'plan', activeEvents: ['login'], timeZone: 'UTC', minCellSize: 11, compare: 'features' }],
  ['kpis', { ...RANGE, activationWindow: 'P14D', features: 'x,y', satisfiedMin: 5, period: 'week', timeZone: 'UTC', minCellSize: 11, metrics: ['nps', 'adoption'] }],
  ['extent', { table: 'surveys', column: 'at', kind: 'csat', minCellSize: 11 }],
  ['survival', { asOf: '2025-06-01', ...RANGE, by: 'plan', unit: 'month', minGroupSize: 30, minCellSize: 11 }],
  ['survivalSummary', { asOf: 1_750_000_000_000, unit: 'week' }],
  ['valueConcentration', { value: 'revenue', top: 0.1, by: 'plan', asOf: '2025-06-01', minCellSize: 11 }],
  ['paretoCurve', { top: 1, points: 101 }],
  ['atRisk', { asOf: '2025-06-01', signals: 'activity,nps', events: ['login'], gapFactor: 2.5, minQuietDays: 14, minGaps: 2, ticketDays: 3, npsDays: 90, minSignals: 2, by: 'plan', value: 'revenue' }],
  ['values', { column: 'plan' }],
  ['values', { table: 'activity', column: 'event', minCellSize: 11 }],
];

const EMPTY: Tables = { customers: [], activity: [], surveys: [], tickets: [] };

describe('validateQuery: options', () => {
  for (const [metric, options, type, message] of BAD) {
    it(`${metric} rejects ${JSON.stringify(options)} as the metric does, with no data`, () => {
      const query = { metric, options };
      expect(() => validateQuery(query)).to.throw(type, message).with.property('message', message);
      // The metric function itself says the same (so the two can never disagree)…
      expect(() => METRICS[metric].run(EMPTY, options)).to.throw(type, message).with.property('message', message);
      // …and runQuery says it before asking for any table.
      expect(() => runQuery({}, query)).to.throw(type, message);
    });
  }

  for (const [metric, options] of GOOD) {
    it(`${metric} accepts ${JSON.stringify(options)}`, () => {
      expect(validateQuery({ metric, options })).to.deep.equal({ metric, options });
    });
  }

  it('defaults missing options to {} and leaves the query given unchanged', () => {
    const query = { metric: 'npsTrend' };
    expect(validateQuery(query)).to.deep.equal({ metric: 'npsTrend', options: {} });
    expect(query).to.deep.equal({ metric: 'npsTrend' });
    expect(validateQuery({ metric: 'npsTrend', options: null })).to.deep.equal({ metric: 'npsTrend', options: {} });
  });

  it('rejects a query that is not one', () => {
    expect(() => validateQuery(null)).to.throw(TypeError, 'query must be an object { metric, options, filters? }; got null');
    expect(() => validateQuery([])).to.throw(TypeError, 'got an array');
    expect(() => validateQuery({ metric: 'churn' })).to.throw(
      RangeError,
      "metric must be one of retention, npsTrend, channelCsat, ticketStats, funnel, featureAdoption, kpis, extent, survival, survivalSummary, valueConcentration, paretoCurve, atRisk, values; got 'churn'",
    );
    expect(() => validateQuery({})).to.throw(RangeError, 'metric must be one of retention');
    expect(() => validateQuery({ metric: 'npsTrend', options: 'month' })).to.throw(TypeError, "npsTrend options must be an object; got 'month'");
    expect(() => validateQuery({ metric: 'kpis', options: [] })).to.throw(TypeError, 'kpis options must be an object; got an array');
  });
});

describe('validateQuery: filters', () => {
  const q = (filters: unknown) => validateQuery({ metric: 'npsTrend', options: {}, filters });
  const bad: [unknown, ErrorConstructor, string][] = [
    ['plan', TypeError, "filters must be an array; got 'plan'"],
    [[3], TypeError, 'filters[0] must be an object { column, values } or { column, from?, to? }; got 3'],
    [[{ values: ['a'] }], TypeError, 'filters[0].column must name a column; got undefined'],
    [[{ column: 7, values: ['a'] }], TypeError, 'filters[0].column must name a column; got 7'],
    [[{ column: ' ', values: ['a'] }], RangeError, "filters[0].column must name a column; got ' '"],
    [[{ column: 'plan' }], RangeError, 'filters[0] needs values or a range (from, to)'],
    [[{ column: 'at', values: [], from: '2025-01-01' }], RangeError, 'filters[0] must have values or a range (from, to), not both'],
    [[{ column: 'plan', values: 'a' }], TypeError, "filters[0].values must be an array of strings, numbers or null; got 'a'"],
    [[{ column: 'plan', values: ['a', {}] }], TypeError, 'filters[0].values must hold strings, finite numbers or null; entry 2 is a value of type object'],
    [[{ column: 'plan', values: [NaN] }], RangeError, 'filters[0].values must hold strings, finite numbers or null; entry 1 is NaN'],
    [[{ column: 'plan', value: 'a' }], RangeError, "filters[0] has an unknown key 'value' (keys: column, values, from, to, table, match)"],
    [[{ column: 'at', from: 'soon' }], RangeError, "filters[0].from must be an ISO-8601 timestamp, epoch milliseconds or a Date; got 'soon'"],
    [[{ column: 'at', to: null }], RangeError, 'filters[0].to must be an ISO-8601 timestamp, epoch milliseconds or a Date; got null'],
    [[{ column: 'at', from: '2025-02-01', to: '2025-01-01' }], RangeError, "filters[0].from must not be after filters[0].to; got from '2025-02-01' and to '2025-01-01'"],
    [[{ column: 'at', values: ['x'], table: 'events' }], RangeError, "filters[0].table must be one of customers, activity, surveys, tickets; got 'events'"],
    [[{ column: 'at', from: 0, match: 'first' }], RangeError, 'filters[0].match needs table: it picks customers by their rows of that table'],
    [[{ column: 'event', values: ['x'], table: 'activity', match: 'first' }], RangeError, 'filters[0].match applies to a range (from, to), not to values'],
    [[{ column: 'at', from: 0, table: 'activity', match: 'last' }], RangeError, "filters[0].match must be one of any, first; got 'last'"],
    [[{ column: 'plan', values: ['a'] }, { column: 'x' }], RangeError, 'filters[1] needs values or a range (from, to)'],
  ];
  for (const [filters, type, message] of bad) {
    it(`rejects ${JSON.stringify(filters)}`, () => {
      expect(() => q(filters)).to.throw(type, message).with.property('message', message);
    });
  }

  it('accepts every filter shape SPEC §6 and the table extension describe', () => {
    const filters = [
      { column: 'channel', values: ['chat', null] },
      { column: 'plan', values: [1, 'a'] },
      { column: 'signup_at', from: '2025-01-01' },
      { column: 'at', to: 1_740_000_000_000 },
      { column: 'at', from: '2025-01-01', to: '2025-01-01' },
      { table: 'activity', column: 'event', values: ['profile_completed'] },
      { table: 'activity', column: 'at', from: '2025-01-01', to: '2025-02-01', match: 'first' },
      { table: 'surveys', column: 'channel', values: ['app'], match: undefined },
    ];
    expect(q(filters).filters).to.deep.equal(filters);
    expect(q(undefined)).to.not.have.property('filters');
    expect(q([]).filters).to.deep.equal([]);
  });
});
