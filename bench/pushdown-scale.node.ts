// Push-down at scale: each query of the demo dashboard (as bench/run-scale.mjs records
// it, with pulso-serve's minCellSize 11) computed by `createSqlSource` on the seeded
// health plan's DuckDB file (scripts/health-plan-file.mjs), against a hand-written
// DuckDB query for the same counts on the same file — written as an analyst would, for
// this data: straight on the host tables, leaving out the rows validation rejects here
// (NPS answers above 10, tickets resolved before they were opened), without checking
// anything else. One key count of each answer is compared before timing. Both run on
// their own instance of the file, interleaved, median of RUNS. Prints a Markdown table.
//   npx tsx bench/pushdown-scale.node.ts FILE [runs=3] [--per-query]
// runs=0 times the agreeing run itself (one run each, for sizes where a query takes minutes; not with --per-query or --before).
// `--per-query` also times the source with validateOnce: false (every rule in every query).
// `--before=DIR` also times another checkout's source (DIR/src/server/index.ts, e.g. made by
// `git archive REV src demo | tar -x -C DIR`), interleaved with the others: before and after a change.
// `--only=TEXT|TEXT…` times only the queries whose label holds one of the TEXTs.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Row } from '../src/data/schema.js';
import type { MetricQuery } from '../src/query/types.js';
import { createSqlSource } from '../src/server/index.js';

const FILE = process.argv[2];
const RUNS = Number(process.argv[3] ?? 3);
const PER_QUERY = process.argv.includes('--per-query');
const BEFORE = process.argv.find((a) => a.startsWith('--before='))?.slice('--before='.length);
/** `--only=TEXT|TEXT…`: the cases whose label holds one of the TEXTs. */
const ONLY = (process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? '').split('|');
const FROM = Date.UTC(2025, 10, 1);
const TO = Date.UTC(2026, 10, 1);
const PREV = FROM - (TO - FROM);
const k = 11;
const ts = (ms: number) => `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)}'`;
const MONTH = (col: string) => `(year(${col}) * 12 + month(${col}) - 1)`;
const VALID_TICKETS = `(resolved_at IS NULL OR resolved_at >= opened_at)`;
const FEATURES = ['teleconsult', 'lab_results', 'prescription_renewal', 'chat_with_nurse'];
const STEPS = ['signup', 'first_login', 'profile_completed', 'booked_appointment', 'teleconsult'];
const DAY = 86_400_000;

interface Case {
  label: string;
  query: MetricQuery;
  hand: string;
  /** The count both answers must agree on: from the source's rows, and from the hand-written rows. */
  key: (rows: Row[]) => number;
  handKey: (rows: Record<string, unknown>[]) => number;
}

const sum = (xs: Iterable<unknown>) => [...xs].reduce<number>((n, x) => n + Number(x ?? 0), 0);
const windows = (col: string) => `CASE WHEN ${col} >= ${ts(PREV)} AND ${col} < ${ts(FROM)} THEN 0 WHEN ${col} >= ${ts(FROM)} AND ${col} < ${ts(TO)} THEN 1 END`;
/** The range, the one before it, and each month of the range. */
const spanWindows = `(SELECT ${ts(PREV)} AS ws, ${ts(FROM)} AS we UNION ALL SELECT ${ts(FROM)}, ${ts(TO)} UNION ALL
  SELECT ${ts(FROM)} + INTERVAL (i) MONTH, ${ts(FROM)} + INTERVAL (i + 1) MONTH FROM range(12) r(i))`;

