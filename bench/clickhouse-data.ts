// The ClickHouse bench's data, written by the servers themselves and by DuckDB from the
// same formulas (so both engines hold the very same rows without moving files): N
// activity events of N/100 customers over 2020–2022, and the customers (sign-up, churn
// for one in ten, plan). Row number n → a 32-bit multiplicative hash h → customer,
// instant, event, platform. Activity row n is on shard ⌊n/2⌋ mod 2 (a customer's rows
// are on both shards, as in the tests), or with `by-customer` on its customer's shard (the
// customer's number mod 2, as customers are: createSqlSource's shardedBy).
//   PULSO_CLICKHOUSE_URLS=… npx tsx bench/clickhouse-data.ts events database [by-customer]
export const T0 = 1577836800; // 2020-01-01 UTC
export const SPAN = 94608000; // three years of seconds
export const EVENTS = [
  'login',
  'login',
  'login',
  'view',
  'view',
  'profile_completed',
  'teleconsult',
  'booked',
  'lab',
  'message',
];
export const PLANS = ['basic', 'plus', 'premium'];

const list = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** One dialect's spelling of the generator: integer division, string concat. */
interface Dialect {
  div(a: string, b: string): string;
  time(seconds: string): string;
  text(n: string): string;
}
const CH: Dialect = {
  div: (a, b) => `intDiv(${a}, ${b})`,
  time: (s) => `toDateTime(${s}, 'UTC')`,
  text: (n) => `toString(${n})`,
};
const DUCK: Dialect = {
  div: (a, b) => `(${a}) // ${b}`,
  time: (s) => `to_timestamp(${s})::TIMESTAMP`,
  text: (n) => `CAST(${n} AS VARCHAR)`,
};

const hash = (n: string) => `((${n} * 2654435761) % 4294967296)`;

/** The activity columns of row `n` (an integer expression), for `customers` customers. */
function activityItems(d: Dialect, n: string, customers: number): string {
  const h = hash(n);
  return [
    `concat('c', ${d.text(`${h} % ${customers}`)}) AS customer_id`,
    `${d.time(`${T0} + ((${h} * 1664525 + 1013904223) % 4294967296) % ${SPAN}`)} AS at`,
    `${list(EVENTS)}[${d.div(h, '65536')} % ${EVENTS.length} + 1] AS event`,
    `${list(['web', 'ios', 'android'])}[${d.div(h, '1048576')} % 3 + 1] AS platform`,
  ].join(', ');
}

function customerItems(d: Dialect, n: string): string {
  const signup = `${T0} + ${hash(n)} % ${SPAN}`;
  return [
    `concat('c', ${d.text(n)}) AS customer_id`,
    `${d.time(signup)} AS signup_at`,
    `CASE WHEN ${n} % 10 = 0 THEN ${d.time(`${signup} + 2592000 + ${hash(`${n} + 7`)} % 31536000`)} END AS churned_at`,
    `${list(PLANS)}[${n} % 3 + 1] AS plan`,
  ].join(', ');
}

export const customersOf = (events: number) => Math.max(1, Math.round(events / 100));

/**
 * The INSERT … SELECT of shard `shard` (of 2) of each table, for ClickHouse: activity row
 * n on shard ⌊n/2⌋ mod 2, or (byCustomer) on its customer's shard, customer n mod 2.
 * (Not n mod 2: the hash keeps n's parity, and so does the customer number when the
 * count of customers is even — row n mod 2 put every customer's rows on one shard.)
 */
export function clickhouseInserts(db: string, events: number, shard: number, byCustomer = false): string[] {
  const c = customersOf(events);
  const half = (total: number) => Math.floor((total - shard + 1) / 2);
  const activity = byCustomer
    ? `SELECT ${activityItems(CH, 'n', c)} FROM (SELECT number AS n FROM numbers(${events}) WHERE ${hash('number')} % ${c} % 2 = ${shard})`
    : `SELECT ${activityItems(CH, 'n', c)} FROM (SELECT number AS n FROM numbers(${events}) WHERE intDiv(number, 2) % 2 = ${shard})`;
  return [
    `INSERT INTO ${db}.activity_local ${activity}`,
    `INSERT INTO ${db}.customers_local SELECT ${customerItems(CH, 'n')} FROM (SELECT number * 2 + ${shard} AS n FROM numbers(${half(c)}))`,
  ];
}

/** The same rows as DuckDB tables (CREATE TABLE … AS SELECT). */
export function duckdbCreates(events: number): string[] {
  const c = customersOf(events);
  return [
    `CREATE TABLE activity AS SELECT ${activityItems(DUCK, 'n', c)} FROM (SELECT range AS n FROM range(${events}))`,
    `CREATE TABLE customers AS SELECT ${customerItems(DUCK, 'n')} FROM (SELECT range AS n FROM range(${c}))`,
  ];
}

export const CH_TABLES: Record<string, string> = {
  activity: `(customer_id String, at DateTime('UTC'), event String, platform String) ENGINE = MergeTree() ORDER BY at`,
  customers: `(customer_id String, signup_at DateTime('UTC'), churned_at Nullable(DateTime('UTC')), plan String) ENGINE = MergeTree() ORDER BY customer_id`,
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { createClient } = await import('@clickhouse/client');
  const urls = (process.env.PULSO_CLICKHOUSE_URLS ?? '').split(',').filter(Boolean);
  const events = Number(process.argv[2]);
  const db = process.argv[3];
  const byCustomer = process.argv[4] === 'by-customer';
  if (urls.length !== 2 || !(events > 0) || !db)
    throw new Error(
      'usage: PULSO_CLICKHOUSE_URLS=a,b tsx bench/clickhouse-data.ts events database',
    );
  const clients = urls.map((url) =>
    createClient({
      url,
      request_timeout: 3_600_000,
      compression: { request: false, response: false },
    }),
  );
  const t = performance.now();
  await Promise.all(
    clients.map(async (c, shard) => {
      await c.command({ query: `CREATE DATABASE IF NOT EXISTS ${db}` });
      for (const [name, def] of Object.entries(CH_TABLES)) {
        await c.command({ query: `CREATE TABLE ${db}.${name}_local ${def}` });
        await c.command({
          query: `CREATE TABLE ${db}.${name} AS ${db}.${name}_local ENGINE = Distributed(pulso, ${db}, ${name}_local)`,
        });
      }
      for (const q of clickhouseInserts(db, events, shard, byCustomer)) await c.command({ query: q });
      await c.command({ query: `OPTIMIZE TABLE ${db}.activity_local FINAL` });
    }),
  );
  const size = await clients[0].query({
    query: `SELECT sum(bytes_on_disk) AS b, sum(rows) AS r FROM system.parts WHERE database = '${db}' AND active`,
    format: 'JSONEachRow',
  });
  console.log(
    `${db}: ${events} events loaded in ${((performance.now() - t) / 1000).toFixed(0)} s; shard 1 parts:`,
    await size.json(),
  );
  await Promise.all(clients.map((c) => c.close()));
}
