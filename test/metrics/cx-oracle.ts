// Node-only helpers of the survey, ticket and KPI oracle tests: seeded raw tables
// with nulls, ties, boundary instants and bad rows, loaded as text into DuckDB,
// where SQL applies SPEC §1's rejection rules itself (views *_v).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { rng, logNormal } from '../../demo/data/random.js';

type Raw = Record<string, unknown>;
export interface RawTables {
  customers: Raw[];
  activity: Raw[];
  surveys: Raw[];
  tickets: Raw[];
}

/** A timestamp cell as the host gives it (JS) and as DuckDB reads it (text). */
interface Cell {
  js: unknown;
  sql: string | null;
}

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const T1 = Date.UTC(2025, 6, 1);

export function generate(
  seed: number,
  n = 60_000,
): { raw: RawTables; sql: Record<keyof RawTables, Record<string, string | null>[]> } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  /** Mostly ISO with Z; some epoch ms, some with a −03:00 offset, some unparseable, some null. */
  const stamp = (ms: number, nullable = 0): Cell => {
    if (chance(nullable)) return { js: null, sql: null };
    const u = r();
    if (u < 0.004) return { js: 'n/a', sql: 'n/a' };
    if (u < 0.2) return { js: ms, sql: new Date(ms).toISOString() };
    if (u < 0.3) {
      const local = new Date(ms - 3 * 3_600_000).toISOString().slice(0, 23);
      return { js: `${local}-03:00`, sql: `${local}-03:00` };
    }
    return { js: new Date(ms).toISOString(), sql: new Date(ms).toISOString() };
  };
  /** A random instant, 4% of them exactly at a UTC or São Paulo month start. */
  const instant = (lo = T0, hi = T1) => {
    const ms = lo + Math.floor(r() * (hi - lo));
    if (!chance(0.04)) return ms;
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) + (chance(0.5) ? 3 * 3_600_000 : 0);
  };
  const customerId = () => (chance(0.1) ? null : `c${Math.floor(r() * 52_000)}`);
  const channel = () => (chance(0.1) ? null : pick(['chat', 'phone', 'email', 'app', 'whatsapp']));
  const out = {
    customers: [] as [Raw, Raw][],
    activity: [] as [Raw, Raw][],
    surveys: [] as [Raw, Raw][],
    tickets: [] as [Raw, Raw][],
  };
  const push = (table: keyof RawTables, cells: Record<string, Cell | unknown>) => {
    const js: Raw = {};
    const sql: Raw = {};
    for (const [k, v] of Object.entries(cells)) {
      const cell =
        v !== null && typeof v === 'object' && 'sql' in (v as object)
          ? (v as Cell)
          : { js: v, sql: v === null || v === undefined ? null : String(v) };
      js[k] = cell.js;
      sql[k] = cell.sql;
    }
    out[table].push([js, sql]);
  };

  const signups: number[] = [];
  for (let i = 0; i < 50_400; i++) {
    const id = i < 50_000 ? `c${i}` : chance(0.3) ? null : `c${Math.floor(r() * 50_000)}`;
    const s = Date.UTC(2022, 0, 1) + Math.floor(r() * (T1 - Date.UTC(2022, 0, 1)));
    signups.push(s);
    const churn = chance(0.3)
      ? chance(0.02)
        ? s - DAY
        : s + Math.floor(-Math.log(1 - r()) * 200 * DAY)
      : NaN;
    push('customers', {
      customer_id: id,
      signup_at: stamp(s, 0.02),
      churned_at: Number.isNaN(churn)
        ? null
        : stamp(chance(0.05) ? instant(churn, churn + 1) : churn),
      plan: chance(0.1) ? null : pick(['gold', 'silver', 'basic']),
    });
  }
  for (let i = 0; i < n; i++) {
    const c = Math.floor(r() * 50_000);
    // A third of the events follow a signup closely, so activation has something to find.
    const at = chance(0.33)
      ? signups[c] + Math.floor(r() * 10 * DAY)
      : instant(Date.UTC(2023, 5, 1));
    push('activity', {
      customer_id: chance(0.005)
        ? null
        : chance(0.05)
          ? `c${50_000 + Math.floor(r() * 2000)}`
          : `c${c}`,
      at: stamp(at, 0.003),
      event: chance(0.005)
        ? null
        : pick(['login', 'teleconsult', 'booked_appointment', 'lab_results', 'first_login', 'signup', 'signup_web']),
    });
  }
  for (let i = 0; i < n; i++) {
    const u = r();
    const kind =
      u < 0.5
        ? 'nps'
        : u < 0.8
          ? 'csat'
          : u < 0.95
            ? 'ces'
            : u < 0.98
              ? pick(['NPS', 'Csat', 'CES'])
              : u < 0.99
                ? 'bogus'
                : null;
    const top = /nps/i.test(kind ?? '') ? 10 : /csat/i.test(kind ?? '') ? 5 : 7;
    const v = r();
    const score =
      v < 0.005
        ? null
        : v < 0.008
          ? 'x'
          : v < 0.013
            ? pick([-1, 11, 0, 6, 8])
            : v < 0.02
              ? pick([3.5, 4.5, 7.5])
              : Math.round(r() * top) || (top === 10 ? 0 : 1);
    push('surveys', {
      at: stamp(instant(), 0.004),
      kind,
      score,
      customer_id: customerId(),
      channel: channel(),
    });
  }
  for (let i = 0; i < n; i++) {
    const opened = instant();
    const resp = chance(0.15)
      ? NaN
      : chance(0.005)
        ? opened - MIN
        : opened + Math.round(logNormal(r, 30 * MIN, 1.2) / 1000) * 1000;
    const base = Number.isNaN(resp) ? opened : resp;
    const res = chance(0.25)
      ? NaN
      : chance(0.005)
        ? opened - 5 * MIN
        : base + Math.round(logNormal(r, 240 * MIN, 1.5) / MIN) * MIN;
    push('tickets', {
      ticket_id: chance(0.005) ? `t${Math.floor(r() * (i + 1))}` : `t${i}`,
      customer_id: customerId(),
      channel: chance(0.005) ? null : pick(['chat', 'phone', 'email', 'app']),
      opened_at: stamp(opened),
      first_response_at: Number.isNaN(resp) ? null : stamp(resp),
      resolved_at: Number.isNaN(res) ? null : stamp(res),
      contacts: chance(0.1) ? null : chance(0.008) ? pick([0, 1.5]) : pick([1, 1, 1, 2, 3, 4]),
    });
  }
  const split = (t: keyof RawTables) => ({
    js: out[t].map((p) => p[0]),
    sql: out[t].map((p) => p[1] as Record<string, string | null>),
  });
  const tables = (['customers', 'activity', 'surveys', 'tickets'] as const).map(
    (t) => [t, split(t)] as const,
  );
  return {
    raw: Object.fromEntries(tables.map(([t, v]) => [t, v.js])) as unknown as RawTables,
    sql: Object.fromEntries(tables.map(([t, v]) => [t, v.sql])) as Record<
      keyof RawTables,
      Record<string, string | null>[]
    >,
  };
}

