// Validation facts on ClickHouse (src/server/clickhouse/facts.ts): a source learns once
// which rules the tables' rows need and leaves the others out, and learns again when the
// rows change — rows written after it learnt are validated with every rule they need, so
// answers stay equal to runQuery (and to a source that applies every rule every time).
// And under shardedBy: one customer's rows whose host ids differ only by spaces may sit
// on two shards; the source then merges where the rows meet, and counts them once.
import { expect } from 'chai';
import { runQuery } from '../../src/query/run.js';
import { createSqlSource } from '../../src/server/index.js';
import type { Tables } from '../../src/data/schema.js';
import type { MetricQuery } from '../../src/query/types.js';
import { FILTERS } from './cases.js';
import {
  clickhouseFixture,
  customerShard,
  needClickHouse,
  stopOwnCluster,
  toSeconds,
} from './clickhouse-cluster.js';
import { testData } from './data.js';
import type { TestTables } from './engines.js';
import { expectSameRows } from './equal.js';

const H = 3_600_000;
const T0 = Date.parse('2021-01-01T00:00:00Z');
const EVENTS = ['login', 'teleconsult', 'booked'];
const ACTIVITY = { customer_id: 'text', at: 'ts', event: 'text', platform: 'text' } as const;
const CUSTOMERS = { customer_id: 'text', signup_at: 'ts', churned_at: 'ts', user_type: 'text', plan: 'text', revenue: 'num' } as const;

type Rows = Record<string, unknown>[];
const asTables = (t: Record<string, Rows>) => t as unknown as Tables;

