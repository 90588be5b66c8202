// atRisk at a SQL source on customers written at its bounds: a ticket opened exactly
// ticketDays before asOf, resolved exactly at asOf, an NPS answer exactly npsDays
// before asOf and two at one instant, activity at asOf itself, silences of exactly
// minQuietDays and gapFactor × the usual gap, an even count of gaps, days before 1970,
// signups and churns at asOf, hostile segment values (times in whole seconds, as
// ClickHouse holds them). Each query equals runQuery on DuckDB, PostgreSQL and the
// two-shard ClickHouse cluster; the kernel's rows are checked too, so the bounds are met.
import { expect } from 'chai';
import { runQuery } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import { str } from '../../src/server/clickhouse/literal.js';
import { clickhouseFixture, needClickHouse, stopOwnCluster } from './clickhouse-cluster.js';
import { duckdbFixture, needPostgres, postgresFixture, type Fixture, type TestTables } from './engines.js';
import { expectSameExcluded, expectSameRows } from './equal.js';
import { atRiskTotals } from '../../src/metrics/at-risk-rows.js';
import { HOSTILE } from './data.js';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2025, 5, 1);
const ago = (days: number, ms = 0) => AS_OF - days * DAY + ms;

const customers = [
  ['c1', ago(400), null, HOSTILE[0], 100],
  ['c2', ago(400), null, '(none)', 100],
  [' c3 ', ago(400), null, null, 100],
  ['c4', AS_OF, null, '$1', null],
  ['c5', ago(400), AS_OF, 'Ouro', 500],
  ['c6', AS_OF + 1000, null, 'Ouro', 500],
  ['c7', null, null, 'a"b', 5],
  ['c8', ago(20_500), null, ' Ouro ', 5],
  ['c9', ago(400), AS_OF + 1000, 'ação', null],
].map(([customer_id, signup_at, churned_at, plan, revenue]) => ({ customer_id, signup_at, churned_at, plan, revenue }));

/** Activity of `id` on each of `days` (days before asOf), at `hour` UTC. */
const active = (id: string, days: number[], hour = 10) => days.map((d) => ({ customer_id: id, at: ago(d) + hour * 3_600_000, event: 'login' }));
const activity = [
  // c1: every 10 days, last 30 days ago at 10:00 (daysSince 29: at 10:00 asOf − 30 days is 29.6 days back).
  ...active('c1', [60, 50, 40, 30]),
  // c2: every 10 days, last exactly 31 days before asOf at 00:00 (daysSince 31 ≥ 3 × 10 and ≥ 30)… and once at asOf itself (not read).
  ...active('c2', [61, 51, 41], 0),
  { customer_id: 'c2', at: ago(31), event: 'login' },
  { customer_id: 'c2', at: AS_OF, event: 'login' },
  // c3: gaps 5, 10, 10, 20 (even: usual 10), twice on some days.
  ...active(' c3 ', [100, 95, 85, 75, 55, 55]),
  ...active('c3', [95], 23),
  // c7: a teleconsult only, counted only without events.
  { customer_id: 'c7', at: ago(200), event: 'teleconsult' },
  ...active('c7', [300, 290, 280, 270]),
  // c8: active before 1970 (negative epoch days), every 1000 days.
  ...active('c8', [20_400, 19_400, 18_400, 17_400]),
  // An id the customers table lacks, and c5 and c6, who are not here at asOf.
  ...active('zz', [90, 80, 70, 60]),
  ...active('c5', [90, 80, 70, 60]),
  ...active('c6', [90, 80, 70, 60]),
];
const ticket = (ticket_id: string, customer_id: string, opened_at: number, resolved_at: number | null = null) => ({
  ticket_id, customer_id, channel: 'chat', opened_at, resolved_at,
});
const tickets = [
  ticket('t1', 'c4', ago(7)),
  ticket('t2', 'c7', ago(7, 1000)),
  ticket('t3', 'c2', ago(20), AS_OF),
  ticket('t4', 'c3', ago(20), AS_OF + 1000),
  ticket('t5', 'c9', AS_OF),
  ticket('t6', 'c9', ago(30)),
];
const answer = (customer_id: string, at: number, score: number) => ({ at, kind: 'nps', score, customer_id, channel: 'app' });
const surveys = [
  answer('c1', ago(180), 3),
  answer('c4', ago(180, -1000), 9),
  answer('c7', ago(10), 9),
  answer('c7', ago(10), 4),
  answer('c8', AS_OF, 0),
  answer('c8', ago(181), 0),
  answer('c9', ago(2), 6),
];

