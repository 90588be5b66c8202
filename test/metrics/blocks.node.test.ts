// The kernels whose hot loops run block by block (BLOCK_ROWS rows a call,
// src/metrics/blocks.ts) on tables of more than two blocks, against DuckDB through the
// SQL source (SPEC §6), which counts in SQL and shares none of those loops. What a
// block hands to the next — the span of periods, the cohorts' lo and hi, customers
// without a signup, a funnel unit's chains, the tally's count of times — is checked
// only when a period, a cohort, a customer or a funnel straddles a boundary: the data
// (blocks-data.ts) puts period starts on rows B and 2B and writes funnels across them.
// Each query runs on the tables in time order (the one-pass paths) and shuffled.
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { DuckDBInstance } from '@duckdb/node-api';
import { validate } from '../../src/data/validate.js';
import { TABLE_NAMES, type NormalizedTables, type Row } from '../../src/data/schema.js';
import { BLOCK_ROWS as B } from '../../src/metrics/blocks.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import { duckdbSource, type Fixture, type SqlType, type TestTables } from '../server/engines.js';
import { expectSameExcluded, expectSameRows } from '../server/equal.js';
import { AS_OF, blockData, EDGES, M1, M2 } from './blocks-data.js';

const FROM = '2018-08-01';
const TO = '2019-09-15';
const q = (metric: MetricQuery['metric'], options: Record<string, unknown>): MetricQuery => ({ metric, options });

/** Every kernel that runs per block, with the modes and options that take its other loops. */
const QUERIES: Record<string, MetricQuery[]> = {
  retention: [
    q('retention', { asOf: AS_OF }),
    q('retention', { asOf: AS_OF, period: 'week', by: 'plan', maxOffset: 6 }),
    q('retention', { asOf: AS_OF, period: 'day', from: FROM, to: '2018-12-01', maxOffset: 20 }),
    q('retention', { asOf: AS_OF, mode: 'activity', events: ['login', 'teleconsult'], by: 'user_type' }),
    q('retention', { asOf: AS_OF, cohortBy: 'first-activity', by: 'platform', period: 'quarter' }),
    q('retention', { asOf: AS_OF, mode: 'activity', cohortBy: 'first-activity', timeZone: 'America/Sao_Paulo', minCellSize: 5 }),
  ],
  npsTrend: [
    q('npsTrend', {}),
    q('npsTrend', { period: 'week', by: 'channel' }),
    q('npsTrend', { period: 'day', from: FROM, to: TO }),
    q('npsTrend', { rolling: 3, by: 'plan', from: FROM, to: TO }),
    q('npsTrend', { period: 'quarter', timeZone: 'America/Sao_Paulo', minCellSize: 5 }),
  ],
  channelCsat: [
    q('channelCsat', {}),
    q('channelCsat', { period: 'month' }),
    q('channelCsat', { period: 'week', from: FROM, to: TO, satisfiedMin: 5 }),
    q('channelCsat', { by: 'plan', period: 'month', maxSegments: 3 }),
  ],
  ticketStats: [
    q('ticketStats', {}),
    q('ticketStats', { period: 'month', by: 'plan' }),
    q('ticketStats', { period: 'week', from: FROM, to: TO, minCellSize: 5 }),
  ],
  funnel: [
    q('funnel', { steps: ['signup', 'login', 'teleconsult'] }),
    q('funnel', { steps: ['login', 'teleconsult', 'login', 'lab'], window: 'P7D' }),
    q('funnel', { steps: ['signup', 'login', 'booked'], window: 36 * 3_600_000, from: FROM, to: TO }),
    q('funnel', { steps: ['signup', 'login', 'teleconsult'], order: 'strict', window: 'P7D' }),
    q('funnel', { steps: ['signup', 'login', 'teleconsult', 'lab'], order: 'any', window: 'P7D', by: 'plan' }),
    q('funnel', { steps: ['login', 'booked'], window: 'P1M', by: 'platform', timeZone: 'America/Sao_Paulo' }),
  ],
  featureAdoption: [
    q('featureAdoption', { features: ['teleconsult', 'booked'] }),
    q('featureAdoption', { features: ['lab', 'login'], period: 'week', from: FROM, to: TO, by: 'platform' }),
    q('featureAdoption', { features: ['teleconsult'], by: 'plan', activeEvents: ['login', 'teleconsult'], period: 'quarter' }),
    q('featureAdoption', { features: ['booked', 'lab'], by: 'user_type', compare: 'features' }),
  ],
  kpis: [q('kpis', { from: FROM, to: TO, period: 'month', features: ['teleconsult'], activationWindow: 'P3D' })],
};

