// retention (SPEC §3.1) against SQL in a real DuckDB, on seeded random tables
// (60,000 customers, 250,000 activity rows) with nulls, boundary instants, ties,
// rows after asOf and bad rows. DuckDB reads the same cells as text and applies
// SPEC §1's rejection rules itself; periods come from date_trunc in the session
// time zone, offsets from generate_series, and every field is derived in SQL.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { rng } from '../../demo/data/random.js';
import { validate } from '../../src/data/validate.js';
import type { NormalizedTables, Row } from '../../src/data/schema.js';
import { retention, type RetentionOptions, type RetentionRow } from '../../src/metrics/retention.js';

const DAY = 86_400_000;
const AS_OF = '2025-06-15T12:00:00.000Z';

interface Generated {
  js: { customers: Row[]; activity: Row[] };
  sql: { customers: (string | null)[][]; activity: (string | null)[][] };
  /** Activity row order by time (bad times last), for the single-pass path. */
  timeOrder: number[];
}

function generate(seed: number): Generated {
  const r = rng(seed);
  const chance = (p: number) => r() < p;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  /** A random instant; some exactly at a UTC month start, a Monday, or São Paulo / New York midnight on the 1st. */
  const instant = (lo: number, hi: number) => {
    const ms = lo + Math.floor(r() * (hi - lo));
    const u = r();
    const d = new Date(ms);
    if (u < 0.05) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (u < 0.08) return Math.floor((Math.floor(ms / DAY) + 3) / 7) * 7 * DAY - 3 * DAY;
    if (u < 0.1) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1, pick([3, 4, 5]));
    return ms;
  };
  /** The same instant for the host (ISO, epoch ms or Date) and for DuckDB (ISO). */
  const stamp = (ms: number): [unknown, string] => {
    const iso = new Date(ms).toISOString();
    const u = r();
    return [u < 0.2 ? ms : u < 0.25 ? new Date(ms) : iso, iso];
  };
  const customers: Row[] = [];
  const sqlCustomers: (string | null)[][] = [];
  const good: string[] = [];
  const addCustomer = (id: string | null, signup: [unknown, string | null], churn: [unknown, string | null], plan: string | null) => {
    customers.push({ customer_id: id, signup_at: signup[0], churned_at: churn[0], plan });
    sqlCustomers.push([String(customers.length - 1), id, signup[1], churn[1], plan]);
  };
  const none: [null, null] = [null, null];
  for (let i = 0; i < 60_000; i++) {
    // A small 'trial' plan whose members all leave within weeks: small cells for suppression.
    const plan = chance(0.1) ? null : chance(0.03) ? 'trial' : pick(['basic', 'Premium', 'gold']);
    const s = instant(Date.UTC(2023, 0, 1), Date.UTC(2025, 6, 20));
    const signup = chance(0.03) ? none : stamp(s);
    const mean = plan === 'trial' ? 60 : 300;
    const churnMs = chance(0.1) ? instant(s, s + 40 * DAY) : s + Math.floor(-Math.log(1 - r()) * mean * DAY);
    const churn = plan !== 'trial' && chance(0.55) ? none : stamp(Math.max(s, churnMs));
    addCustomer(`c${i}`, signup, churn, plan);
    good.push(`c${i}`);
    // Bad rows mixed in: duplicate ids, churn before signup, unparseable or impossible dates, no id.
    if (chance(0.01)) {
      const kind = Math.floor(r() * 4);
      if (kind === 0) addCustomer(pick(good), stamp(s), none, 'gold');
      else if (kind === 1) addCustomer(`b${i}`, stamp(s), stamp(s - DAY), 'basic');
      else if (kind === 2) addCustomer(`b${i}`, pick([['not a date', 'not a date'], ['2025-02-30T00:00:00Z', '2025-02-30T00:00:00Z']] as const), none, null);
      else addCustomer(null, stamp(s), none, 'basic');
    }
  }
  const activity: Row[] = [];
  const sqlActivity: (string | null)[][] = [];
  const times: number[] = [];
  for (let i = 0; i < 250_000; i++) {
    const u = r();
    const id = u < 0.004 ? null : u < 0.05 ? `u${Math.floor(r() * 3000)}` : `c${Math.floor(r() * r() * 60_000)}`;
    const ms = instant(Date.UTC(2022, 11, 1), Date.UTC(2025, 7, 1));
    const bad = r();
    const at: [unknown, string | null] = bad < 0.003 ? ['garbage', 'garbage'] : bad < 0.005 ? none : stamp(ms);
    const event = chance(0.003) ? null : pick(['login', 'login', 'view', 'export']);
    const channel = chance(0.15) ? null : pick(['web', 'app', 'phone']);
    activity.push({ customer_id: id, at: at[0], event, channel });
    sqlActivity.push([String(i), id, at[1], event, channel]);
    times.push(at[1] === null || at[1] === 'garbage' ? Infinity : ms);
  }
  const timeOrder = times.map((_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
  return { js: { customers, activity }, sql: { customers: sqlCustomers, activity: sqlActivity }, timeOrder };
}

const csv = (header: string, rows: (string | null)[][]) =>
  `${header}\n${rows.map((cells) => cells.map((c) => c ?? '').join(',')).join('\n')}\n`;

/** Valid rows as validate keeps them: required fields, parseable times, no end before start, first accepted id. */
const VIEWS = `
CREATE VIEW cust AS
  SELECT * FROM (
    SELECT rn::INT rn, customer_id, try_cast(signup_at AS TIMESTAMPTZ) signup, try_cast(churned_at AS TIMESTAMPTZ) churned,
           plan, signup_at s_raw, churned_at c_raw
    FROM craw)
  WHERE customer_id IS NOT NULL AND (s_raw IS NULL OR signup IS NOT NULL) AND (c_raw IS NULL OR churned IS NOT NULL)
    AND NOT coalesce(churned < signup, false)
  QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY rn) = 1;
CREATE VIEW act AS
  SELECT rn::INT rn, customer_id, try_cast("at" AS TIMESTAMPTZ) "at", event, channel FROM araw
  WHERE customer_id IS NOT NULL AND try_cast("at" AS TIMESTAMPTZ) IS NOT NULL AND event IS NOT NULL;
`;

interface Scenario {
  name: string;
  options: RetentionOptions & { period: 'month' | 'week' | 'day' };
  /** `by` is read from customers (plan) or activity (channel). */
  byFrom?: 'customers' | 'activity';
  input?: 'raw' | 'sorted';
}

function scenarioSql(sc: Scenario): string {
  const o = sc.options;
  const p = o.period;
  const mode = o.mode ?? 'subscription';
  const events = o.events ? `event IN (${(o.events as string[]).map((e) => `'${e}'`).join(', ')})` : 'true';
  const seg = !o.by ? `''` : sc.byFrom === 'activity' ? `coalesce(f.${o.by}, '(none)')` : `coalesce(c.${o.by}, '(none)')`;
  // Rows at the first instant: the segment value first in segment order, "(none)" last.
  const tieBreak = o.by && sc.byFrom === 'activity' ? `${o.by} IS NULL, ${o.by},` : '';
  const members =
    (o.cohortBy ?? 'signup') === 'signup'
      ? `SELECT customer_id id, date_trunc('${p}', signup) cohort, churned, ${seg.replace('c.', '')} seg FROM cust WHERE signup IS NOT NULL`
      : `SELECT f.customer_id id, date_trunc('${p}', f."at") cohort, c.churned, ${seg} seg
         FROM (SELECT * FROM counted QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY "at", ${tieBreak} rn) = 1) f
         ${mode === 'subscription' ? 'JOIN' : 'LEFT JOIN'} cust c USING (customer_id)`;
  const asOf = `TIMESTAMPTZ '${String(o.asOf)}'`;
  const kc = o.minCellSize ?? 0;
  const hideAll = `(size < ${o.minCohortSize ?? 0} OR (${kc} > 1 AND size < ${kc}))`;
  const counts =
    mode === 'subscription'
      ? `SELECT g.cohort, g.seg, g.k, count(*) FILTER (WHERE m.churned IS NULL OR m.churned >= g.p_end) r
         FROM grid g JOIN members m ON m.cohort = g.cohort AND m.seg = g.seg GROUP BY ALL`
      : `SELECT g.cohort, g.seg, g.k, count(a.id) r
         FROM grid g LEFT JOIN (members m JOIN (SELECT DISTINCT customer_id id, date_trunc('${p}', "at") p FROM counted) a ON a.id = m.id)
           ON m.cohort = g.cohort AND m.seg = g.seg AND a.p = g.p_start
         GROUP BY ALL`;
  return `
WITH counted AS (SELECT * FROM act WHERE ${events}),
members AS (${members}),
cohorts AS (
  SELECT cohort, seg, count(*)::INT size FROM members
  WHERE cohort <= date_trunc('${p}', ${asOf})
    ${o.from ? `AND cohort >= TIMESTAMPTZ '${String(o.from)}'` : ''} ${o.to ? `AND cohort < TIMESTAMPTZ '${String(o.to)}'` : ''}
  GROUP BY ALL),
series AS (
  SELECT cohort, seg, size, unnest(generate_series(cohort, date_trunc('${p}', ${asOf}), INTERVAL 1 ${p})) p_start FROM cohorts),
grid AS (
  SELECT *, p_start + INTERVAL 1 ${p} p_end, (row_number() OVER (PARTITION BY cohort, seg ORDER BY p_start) - 1)::INT k FROM series
  QUALIFY k <= ${o.maxOffset ?? 1_000_000}),
counts AS (${counts}),
cells AS (
  SELECT g.cohort, g.seg, g.size, g.k, coalesce(n.r, 0)::INT r, g.p_end <= ${asOf} complete
  FROM grid g LEFT JOIN counts n USING (cohort, seg, k)),
flags AS (
  SELECT *, coalesce(lag(r) OVER w, size)::INT prev,
    ${hideAll} OR (${kc} > 1 AND r > 0 AND r < ${kc}) hidden
  FROM cells WINDOW w AS (PARTITION BY cohort, seg ORDER BY k)),
shown AS (SELECT *, hidden OR coalesce(lag(hidden) OVER w, false) churn_hidden FROM flags WINDOW w AS (PARTITION BY cohort, seg ORDER BY k))
SELECT strftime(cohort, '%Y-%m-%d') cohort, seg, CASE WHEN ${hideAll} THEN NULL ELSE size END size, k "offset",
  CASE WHEN hidden THEN NULL ELSE r END retained,
  CASE WHEN hidden THEN NULL ELSE r::DOUBLE / size END rate,
  CASE WHEN hidden THEN NULL ELSE ${wilsonSql('r', 'size', -1)} END "ciLow",
  CASE WHEN hidden THEN NULL ELSE ${wilsonSql('r', 'size', 1)} END "ciHigh",
  CASE WHEN churn_hidden THEN NULL ELSE prev - r END churned,
  CASE WHEN churn_hidden OR '${mode}' = 'activity' OR prev = 0 THEN NULL ELSE (prev - r)::DOUBLE / prev END "churnRate",
  complete, churn_hidden suppressed
FROM shown ORDER BY cohort, seg = '(none)', seg, k`;
}

/** A bound of the 95% Wilson interval of x / n in SQL (Wilson 1927; z = 1.959964, SPEC §3). */
function wilsonSql(x: string, n: string, side: -1 | 1): string {
  const z2 = 1.959964 ** 2;
  const p = `(${x}::DOUBLE / ${n})`;
  const bound = `(${p} + ${z2} / (2 * ${n}) ${side < 0 ? '-' : '+'} 1.959964 * sqrt(${p} * (1 - ${p}) / ${n} + ${z2} / (4 * ${n} * ${n}))) / (1 + ${z2} / ${n})`;
  return side < 0 ? `greatest(0, ${bound})` : `least(1, ${bound})`;
}

function excludedSql(sc: Scenario): string {
  const o = sc.options;
  const signup = (o.cohortBy ?? 'signup') === 'signup';
  const needsCustomer = signup ? o.mode === 'activity' : (o.mode ?? 'subscription') === 'subscription';
  const events = o.events ? `event IN (${(o.events as string[]).map((e) => `'${e}'`).join(', ')})` : 'true';
  return `SELECT
    ${signup ? '(SELECT count(*) FROM cust WHERE signup IS NULL)' : '0'}::INT "noSignup",
    ${needsCustomer ? `(SELECT count(DISTINCT customer_id) FROM act WHERE ${events} AND customer_id NOT IN (SELECT customer_id FROM cust))` : '0'}::INT "noCustomer"`;
}

function expectedRows(rows: Record<string, unknown>[], by: boolean): RetentionRow[] {
  return rows.map((x) => ({
    cohort: x.cohort as string,
    ...(by ? { segment: x.seg as string } : {}),
    size: x.size as number | null,
    offset: x.offset as number,
    retained: x.retained as number | null,
    rate: x.rate as number | null,
    ciLow: x.ciLow as number | null,
    ciHigh: x.ciHigh as number | null,
    churned: x.churned as number | null,
    churnRate: x.churnRate as number | null,
    complete: x.complete as boolean,
    ...(x.suppressed ? { suppressed: true as const } : {}),
  }));
}

function expectSameRows(actual: RetentionRow[], expected: RetentionRow[]): void {
  expect(actual.length, 'rows').to.equal(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as unknown as Record<string, unknown>;
    const e = expected[i] as unknown as Record<string, unknown>;
    const where = `row ${i} ${JSON.stringify(e)}`;
    expect(Object.keys(a).sort(), where).to.deep.equal(Object.keys(e).sort());
    for (const key of Object.keys(e)) {
      if (['rate', 'churnRate', 'ciLow', 'ciHigh'].includes(key) && typeof e[key] === 'number') {
        expect(a[key], `${where} ${key}`).to.be.closeTo(e[key] as number, 1e-9);
      } else expect(a[key], `${where} ${key}`).to.equal(e[key]);
    }
  }
}

const SCENARIOS: Scenario[] = [
  { name: 'subscription, signup cohorts, month, by plan', options: { period: 'month', asOf: AS_OF, by: 'plan' }, input: 'raw' },
  {
    name: 'subscription, signup cohorts, week in São Paulo, from/to, maxOffset',
    options: { period: 'week', asOf: AS_OF, from: '2024-03-01T00:00:00Z', to: '2025-01-01T00:00:00Z', maxOffset: 20, timeZone: 'America/Sao_Paulo' },
  },
  {
    name: 'activity, signup cohorts, month in New York, events, by plan',
    options: { period: 'month', asOf: AS_OF, mode: 'activity', events: ['login', 'export'], by: 'plan', timeZone: 'America/New_York' },
  },
  {
    name: 'activity, first-activity cohorts, week, by an activity column',
    options: { period: 'week', asOf: AS_OF, mode: 'activity', cohortBy: 'first-activity', by: 'channel' },
    byFrom: 'activity',
  },
  {
    name: 'activity, first-activity cohorts, month, by a customer attribute',
    options: { period: 'month', asOf: AS_OF, mode: 'activity', cohortBy: 'first-activity', by: 'plan' },
  },
  {
    name: 'activity, first-activity cohorts, month, activity in time order (single pass)',
    options: { period: 'month', asOf: AS_OF, mode: 'activity', cohortBy: 'first-activity', events: ['login'] },
    input: 'sorted',
  },
  // Subscription by signup without `by` takes one pass (retention-once.ts); daily cohorts grow its rows many times.
  { name: 'subscription, signup cohorts, month (one pass)', options: { period: 'month', asOf: AS_OF }, input: 'raw' },
  { name: 'subscription, signup cohorts, day, maxOffset (one pass)', options: { period: 'day', asOf: AS_OF, maxOffset: 45 } },
  { name: 'subscription, first-activity cohorts, month, by plan', options: { period: 'month', asOf: AS_OF, cohortBy: 'first-activity', by: 'plan' } },
  {
    name: 'activity, signup cohorts, month, by plan, minCohortSize and minCellSize',
    options: { period: 'month', asOf: AS_OF, mode: 'activity', by: 'plan', minCohortSize: 60, minCellSize: 11 },
  },
  {
    name: 'subscription, signup cohorts, week, by plan, minCellSize',
    options: { period: 'week', asOf: '2025-03-04T00:00:00Z', by: 'plan', minCellSize: 11, from: '2024-06-01T00:00:00Z' },
  },
];

describe('retention oracle (DuckDB)', function () {
  this.timeout(300_000);
  let dir: string;
  let db: DuckDBInstance;
  let con: DuckDBConnection;
  let data: Generated;
  let normalized: NormalizedTables;
  let sorted: NormalizedTables;

  before(async () => {
    data = generate(20_250_315);
    dir = mkdtempSync(join(tmpdir(), 'pulso-retention-'));
    writeFileSync(join(dir, 'customers.csv'), csv('rn,customer_id,signup_at,churned_at,plan', data.sql.customers));
    writeFileSync(join(dir, 'activity.csv'), csv('rn,customer_id,at,event,channel', data.sql.activity));
    db = await DuckDBInstance.create(':memory:');
    con = await db.connect();
    const read = (f: string) => `read_csv('${join(dir, f)}', all_varchar = true, header = true)`;
    await con.run(`CREATE TABLE craw AS SELECT * FROM ${read('customers.csv')}`);
    await con.run(`CREATE TABLE araw AS SELECT * FROM ${read('activity.csv')}`);
    await con.run(VIEWS);
    const tables = validate(data.js).tables;
    normalized = tables;
    sorted = validate({ customers: data.js.customers, activity: data.timeOrder.map((i) => data.js.activity[i]) }).tables;
  });

  after(() => {
    con?.closeSync();
    db?.closeSync();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has the data it claims: ≥ 50,000 rows per table, some rejected', () => {
    expect(data.js.customers.length).to.be.greaterThan(60_000);
    expect(data.js.activity.length).to.equal(250_000);
    expect(normalized.customers!.numRows()).to.be.within(50_000, data.js.customers.length - 100);
    expect(normalized.activity!.numRows()).to.be.within(50_000, 250_000 - 500);
  });

  for (const sc of SCENARIOS) {
    it(sc.name, async () => {
      await con.run(`SET TimeZone = '${sc.options.timeZone ?? 'UTC'}'`);
      const sqlRows = (await con.runAndReadAll(scenarioSql(sc))).getRowObjectsJS() as Record<string, unknown>[];
      const excluded = (await con.runAndReadAll(excludedSql(sc))).getRowObjectsJS()[0];
      const tables = sc.input === 'raw' ? data.js : sc.input === 'sorted' ? sorted : normalized;
      const rows = retention(tables, sc.options);
      expect(sqlRows.length).to.be.greaterThan(20);
      expectSameRows(rows, expectedRows(sqlRows, sc.options.by !== undefined));
      expect({ ...rows.excluded }).to.deep.equal(excluded);
      if (sc.options.minCellSize) {
        // The oracle saw each kind of suppression: whole cohorts, small cells, neighbours of small cells.
        expect(rows.some((x) => x.size === null)).to.equal(true);
        expect(rows.some((x) => x.size !== null && x.retained === null)).to.equal(true);
        expect(rows.some((x) => x.suppressed && x.retained !== null)).to.equal(true);
      }
    });
  }
});
