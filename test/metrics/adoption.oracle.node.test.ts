// Oracle for `featureAdoption` (SPEC §3.6): the same seeded data (60,000 activity
// rows with nulls, bad timestamps and ties) counted by SQL in a real DuckDB, with
// periods bucketed by DuckDB's own calendar (ICU time zones, ISO weeks).
import { expect } from 'chai';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { rng } from '../../demo/data/random.js';
import { featureAdoption, type AdoptionOptions, type AdoptionRow } from '../../src/metrics/adoption.js';
import { adjustPValues, compareProportions, type ProportionComparison } from '../../src/metrics/compare.js';
import { wilson } from '../../src/metrics/stats.js';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);
const EVENTS = ['login', 'tele', 'chat', 'booked', 'search'];

interface Generated {
  customers: { customer_id: string; user_type: string | null }[];
  activity: { customer_id: string | null; at: unknown; event: string | null; platform: string | null }[];
  /** What SQL sees: epoch ms, null where the row is bad. */
  atMs: (number | null)[];
}

function generate(seed: number): Generated {
  const r = rng(seed);
  const customers = Array.from({ length: 3000 }, (_, i) => ({
    customer_id: `c${i}`,
    user_type: r() < 0.1 ? null : ['doctor', 'patient', 'admin'][Math.floor(r() * 3)],
  }));
  const activity: Generated['activity'] = [];
  const atMs: (number | null)[] = [];
  for (let i = 0; i < 60_000; i++) {
    const who = `c${Math.floor(r() * 3300)}`; // c3000+ are not in customers: "(none)"
    const ms = T0 + Math.floor(r() * 120 * 24) * H; // whole hours over 120 days: ties, midnights
    const event = EVENTS[Math.floor(r() * r() * EVENTS.length)];
    const platform = r() < 0.1 ? null : r() < 0.5 ? 'web' : 'ios';
    const bad = r();
    const at = i % 2 ? ms : new Date(ms).toISOString();
    if (bad < 0.005) activity.push({ customer_id: null, at, event, platform });
    else if (bad < 0.01) activity.push({ customer_id: who, at: 'not a time', event, platform });
    else if (bad < 0.015) activity.push({ customer_id: who, at, event: null, platform });
    else activity.push({ customer_id: who, at, event, platform });
    atMs.push(bad >= 0.005 && bad < 0.01 ? null : ms);
  }
  return { customers, activity, atMs };
}

const csvCell = (v: unknown) => (v === null || v === undefined ? '' : String(v));

