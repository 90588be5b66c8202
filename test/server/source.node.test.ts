// What a SQL source promises beyond equal numbers (SPEC §6): values are bound, never
// spliced; a query it cannot compute is refused by metric, option and engine; counts
// are JS numbers; calendar windows across a DST fold end where the browser ends them.
// On DuckDB in process and on the test PostgreSQL server.
import { expect } from 'chai';
import { runQuery } from '../../src/query/run.js';
import { METRICS } from '../../src/query/registry.js';
import { METRIC_NAMES, type MetricQuery } from '../../src/query/types.js';
import { createSqlSource, PushDownError } from '../../src/server/index.js';
import { duckdbFixture, needPostgres, postgresFixture, type Fixture, type TestTables } from './engines.js';
import { expectSameRows } from './equal.js';

const HOSTILE = "'); DROP TABLE customers; --";

/** São Paulo's last DST end: 2019-02-17 00:00 local became 2019-02-16 23:00, so 23:30 on the 16th happens twice. */
const FOLD_FIRST = Date.UTC(2019, 1, 17, 1, 30); // 23:30 −02
const FOLD_SECOND = Date.UTC(2019, 1, 17, 2, 30); // 23:30 −03
const DAY = 86_400_000;

function tables(): TestTables {
  const signup = FOLD_FIRST - DAY; // 23:30 local the day before: + P1D is the repeated 23:30
  const customers = [
    { customer_id: 'a', signup_at: signup, plan: HOSTILE, stamp: signup },
    { customer_id: 'b', signup_at: signup, plan: 'Ouro', stamp: signup },
    { customer_id: 'c', signup_at: signup, plan: 'Ouro', stamp: signup },
  ];
  // a acts between the two readings of 23:30, b before the first, c after the second. The
  // funnel's first step comes 1 ms before signup_at, so activation counts only the logins.
  const activity = [
    { customer_id: 'a', at: signup - 1, event: 'signup' },
    { customer_id: 'a', at: FOLD_FIRST + 30 * 60_000, event: 'login' },
    { customer_id: 'b', at: signup - 1, event: 'signup' },
    { customer_id: 'b', at: FOLD_FIRST - 60_000, event: 'login' },
    { customer_id: 'c', at: signup - 1, event: 'signup' },
    { customer_id: 'c', at: FOLD_SECOND + 60_000, event: 'login' },
  ];
  return {
    customers: { columns: { customer_id: 'text', signup_at: 'ts', plan: 'text', stamp: 'ts' }, rows: customers },
    activity: { columns: { customer_id: 'text', at: 'ts', event: 'text' }, rows: activity },
  };
}

function jsTables(t: TestTables) {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.rows]));
}

const FOLD_QUERIES: MetricQuery[] = [
  { metric: 'funnel', options: { steps: ['signup', 'login'], window: 'P1D', timeZone: 'America/Sao_Paulo' } },
  {
    metric: 'kpis',
    options: { from: '2019-02-01', to: '2019-03-01', metrics: ['activation'], activationWindow: 'P1D', timeZone: 'America/Sao_Paulo' },
  },
];