const COLUMNS: Record<keyof RawTables, string[]> = {
  customers: ['customer_id', 'signup_at', 'churned_at', 'plan'],
  activity: ['customer_id', 'at', 'event'],
  surveys: ['at', 'kind', 'score', 'customer_id', 'channel'],
  tickets: [
    'ticket_id',
    'customer_id',
    'channel',
    'opened_at',
    'first_response_at',
    'resolved_at',
    'contacts',
  ],
};

/** SPEC §1's rules in SQL: what validation accepts (first of duplicate ids wins among valid rows). */
const VIEWS = `
CREATE TABLE customers_v AS SELECT * EXCLUDE (k) FROM (
  SELECT idx, customer_id, TRY_CAST(signup_at AS TIMESTAMPTZ) signup, TRY_CAST(churned_at AS TIMESTAMPTZ) churned, plan,
    row_number() OVER (PARTITION BY customer_id ORDER BY idx) k
  FROM customers
  WHERE customer_id IS NOT NULL
    AND (signup_at IS NULL OR TRY_CAST(signup_at AS TIMESTAMPTZ) IS NOT NULL)
    AND (churned_at IS NULL OR TRY_CAST(churned_at AS TIMESTAMPTZ) IS NOT NULL)
    AND NOT coalesce(TRY_CAST(churned_at AS TIMESTAMPTZ) < TRY_CAST(signup_at AS TIMESTAMPTZ), false)
) WHERE k = 1;
CREATE TABLE activity_v AS SELECT customer_id, TRY_CAST("at" AS TIMESTAMPTZ) ts, event FROM activity
  WHERE customer_id IS NOT NULL AND event IS NOT NULL AND TRY_CAST("at" AS TIMESTAMPTZ) IS NOT NULL;
CREATE TABLE surveys_v AS SELECT * FROM (
  SELECT TRY_CAST("at" AS TIMESTAMPTZ) ts, lower(kind) kind, TRY_CAST(score AS DOUBLE) score, customer_id, channel FROM surveys
) WHERE ts IS NOT NULL AND score IS NOT NULL
  AND ((kind = 'nps' AND score BETWEEN 0 AND 10 AND score = floor(score)) OR (kind = 'csat' AND score BETWEEN 1 AND 5) OR (kind = 'ces' AND score BETWEEN 1 AND 7));
CREATE TABLE tickets_v AS SELECT * EXCLUDE (k) FROM (
  SELECT ticket_id, customer_id, channel, TRY_CAST(opened_at AS TIMESTAMPTZ) opened, TRY_CAST(first_response_at AS TIMESTAMPTZ) responded,
    TRY_CAST(resolved_at AS TIMESTAMPTZ) resolved, TRY_CAST(contacts AS DOUBLE) contacts,
    row_number() OVER (PARTITION BY ticket_id ORDER BY idx) k
  FROM tickets
  WHERE ticket_id IS NOT NULL AND channel IS NOT NULL AND TRY_CAST(opened_at AS TIMESTAMPTZ) IS NOT NULL
    AND (first_response_at IS NULL OR TRY_CAST(first_response_at AS TIMESTAMPTZ) >= TRY_CAST(opened_at AS TIMESTAMPTZ))
    AND (resolved_at IS NULL OR (TRY_CAST(resolved_at AS TIMESTAMPTZ) >= TRY_CAST(opened_at AS TIMESTAMPTZ)
      AND TRY_CAST(resolved_at AS TIMESTAMPTZ) >= coalesce(TRY_CAST(first_response_at AS TIMESTAMPTZ), TRY_CAST(opened_at AS TIMESTAMPTZ))))
    AND (contacts IS NULL OR (TRY_CAST(contacts AS DOUBLE) >= 1 AND TRY_CAST(contacts AS DOUBLE) = floor(TRY_CAST(contacts AS DOUBLE))))
) WHERE k = 1;
`;

