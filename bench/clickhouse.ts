// Compiled ClickHouse queries against hand-written ones for the same answer, and against
// DuckDB (createSqlSource engine duckdb) on the same rows, on a two-shard cluster
// (scripts/clickhouse-cluster.sh start; PULSO_CLICKHOUSE_URLS) holding a database loaded
// by bench/clickhouse-data.ts (N activity events, N/100 customers). DuckDB gets the very
// same rows from the same formulas (bench/clickhouse-data.ts duckdbCreates; a file made
// once beside the given path). Contenders run interleaved, three rounds, medians.
// Then, per compiled statement, where its time goes: system.query_log on each server —
// the initiator's query_duration_ms against its shard sub-queries' (initial_query_id),
// run with prefer_localhost_replica=0 so the initiator's own shard logs a sub-query too.
// With SHARDED=1 (a database loaded `by-customer`) a source with shardedBy 'customer_id'
// runs too, interleaved, and its statements are split as well; with duckdb-file `-`
// DuckDB is left out; with BEFORE=DIR, another checkout's compiled queries run interleaved.
// A source's first query (learning its validation facts) is timed apart, before the rounds.
// SPLIT=0 (or NOSPLIT=1) skips the split (it runs each compiled statement again: at 100M
// events that pass alone is tens of minutes). FACTS=DIR keeps each source's learnt facts in
// DIR (createSqlSource's factsFile): a second run on the same data shows a restart's first query.
//   PULSO_CLICKHOUSE_URLS=… npx tsx bench/clickhouse.ts events database duckdb-file [metrics…]
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createClient } from '@clickhouse/client';
import { createSqlSource } from '../src/server/index.js';
import type { MetricQuery } from '../src/query/types.js';
import { duckdbCreates } from './clickhouse-data.js';

const urls = (process.env.PULSO_CLICKHOUSE_URLS ?? '').split(',').filter(Boolean);
const [eventsArg, db, duckPath, ...only] = process.argv.slice(2);
const events = Number(eventsArg);
if (urls.length !== 2 || !(events > 0) || !db || !duckPath)
  throw new Error('usage: PULSO_CLICKHOUSE_URLS=a,b tsx bench/clickhouse.ts events database duckdb-file [metric…]');
const clients = urls.map((url) =>
  createClient({ url, request_timeout: 3_600_000, compression: { request: false, response: false }, log: { level: 127 as never } }),
);

const from = '2021-01-01';
const to = '2022-01-01';
const ms = (d: string) => Date.parse(d) / 1000;
const month = (t: string) => `(toYear(${t}) * 12 + toMonth(${t}))`;
const w = (t: string) =>
  `multiIf(${t} >= toDateTime(${ms('2020-01-01')}) AND ${t} < toDateTime(${ms(from)}), 0, ${t} >= toDateTime(${ms(from)}) AND ${t} < toDateTime(${ms(to)}), 1, NULL)`;
