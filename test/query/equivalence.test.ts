// runQuery returns exactly what the metric returns on the filtered tables (SPEC §6):
// for seeded random data sets and filters of every kind, the frame views of
// src/query/filter.ts give the rows the metric gives on tables filtered by an
// independent oracle over plain row objects (test/query/oracle.ts).
import { expect } from 'chai';
import fc from 'fast-check';
import type { Tables } from '../../src/data/schema.js';
import { METRICS } from '../../src/query/registry.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricName, MetricQuery, QueryFilter } from '../../src/query/types.js';
import { dataArb, dataArbOf, filtersArb, oracleFilter, type RowTables } from './oracle.js';

import { OPTIONS } from './metric-options.js';

/** Metrics that read customers one by one need more of them than dataArb often draws, or most checks have no rows. */
const fuller = dataArbOf;
const DATA: Partial<Record<MetricName, fc.Arbitrary<RowTables>>> = {
  survival: fuller({ customers: 6 }),
  survivalSummary: fuller({ customers: 6 }),
  valueConcentration: fuller({ customers: 6 }),
  paretoCurve: fuller({ customers: 6 }),
  atRisk: fuller({ customers: 7, activity: 25, surveys: 12, tickets: 8 }),
};

/** Options without the undefined members fast-check's records leave. */
const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The rows, or the error's message: a query that fails must fail as the metric does. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return { error: String(error) };
  }
}

/** How many checks had rows, and how many had rows the filters removed: the test is not vacuous. */
const seen = { rows: 0, narrowed: 0 };

function check(data: RowTables, query: MetricQuery): void {
  const filtered = oracleFilter(data, query.filters ?? []);
  const size = (t: unknown) => (Array.isArray(t) ? t.length : 0);
  if ((['customers', 'activity', 'surveys', 'tickets'] as const).some((n) => size(filtered[n]) < size(data[n]))) seen.narrowed++;
  const expected = outcome(() => METRICS[query.metric].run(oracleFilter(data, query.filters ?? []) as Tables, query.options));
  const actual = outcome(() => runQuery(data as Tables, query));
  expect(actual, JSON.stringify(query)).to.deep.equal(expected);
  if (Array.isArray(actual) && actual.length > 0) seen.rows++;
  if (query.metric === 'retention' && Array.isArray(actual)) {
    const excluded = (r: unknown) => (r as { excluded: unknown }).excluded;
    expect(excluded(actual)).to.deep.equal(excluded(expected));
  }
}

describe('runQuery equals the metric on tables filtered by an independent oracle', () => {
  for (const metric of Object.keys(OPTIONS) as MetricName[]) {
    it(metric, () => {
      seen.rows = seen.narrowed = 0;
      fc.assert(
        fc.property(DATA[metric] ?? dataArb, OPTIONS[metric], filtersArb, (data, options, filters: QueryFilter[]) => {
          check(data, { metric, options: clean(options), filters });
        }),
        { seed: 0x5eed + metric.length, numRuns: 150 },
      );
      expect(seen.rows, `checks with rows (${seen.rows})`).to.be.greaterThan(40);
      expect(seen.narrowed, 'checks whose filters removed rows').to.be.greaterThan(40);
    });
  }

  it('holds when several filters meet on one table (customer attribute, first activity and a step at once)', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const filters: QueryFilter[] = [
          { column: 'plan', values: ['a', null] },
          { table: 'activity', column: 'at', match: 'first', from: '2025-01-20', to: '2025-05-01' },
          { table: 'activity', column: 'event', values: ['login'] },
        ];
        check(data, { metric: 'npsTrend', options: { by: 'plan', minCellSize: 2 }, filters });
        check(data, { metric: 'funnel', options: { steps: ['signup', 'login', 'teleconsult'], by: 'user_type' }, filters });
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});