const js = { customers, activity, surveys, tickets };
const sql: TestTables = {
  customers: { columns: { customer_id: 'text', signup_at: 'ts', churned_at: 'ts', plan: 'text', revenue: 'num' }, rows: customers },
  activity: { columns: { customer_id: 'text', at: 'ts', event: 'text' }, rows: activity },
  surveys: { columns: { at: 'ts', kind: 'text', score: 'num', customer_id: 'text', channel: 'text' }, rows: surveys },
  tickets: { columns: { ticket_id: 'text', customer_id: 'text', channel: 'text', opened_at: 'tstz', resolved_at: 'ts' }, rows: tickets },
};

const asOf = new Date(AS_OF).toISOString();
const q = (options: Record<string, unknown>, filters: MetricQuery['filters'] = []): MetricQuery => ({ metric: 'atRisk', options: { asOf, ...options }, filters });
const QUERIES: MetricQuery[] = [
  q({}),
  q({ by: 'plan', value: 'revenue' }),
  q({ minQuietDays: 29, gapFactor: 2.9, minGaps: 3 }),
  q({ signals: ['activity'], minGaps: 4, minQuietDays: 0 }),
  q({ signals: 'activity', events: 'teleconsult', minGaps: 1 }),
  q({ signals: ['tickets'], ticketDays: 0, by: 'plan' }),
  q({ signals: ['nps'], npsDays: 181 }),
  q({ minSignals: 2, ticketDays: 0, npsDays: 200, minQuietDays: 0, gapFactor: 1 }),
  q({ minSignals: 3, ticketDays: 0, npsDays: 400, minQuietDays: 0, gapFactor: 1, minGaps: 1, value: 'revenue' }),
  q({ by: 'plan' }, [{ column: 'plan', values: [HOSTILE[0], '(none)', '$1', null] }]),
  q({ value: 'revenue' }, [{ column: 'revenue', values: [100, 5] }, { column: 'at', from: ago(1000) }]),
  // The first rows only, with the totals of the whole list: ties on signs and ratio at the
  // cut (tickets alone: no ratio, the id decides), on value, and a limit past the list.
  q({ signals: ['tickets'], ticketDays: 0, limit: 2 }),
  q({ by: 'plan', value: 'revenue', limit: 3 }),
  q({ ticketDays: 0, npsDays: 400, minQuietDays: 0, gapFactor: 1, minGaps: 1, limit: 4 }),
  q({ minQuietDays: 29, gapFactor: 2.9, limit: 1 }),
  q({ limit: 100 }),
];

