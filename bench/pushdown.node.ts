// Push-down against the browser path, in one Node process on the same seeded rows:
// `createSqlSource` on a DuckDB file computing featureAdoption and funnel at 1M activity
// events, against what a tab does with the rows (validate them, then runQuery), and the
// bytes each path would send (the rows as JSON against the answer as JSON); and, for
// featureAdoption, the compiled SQL against a hand-written query for the same counts on
// the same file (the bench rows are all valid, so it may skip validation). Answers are
// compared before anything is timed. Run: `npx tsx bench/pushdown.node.ts [events]`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, timestampValue, type DuckDBAppender } from '@duckdb/node-api';
import { validate } from '../src/data/validate.js';
import type { Row } from '../src/data/schema.js';
import { runQuery } from '../src/query/run.js';
import type { MetricQuery } from '../src/query/types.js';
import { createSqlSource } from '../src/server/index.js';
import { FEATURES, FUNNEL_STEPS, generateMix, rawTables, type Activity, type Coded, type Customers } from './generate.js';

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const CUSTOMERS = Math.round(EVENTS / 20);
const RUNS = 5;

const QUERIES: MetricQuery[] = [
  { metric: 'featureAdoption', options: { features: FEATURES, period: 'month', by: 'user_type' } },
  { metric: 'funnel', options: { steps: FUNNEL_STEPS, window: 'P14D', timeZone: 'America/Sao_Paulo' } },
];

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const label = (c: Coded, i: number) => (c.codes[i] < 0 ? null : c.labels[c.codes[i]]);

function time(app: DuckDBAppender, ms: number): void {
  if (Number.isNaN(ms)) app.appendNull();
  else app.appendTimestamp(timestampValue(BigInt(Math.round(ms)) * 1000n));
}

function text(app: DuckDBAppender, s: string | null): void {
  if (s === null) app.appendNull();
  else app.appendVarchar(s);
}

async function writeDuckDB(path: string, c: Customers, a: Activity): Promise<void> {
  const db = await DuckDBInstance.create(path);
  const con = await db.connect();
  await con.run('CREATE TABLE customers (customer_id VARCHAR, signup_at TIMESTAMP, churned_at TIMESTAMP, user_type VARCHAR)');
  await con.run('CREATE TABLE activity (customer_id VARCHAR, "at" TIMESTAMP, event VARCHAR)');
  let app = await con.createAppender('customers');
  for (let i = 0; i < c.n; i++) {
    text(app, c.ids[i]);
    time(app, c.signup[i]);
    time(app, c.churned[i]);
    text(app, label(c.userType, i));
    app.endRow();
  }
  app.closeSync();
  app = await con.createAppender('activity');
  for (let i = 0; i < a.n; i++) {
    text(app, c.ids[a.customer[i]]);
    time(app, a.at[i]);
    text(app, label(a.event, i));
    app.endRow();
  }
  app.closeSync();
  await con.run('CHECKPOINT');
  con.closeSync();
  db.closeSync();
}

/** JSON length of a table's rows as a REST API would send them (summed per row, so no giant string). */
function jsonBytes(rows: Iterable<object>): number {
  let n = 2;
  for (const r of rows) n += Buffer.byteLength(JSON.stringify(r)) + 1;
  return n;
}

function same(a: unknown, b: unknown, path: string): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(b))) throw new Error(`${path}: ${a} ≠ ${b}`);
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) throw new Error(`${path}: keys ${ka.join()} ≠ ${kb.join()}`);
    for (const k of ka) same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  if (a !== b) throw new Error(`${path}: ${String(a)} ≠ ${String(b)}`);
}

/** featureAdoption's counts by hand: distinct active customers and adopters per month and user_type. */
const HAND_ADOPTION = `SELECT strftime(date_trunc('month', a."at"), '%Y-%m-%d') AS period, coalesce(c.user_type, '(none)') AS segment,
  count(DISTINCT a.customer_id) AS active,
  ${FEATURES.map((f, i) => `count(DISTINCT a.customer_id) FILTER (WHERE a.event = '${f}') AS f${i}`).join(', ')}
FROM activity a LEFT JOIN customers c ON c.customer_id = a.customer_id GROUP BY 1, 2`;

interface AdoptionRow {
  period: string;
  segment: string;
  feature: string;
  active: number;
  adopters: number;
}

