// createSqlSource({ engine: 'clickhouse', shardedBy: 'customer_id' }) on a real two-shard
// cluster whose tables put every row of one customer on one shard: the same cases as the
// main ClickHouse suite equal runQuery on the same rows, and so does the default source
// (written for any sharding; every other case, to keep the suite's time down) on these
// very tables. The option's statements let each
// shard read its own customers and finish its own groups, which the last tests check:
// the churn card's customers, duplicates of an id included, are counted on the shards.
import { expect } from 'chai';
import { runQuery } from '../../src/query/run.js';
import { createSqlSource } from '../../src/server/index.js';
import type { Tables } from '../../src/data/schema.js';
import type { MetricQuery } from '../../src/query/types.js';
import { CASES, FILTERS } from './cases.js';
import { EXTRA, withDuplicates } from './clickhouse-cases.js';
import {
  clickhouseFixture,
  needClickHouse,
  stopOwnCluster,
  toSeconds,
  type ChFixture,
} from './clickhouse-cluster.js';
import { testData } from './data.js';
import type { TestTables } from './engines.js';
import { expectSameRows } from './equal.js';

// Customer ids as held (trimmed) in every table: a padded id may hash to another shard
// than its customer's other rows, and the source then runs as the default one
// (clickhouse-facts.node.test.ts checks that); here every row of one customer is on one shard.
const trimIds = (tables: TestTables): TestTables =>
  Object.fromEntries(
    Object.entries(tables).map(([name, t]) => [
      name,
      { ...t, rows: t.rows.map((r) => (typeof r.customer_id === 'string' ? { ...r, customer_id: r.customer_id.trim() } : r)) },
    ]),
  );
const sql = withDuplicates(trimIds(toSeconds(testData(20260301).sql)));
const js = Object.fromEntries(
  Object.entries(sql).map(([name, t]) => [name, t.rows]),
) as unknown as Tables;

const COMPUTED = ['npsTrend', 'ticketStats', 'featureAdoption', 'retention', 'kpis', 'funnel', 'atRisk'];

describe('SQL source (clickhouse, two shards, shardedBy customer_id) equals runQuery', function () {
  this.timeout(600_000);
  let fx: ChFixture;
  let anySharding: ReturnType<typeof createSqlSource>;
  before(async function () {
    const urls = needClickHouse(this);
    fx = await clickhouseFixture(urls, sql, 'customer_id');
    anySharding = createSqlSource({ engine: 'clickhouse', url: urls[0], database: fx.database });
  });
  after(async () => {
    await anySharding?.close();
    await fx?.close();
    stopOwnCluster();
  });

  for (const metric of COMPUTED) {
    const cases = [...CASES[metric], ...(EXTRA[metric] ?? [])];
    it(`${metric}: ${cases.length} queries with shardedBy, every other one without`, async () => {
      let nonEmpty = 0;
      for (const [i, query] of cases.entries()) {
        const label = JSON.stringify(query);
        const expected = runQuery(js, query);
        const actual = await fx.source.aggregate(query);
        expectSameRows(actual, expected, `shardedBy ${label}`);
        if (i % 2 === 0)
          expectSameRows(await anySharding.aggregate(query), expected, `default ${label}`);
        if (query.metric === 'retention') {
          const excluded = (rows: unknown) => (rows as { excluded?: unknown }).excluded;
          expectSameRows(excluded(actual), excluded(expected), `${label} excluded`);
        }
        if (expected.length) nonEmpty++;
      }
      if (nonEmpty < cases.length / 2)
        throw new Error(`${metric}: only ${nonEmpty} of ${cases.length} queries had rows`);
    });
  }

  it('lets each shard read its own customers and finish its own distinct counts', async () => {
    const query: MetricQuery = {
      metric: 'featureAdoption',
      options: { features: ['lab'], period: 'month' },
      filters: [...FILTERS[1]],
    };
    const [statement] = await fx.source.sql(query);
    expect(statement.text).to.match(/SETTINGS distributed_group_by_no_merge = 1, distributed_product_mode = 'local'$/);
    expect(statement.text).not.to.contain('GLOBAL');
    const [plain] = await anySharding.sql(query);
    expect(plain.text).to.contain('GLOBAL NOT IN');
    expect(plain.text).not.to.contain('SETTINGS');
  });

  it('counts customers on the shards, settling duplicate ids that differ as the default source does', async function () {
    // Copies of some customers with another churn time or user type (on their original's
    // shard): the row kept is the first by its columns as text, which runQuery (the first
    // in row order) does not follow, so the default source (LIMIT 1 BY where the rows meet) is the reference.
    const DAY = 86_400_000;
    const customers = sql.customers.rows.filter((r) => typeof r.signup_at === 'number');
    const copies = customers.slice(0, 80).map((r, j) => ({
      ...r,
      churned_at: j % 3 === 0 ? null : (r.signup_at as number) + (j % 5) * 97 * DAY,
      user_type: j % 2 ? 'doctor' : 'patient',
    }));
    const tables = { customers: { ...sql.customers, rows: [...sql.customers.rows, ...copies] } };
    const dup = await clickhouseFixture(needClickHouse(this), tables, 'customer_id');
    const plain = createSqlSource({ engine: 'clickhouse', url: needClickHouse(this)[0], database: dup.database });
    try {
      for (const filters of [undefined, [{ column: 'user_type', values: ['doctor'] }], [...FILTERS[1]]]) {
        for (const options of [
          { from: '2018-06-01', to: '2019-06-01', metrics: ['churnRate'] },
          { from: '2018-01-01', to: '2019-07-01', metrics: ['churnRate'], bucket: 'quarter' },
        ]) {
          const query = { metric: 'kpis', options, ...(filters ? { filters } : {}) } as MetricQuery;
          const [statement] = await dup.source.sql(query);
          expect(statement.text).not.to.contain('LIMIT 1 BY');
          expectSameRows(await dup.source.aggregate(query), await plain.aggregate(query), JSON.stringify(query));
        }
      }
    } finally {
      await plain.close();
      await dup.close();
    }
  });

  it("refuses a shardedBy other than 'customer_id'", () => {
    expect(() =>
      createSqlSource({
        engine: 'clickhouse',
        url: 'http://127.0.0.1:1',
        shardedBy: 'ticket_id' as never,
      }),
    ).to.throw(TypeError, "shardedBy must be 'customer_id'");
  });
});
