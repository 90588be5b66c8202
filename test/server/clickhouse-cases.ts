// Equality cases the ClickHouse suite runs beyond the shared ones (cases.ts): shapes its
// array-based SQL handles differently (feature users who are not active, a step name
// repeated back to back) and the statistics options (paired feature comparisons,
// minSample, activationEvents).
import type { MetricQuery } from '../../src/query/types.js';
import { FILTERS } from './cases.js';
import type { TestTables } from './engines.js';

/** A featureAdoption query the ClickHouse source computes in its two-level form. */
export const ADOPTION_FLAGS: MetricQuery = {
  metric: 'featureAdoption',
  options: { features: ['teleconsult', 'booked', 'lab'], compare: 'features', activeEvents: ['login'], period: 'month' },
};

/**
 * Exact copies of some customers and tickets: one row per id must be kept. The fixture
 * puts row i on shard i mod 2, and each copy on the other shard than its original; placed
 * by customer (shardedBy), a copy is on its original's shard.
 */
export function withDuplicates(tables: TestTables): TestTables {
  const out = { ...tables };
  for (const name of ['customers', 'tickets']) {
    const rows = [...tables[name].rows];
    for (let j = 0; j < 60; j++) if (rows.length % 2 !== j % 2) rows.push({ ...rows[j] });
    out[name] = { ...tables[name], rows };
  }
  return out;
}

export const EXTRA: Record<string, MetricQuery[]> = {
  funnel: [
    {
      metric: 'funnel',
      options: { steps: ['login', 'login', 'booked'], window: 'P7D', by: 'plan' },
    },
    {
      metric: 'funnel',
      options: { steps: ['login', 'login'], order: 'strict', window: 'P3D' },
      filters: FILTERS[5],
    },
    {
      metric: 'funnel',
      options: { steps: ['signup', 'login', 'teleconsult'], by: 'plan', minSample: 40 },
    },
    {
      metric: 'funnel',
      options: { steps: ['login', 'booked'], order: 'any', window: 'P1D', minSample: 5 },
    },
  ],
  featureAdoption: [
    {
      metric: 'featureAdoption',
      options: {
        features: ['lab', 'booked'],
        activeEvents: ['login'],
        by: 'plan',
        period: 'quarter',
      },
    },
    {
      metric: 'featureAdoption',
      options: { features: ['lab'], activeEvents: 'login,signup', timeZone: 'America/Sao_Paulo' },
      filters: FILTERS[2],
    },
    {
      metric: 'featureAdoption',
      options: {
        features: ['teleconsult', 'booked', 'lab'],
        compare: 'features',
        period: 'quarter',
        minSample: 10,
      },
    },
    {
      metric: 'featureAdoption',
      options: {
        features: ['login', 'teleconsult'],
        compare: 'features',
        activeEvents: ['login', 'teleconsult', 'booked'],
        by: 'plan',
        period: 'year',
        minSample: 30,
      },
      filters: FILTERS[1],
    },
    // Active events and paired comparisons: the two-level "flags" form (compile/adoption.ts
    // flagsPay), without segments and with an activity column's, "(others)" folded.
    ADOPTION_FLAGS,
    {
      metric: 'featureAdoption',
      options: { features: ['lab', 'booked'], compare: 'features', activeEvents: 'login,lab', by: 'platform', maxSegments: 2, period: 'quarter' },
    },
  ],
  kpis: [
    {
      metric: 'kpis',
      options: {
        from: '2018-06-01',
        to: '2019-06-01',
        period: 'month',
        activationEvents: ['teleconsult', 'booked'],
        activationWindow: 'P7D',
        metrics: ['activation', 'ces', 'nps', 'csat'],
        minSample: 20,
      },
    },
    {
      metric: 'kpis',
      // A KPI card's sparkline query (components/kpi/queries.ts).
      options: { from: '2018-07-01', to: '2019-06-15', period: 'month', features: ['teleconsult'], activationWindow: 'P3D', sparklineOnly: true },
    },
    {
      metric: 'kpis',
      options: {
        from: '2018-03-01',
        to: '2018-09-01',
        activationEvents: ['login'],
        metrics: ['activation'],
      },
    },
  ],
};
