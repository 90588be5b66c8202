// The handler over a DuckDB source answers the retention section's queries (survival,
// its summary, value concentration, the Pareto curve, the segment list) in SQL: it never
// loads the source's rows for them (the rows path took minutes at a million customers),
// and the answers are runQuery's at the server's k, with survival's excluded counts.
import { expect } from 'chai';
import type { Row } from '../../src/data/schema.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import type { PulsoSource } from '../../src/server/types.js';
import { duckdbFixture, type Fixture } from './engines.js';
import { expectSameRows } from './equal.js';
import { asOf, post, serve, tables, type Served } from './support.js';

const K = 5;
const customers = tables.customers.map((c) => ({
  ...c,
  signup_at: Date.parse(c.signup_at as string),
  churned_at: c.churned_at === null ? null : Date.parse(c.churned_at as string),
}));

const QUERIES: MetricQuery[] = [
  { metric: 'survival', options: { asOf, by: 'plan', unit: 'month', minGroupSize: 30 } },
  { metric: 'survivalSummary', options: { asOf, by: 'region', unit: 'week' } },
  { metric: 'valueConcentration', options: { asOf, by: 'plan', top: 0.1 } },
  { metric: 'paretoCurve', options: { asOf, points: 21 } },
  { metric: 'values', options: { column: 'account' } },
];

describe('pulso-serve over DuckDB: survival and value in SQL, never from rows', function () {
  this.timeout(60_000);
  let fx: Fixture;
  let api: Served;
  let loads = 0;
  before(async () => {
    fx = await duckdbFixture({
      customers: {
        columns: { customer_id: 'text', signup_at: 'ts', churned_at: 'ts', user_type: 'text', plan: 'text', region: 'text', revenue: 'num', account: 'text' },
        rows: customers,
      },
    });
    const counting: PulsoSource = { ...fx.source, load: (request, signal) => (loads++, fx.source.load(request, signal)) };
    api = await serve(counting, { minCellSize: K });
  });
  after(async () => {
    await api?.close();
    await fx?.close();
  });

  for (const query of QUERIES) {
    it(`${query.metric}: computed by the source, equal to runQuery at k = ${K}`, async () => {
      const before = loads;
      const { status, body } = await post(api.url, query);
      expect(status, JSON.stringify(body)).to.equal(200);
      expect(loads, 'rows loaded').to.equal(before);
      const want = runQuery({ customers: tables.customers }, { ...query, options: { ...query.options, minCellSize: K } });
      const { rows, extras } = body as { rows: Row[]; extras?: Record<string, unknown> };
      expect(rows.length).to.be.greaterThan(0);
      expectSameRows(rows, JSON.parse(JSON.stringify(want)), query.metric);
      if (query.metric === 'survival') expect(extras).to.deep.equal({ excluded: (want as Row[] & { excluded: object }).excluded });
    });
  }
});