for (const engine of ['duckdb', 'postgres'] as const) {
  describe(`SQL source (${engine}): bound values, refusals, numbers`, function () {
    this.timeout(60_000);
    let fx: Fixture;
    const label = engine === 'duckdb' ? 'DuckDB' : 'PostgreSQL';
    before(async function () {
      if (engine === 'postgres') needPostgres(this);
      fx = engine === 'duckdb' ? await duckdbFixture(tables()) : await postgresFixture(tables());
    });
    after(async () => fx?.close());

    it('a calendar window ending in a DST fold ends at its first occurrence, as in the browser', async () => {
      for (const query of FOLD_QUERIES) {
        const expected = runQuery(jsTables(tables()), query);
        expectSameRows(await fx.source.aggregate(query), expected, JSON.stringify(query));
      }
      // a's login falls between the two readings of 23:30: outside the window read the browser's way.
      const funnel = runQuery(jsTables(tables()), FOLD_QUERIES[0]) as unknown as { entered: number }[];
      expect(funnel.map((r) => r.entered)).to.deep.equal([3, 1]);
      const [kpi] = runQuery(jsTables(tables()), FOLD_QUERIES[1]) as unknown as { value: number }[];
      expect(kpi.value).to.be.closeTo(1 / 3, 1e-12);
    });

    it('binds a hostile segment value as data: the statement text never holds it, and the table survives', async () => {
      const query: MetricQuery = {
        metric: 'funnel',
        options: { steps: ['signup', 'login'], by: 'plan' },
        filters: [{ column: 'plan', values: [HOSTILE, 'Ouro'] }],
      };
      const statements = await fx.source.sql(query);
      expect(statements.length).to.be.greaterThan(0);
      for (const s of statements) {
        expect(s.text).not.to.include('DROP TABLE');
        expect(s.text).to.match(/\$\d/);
      }
      expect(statements.flatMap((s) => s.params.flat())).to.include(HOSTILE);
      const rows = await fx.source.aggregate(query);
      expectSameRows(rows, runQuery(jsTables(tables()), query), 'hostile filter');
      expect(rows.map((r) => r.segment)).to.include(HOSTILE);
      const [extent] = await fx.source.aggregate({ metric: 'extent', options: { table: 'customers' } });
      expect(extent).to.deep.include({ rows: 3 });
    });

    it('answers counts as JS numbers, never strings or bigints', async () => {
      const rows = await fx.source.aggregate({ metric: 'funnel', options: { steps: ['signup', 'login'], by: 'plan' } });
      const counts = rows.flatMap((r) => Object.entries(r).filter(([k]) => /^(entered|count|customers)$/.test(k)).map(([, v]) => v));
      expect(counts.length).to.be.greaterThan(0);
      for (const v of counts) expect(typeof v, String(v)).to.equal('number');
      const [extent] = await fx.source.aggregate({ metric: 'extent', options: { table: 'activity' } });
      for (const k of ['rows', 'first', 'last']) expect(typeof extent[k], k).to.equal('number');
    });

    it('refuses what it cannot compute by metric, option and engine, never with a wrong answer', async () => {
      await expectRefusal(fx.source.aggregate({ metric: 'funnel', options: { steps: ['signup', 'login'], by: 'stamp' } }), /^funnel: by .*/, label);
      await expectRefusal(
        fx.source.aggregate({ metric: 'funnel', options: { steps: ['signup', 'login'] }, filters: [{ column: 'plan', from: '2019-01-01' }] }),
        /^funnel: filters\[0\] .*/,
        label,
      );
      const many = Array.from({ length: 10_001 }, (_, i) => `v${i}`);
      await expectRefusal(fx.source.aggregate({ metric: 'extent', options: { table: 'customers' }, filters: [{ column: 'plan', values: many }] }), /filters\[0\]\.values/, label);
      await expectRefusal(
        fx.source.aggregate({ metric: 'funnel', options: { steps: ['signup', 'login'], by: 'plan', keepSegments: many } }),
        /^funnel: keepSegments .*10001 segments listed; at most 10000/,
        label,
      );
    });

    it('answers segments within maxSegments, and folds the others into "(others)", as the browser does', async () => {
      const within: MetricQuery = { metric: 'funnel', options: { steps: ['signup', 'login'], by: 'plan', maxSegments: 2 } };
      expectSameRows(await fx.source.aggregate(within), runQuery(jsTables(tables()), within), 'maxSegments 2');
      // Every metric folds at the source (others.node.test.ts has the cases).
      for (const folded of [
        { metric: 'funnel', options: { steps: ['signup', 'login'], by: 'plan', keepSegments: ['Ouro'] } },
        { metric: 'featureAdoption', options: { features: ['login'], by: 'plan', keepSegments: ['Ouro'] } },
      ] as MetricQuery[]) {
        const expected = runQuery(jsTables(tables()), folded);
        expect(expected.map((r) => r.segment)).to.include('(others)');
        expectSameRows(await fx.source.aggregate(folded), expected, `${label} ${folded.metric}`);
      }
    });

    it('rejects an unknown metric and bad options with the browser messages, before touching data', async () => {
      const bad = [
        { metric: 'dropTables', options: {} },
        { metric: 'npsTrend', options: { period: 'mnth' } },
      ];
      for (const query of bad) {
        let browser: unknown;
        try {
          runQuery(jsTables(tables()), query as MetricQuery);
        } catch (e) {
          browser = e;
        }
        let source: unknown;
        await fx.source.aggregate(query as MetricQuery).catch((e: unknown) => (source = e));
        expect(source, JSON.stringify(query)).to.be.instanceOf(Error);
        expect((source as Error).message).to.equal((browser as Error).message);
      }
    });
  });
}

async function expectRefusal(p: Promise<unknown>, message: RegExp, engine: string): Promise<void> {
  let error: unknown;
  await p.catch((e: unknown) => (error = e));
  expect(error, String(message)).to.be.instanceOf(PushDownError);
  expect((error as Error).message).to.match(message);
  expect((error as Error).message).to.include(`by the ${engine} source`);
}

describe('SQL source: every metric of the registry compiles to SQL (a metric added without a compiler is refused by name)', () => {
  const IN_SQL = ['atRisk', 'channelCsat', 'extent', 'featureAdoption', 'funnel', 'kpis', 'npsTrend', 'paretoCurve', 'retention', 'survival', 'survivalSummary', 'ticketStats', 'valueConcentration', 'values'];
  it('lists them in its capabilities, and refuses each other metric of the registry naming it and the engine', async () => {
    const source = createSqlSource({ engine: 'duckdb' });
    try {
      expect(Object.keys(source.capabilities().metrics).sort()).to.deep.equal(IN_SQL);
      expect(Object.keys(METRICS).sort()).to.deep.equal([...METRIC_NAMES].sort());
      for (const metric of METRIC_NAMES.filter((m) => !IN_SQL.includes(m))) {
        await expectRefusal(source.aggregate({ metric, options: metric === 'values' ? { column: 'plan' } : {} }), new RegExp(`^${metric}: metric `), 'DuckDB');
      }
    } finally {
      await source.close();
    }
  });
});