describe('atRisk at its bounds (kernel)', () => {
  it('reads each bound as documented', () => {
    const rows = (o: Record<string, unknown>) => runQuery(js, q(o)) as unknown as Record<string, unknown>[];
    const one = (o: Record<string, unknown>, id: string) => rows(o).find((r) => r.customer_id === id);
    // c2: activity at asOf left out; 31 days ≥ 3 × 10. c1: 29 days, not 30.
    expect(one({}, 'c2')).to.include({ daysSinceActivity: 31, usualGapDays: 10 });
    expect(one({}, 'c1')).to.deep.include({ signals: ['nps'], daysSinceActivity: 29, usualGapDays: 10, lastNps: 3 });
    // Exactly 2.9 × 10 = 29 days and 29 quiet days fire.
    expect(one({ minQuietDays: 29, gapFactor: 2.9 }, 'c1')!.signals).to.deep.equal(['activity', 'nps']);
    // c3: gaps 5, 10, 10, 20 → 10; c8 before 1970: 1000-day rhythm.
    expect(one({ signals: ['activity'], minGaps: 4, minQuietDays: 0, gapFactor: 1 }, 'c3')).to.include({ usualGapDays: 10, daysSinceActivity: 54 });
    expect(one({ signals: ['activity'], minQuietDays: 0, gapFactor: 1 }, 'c8')).to.include({ usualGapDays: 1000 });
    // Tickets: opened exactly 7 days before counts, 1 s later not; resolved at asOf is closed, 1 s after open.
    expect(rows({ signals: ['tickets'] }).map((r) => [r.customer_id, r.openTickets])).to.deep.equal([['c3', 1], ['c4', 1], ['c9', 1]]);
    // NPS: exactly 180 days back is in (c1's 3), at asOf out (c8's 0); c7's 9 and 4 at one instant read 4; c9's 6 is a detractor.
    expect(rows({ signals: ['nps'] }).map((r) => [r.customer_id, r.lastNps])).to.deep.equal([['c1', 3], ['c7', 4], ['c9', 6]]);
    // Here at asOf: signed up at asOf (c4), no dates (c7), churning after (c9); not c5 (churned at asOf), c6 (signs up after).
    const listed = new Set(rows({ minQuietDays: 0, gapFactor: 1, minGaps: 1, ticketDays: 0 }).map((r) => r.customer_id));
    expect([...listed].sort()).to.deep.equal(['c1', 'c2', 'c3', 'c4', 'c7', 'c8', 'c9']);
  });

  it('with a limit, returns the first rows of the ranking and the totals of the whole list', () => {
    const o = { ticketDays: 0, npsDays: 400, minQuietDays: 0, gapFactor: 1, minGaps: 1 };
    const all = runQuery(js, q(o)) as unknown as (Record<string, unknown> & { signals: string[] })[];
    const top = runQuery(js, q({ ...o, limit: 3 }));
    expect(top).to.deep.equal(all.slice(0, 3));
    const count = (s: string) => all.filter((r) => r.signals.includes(s)).length;
    const totals = { customers: all.length, activity: count('activity'), tickets: count('tickets'), nps: count('nps') };
    expect(totals.customers).to.be.above(3);
    expect(atRiskTotals(top)).to.deep.equal(totals);
    expect(atRiskTotals(all)).to.deep.equal(totals);
    expect(() => runQuery(js, q({ limit: 0 }))).to.throw(RangeError, /limit must be a whole number ≥ 1/);
  });
});

for (const engine of ['duckdb', 'postgres', 'clickhouse'] as const) {
  describe(`atRisk at its bounds (${engine}) equals runQuery`, function () {
    // ClickHouse: two statements per limited query, on a loaded machine.
    this.timeout(180_000);
    let fx: Fixture;
    before(async function () {
      if (engine === 'postgres') needPostgres(this);
      if (engine === 'clickhouse') fx = await clickhouseFixture(needClickHouse(this), sql);
      else fx = engine === 'duckdb' ? await duckdbFixture(sql) : await postgresFixture(sql);
    });
    after(async () => {
      await fx?.close();
      if (engine === 'clickhouse') stopOwnCluster();
    });
    it(`${QUERIES.length} queries`, async () => {
      for (const query of QUERIES) {
        const [actual, expected] = [await fx.source.aggregate(query), runQuery(js, query)];
        expectSameRows(actual, expected, JSON.stringify(query));
        expectSameExcluded(query, actual, expected, JSON.stringify(query));
      }
    });
    it('binds every value (ClickHouse: writes each as an escaped literal): none is spliced into the SQL', async () => {
      const [statement] = await fx.source.sql(QUERIES[9]);
      expect(statement.text).not.to.include(HOSTILE[0]);
      if (engine === 'clickhouse') expect(statement.text).to.include(str(HOSTILE[0]));
      else expect(statement.params).to.deep.include([HOSTILE[0], '(none)', '$1']);
    });
  });
}
