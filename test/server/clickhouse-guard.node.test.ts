// The parts check inside each shard's own read (src/server/clickhouse/parts.ts
// partsGuard), in both places a statement has it: the condition of the level that reads
// the table, and the HAVING of a level each shard finishes (extent.ts, with
// distributed_group_by_no_merge). Each shard checks its own parts, after it took those its
// read uses, and a statement over parts that are not the stamp's fails (code 395); a
// source whose table got a part on the second shard after it learnt notices it in the
// query itself, learns again and answers as a source applying every rule.
import { expect } from 'chai';
import { createSqlSource } from '../../src/server/index.js';
import type { MetricQuery } from '../../src/query/types.js';
import { clickhouseEngine } from '../../src/server/clickhouse/engine.js';
import { partsChanged, partsGuard, partsOf, stampOf } from '../../src/server/clickhouse/parts.js';
import { NO_MERGE } from '../../src/server/clickhouse/shards.js';
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

/** A count of the customers with `check` in the read's condition, or in the HAVING of the level each shard finishes. */
const PLACES = {
  where: (check: string) => `SELECT count() AS n FROM customers WHERE ${check}`,
  having: (check: string) => `SELECT sum(s) AS n FROM (SELECT count() AS s FROM customers HAVING ${check}) SETTINGS ${NO_MERGE}`,
};

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
      for (const [place, sql] of Object.entries(PLACES)) {
        const read = (parts: readonly string[]) => engine.run([sql(partsGuard(at, parts))]);
        expect(await read(stamp), place).to.deep.equal([[{ n: '40' }]]);
        // Either shard's part left out of the stamp: that shard fails the statement (the
        // initiator alone could not see the second shard's parts).
        for (const part of stamp) expect(partsChanged(await failure(read(stamp.filter((p) => p !== part)))), `${place} ${part}`).to.equal(true);
      }
      // A part written on the second shard: the next statement fails, wherever the check is.
      await fx.insert('customers', [{ ...customers[0], customer_id: 'late' }], 1);
      for (const [place, sql] of Object.entries(PLACES)) {
        const error = await failure(engine.run([sql(partsGuard(at, stamp))]));
        expect(partsChanged(error), `${place}: ${String(error)}`).to.equal(true);
      }
    } finally {
      await engine.close();
      await fx.close();
    }
  });

  it('takes the parts a read uses before it builds the IN set that checks them, on each shard', async () => {
    // What the check relies on (18.16): a part written on a shard while that shard builds
    // the set is not read, so the parts the check lists include every part read. The set
    // is slow on one shard only (its own part is listed), so the other shard's rows and
    // when the initiator sends the query there (later, with NO_MERGE) do not matter.
    const fx = await clickhouseFixture(urls, { customers: { columns: CUSTOMERS, rows: customers } });
    const engine = clickhouseEngine({ url: urls[0], database: fx.database });
    try {
      const at = (await partsOf(engine, { db: fx.database, table: 'customers' }))!;
      const [[local]] = await engine.run([`SELECT path FROM system.parts WHERE database = '${at.db}' AND table = '${at.table}' AND active`]);
      const stamp = (await stampOf(engine, new Map([['customers', at]])))!.get('customers')!;
      // Each part's table folder on its shard (shard 0 is urls[0]'s, whose part is `local`).
      const folder = (part: string) => part.split(':')[1].replace(/[^/]+\/$/, '');
      const folders = [folder(`:${String(local.path)}`), folder(stamp.find((p) => !p.includes(`:${String(local.path)}:`))!)];
      let n = 40;
      for (const [shard, dir] of folders.entries()) {
        const slow = `0 NOT IN (SELECT toUInt8(sleep(2) + 1) FROM system.parts WHERE database = '${at.db}' AND table = '${at.table}' AND active AND path LIKE '${dir}%')`;
        for (const [place, sql] of Object.entries(PLACES)) {
          const running = engine.run([sql(slow)]);
          await new Promise((r) => setTimeout(r, 500));
          await fx.insert('customers', [{ ...customers[0], customer_id: `late${shard}${place}` }], shard);
          expect(await running, `shard ${shard}, ${place}`).to.deep.equal([[{ n: String(n) }]]);
          expect(await engine.run(['SELECT count() AS n FROM customers'])).to.deep.equal([[{ n: String(++n) }]]);
        }
      }
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

  it('learns again when the second shard got a part after it learnt, with the check in the HAVING of extent', async () => {
    const fx = await clickhouseFixture(urls, { customers: { columns: CUSTOMERS, rows: customers } });
    const every = createSqlSource({ engine: 'clickhouse', url: urls[0], database: fx.database, validateOnce: false });
    const extent: MetricQuery = { metric: 'extent', options: { table: 'customers', column: 'signup_at' } };
    try {
      expectSameRows(await fx.source.aggregate(extent), await every.aggregate(extent), 'extent');
      const statement = (await fx.source.sql(extent)).map((s) => s.text).join('\n');
      expect(statement).to.match(/HAVING 0 IN \(SELECT throwIf\(.*FROM system\.parts/);
      expect(statement).to.contain(NO_MERGE);
      // A copy of a customer (same id, a later signup) on the second shard: a source still
      // on the old facts (no id repeats) would count it and take its time as the last.
      await fx.insert('customers', [{ ...customers[39], signup_at: customers[39].signup_at + 900 * H }], 1);
      const [after] = await fx.source.aggregate(extent);
      expectSameRows([after], await every.aggregate(extent), 'extent after the copy');
      expect(after).to.include({ rows: 40 });
      expect((await fx.source.sql(extent)).map((s) => s.text).join('\n')).to.contain('LIMIT 1 BY');
    } finally {
      await every.close();
      await fx.close();
    }
  });
});