const SQL_TYPES: Record<SqlType, string> = { text: 'VARCHAR', ts: 'TIMESTAMP', tstz: 'TIMESTAMPTZ', num: 'DOUBLE', int: 'INTEGER' };

/**
 * A DuckDB file holding the tables, and a source over it, as engines.ts's duckdbFixture
 * but loaded by DuckDB's own CSV reader: its appender takes ~10 s for these million rows.
 * (No value here holds a comma or a quote; an empty field is null.)
 */
async function csvFixture(tables: TestTables): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'pulso-blocks-'));
  const path = join(dir, 'data.duckdb');
  const db = await DuckDBInstance.create(path);
  const con = await db.connect();
  const cell = (type: SqlType, v: unknown) =>
    v === null || v === undefined ? '' : type === 'ts' ? new Date(v as number).toISOString().slice(0, 23) : String(v);
  for (const [name, t] of Object.entries(tables)) {
    const cols = Object.entries(t.columns);
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, t.rows.map((row) => cols.map(([c, type]) => cell(type, row[c])).join(',') + '\n').join(''));
    const types = cols.map(([c, type]) => `'${c}': '${SQL_TYPES[type]}'`).join(', ');
    await con.run(`CREATE TABLE "${name}" AS SELECT * FROM read_csv('${file}', header = false, nullstr = '', columns = {${types}})`);
  }
  con.closeSync();
  db.closeSync();
  return duckdbSource(dir, path);
}

describe('kernels across block boundaries equal DuckDB through the SQL source', function () {
  this.timeout(300_000);
  const data = blockData(20261203);
  let fx: Fixture;
  let sorted: NormalizedTables;
  let shuffled: NormalizedTables;
  before(async () => {
    fx = await csvFixture(data.sql);
    sorted = validate(data.sorted).tables;
    shuffled = { ...sorted, activity: validate({ activity: data.shuffledActivity }).tables.activity };
  });
  after(async () => fx?.close());

  it('the tables span more than two blocks, with the boundary rows the data promises', () => {
    const column = (t: ColumnTable | undefined, name: string) => t!.array(name) as ArrayLike<unknown>;
    for (const name of TABLE_NAMES) {
      const n = sorted[name]!.numRows();
      // Nothing rejected: row i of the input is row i of every frame.
      expect(n, name).to.equal((data.sorted[name] as readonly Row[]).length);
      expect(n, name).to.be.greaterThan(2 * B);
      expect(n % B, name).to.not.equal(0);
    }
    for (const [table, time] of [['surveys', 'at'], ['tickets', 'opened_at'], ['customers', 'signup_at']] as const) {
      const at = column(sorted[table], time);
      expect([at[B - 1], at[B], at[2 * B - 1], at[2 * B]], table).to.deep.equal([M1 - 1, M1, M2 - 1, M2]);
    }
    const kind = column(sorted.surveys, 'kind');
    expect([kind[B - 1], kind[B], kind[2 * B - 1], kind[2 * B]]).to.deep.equal(['nps', 'csat', 'csat', 'nps']);
    const ids = column(sorted.activity, 'customer_id');
    for (const [id, cells] of Object.entries(EDGES)) for (const [row] of cells) expect(ids[row], `row ${row}`).to.equal(id);
  });

  for (const query of Object.values(QUERIES).flat()) {
    it(`${query.metric} ${JSON.stringify(query.options)}`, async () => {
      const expected = await fx.source.aggregate(query);
      expect(expected.length).to.be.greaterThan(0);
      for (const [order, tables] of [['in order', sorted], ['activity shuffled', shuffled]] as const) {
        const actual = runQuery(tables, query);
        expectSameRows(actual, expected, order);
        expectSameExcluded(query, actual, expected, order);
      }
    });
  }
});
