// The parts check inside each shard's own read (src/server/clickhouse/parts.ts
// partsGuard): each shard checks its own parts, after it took those its read uses, and a
// statement over parts that are not the stamp's fails (code 395); a source whose table
// got a part on the second shard after it learnt notices it in the query itself, learns
// again and answers as a source applying every rule.
import { expect } from 'chai';
import { createSqlSource } from '../../src/server/index.js';
import type { MetricQuery } from '../../src/query/types.js';
import { clickhouseEngine } from '../../src/server/clickhouse/engine.js';
import { partsChanged, partsGuard, partsOf, stampOf } from '../../src/server/clickhouse/parts.js';
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

/** The error a promise rejects with (undefined when it resolves). */
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e ?? new Error('rejected'));

describe('ClickHouse parts check in each shard’s read', function () {
  this.timeout(120_000);
  let urls: string[];
  before(function () {
    urls = needClickHouse(this);
  });
  after(() => stopOwnCluster());

  it('checks on each shard its own parts, and fails the statement on a part written since', async () => {
    const fx = await clickhouseFixture(urls, { customers: { columns: CUSTOMERS, rows: customers } });
    const engine = clickhouseEngine({ url: urls[0], database: fx.database });
    try {
      const at = (await partsOf(engine, { db: fx.database, table: 'customers' }))!;
      expect(at.cluster).to.equal('pulso');
      const stamp = (await stampOf(engine, new Map([['customers', at]])))!.get('customers')!;
      expect(stamp).to.have.length(2); // one part on each shard
      const read = (parts: readonly string[]) => engine.run([`SELECT count() AS n FROM customers WHERE ${partsGuard(at, parts)}`]);
      expect(await read(stamp)).to.deep.equal([[{ n: '40' }]]);
      // Either shard's part left out of the stamp: that shard fails the statement (the
      // initiator alone could not see the second shard's parts).
      for (const part of stamp) expect(partsChanged(await failure(read(stamp.filter((p) => p !== part)))), part).to.equal(true);
      // A part written on the second shard: the next statement fails.
      await fx.insert('customers', [{ ...customers[0], customer_id: 'late' }], 1);
      const error = await failure(read(stamp));
      expect(partsChanged(error), String(error)).to.equal(true);
    } finally {
      await engine.close();
      await fx.close();
    }
  });

  it('takes the parts a read uses before it builds the IN set that checks them', async () => {
    // What the check relies on (18.16): a part written while the set is built is not
    // read, so the parts the check lists include every part read.
    const fx = await clickhouseFixture(urls, { customers: { columns: CUSTOMERS, rows: customers } });
    const engine = clickhouseEngine({ url: urls[0], database: fx.database });
    try {
      const running = engine.run(['SELECT count() AS n FROM customers WHERE 0 IN (SELECT sleep(2))']);
      await new Promise((r) => setTimeout(r, 500));
      await fx.insert('customers', [{ ...customers[0], customer_id: 'late' }], 0);
      await fx.insert('customers', [{ ...customers[1], customer_id: 'late2' }], 1);
      expect(await running).to.deep.equal([[{ n: '40' }]]);
      expect(await engine.run(['SELECT count() AS n FROM customers'])).to.deep.equal([[{ n: '42' }]]);
    } finally {
      await engine.close();
      await fx.close();
    }
  });

  it('learns again when a part was written on the second shard after it learnt, in the query itself', async () => {
    const fx = await clickhouseFixture(urls, { customers: { columns: CUSTOMERS, rows: customers } });
    const every = createSqlSource({ engine: 'clickhouse', url: urls[0], database: fx.database, validateOnce: false });
    const churn: MetricQuery = { metric: 'kpis', options: { from: '2021-02-01', to: '2021-08-01', metrics: ['churnRate'] } };
    try {
      expectSameRows(await fx.source.aggregate(churn), await every.aggregate(churn), 'churn');
      const statements = (await fx.source.sql(churn)).map((s) => s.text).join('\n');
      expect(statements).not.to.contain('LIMIT 1 BY');
      expect(statements).to.contain('FROM system.parts');
      // Copies of customers (another churn time), on the second shard only, written after the source learnt.
      const copies = customers.slice(0, 10).map((r, j) => ({ ...r, churned_at: r.signup_at + (j + 2) * 90 * H }));
      await fx.insert('customers', copies, 1);
      expectSameRows(await fx.source.aggregate(churn), await every.aggregate(churn), 'churn after copies');
      expect((await fx.source.sql(churn)).map((s) => s.text).join('\n')).to.contain('LIMIT 1 BY');
    } finally {
      await every.close();
      await fx.close();
    }
  });
});
