// SPEC §6 on ClickHouse: the SQL source over Distributed tables of a real two-shard
// cluster equals runQuery on the same rows (times in whole seconds, as DateTime holds
// them) for every metric it computes, with the cases and filters of the other engines;
// the metrics it does not compute yet are refused by name, never answered. The tables'
// columns are of plain types where the rows allow (text as String, a missing value as
// ''); the sharded suite reads Nullable columns.
import { expect } from 'chai';
import { runQuery } from '../../src/query/run.js';
import { createSqlSource, SqlTimeoutError } from '../../src/server/index.js';
import type { Tables } from '../../src/data/schema.js';
import { METRIC_NAMES, type MetricQuery } from '../../src/query/types.js';
import { CASES } from './cases.js';
import { ADOPTION_FLAGS, EXTRA, withDuplicates } from './clickhouse-cases.js';
import {
  clickhouseFixture,
  needClickHouse,
  stopOwnCluster,
  toSeconds,
  type ChFixture,
} from './clickhouse-cluster.js';
import { testData } from './data.js';
import { expectSameExcluded, expectSameRows } from './equal.js';
import { validate } from '../../src/data/validate.js';
import { str } from '../../src/server/clickhouse/literal.js';
import { blankTest, trimJs } from '../../src/server/clickhouse/valid.js';
import type { TestTables } from './engines.js';

const sql = withDuplicates(toSeconds(testData(20260301).sql));
const js = Object.fromEntries(
  Object.entries(sql).map(([name, t]) => [name, t.rows]),
) as unknown as Tables;

const COMPUTED = [
  'extent',
  'npsTrend',
  'channelCsat',
  'ticketStats',
  'featureAdoption',
  'retention',
  'kpis',
  'funnel',
  'survival',
  'survivalSummary',
  'valueConcentration',
  'paretoCurve',
  'values',
  'atRisk',
];