async function load(con: DuckDBConnection, data: Generated, dir: string): Promise<void> {
  const act = join(dir, 'activity.csv');
  const cus = join(dir, 'customers.csv');
  const lines = data.activity.map((row, i) => [row.customer_id, data.atMs[i], row.event, row.platform].map(csvCell).join(','));
  writeFileSync(act, `customer_id,at_ms,event,platform\n${lines.join('\n')}\n`);
  writeFileSync(cus, `customer_id,user_type\n${data.customers.map((c) => `${c.customer_id},${csvCell(c.user_type)}`).join('\n')}\n`);
  await con.run(`CREATE TABLE activity AS SELECT * FROM read_csv('${act}', header = true, nullstr = '',
    columns = {'customer_id': 'VARCHAR', 'at_ms': 'BIGINT', 'event': 'VARCHAR', 'platform': 'VARCHAR'})`);
  await con.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${cus}', header = true, nullstr = '',
    columns = {'customer_id': 'VARCHAR', 'user_type': 'VARCHAR'})`);
}

type Case = AdoptionOptions & { features: string[]; period: 'day' | 'week' | 'month' | 'quarter'; timeZone: string };

const list = (names: string[]) => `[${names.map((n) => `'${n}'`).join(', ')}]`;

function sqlOf(o: Case): string {
  const segment = o.by === undefined ? "''" : o.by === 'platform' ? "coalesce(a.platform, '(none)')" : "coalesce(c.user_type, '(none)')";
  const from = o.from === undefined ? '' : `AND a.at_ms >= ${Date.parse(String(o.from))}`;
  const to = o.to === undefined ? '' : `AND a.at_ms < ${Date.parse(String(o.to))}`;
  const active = o.activeEvents === undefined ? 'TRUE' : `list_contains(${list(o.activeEvents as string[])}, event)`;
  return `
    WITH ev AS (
      SELECT a.customer_id, a.event, ${segment} AS segment,
             strftime(date_trunc('${o.period}', make_timestamptz(a.at_ms * 1000)), '%Y-%m-%d') AS period
      FROM activity a LEFT JOIN customers c ON c.customer_id = a.customer_id
      WHERE a.customer_id IS NOT NULL AND a.event IS NOT NULL AND a.at_ms IS NOT NULL ${from} ${to}
    ),
    act AS (SELECT DISTINCT period, segment, customer_id FROM ev WHERE ${active}),
    used AS (SELECT DISTINCT period, segment, customer_id, event FROM ev),
    feat AS (SELECT unnest(${list(o.features)}) AS feature, unnest(range(${o.features.length})) AS fi)
    SELECT act.period, act.segment, feat.feature, count(DISTINCT act.customer_id)::INTEGER AS active,
           count(DISTINCT used.customer_id)::INTEGER AS adopters,
           count(DISTINCT CASE WHEN first.customer_id IS NOT NULL THEN used.customer_id END)::INTEGER AS "withFirst"
    FROM act CROSS JOIN feat
    LEFT JOIN used ON used.period = act.period AND used.segment = act.segment
                  AND used.customer_id = act.customer_id AND used.event = feat.feature
    LEFT JOIN used AS first ON first.period = act.period AND first.segment = act.segment
                  AND first.customer_id = act.customer_id AND first.event = '${o.features[0]}'
    GROUP BY act.period, act.segment, feat.feature, feat.fi
    ORDER BY act.period, act.segment = '(none)', act.segment, feat.fi`;
}

interface SqlRow {
  period: string;
  segment: string;
  feature: string;
  active: number;
  adopters: number;
  withFirst: number;
}

/** The comparison fields of a row (qValue set once every row is known). */
function fields(c: ProportionComparison | null) {
  if (!c) return { diff: null, diffLow: null, diffHigh: null, pValue: null, qValue: null, test: null, tooFew: null };
  return { diff: c.diff, diffLow: c.diffLow, diffHigh: c.diffHigh, pValue: c.pValue, qValue: null, test: c.test, tooFew: c.tooFew };
}

/**
 * SPEC rows from SQL counts, with Wilson intervals and the comparisons of SPEC §3.10:
 * a segment against the other segments pooled, or a feature against the first one
 * as paired data (who used both from SQL); q-values over the whole result.
 */
function expectedRows(sql: SqlRow[], o: Case): AdoptionRow[] {
  const compare = o.compare ?? (o.by === undefined ? 'none' : 'segments');
  const rows = sql.map((r) => {
    const w = wilson(r.adopters, r.active)!;
    const row: AdoptionRow = {
      period: r.period,
      ...(o.by === undefined ? {} : { segment: r.segment }),
      feature: r.feature,
      active: r.active,
      adopters: r.adopters,
      adoption: r.adopters / r.active,
      ciLow: w.low,
      ciHigh: w.high,
    };
    if (compare === 'none') return row;
    if (compare === 'features') {
      const first = sql.find((s) => s.period === r.period && s.segment === r.segment && s.feature === o.features[0])!;
      if (r.feature === o.features[0]) return { ...row, ...fields(null) };
      const paired = { both: r.withFirst, onlyA: r.adopters - r.withFirst, onlyB: first.adopters - r.withFirst };
      return { ...row, ...fields(compareProportions({ x: r.adopters, n: r.active }, { x: first.adopters, n: r.active }, { paired })) };
    }
    const rest = sql.filter((s) => s.period === r.period && s.feature === r.feature && s.segment !== r.segment);
    const x = rest.reduce((n, s) => n + s.adopters, 0);
    const n = rest.reduce((m, s) => m + s.active, 0);
    return { ...row, ...fields(compareProportions({ x: r.adopters, n: r.active }, { x, n })) };
  });
  if (compare !== 'none') adjustPValues(rows.map((r) => r.pValue)).forEach((q, i) => (rows[i].qValue = q));
  return rows;
}

describe('featureAdoption oracle (DuckDB, 60,000 rows)', function () {
  this.timeout(120_000);
  const data = generate(20250302);
  const tables = { activity: data.activity, customers: data.customers };
  // The same rows in log order (by time; bad times where they were): counted in one pass, without bucketing.
  const timed = data.activity.map((row, i) => ({ row, ms: data.atMs[i] })).filter((r) => r.ms !== null).sort((a, b) => a.ms! - b.ms!);
  let k = 0;
  const logged = { ...tables, activity: data.activity.map((row, i) => (data.atMs[i] === null ? row : timed[k++].row)) };
  let con: DuckDBConnection;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pulso-adoption-'));
    const db = await DuckDBInstance.create(':memory:');
    con = await db.connect();
    await load(con, data, dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Case[] = [
    { features: ['tele', 'chat'], period: 'month', timeZone: 'UTC' },
    { features: ['tele', 'booked', 'login'], period: 'week', timeZone: 'America/Sao_Paulo', activeEvents: ['login', 'booked'], by: 'user_type', from: '2025-01-15T03:00:00Z', to: '2025-04-01T00:00:00Z' },
    { features: ['search'], period: 'day', timeZone: 'UTC', by: 'platform', from: '2025-02-01T00:00:00Z', to: '2025-03-01T00:00:00Z' },
    { features: ['chat', 'tele'], period: 'quarter', timeZone: 'Asia/Kolkata', activeEvents: ['login', 'search', 'chat'], by: 'user_type' },
    { features: ['login', 'tele', 'chat'], period: 'week', timeZone: 'UTC', compare: 'features' },
    { features: ['tele', 'booked'], period: 'month', timeZone: 'UTC', by: 'platform', compare: 'features' },
  ];
  for (const o of cases) {
    it(`matches SQL: ${o.period} in ${o.timeZone}${o.by ? ` by ${o.by}` : ''}${o.activeEvents ? ' with activeEvents' : ''}${o.compare ? `, compare ${o.compare}` : ''}`, async () => {
      await con.run(`SET TimeZone = '${o.timeZone}'`);
      const reader = await con.runAndReadAll(sqlOf(o));
      const sql = reader.getRowObjectsJS() as unknown as SqlRow[];
      expect(sql.length).to.be.greaterThan(3);
      const actual = featureAdoption(tables, o);
      const expected = expectedRows(sql, o);
      // The data are dense: every period and segment has counted events, so no empty rows.
      expect(actual.length).to.equal(expected.length);
      actual.forEach((row, i) => {
        const want = expected[i];
        expect(Object.keys(row).sort(), `row ${i}`).to.deep.equal(Object.keys(want).sort());
        for (const key of Object.keys(want) as (keyof AdoptionRow)[]) {
          if (typeof want[key] === 'number' && !Number.isInteger(want[key])) expect(row[key] as number, `row ${i} ${key}`).to.be.closeTo(want[key] as number, 1e-9);
          else expect(row[key], `row ${i} ${key}`).to.equal(want[key]);
        }
      });
      expect(featureAdoption(logged, o), 'in log order').to.deep.equal(actual);
    });
  }
});