const CASES: { name: string; query: MetricQuery; hand: string | string[] }[] = [
  {
    name: 'extent (activity)',
    query: { metric: 'extent', options: { table: 'activity' } },
    hand: `SELECT min(at), max(at), count() FROM ${db}.activity`,
  },
  {
    name: 'kpis (adoption card, 2021 vs 2020)',
    query: { metric: 'kpis', options: { from, to, metrics: ['adoption'], features: ['teleconsult'] } },
    hand: `SELECT multiIf(at >= toDateTime(${ms('2020-01-01')}) AND at < toDateTime(${ms(from)}), 0, at >= toDateTime(${ms(from)}) AND at < toDateTime(${ms(to)}), 1, -1) AS j,
  uniqExact(customer_id), uniqExactIf(customer_id, event = 'teleconsult') FROM ${db}.activity GROUP BY j`,
  },
  {
    name: 'featureAdoption (month, 2 features)',
    query: { metric: 'featureAdoption', options: { features: ['teleconsult', 'booked'], period: 'month' } },
    hand: `SELECT toYYYYMM(at) AS p, uniqExact(customer_id), uniqExactIf(customer_id, event = 'teleconsult'), uniqExactIf(customer_id, event = 'booked') FROM ${db}.activity GROUP BY p`,
  },
  {
    name: 'featureAdoption (quarter, active = login, compare features)',
    query: { metric: 'featureAdoption', options: { features: ['teleconsult', 'booked'], activeEvents: ['login'], compare: 'features', period: 'quarter' } },
    hand: `SELECT p, countIf(a) AS active, countIf(a AND t) AS tele, countIf(a AND b) AS booked, countIf(a AND t AND b) AS both
FROM (SELECT toStartOfQuarter(at) AS p, customer_id, max(event = 'login') AS a, max(event = 'teleconsult') AS t, max(event = 'booked') AS b FROM ${db}.activity GROUP BY p, customer_id) GROUP BY p`,
  },
  {
    name: 'kpis (activation card, P7D)',
    query: { metric: 'kpis', options: { from, to, metrics: ['activation'], activationWindow: 'P7D' } },
    hand: `SELECT uniqExact(customer_id) FROM ${db}.activity GLOBAL ANY INNER JOIN (SELECT customer_id, signup_at FROM ${db}.customers WHERE signup_at >= toDateTime(${ms('2020-01-01')}) AND signup_at < toDateTime(${ms(to)})) USING customer_id WHERE at >= signup_at AND at < signup_at + 604800 AND event != 'signup'`,
  },
  {
    name: 'featureAdoption (month, filter plan = plus)',
    query: { metric: 'featureAdoption', options: { features: ['teleconsult'], period: 'month' }, filters: [{ column: 'plan', values: ['plus'] }] },
    hand: `SELECT toYYYYMM(at) AS p, uniqExact(customer_id), uniqExactIf(customer_id, event = 'teleconsult') FROM ${db}.activity WHERE customer_id GLOBAL IN (SELECT customer_id FROM ${db}.customers WHERE plan = 'plus') GROUP BY p`,
  },
  {
    name: 'retention (activity, first-activity cohorts, month)',
    query: { metric: 'retention', options: { asOf: '2022-12-31', mode: 'activity', cohortBy: 'first-activity' } },
    hand: [
      `SELECT c, count() FROM (SELECT customer_id, min(${month('at')}) AS c FROM ${db}.activity GROUP BY customer_id) GROUP BY c`,
      `SELECT c, ${month('at')} - c AS x, uniqExact(customer_id) FROM ${db}.activity GLOBAL ANY INNER JOIN (SELECT customer_id, min(${month('at')}) AS c FROM ${db}.activity GROUP BY customer_id) USING customer_id GROUP BY c, x`,
    ],
  },
  {
    name: 'kpis (churn card, 2021 vs 2020)',
    query: { metric: 'kpis', options: { from, to, metrics: ['churnRate'] } },
    hand: `SELECT multiIf(signup_at < toDateTime(${ms('2020-01-01')}), 0, signup_at < toDateTime(${ms(from)}), 1, 2) AS lo, multiIf(isNull(churned_at), NULL, churned_at < toDateTime(${ms('2020-01-01')}), 0, churned_at < toDateTime(${ms(from)}), 1, 2) AS hi, ${w('churned_at')} AS j, count() FROM ${db}.customers GROUP BY lo, hi, j`,
  },
  {
    // P30D: at P7D no generated customer reaches the second step (100,000 / 0 / 0), so the
    // statement's later levels would never be timed (h19fun, bench/RESULTS.md).
    name: 'funnel (login → teleconsult → booked, P30D, 2021)',
    query: { metric: 'funnel', options: { steps: ['login', 'teleconsult', 'booked'], window: 'P30D', from, to } },
    hand: `SELECT level, count() FROM (SELECT customer_id, windowFunnel(2592000)(at, event = 'login' AND at < toDateTime(${ms(to)}), event = 'teleconsult', event = 'booked') AS level FROM ${db}.activity WHERE at >= toDateTime(${ms(from)}) GROUP BY customer_id) GROUP BY level`,
  },
  {
    name: 'atRisk (activity signal, asOf 2022-07-01)',
    query: { metric: 'atRisk', options: { asOf: '2022-07-01' } },
    hand: `SELECT customer_id, q, g FROM (SELECT customer_id, intDiv(${ms('2022-07-01')} - toUInt32(max(at)), 86400) AS q,
  arraySort(arrayPopFront(arrayDifference(arraySort(groupUniqArray(toRelativeDayNum(at)))))) AS g FROM ${db}.activity WHERE at < toDateTime(${ms('2022-07-01')}) GROUP BY customer_id)
WHERE q >= 30 AND length(g) >= 3 AND q >= 3 * g[intDiv(length(g) + 1, 2)]
  AND customer_id GLOBAL IN (SELECT customer_id FROM ${db}.customers WHERE signup_at <= toDateTime(${ms('2022-07-01')}) AND (isNull(churned_at) OR churned_at > toDateTime(${ms('2022-07-01')})))`,
  },
];

