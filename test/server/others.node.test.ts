// "(others)" at a SQL source: every metric with `by` folds the segments past maxSegments
// (or outside keepSegments) as the browser does — the same rows, the same suppression of
// the folded cells, the same `othersGrouped` — on DuckDB, PostgreSQL and the two-shard
// ClickHouse (rows dealt round the shards, and sharded by customer). npsTrend,
// channelCsat and retention add up folded cells; ticketStats' medians, the funnel's units
// and featureAdoption's distinct customers are computed over the folded segments' rows.
// Ties in weight go by label, a value "(others)" is folded too, and an answer under the
// limit is not folded.
import { expect } from 'chai';
import type { Row, Tables } from '../../src/data/schema.js';
import { groupedCount } from '../../src/metrics/others.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import { clickhouseFixture, needClickHouse, stopOwnCluster, toSeconds } from './clickhouse-cluster.js';
import { testData, type TestData } from './data.js';
import { duckdbFixture, needPostgres, postgresFixture, type Fixture, type TestTables } from './engines.js';
import { expectSameExcluded, expectSameRows } from './equal.js';
import { FOLDED, TIED, TIED_UNFOLDED, tiedData, UNFOLDED } from './others-cases.js';

const ENGINES = ['duckdb', 'postgres', 'clickhouse', 'clickhouse sharded by customer'] as const;
type Engine = (typeof ENGINES)[number];

/** The data as the engine holds it (ClickHouse: whole seconds), for the source and for runQuery. */
function asHeld(data: TestData, engine: Engine): { sql: TestTables; js: Tables } {
  if (!engine.startsWith('clickhouse')) return data;
  const sql = toSeconds(data.sql);
  return { sql, js: Object.fromEntries(Object.entries(sql).map(([name, t]) => [name, t.rows])) as unknown as Tables };
}

async function fixture(ctx: Mocha.Context, engine: Engine, sql: TestTables): Promise<Fixture> {
  if (engine === 'postgres') needPostgres(ctx);
  if (engine === 'duckdb') return duckdbFixture(sql);
  if (engine === 'postgres') return postgresFixture(sql);
  // Sharded by customer, in columns of plain types (String, Float64; clickhouse-cluster.ts columnTypes).
  return engine === 'clickhouse'
    ? clickhouseFixture(needClickHouse(ctx), sql)
    : clickhouseFixture(needClickHouse(ctx), sql, 'customer_id', true);
}

/** The segment of a row, whatever the metric calls it. */
const segmentOf = (r: Row) => ('channel' in r ? r.channel : r.segment);

async function answer(fx: Fixture, query: MetricQuery): Promise<Row[]> {
  return fx.source.aggregate(query).catch((e: unknown) => {
    throw new Error(`${JSON.stringify(query)}: ${String(e)}`);
  });
}

/** The source's answer is runQuery's, `othersGrouped` too; returns it. */
async function expectSame(fx: Fixture, js: Tables, query: MetricQuery): Promise<Row[]> {
  const label = JSON.stringify(query);
  const expected = runQuery(js, query);
  const actual = await answer(fx, query);
  expectSameRows(actual, expected, label);
  expectSameExcluded(query, actual, expected, label);
  expect(groupedCount(actual), `${label} othersGrouped`).to.equal(groupedCount(expected));
  return actual;
}

const data = testData(20260301);
const tied = tiedData(data);

for (const engine of ENGINES) {
  describe(`"(others)" at a SQL source (${engine})`, function () {
    this.timeout(180_000);
    const held = asHeld(data, engine);
    const heldTied = asHeld(tied, engine);
    let fx: Fixture;
    let fxTied: Fixture;
    before(async function () {
      fx = await fixture(this, engine, held.sql);
      fxTied = await fixture(this, engine, heldTied.sql);
    });
    after(async () => {
      await fx?.close();
      await fxTied?.close();
      if (engine.startsWith('clickhouse')) stopOwnCluster();
    });

    it(`folds as runQuery does: ${FOLDED.length} queries`, async () => {
      for (const query of FOLDED) {
        const label = JSON.stringify(query);
        expect(runQuery(held.js, query).some((r) => segmentOf(r) === '(others)'), `${label} folds`).to.equal(true);
        const actual = await expectSame(fx, held.js, query);
        expect(groupedCount(actual), `${label} othersGrouped`).to.be.above(0);
      }
    });

    it('breaks ties in weight by label and folds a value that reads "(others)"', async () => {
      for (const { query, kept, folded } of TIED) {
        const label = JSON.stringify(query);
        const actual = await expectSame(fxTied, heldTied.js, query);
        const segments = new Set(actual.map(segmentOf));
        expect([...segments], label).to.include.members([kept, '(others)']);
        expect([...segments], label).to.not.include(folded);
      }
    });

    it('answers unfolded when no segment needs folding', async () => {
      for (const query of UNFOLDED) {
        const actual = await expectSame(fx, held.js, query);
        expect(actual.some((r) => segmentOf(r) === '(others)'), JSON.stringify(query)).to.equal(false);
        expect(groupedCount(actual)).to.equal(0);
      }
      for (const query of TIED_UNFOLDED) {
        const actual = await expectSame(fxTied, heldTied.js, query);
        expect(groupedCount(actual)).to.equal(0);
        // "quiet" weighs nothing: listed, yet under the limit with the five that weigh.
        expect(actual.map(segmentOf)).to.include.members(['quiet', '(others)', 'tie-b']);
      }
    });
  });
}
