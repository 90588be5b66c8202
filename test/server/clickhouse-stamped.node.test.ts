// The parts check inside a query's own statement (src/server/clickhouse/stamped.ts): the
// stamp it reads must be the parts as they are after the query ran, on every shard — a
// part written while the query runs is seen, as a check sent after it would see it — and
// a source whose tables changed between learning and the query notices it, learns again
// and answers as a source applying every rule.
import { expect } from 'chai';
import { createSqlSource } from '../../src/server/index.js';
import type { MetricQuery } from '../../src/query/types.js';
import { clickhouseEngine } from '../../src/server/clickhouse/engine.js';
import { partsOf, stampOf, stampRead } from '../../src/server/clickhouse/parts.js';
import { outputNames, stamped } from '../../src/server/clickhouse/stamped.js';
import { clickhouseFixture, needClickHouse, stopOwnCluster } from './clickhouse-cluster.js';
import { expectSameRows } from './equal.js';

const H = 3_600_000;
const T0 = Date.parse('2021-01-01T00:00:00Z');
const CUSTOMERS = { customer_id: 'text', signup_at: 'ts', churned_at: 'ts', user_type: 'text', plan: 'text', revenue: 'num' } as const;
const customers = Array.from({ length: 40 }, (_, i) => ({
  customer_id: `c${i}`,
  signup_at: T0 + i * 40 * H,
  churned_at: i % 4 ? null : T0 + i * 40 * H + 700 * H,
  user_type: 'patient',
  plan: 'basic',
  revenue: 10,
}));

describe('ClickHouse parts check in the query statement', function () {
  this.timeout(120_000);

  it('reads the names of a statement as the compilers write them, or none', () => {
    expect(outputNames("SELECT j, count() AS den, countIf(x IN ('a,b', 'FROM')) AS num FROM t GROUP BY j\nSETTINGS a = 1")).to.deep.equal({
      body: "SELECT j, count() AS den, countIf(x IN ('a,b', 'FROM')) AS num FROM t GROUP BY j\n",
      settings: 'SETTINGS a = 1',
      names: ['j', 'den', 'num'],
    });
    expect(outputNames('SELECT DISTINCT `a\\x20b`, tuple(1, 2) AS t FROM (SELECT 1 AS x)')?.names).to.deep.equal(['a b', 't']);
    for (const sql of ['SELECT * FROM t', 'SELECT count() FROM t', 'SELECT a AS x, b AS x FROM t', 'WITH 1 AS a SELECT a', 'SELECT t.a FROM t'])
      expect(outputNames(sql), sql).to.equal(undefined);
  });

  describe('on a two-shard cluster', () => {
    let urls: string[];
    before(function () {
      urls = needClickHouse(this);
    });
    after(() => stopOwnCluster());

    it('sees a part written while the query runs', async () => {
      const fx = await clickhouseFixture(urls, { customers: { columns: CUSTOMERS, rows: customers } });
      const engine = clickhouseEngine({ url: urls[0], database: fx.database });
      try {
        const at = await partsOf(engine, { db: fx.database, table: 'customers' });
        expect(at?.cluster).to.equal('pulso');
        const parts = new Map([['customers' as const, at!]]);
        const before = await stampOf(engine, parts);
        // Each shard sleeps 2 s over its rows; a part is written on the second shard meanwhile.
        const query = stamped('SELECT count() AS n, max(sleep(2)) AS z FROM customers', stampRead(parts))!;
        const started = Date.now();
        const running = engine.run([query.text]);
        await new Promise((r) => setTimeout(r, 600));
        await fx.insert('customers', [{ ...customers[0], customer_id: 'late' }], 1);
        const written = Date.now();
        const [rows] = await running;
        expect(written, 'the insert must end while the query runs').to.be.below(Date.now() - 200);
        expect(Date.now() - started).to.be.above(1900);
        const { rows: answer, stamp } = query.split(rows);
        expect(answer).to.have.length(1);
        const after = await stampOf(engine, parts);
        expect(after!.get('customers')).not.to.equal(before!.get('customers'));
        expect(stamp.get('customers'), 'the stamp read by the query is the parts after it').to.equal(after!.get('customers'));
      } finally {
        await engine.close();
        await fx.close();
      }
    });

    it('learns again when the parts changed between learning and the query, and checks it in the query statement', async () => {
      const fx = await clickhouseFixture(urls, { customers: { columns: CUSTOMERS, rows: customers } });
      const every = createSqlSource({ engine: 'clickhouse', url: urls[0], database: fx.database, validateOnce: false });
      const churn: MetricQuery = { metric: 'kpis', options: { from: '2021-02-01', to: '2021-08-01', metrics: ['churnRate'] } };
      try {
        expectSameRows(await fx.source.aggregate(churn), await every.aggregate(churn), 'churn');
        const statements = await fx.source.sql(churn);
        expect(statements.map((s) => s.text).join('\n')).not.to.contain('LIMIT 1 BY');
        // The card's last statement carries the check (no statement of its own).
        expect(outputNames(statements.at(-1)!.text)).not.to.equal(undefined);
        // Copies of customers (another churn time), on the other shard, written after the source learnt.
        const copies = customers.slice(0, 10).map((r, j) => ({ ...r, churned_at: r.signup_at + (j + 2) * 90 * H }));
        await fx.insert('customers', copies.filter((_, j) => j % 2 === 0), 1);
        await fx.insert('customers', copies.filter((_, j) => j % 2 === 1), 0);
        expectSameRows(await fx.source.aggregate(churn), await every.aggregate(churn), 'churn after copies');
        expect((await fx.source.sql(churn)).map((s) => s.text).join('\n')).to.contain('LIMIT 1 BY');
      } finally {
        await every.close();
        await fx.close();
      }
    });
  });
});