describe('SQL source (clickhouse): validation facts learnt once, and again when the rows change', function () {
  this.timeout(300_000);
  let urls: string[];
  before(function () {
    urls = needClickHouse(this);
  });
  after(() => stopOwnCluster());

  it('reads clean rows without the rules they do not need, and validates rows written later', async () => {
    const activity: Rows = Array.from({ length: 240 }, (_, i) => ({
      customer_id: `c${i % 40}`,
      at: T0 + i * 7 * H,
      event: EVENTS[i % 3],
      platform: 'web',
    }));
    const fx = await clickhouseFixture(urls, { activity: { columns: ACTIVITY, rows: activity } });
    const extent: MetricQuery = { metric: 'extent', options: { table: 'activity' } };
    const adoption: MetricQuery = { metric: 'featureAdoption', options: { features: ['teleconsult'], period: 'month' } };
    const check = async (rows: Rows, label: string) => {
      for (const q of [extent, adoption])
        expectSameRows(await fx.source.aggregate(q), runQuery(asTables({ activity: rows }), q), `${label} ${q.metric}`);
    };
    try {
      await check(activity, 'clean');
      // Every id and event is filled and trimmed: extent reads the time column alone.
      const [statement] = await fx.source.sql(extent);
      expect(statement.text).not.to.match(/customer_id|event|match\(/);
      // Written after the source learnt: a blank id (left out), padded ids and events (trimmed), later than every row.
      const later: Rows = [
        { customer_id: '  ', at: T0 + 5000 * H, event: 'login', platform: 'web' },
        { customer_id: ' c1 ', at: T0 + 4000 * H, event: ' teleconsult', platform: 'web' },
        { customer_id: 'c2', at: T0 + 4001 * H, event: '\u00a0teleconsult ', platform: 'web' },
      ];
      await fx.insert('activity', later, 1);
      await check([...activity, ...later], 'after an insert');
      const [again] = await fx.source.sql(extent);
      expect(again.text).to.contain('customer_id');
    } finally {
      await fx.close();
    }
  });

  it('keeps one row per id once a duplicate is written after it learnt that none repeats', async () => {
    const customers: Rows = Array.from({ length: 60 }, (_, i) => ({
      customer_id: `c${i}`,
      signup_at: T0 + i * 50 * H,
      churned_at: i % 3 ? null : T0 + i * 50 * H + 900 * H,
      user_type: i % 2 ? 'doctor' : 'patient',
      plan: 'basic',
      revenue: 10,
    }));
    const fx = await clickhouseFixture(urls, { customers: { columns: CUSTOMERS, rows: customers } });
    const every = createSqlSource({ engine: 'clickhouse', url: urls[0], database: fx.database, validateOnce: false });
    const queries: MetricQuery[] = [
      { metric: 'kpis', options: { from: '2021-03-01', to: '2021-09-01', metrics: ['churnRate'] } },
      { metric: 'survival', options: { asOf: '2022-06-01', unit: 'month', by: 'user_type' } },
    ];
    try {
      for (const q of queries) expectSameRows(await fx.source.aggregate(q), await every.aggregate(q), JSON.stringify(q));
      expect((await fx.source.sql(queries[1]))[0].text).not.to.contain('LIMIT 1 BY');
      // Copies with another churn time and type, on the other shard: the first by its columns as text is kept.
      const copies = customers.slice(0, 12).map((r, j) => ({ ...r, churned_at: (r.signup_at as number) + (j + 1) * 100 * H, user_type: j % 2 ? 'patient' : 'admin' }));
      await fx.insert('customers', copies, 1);
      for (const q of queries) expectSameRows(await fx.source.aggregate(q), await every.aggregate(q), `after copies ${JSON.stringify(q)}`);
      expect((await fx.source.sql(queries[1]))[0].text).to.contain('LIMIT 1 BY');
    } finally {
      await every.close();
      await fx.close();
    }
  });

  it('checks in a query the parts of the tables it reads, and only those', async () => {
    const activity: Rows = Array.from({ length: 120 }, (_, i) => ({ customer_id: `c${i % 30}`, at: T0 + i * 11 * H, event: EVENTS[i % 3], platform: 'web' }));
    const customers: Rows = Array.from({ length: 30 }, (_, i) => ({
      customer_id: `c${i}`,
      signup_at: T0 + i * 40 * H,
      churned_at: i % 4 ? null : T0 + i * 40 * H + 700 * H,
      user_type: 'patient',
      plan: 'basic',
      revenue: 10,
    }));
    const fx = await clickhouseFixture(urls, { activity: { columns: ACTIVITY, rows: activity }, customers: { columns: CUSTOMERS, rows: customers } });
    const every = createSqlSource({ engine: 'clickhouse', url: urls[0], database: fx.database, validateOnce: false });
    const extent: MetricQuery = { metric: 'extent', options: { table: 'activity' } };
    const churn: MetricQuery = { metric: 'kpis', options: { from: '2021-02-01', to: '2021-08-01', metrics: ['churnRate'] } };
    try {
      expectSameRows(await fx.source.aggregate(churn), await every.aggregate(churn), 'churn');
      expect((await fx.source.sql(churn))[0].text).not.to.contain('LIMIT 1 BY');
      // Copies of customers (another churn time) written after the source learnt: extent does not read them…
      const copies = customers.slice(0, 8).map((r, j) => ({ ...r, churned_at: (r.signup_at as number) + (j + 2) * 90 * H }));
      await fx.insert('customers', copies, 1);
      expectSameRows(await fx.source.aggregate(extent), await every.aggregate(extent), 'extent');
      // …so its check left the facts alone (sql() compiles with the facts as they are),
      expect((await fx.source.sql(churn))[0].text).not.to.contain('LIMIT 1 BY');
      // and the churn card's check finds the new parts: learnt again, run again, one row per id.
      expectSameRows(await fx.source.aggregate(churn), await every.aggregate(churn), 'churn after copies');
      expect((await fx.source.sql(churn))[0].text).to.contain('LIMIT 1 BY');
      // Queries run together after a change: each one's own reads find it.
      await fx.insert('activity', [{ customer_id: ' c3', at: T0 + 9000 * H, event: 'login', platform: 'web' }], 0);
      const survival: MetricQuery = { metric: 'survival', options: { asOf: '2022-06-01', unit: 'month' } };
      const together = [extent, churn, survival, extent];
      const got = await Promise.all(together.map((q) => fx.source.aggregate(q)));
      for (const [i, q] of together.entries()) expectSameRows(got[i], await every.aggregate(q), `together ${q.metric}`);
    } finally {
      await every.close();
      await fx.close();
    }
  });

  it('shardedBy: counts a customer once whose host ids differ by spaces, on two shards', async () => {
    // Ids as held (trimmed) everywhere, then copies of some customers with a padded id,
    // another churn time and type, each on the other shard than its original.
    const base = toSeconds(testData(20260302).sql);
    const trim = (rows: Rows) => rows.map((r) => (typeof r.customer_id === 'string' ? { ...r, customer_id: r.customer_id.trim() || null } : r));
    const tables: TestTables = Object.fromEntries(Object.entries(base).map(([n, t]) => [n, { ...t, rows: trim(t.rows) }]));
    const originals = tables.customers.rows.filter((r) => typeof r.customer_id === 'string' && typeof r.signup_at === 'number');
    const copies = originals
      .map((r, j) => ({ ...r, customer_id: ` ${r.customer_id as string}`, churned_at: j % 3 ? null : (r.signup_at as number) + (j % 7) * 400 * H, user_type: j % 2 ? 'admin' : 'doctor' }))
      .filter((r, j) => customerShard(r, 0, 2) !== customerShard(originals[j], 0, 2))
      .slice(0, 40);
    expect(copies).to.have.length(40);
    const fx = await clickhouseFixture(urls, { ...tables, customers: { ...tables.customers, rows: [...tables.customers.rows, ...copies] } }, 'customer_id');
    const plain = createSqlSource({ engine: 'clickhouse', url: urls[0], database: fx.database, validateOnce: false });
    const queries: MetricQuery[] = [
      { metric: 'kpis', options: { from: '2018-06-01', to: '2019-06-01', metrics: ['churnRate', 'activation'] } },
      { metric: 'retention', options: { asOf: '2019-12-31', mode: 'activity', by: 'user_type', period: 'quarter' } },
      { metric: 'retention', options: { asOf: '2019-12-31', period: 'quarter' } },
      { metric: 'survival', options: { asOf: '2019-07-01', unit: 'month', by: 'user_type' } },
      { metric: 'ticketStats', options: { by: 'user_type', period: 'year' } },
      { metric: 'featureAdoption', options: { features: ['lab'], period: 'quarter' }, filters: [{ column: 'user_type', values: ['doctor'] }] },
      { metric: 'featureAdoption', options: { features: ['lab'], period: 'quarter' }, filters: [...FILTERS[1]] },
    ];
    try {
      for (const q of queries) expectSameRows(await fx.source.aggregate(q), await plain.aggregate(q), JSON.stringify(q));
    } finally {
      await plain.close();
      await fx.close();
    }
  });
});