export interface Oracle {
  all(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string): Promise<void>;
  close(): void;
}

/** DuckDB in memory with the raw tables as text (loaded in UTC) and the validated views. */
export async function oracle(
  sql: Record<keyof RawTables, Record<string, string | null>[]>,
): Promise<Oracle> {
  const db = await DuckDBInstance.create(':memory:');
  const con: DuckDBConnection = await db.connect();
  await con.run("SET TimeZone = 'UTC'");
  for (const [table, cols] of Object.entries(COLUMNS) as [keyof RawTables, string[]][]) {
    await con.run(
      `CREATE TABLE ${table} (idx INTEGER, ${cols.map((c) => `"${c}" VARCHAR`).join(', ')})`,
    );
    const app = await con.createAppender(table);
    sql[table].forEach((row, i) => {
      app.appendInteger(i);
      for (const c of cols) {
        const v = row[c];
        if (v === null || v === undefined) app.appendNull();
        else app.appendVarchar(v);
      }
      app.endRow();
    });
    app.closeSync();
  }
  await con.run(VIEWS);
  return {
    async all(q) {
      const reader = await con.runAndReadAll(q);
      return reader
        .getRowObjectsJS()
        .map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
          ),
        );
    },
    async run(q) {
      await con.run(q);
    },
    close() {
      con.closeSync();
      db.closeSync();
    },
  };
}

/** SQL literal of an instant. */
export const ts = (iso: string) => `TIMESTAMPTZ '${iso}'`;

/** Plain string order with "(none)" last: the order of segments in metric rows. */
export function segmentBefore(a: string, b: string): number {
  if (a === '(none)' || b === '(none)') return a === b ? 0 : a === '(none)' ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