async function time(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function duckdbFile(): Promise<void> {
  if (duckPath === '-' || existsSync(duckPath)) return;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(duckPath);
  const con = await instance.connect();
  const t = performance.now();
  for (const q of duckdbCreates(events)) await con.run(q);
  console.error(`DuckDB file ${duckPath}: ${((performance.now() - t) / 1000).toFixed(0)} s`);
  con.closeSync();
  instance.closeSync();
}

/** One compiled statement's split: initiator duration, and per shard its sub-query's. */
async function split(text: string): Promise<{ initiator: number; shards: number[]; rows: number[]; sent: number }> {
  const id = randomUUID();
  const r = await clients[0].query({
    query: text,
    format: 'JSONEachRow',
    query_id: id,
    clickhouse_settings: { log_queries: 1, prefer_localhost_replica: 0, join_use_nulls: 1 } as never,
  });
  await r.json();
  for (const c of clients) await c.command({ query: 'SYSTEM FLUSH LOGS' });
  const read = async (c: (typeof clients)[0], where: string) =>
    (await (await c.query({ query: `SELECT sum(query_duration_ms) AS d, sum(read_rows) AS r, sum(result_rows) AS s FROM system.query_log WHERE type = 2 AND ${where}`, format: 'JSONEachRow' })).json()) as { d: string; r: string; s: string }[];
  const [init] = await read(clients[0], `query_id = '${id}' AND is_initial_query = 1`);
  const shards = await Promise.all(clients.map((c) => read(c, `initial_query_id = '${id}' AND is_initial_query = 0`)));
  const sent = shards.reduce((n, [s]) => n + Number(s.s), 0);
  return { initiator: Number(init.d), shards: shards.map(([s]) => Number(s.d)), rows: shards.map(([s]) => Number(s.r)), sent };
}

await duckdbFile();
const sharded = process.env.SHARDED === '1';
const factsFile = (name: string) => (process.env.FACTS ? { factsFile: `${process.env.FACTS}/${db}-${name}.json` } : {});
const ch = createSqlSource({ engine: 'clickhouse', url: urls[0], database: db, statementTimeoutMs: 1_800_000, ...factsFile('default') });
const chSharded = sharded
  ? createSqlSource({ engine: 'clickhouse', url: urls[0], database: db, statementTimeoutMs: 1_800_000, shardedBy: 'customer_id', ...factsFile('sharded') })
  : undefined;
// BEFORE=DIR (another checkout, e.g. main): its compiled queries run too, interleaved (with SHARDED=1, its shardedBy source).
const before = process.env.BEFORE
  ? ((await import(`${process.env.BEFORE}/src/server/index.ts`)) as { createSqlSource: typeof createSqlSource }).createSqlSource
  : undefined;
const chBefore = before?.({ engine: 'clickhouse', url: urls[0], database: db, statementTimeoutMs: 1_800_000 });
const chBeforeSharded = before && sharded
  ? before({ engine: 'clickhouse', url: urls[0], database: db, statementTimeoutMs: 1_800_000, shardedBy: 'customer_id' })
  : undefined;
const duck = duckPath === '-' ? undefined : createSqlSource({ engine: 'duckdb', path: duckPath, statementTimeoutMs: 1_800_000 });
const handWritten = async (query: string | string[]) => {
  for (const q of [query].flat()) await (await clients[0].query({ query: q, format: 'JSONEachRow' })).json();
};
const rounds = Number(process.env.ROUNDS ?? 3);
const withSplit = process.env.SPLIT !== '0' && process.env.NOSPLIT !== '1';
const secs = (x: number | undefined) => (x === undefined ? '–' : `${(x / 1000).toFixed(x < 1000 ? 3 : 2)} s`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '–' : (a / b).toFixed(2));
async function splits(source: typeof ch): Promise<string> {
  const parts = [];
  for (const s of await source.sql(c.query)) {
    const p = await split(s.text);
    parts.push(`${p.initiator} / ${p.shards.join(' / ')} (${p.sent} rows sent)`);
  }
  return parts.join('; ');
}
let c = CASES[0];
try {
  console.log(`${events} activity events (${events / 100} customers) on two shards; ${rounds} rounds, medians`);
  // A source learns its validation facts (src/server/clickhouse/facts.ts) on its first query: timed apart, before the rounds.
  for (const [name, source] of [['compiled', ch], ['shardedBy', chSharded]] as const)
    if (source) console.log(`first query (extent) of the ${name} source, learning included: ${secs(await time(() => source.aggregate(CASES[0].query)))}`);
  console.log('| metric | compiled | shardedBy | hand-written | compiled / hand | shardedBy / hand | DuckDB | CH/DuckDB | split, ms: initiator / shard 1 / shard 2 (rows the shards sent) | split, shardedBy |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (c of CASES) {
    if (only.length && !only.some((o) => c.name.startsWith(o))) continue;
    const t = { compiled: [] as number[], sharded: [] as number[], hand: [] as number[], duck: [] as number[], before: [] as number[], beforeSharded: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      if (chBefore) t.before.push(await time(() => chBefore.aggregate(c.query)));
      t.compiled.push(await time(() => ch.aggregate(c.query)));
      if (chBeforeSharded) t.beforeSharded.push(await time(() => chBeforeSharded.aggregate(c.query)));
      if (chSharded) t.sharded.push(await time(() => chSharded.aggregate(c.query)));
      t.hand.push(await time(() => handWritten(c.hand)));
      if (duck) t.duck.push(await time(() => duck.aggregate(c.query)));
    }
    const med = (xs: number[]) => (xs.length ? median(xs) : undefined);
    const [m, sh, h, d] = [med(t.compiled), med(t.sharded), med(t.hand), med(t.duck)];
    const split1 = withSplit ? await splits(ch) : '–';
    const split2 = withSplit && chSharded ? await splits(chSharded) : '–';
    if (chBefore) {
      const [b, bs] = [med(t.before), med(t.beforeSharded)];
      console.log(`| ${c.name} (before: ${process.env.BEFORE}) | ${secs(b)} | ${secs(bs)} | ${secs(h)} | ${ratio(b, h)} | ${ratio(bs, h)} | | | | |`);
    }
    console.log(`| ${c.name} | ${secs(m)} | ${secs(sh)} | ${secs(h)} | ${ratio(m, h)} | ${ratio(sh, h)} | ${secs(d)} | ${ratio(m, d)} | ${split1} | ${split2} |`);
  }
} finally {
  await ch.close();
  await chSharded?.close();
  await chBefore?.close();
  await chBeforeSharded?.close();
  await duck?.close();
  await Promise.all(clients.map((x) => x.close()));
}
