// SPEC §6: a SQL source's aggregate equals runQuery on the same rows, on DuckDB in
// process and on a real PostgreSQL 15 server, for every metric and option of
// test/server/cases.ts, with filters of every kind and hostile strings; the customers
// each metric leaves out (`excluded`) too.
import { runQuery } from '../../src/query/run.js';
import { CASES } from './cases.js';
import { duckdbFixture, needPostgres, postgresFixture, type Fixture } from './engines.js';
import { testData } from './data.js';
import { expectSameExcluded, expectSameRows } from './equal.js';

const data = testData(20260301);

for (const engine of ['duckdb', 'postgres'] as const) {
  describe(`SQL source (${engine}) equals runQuery`, function () {
    this.timeout(120_000);
    let fx: Fixture;
    before(async function () {
      if (engine === 'postgres') needPostgres(this);
      fx = engine === 'duckdb' ? await duckdbFixture(data.sql) : await postgresFixture(data.sql);
    });
    after(async () => fx?.close());
    for (const [metric, cases] of Object.entries(CASES)) {
      it(`${metric}: ${cases.length} queries`, async () => {
        let nonEmpty = 0;
        for (const query of cases) {
          const label = JSON.stringify(query);
          const expected = runQuery(data.js, query);
          const actual = await fx.source.aggregate(query);
          expectSameRows(actual, expected, label);
          expectSameExcluded(query, actual, expected, label);
          if (expected.length) nonEmpty++;
        }
        if (nonEmpty < cases.length / 2) throw new Error(`${metric}: only ${nonEmpty} of ${cases.length} queries had rows`);
      });
    }
  });
}