describe('SQL source (clickhouse, two shards) equals runQuery', function () {
  this.timeout(300_000);
  let fx: ChFixture;
  let urls: string[];
  before(async function () {
    urls = needClickHouse(this);
    fx = await clickhouseFixture(urls, sql, undefined, true);
  });
  after(async () => {
    await fx?.close();
    stopOwnCluster();
  });

  for (const metric of COMPUTED) {
    const cases = [...CASES[metric], ...(EXTRA[metric] ?? [])];
    it(`${metric}: ${cases.length} queries`, async () => {
      let nonEmpty = 0;
      for (const query of cases) {
        const label = JSON.stringify(query);
        const expected = runQuery(js, query);
        const actual = await fx.source.aggregate(query);
        expectSameRows(actual, expected, label);
        expectSameExcluded(query, actual, expected, label);
        if (
          expected.length &&
          !(metric === 'extent' && (expected[0] as { rows: number }).rows === 0)
        )
          nonEmpty++;
      }
      if (nonEmpty < cases.length / 2)
        throw new Error(`${metric}: only ${nonEmpty} of ${cases.length} queries had rows`);
    });
  }

  it('checks on the shards, in every read of a table, that its parts are those the facts were learnt on', async () => {
    const unchecked: string[] = [];
    let reads = 0;
    // A read of a host table, and the guard on its local table, later in the statement (in
    // the condition of the level that reads it, after its JOIN if it has one).
    const read = /FROM (?:`[^`]+`\.)?`?(activity|customers|surveys|tickets)\b`?/g;
    const guard = /0 IN \(SELECT throwIf\(.*?FROM system\.parts WHERE database = '[^']+' AND table = '(\w+)_local' AND active\)/g;
    for (const metric of COMPUTED) {
      for (const query of [...CASES[metric], ...(EXTRA[metric] ?? [])]) {
        for (const { text } of await fx.source.sql(query)) {
          const guards = [...text.matchAll(guard)];
          for (const m of text.matchAll(read)) {
            reads++;
            const at = guards.findIndex((g) => g[1] === m[1] && g.index > m.index);
            if (at < 0) unchecked.push(`${metric}: ${text.slice(m.index, m.index + 200)}`);
            else guards.splice(at, 1);
          }
        }
      }
    }
    expect(reads).to.be.above(100);
    expect(unchecked).to.deep.equal([]);
  });

  it('computes featureAdoption with active events and paired comparisons in two levels (per customer flags), others in one (sets)', async () => {
    // Both forms run in the featureAdoption cases above (equal to runQuery): this keeps them both chosen.
    const form = async (query: MetricQuery) => {
      const [{ text }] = await fx.source.sql(query);
      return text.includes('sipHash128') ? 'flags' : 'sets';
    };
    const options = (ADOPTION_FLAGS.options ?? {}) as Record<string, unknown>;
    expect(await form(ADOPTION_FLAGS)).to.equal('flags');
    expect(await form({ ...ADOPTION_FLAGS, options: { ...options, compare: undefined } })).to.equal('sets');
    expect(await form({ ...ADOPTION_FLAGS, options: { ...options, activeEvents: undefined } })).to.equal('sets');
  });

  it('refuses what it will not compute, naming metric, option and engine', async () => {
    const values = Array.from({ length: 10_001 }, (_, i) => `v${i}`);
    let error: unknown;
    await fx.source
      .aggregate({ metric: 'npsTrend', options: {}, filters: [{ column: 'plan', values }] })
      .catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
    expect(String(error)).to.contain(
      'npsTrend: filters[0].values cannot be computed by the ClickHouse source',
    );
    expect(Object.keys(CASES).filter((m) => !COMPUTED.includes(m))).to.deep.equal([]);
  });

  it('computes every metric of the registry (none is left to the rows path)', () => {
    expect(METRIC_NAMES.filter((m) => !COMPUTED.includes(m))).to.deep.equal([]);
    expect(Object.keys(fx.source.capabilities().metrics).sort()).to.deep.equal([...COMPUTED].sort());
  });

  // Every metric folds at the source (others.node.test.ts has the cases).
  it('answers segments within maxSegments, and folds a funnel, ticketStats or featureAdoption answer into "(others)" as the browser does', async () => {
    const within: MetricQuery = {
      metric: 'funnel',
      options: { steps: ['signup', 'login'], by: 'plan', maxSegments: 8 },
    };
    expectSameRows(await fx.source.aggregate(within), runQuery(js, within), 'maxSegments 8');
    const folded: MetricQuery[] = [
      {
        metric: 'funnel',
        options: { steps: ['signup', 'login'], by: 'plan', keepSegments: ['Ouro'] },
      },
      { metric: 'ticketStats', options: { by: 'plan', maxSegments: 2 } },
      { metric: 'featureAdoption', options: { features: ['lab'], by: 'plan', maxSegments: 2 } },
    ];
    for (const query of folded) {
      const expected = runQuery(js, query);
      expect(JSON.stringify(expected), query.metric).to.contain('(others)');
      expectSameRows(await fx.source.aggregate(query), expected, query.metric);
    }
  });

  it('extent hides a count below minCellSize with its span, as in the browser', async () => {
    const query: MetricQuery = { metric: 'extent', options: { table: 'surveys', kind: 'ces' } };
    const [all] = await fx.source.aggregate(query);
    const k = (all.rows as number) + 1;
    const small = { ...query, options: { ...query.options, minCellSize: k } };
    const hidden = { table: 'surveys', first: null, last: null, rows: null, suppressed: true };
    expect(await fx.source.aggregate(small)).to.deep.equal([hidden]);
    expectSameRows(await fx.source.aggregate(small), runQuery(js, small), 'minCellSize');
  });

  it('stops a statement at statementTimeoutMs or when the caller aborts', async () => {
    const quick = createSqlSource({
      engine: 'clickhouse',
      url: urls[0],
      database: fx.database,
      statementTimeoutMs: 1,
    });
    try {
      const query = CASES.funnel[2];
      let error: unknown;
      await quick.aggregate(query).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(SqlTimeoutError);
      const aborted = new AbortController();
      aborted.abort(new Error('the page went away'));
      error = undefined;
      await fx.source.aggregate(query, aborted.signal).catch((e: unknown) => (error = e));
      expect(String(error)).to.contain('the page went away');
    } finally {
      await quick.close();
    }
  });

  it('writes hostile segment values as escaped literals, never as SQL', async () => {
    const query = CASES.npsTrend.find((q) => JSON.stringify(q.filters).includes('DROP TABLE'))!;
    const [statement] = await fx.source.sql(query);
    // The quote that would end the literal is an escape; the rest stays inside the literal.
    expect(statement.text).to.contain("'\\x27); DROP TABLE customers; --'");
    expect(statement.text).not.to.contain("'); DROP");
    expect(statement.params).to.deep.equal([]);
  });

  it('report() counts what validation rejects, per table, field and problem (duplicate ids across shards too)', async () => {
    const expected = validate(js).report;
    const actual = await fx.source.report();
    expect(actual.tables).to.deep.equal(expected.tables);
    expect([actual.accepted, actual.rejected]).to.deep.equal([
      expected.accepted,
      expected.rejected,
    ]);
    const key = (c: { table: string; field: string; problem: string }) =>
      `${c.table}.${c.field}.${c.problem}`;
    const sorted = (list: typeof expected.counts) =>
      [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(sorted(actual.counts)).to.deep.equal(sorted(expected.counts));
    expect(
      expected.counts.some((c) => c.problem === 'duplicate-id' && c.table === 'tickets'),
    ).to.equal(true);
  });

  it('load() gives the valid rows of a table (one per id), times as epoch ms, within from/to', async () => {
    const valid = validate(js).tables.tickets!;
    const ids = valid.array('ticket_id') as string[];
    const opened = valid.array('opened_at') as number[];
    const all = await fx.source.load({ table: 'tickets' });
    expect(all.map((r) => r.ticket_id).sort()).to.deep.equal([...ids].sort());
    const from = Date.UTC(2018, 5, 1);
    const to = Date.UTC(2018, 8, 1);
    const some = await fx.source.load({
      table: 'tickets',
      from,
      to,
      columns: ['ticket_id', 'opened_at'],
    });
    const want = ids.filter((_, i) => opened[i] >= from && opened[i] < to);
    expect(some.map((r) => r.ticket_id).sort()).to.deep.equal(want.sort());
    expect(
      some.every(
        (r) =>
          typeof r.opened_at === 'number' &&
          (r.opened_at as number) >= from &&
          Object.keys(r).length === 2,
      ),
    ).to.equal(true);
  });

  describe('activation deadlines on the wall clock of a zone with DST', () => {
    // São Paulo: DST began 2018-11-04 00:00 (a gap) and ended 2019-02-17 00:00 (23:xx on
    // Feb 16 repeats). A deadline one month after signup lands across each change.
    const signups = [
      ['gap', Date.UTC(2018, 9, 6, 13), Date.UTC(2018, 10, 6, 11)], // due 12:00Z (UTC−2 after the change), activity 1 h before
      ['gap-late', Date.UTC(2018, 9, 6, 13), Date.UTC(2018, 10, 6, 12)], // activity at the deadline: not activated
      ['fold', Date.UTC(2019, 0, 17, 1, 30), Date.UTC(2019, 1, 17, 2)], // due the earlier 23:30 (01:30Z): not activated
      ['fold-early', Date.UTC(2019, 0, 17, 1, 30), Date.UTC(2019, 1, 17, 1)], // before it: activated
      ['clamp', Date.UTC(2019, 0, 31, 15), Date.UTC(2019, 1, 28, 14)], // Jan 31 + 1 month = Feb 28
      ['clamp-late', Date.UTC(2019, 0, 31, 15), Date.UTC(2019, 1, 28, 16)],
    ] as const;
    const tables: TestTables = {
      customers: {
        columns: { customer_id: 'text', signup_at: 'ts' },
        rows: signups.map(([id, t]) => ({ customer_id: id, signup_at: t })),
      },
      activity: {
        columns: { customer_id: 'text', at: 'ts', event: 'text' },
        rows: signups.map(([id, , at]) => ({ customer_id: id, at, event: 'login' })),
      },
    };
    let dst: ChFixture;
    before(async function () {
      dst = await clickhouseFixture(needClickHouse(this), tables);
    });

    after(async () => dst?.close());

    it('count a customer as activated exactly when the zone says so', async () => {
      const query: MetricQuery = {
        metric: 'kpis',
        options: {
          from: '2018-10-01',
          to: '2019-02-01',
          metrics: ['activation'],
          activationWindow: 'P1M',
          timeZone: 'America/Sao_Paulo',
          period: 'month',
        },
      };
      const expected = runQuery(
        { customers: tables.customers.rows, activity: tables.activity.rows } as unknown as Tables,
        query,
      );
      const sparkline = (rows: unknown) =>
        (rows as { sparkline?: { value: number | null }[] }[])[0].sparkline?.map((p) => p.value);
      // Oct 2018: 1 of 2 activated; Jan 2019: 2 of 4 (fold-early and clamp).
      expect(sparkline(expected)).to.deep.equal([null, 0.5, null, null, 0.5]);
      expectSameRows(await dst.source.aggregate(query), expected, 'activation');
    });
  });

  it('trims text as JavaScript does (Unicode spaces too), and finds blank text without trimming it', async () => {
    const samples = [
      'c1',
      ' c1',
      'c1 ',
      '\u00a0c1\u3000',
      '\ufeffação\u2009',
      'a b',
      '\t\n',
      '',
      '  ',
      '\u00a0',
      'é',
      'x\u00a0y',
      '\u202fZ',
    ];
    const { createClient } = await import('@clickhouse/client');
    const client = createClient({ url: urls[0], compression: { request: false, response: false } });
    try {
      const values = `[${samples.map(str).join(', ')}]`;
      const result = await client.query({
        query: `SELECT arrayMap(s -> ${trimJs('s')}, ${values}) AS t, arrayMap(s -> ${blankTest('s')}, ${values}) AS b`,
        format: 'JSONEachRow',
      });
      const [row] = (await result.json()) as { t: string[]; b: number[] }[];
      expect(row.t).to.deep.equal(samples.map((x) => x.trim()));
      expect(row.b.map(Number)).to.deep.equal(samples.map((x) => (x.trim() === '' ? 1 : 0)));
    } finally {
      await client.close();
    }
  });

  it('capabilities list the metrics it computes', () => {
    const caps = fx.source.capabilities();
    expect(caps.engine).to.equal('clickhouse');
    expect(Object.keys(caps.metrics).sort()).to.deep.equal([...COMPUTED].sort());
  });
});