/** Runs the hand-written query on its own connection; checks its counts against the source's rows. */
async function handAdoption(file: string, rows: readonly Row[]): Promise<number[]> {
  const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const con = await db.connect();
  const times: number[] = [];
  let got: Record<string, unknown>[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = now();
    got = (await con.runAndReadAll(HAND_ADOPTION)).getRowObjectsJS();
    times.push(now() - t);
  }
  con.closeSync();
  db.closeSync();
  const hand = new Map<string, [number, number]>();
  for (const g of got) FEATURES.forEach((f, i) => hand.set(`${String(g.period)}|${String(g.segment)}|${f}`, [Number(g.active), Number(g[`f${i}`])]));
  let checked = 0;
  for (const r of rows as unknown as AdoptionRow[]) {
    if (!r.active) continue;
    const h = hand.get(`${r.period}|${r.segment}|${r.feature}`);
    if (!h || h[0] !== r.active || h[1] !== r.adopters) throw new Error(`hand-written featureAdoption differs at ${JSON.stringify(r)}: ${JSON.stringify(h)}`);
    checked++;
  }
  if (checked !== hand.size) throw new Error(`hand-written featureAdoption has ${hand.size} cells, the source ${checked}`);
  return times;
}

async function main(): Promise<void> {
  const load0 = loadavg();
  const t0 = now();
  const data = generateMix({ customers: CUSTOMERS, activity: EVENTS, surveys: 1, tickets: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'pulso-bench-'));
  const file = join(dir, 'bench.duckdb');
  try {
    await writeDuckDB(file, data.customers, data.activity);
    const writeMs = now() - t0;
    const raw = { customers: rawTables.customers(data.customers), activity: rawTables.activity(data.activity, data.customers.ids) };
    const rowsBytes = jsonBytes(raw.customers.objects() as object[]) + jsonBytes(raw.activity.objects() as object[]);

    const t1 = now();
    const { tables } = validate(raw);
    const validateMs = now() - t1;
    const source = createSqlSource({ engine: 'duckdb', path: file });
    const out: string[] = [];
    const notes: string[] = [];
    for (const query of QUERIES) {
      // First calls: the browser's builds its typed frames, DuckDB's reads the catalog and the file.
      let t = now();
      const expected = runQuery(tables, query);
      const browserFirst = now() - t;
      t = now();
      const actual = await source.aggregate(query);
      const sqlFirst = now() - t;
      same(actual, expected, query.metric);
      const browser: number[] = [];
      const sql: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        t = now();
        runQuery(tables, query);
        browser.push(now() - t);
        t = now();
        await source.aggregate(query);
        sql.push(now() - t);
      }
      const answerBytes = Buffer.byteLength(JSON.stringify(actual as Row[]));
      if (query.metric === 'featureAdoption') {
        const hand = median(await handAdoption(file, actual));
        notes.push(`featureAdoption: compiled SQL ${median(sql).toFixed(0)} ms, hand-written SQL ${hand.toFixed(0)} ms (same counts): ${(median(sql) / hand).toFixed(2)}×`);
      }
      out.push(
        `| ${query.metric} | ${JSON.stringify(query.options)} | ${expected.length} | ${median(sql).toFixed(0)} (first ${sqlFirst.toFixed(0)}) | ` +
          `${median(browser).toFixed(0)} (first ${browserFirst.toFixed(0)}) | ${validateMs.toFixed(0)} | ${(median(sql) / median(browser)).toFixed(2)} | ${answerBytes.toLocaleString('en')} |`,
      );
    }
    await source.close();
    const load1 = loadavg();
    console.log(`events ${EVENTS.toLocaleString('en')}, customers ${CUSTOMERS.toLocaleString('en')}; DuckDB file ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB (written in ${(writeMs / 1000).toFixed(1)} s)`);
    console.log(`rows as JSON (customers + activity): ${(rowsBytes / 2 ** 20).toFixed(1)} MiB`);
    console.log(`load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')}; ${RUNS} runs each, interleaved, medians in ms`);
    console.log('| metric | options | rows | DuckDB aggregate ms | runQuery ms (warm frames) | validate ms (once) | DuckDB / runQuery | answer JSON bytes |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const line of out) console.log(line);
    for (const line of notes) console.log(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