const CASES: Case[] = [
  {
    label: 'kpis churnRate, monthly sparkline',
    query: { metric: 'kpis', options: { metrics: ['churnRate'], minSample: 30, from: FROM, to: TO, period: 'month', minCellSize: k } },
    // Churned in the window among the customers there at its start.
    hand: `SELECT w.ws, w.we, count(*) FILTER (WHERE c.churned_at >= w.ws AND c.churned_at < w.we) AS num, count(*) AS den
FROM customers c JOIN ${spanWindows} w ON c.signup_at < w.ws AND (c.churned_at IS NULL OR c.churned_at >= w.ws) GROUP BY w.ws, w.we`,
    key: (rows) => Number((rows[0] as { n?: number }).n),
    handKey: (rows) => Number(rows.find((r) => Number(new Date(String(r.ws))) === FROM && Number(new Date(String(r.we))) === TO)?.den),
  },
  {
    label: 'kpis nps (range and the one before)',
    query: { metric: 'kpis', options: { metrics: ['nps'], minSample: 30, from: FROM, to: TO, minCellSize: k } },
    hand: `SELECT ${windows('"at"')} AS j, count(*) FILTER (WHERE score >= 9) AS pr, count(*) FILTER (WHERE score < 7) AS de, count(*) AS n
FROM surveys WHERE kind = 'nps' AND score <= 10 GROUP BY 1`,
    key: (rows) => Number((rows[0] as { n?: number }).n),
    handKey: (rows) => Number(rows.find((r) => Number(r.j) === 1)?.n),
  },
  {
    label: 'kpis firstResponseMedian, monthly sparkline',
    query: { metric: 'kpis', options: { metrics: ['firstResponseMedian'], minSample: 30, from: FROM, to: TO, period: 'month', minCellSize: k } },
    hand: `SELECT ${windows('opened_at')} AS j, count(first_response_at) AS n, median(epoch_ms(first_response_at) - epoch_ms(opened_at)) AS med FROM tickets WHERE ${VALID_TICKETS} GROUP BY 1
UNION ALL SELECT 10 + ${MONTH('opened_at')}, count(first_response_at), median(epoch_ms(first_response_at) - epoch_ms(opened_at)) FROM tickets
WHERE ${VALID_TICKETS} AND opened_at >= ${ts(FROM)} AND opened_at < ${ts(TO)} GROUP BY 1`,
    key: (rows) => Number((rows[0] as { n?: number }).n),
    handKey: (rows) => Number(rows.find((r) => Number(r.j) === 1)?.n),
  },
  {
    label: 'retention (monthly cohorts, subscription)',
    query: { metric: 'retention', options: { period: 'month', mode: 'subscription', cohortBy: 'signup', asOf: '2026-11-01', from: '2025-11-01', to: '2026-11-01', minCellSize: k } },
    hand: `SELECT ${MONTH('signup_at')} AS c, ${MONTH('churned_at')} AS ci, count(*) AS n FROM customers
WHERE signup_at >= ${ts(FROM)} AND signup_at < ${ts(TO)} GROUP BY 1, 2`,
    key: (rows) => sum((rows as unknown as { offset: number; size: number }[]).filter((r) => r.offset === 0).map((r) => r.size)),
    handKey: (rows) => sum(rows.map((r) => r.n)),
  },
  {
    label: 'npsTrend (monthly)',
    query: { metric: 'npsTrend', options: { period: 'month', from: '2025-11-01', to: '2026-11-01', minCellSize: k } },
    hand: `SELECT ${MONTH('"at"')} AS p, count(*) FILTER (WHERE score >= 9) AS pr, count(*) FILTER (WHERE score >= 7 AND score < 9) AS pa, count(*) FILTER (WHERE score < 7) AS de
FROM surveys WHERE kind = 'nps' AND score <= 10 AND "at" >= ${ts(FROM)} AND "at" < ${ts(TO)} GROUP BY 1`,
    key: (rows) => sum((rows as unknown as { responses?: number; n?: number }[]).map((r) => r.responses ?? r.n)),
    handKey: (rows) => sum(rows.map((r) => Number(r.pr) + Number(r.pa) + Number(r.de))),
  },
  {
    label: 'channelCsat by channel',
    query: { metric: 'channelCsat', options: { by: 'channel', maxSegments: 15, from: FROM, to: TO, minCellSize: k } },
    hand: `SELECT channel, count(*) AS n, count(*) FILTER (WHERE score >= 4) AS sat, sum(score) AS total
FROM surveys WHERE kind = 'csat' AND "at" >= ${ts(FROM)} AND "at" < ${ts(TO)} GROUP BY 1`,
    key: (rows) => sum((rows as unknown as { n: number }[]).map((r) => r.n)),
    handKey: (rows) => sum(rows.map((r) => r.n)),
  },
  {
    label: 'ticketStats by channel',
    query: { metric: 'ticketStats', options: { by: 'channel', from: FROM, to: TO, maxSegments: 15, minCellSize: k } },
    hand: `SELECT channel, count(*) AS n, count(resolved_at) AS resolved, count(*) FILTER (WHERE resolved_at IS NOT NULL AND contacts = 1) AS fcr,
  median(epoch_ms(first_response_at) - epoch_ms(opened_at)) AS rsp, median(epoch_ms(resolved_at) - epoch_ms(opened_at)) AS res
FROM tickets WHERE ${VALID_TICKETS} AND opened_at >= ${ts(FROM)} AND opened_at < ${ts(TO)} GROUP BY 1`,
    key: (rows) => sum((rows as unknown as { tickets: number }[]).map((r) => r.tickets)),
    handKey: (rows) => sum(rows.map((r) => r.n)),
  },
  {
    label: 'featureAdoption (4 features, monthly, compared)',
    query: {
      metric: 'featureAdoption',
      options: { from: '2025-11-01', to: '2026-11-01', minSample: 30, features: FEATURES, compare: 'features', period: 'month', minCellSize: k },
    },
    // The fastest correct SQL found (h13s): each customer once, its months as bits (12 fit a BIGINT), then
    // the bits counted per month; the obvious DISTINCTs and self-join took 1.5–3× as long.
    hand: `WITH cu AS (SELECT customer_id, bit_or(1::BIGINT << (${MONTH('"at"')} - ${MONTH(ts(FROM))})) AS a,
  ${FEATURES.map((f, i) => `bit_or(CASE WHEN event = '${f}' THEN 1::BIGINT << (${MONTH('"at"')} - ${MONTH(ts(FROM))}) ELSE 0 END) AS f${i}`).join(',\n  ')}
  FROM activity WHERE "at" >= ${ts(FROM)} AND "at" < ${ts(TO)} GROUP BY customer_id)
SELECT i, count(*) FILTER (WHERE (a >> i) & 1 = 1) AS n,
  ${FEATURES.map((_, i) => `count(*) FILTER (WHERE (f${i} >> i) & 1 = 1) AS n${i}`).join(', ')},
  ${FEATURES.slice(1).map((_, j) => `count(*) FILTER (WHERE ((f${j + 1} & f0) >> i) & 1 = 1) AS w${j + 1}`).join(', ')}
FROM cu, range(12) r(i) GROUP BY i`,
    key: (rows) => sum((rows as unknown as { feature: string; active: number }[]).filter((r) => r.feature === FEATURES[0]).map((r) => r.active)),
    handKey: (rows) => sum(rows.map((r) => r.n)),
  },
  {
    label: 'funnel (5 onboarding steps, P30D, ordered)',
    query: { metric: 'funnel', options: { from: '2025-11-01', to: '2026-11-01', minSample: 30, steps: STEPS, window: 'P30D', minCellSize: k } },
    // Each signup in range, then each next step's first event after the previous one, within 30 days of the signup.
    hand: `WITH e AS (SELECT customer_id AS c, epoch_ms("at") AS t, event FROM activity
  WHERE event IN (${STEPS.map((s) => `'${s}'`).join(', ')}) AND "at" >= ${ts(FROM)} AND "at" < ${ts(TO + 31 * DAY)}),
s1 AS (SELECT c, t AS t0, t AS t1 FROM e WHERE event = '${STEPS[0]}' AND t < ${TO}),
${STEPS.slice(1)
  .map((s, i) => `s${i + 2} AS (SELECT a.c, a.t0, min(e.t) AS t${i + 2} FROM s${i + 1} a JOIN e ON e.c = a.c AND e.event = '${s}' AND e.t >= a.t${i + 1} AND e.t <= a.t0 + ${30 * DAY} GROUP BY 1, 2)`)
  .join(',\n')}
${STEPS.map((_, i) => `SELECT ${i + 1} AS j, count(DISTINCT c) AS n, median(t${i + 1} - t0) AS med FROM s${i + 1}`).join(' UNION ALL ')}`,
    key: (rows) => Number((rows as unknown as { index: number; entered: number }[]).find((r) => r.index === 3)?.entered),
    handKey: (rows) => Number(rows.find((r) => Number(r.j) === 3)?.n),
  },
];

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function main(): Promise<void> {
  const load0 = loadavg()[0];
  const source = createSqlSource({ engine: 'duckdb', path: FILE });
  let t = now();
  const report = await source.report();
  const validateMs = now() - t;
  const perQuery = PER_QUERY ? createSqlSource({ engine: 'duckdb', path: FILE, validateOnce: false }) : undefined;
  const before = BEFORE ? ((await import(resolve(BEFORE, 'src/server/index.ts'))) as { createSqlSource: typeof createSqlSource }).createSqlSource({ engine: 'duckdb', path: FILE }) : undefined;
  await before?.report();
  const db = await DuckDBInstance.create(FILE, { access_mode: 'READ_ONLY' });
  const con = await db.connect();
  const hand = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS();
  const [{ n: events }] = await hand('SELECT count(*) AS n FROM activity');
  const lines: string[] = [];
  for (const c of CASES.filter((k) => ONLY.some((o) => k.label.includes(o)))) {
    // Agree first (and warm both); with runs=0 this first run is the one timed.
    t = now();
    const rows = await source.aggregate(c.query);
    const first = { compiled: now() - t, hand: 0 };
    const mine = c.key(rows);
    t = now();
    const theirs = c.handKey(await hand(c.hand));
    first.hand = now() - t;
    console.error(`${c.label}: first run compiled ${fmt(first.compiled)}, hand-written ${fmt(first.hand)}, load ${loadavg()[0].toFixed(1)}`);
    if (mine !== theirs) throw new Error(`${c.label}: the source says ${mine}, the hand-written query ${theirs}`);
    if (before && JSON.stringify(await before.aggregate(c.query)) !== JSON.stringify(rows)) throw new Error(`${c.label}: the answer before differs`);
    const times = { compiled: RUNS ? [] : [first.compiled], hand: RUNS ? [] : [first.hand], perQuery: [] as number[], before: [] as number[] };
    for (let r = 0; r < RUNS; r++) {
      if (before) {
        t = now();
        await before.aggregate(c.query);
        times.before.push(now() - t);
      }
      t = now();
      await source.aggregate(c.query);
      times.compiled.push(now() - t);
      t = now();
      await hand(c.hand);
      times.hand.push(now() - t);
      if (perQuery) {
        t = now();
        await perQuery.aggregate(c.query);
        times.perQuery.push(now() - t);
      }
    }
    const [a, b] = [median(times.compiled), median(times.hand)];
    const pq = perQuery ? ` ${fmt(median(times.perQuery))} (${(median(times.perQuery) / b).toFixed(2)}×) |` : '';
    const was = before ? ` ${fmt(median(times.before))} (${(median(times.before) / b).toFixed(2)}×) |` : '';
    const line = `| ${c.label} | ${mine.toLocaleString('en')} |${was} ${fmt(a)} | ${fmt(b)} | **${(a / b).toFixed(2)}×** |${pq} ${JSON.stringify(rows).length.toLocaleString('en')} B |`;
    console.log(line);
    lines.push(line);
  }
  con.closeSync();
  db.closeSync();
  await source.close();
  await perQuery?.close();
  await before?.close();
  console.log(`\nfile ${FILE}: ${Number(events).toLocaleString('en')} activity events, ${(statSync(FILE).size / 2 ** 20).toFixed(0)} MiB; validation once ${fmt(validateMs)} (${report.accepted.toLocaleString('en')} rows kept, ${report.rejected.toLocaleString('en')} left out); load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}; median of ${RUNS}`);
  console.log(`| query | key count |${BEFORE ? ' compiled before (/ hand) |' : ''} compiled (createSqlSource) | hand-written | compiled / hand |${PER_QUERY ? ' every rule in every query |' : ''} answer as JSON |`);
  console.log(lines.join('\n'));
}

await main();
