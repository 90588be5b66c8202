/// <reference types="vite/client" />
// The ingest bench (`node bench/run-ingest.mjs`): the four tables of N events, from the
// same bytes, into Pulso (decode or parse, then validate: what the adapters and
// `loadTables` do, to the point a metric can run) and into DuckDB-WASM (its insert
// from Arrow IPC, JSON or CSV), contenders interleaved round by round, one table at a
// time so only one table's bytes are alive at once. Pulso's validation before it read
// columns (the row-by-row one, test/data/row-validate.ts) and its CSV reading before
// UTF-8 columns (pulso-csv-strings: arrays of strings) are timed beside it.
// Query: ?sizes=1000000,5000000&runs=3&bigRuns=1&beforeMax=5000000&only=pulso-arrow,duckdb-arrow&tables=customers
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { table as aqTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import { parseCsv } from '../src/adapters/csv-parse.js';
import { storedName } from '../src/data/column-name.js';
import { decodeArrow } from '../src/adapters/arrow-decode.js';
import { CsvAdapter } from '../src/adapters/csv.js';
import { rowsToTable } from '../src/data/fields.js';
import { frameOf } from '../src/data/frame.js';
import { SCHEMA, type Row, type TableName } from '../src/data/schema.js';
import * as arrow from 'apache-arrow';
import { validate } from '../src/data/validate.js';
import { rowValidate } from '../test/data/row-validate.js';
import { benchTables, mix } from './dataplane-data.js';
import { encode, FRAME_COLUMNS, type Encoded } from './ingest-data.js';
import { collect, heap, median, pause } from './measure.js';
import { loadArrow } from '../src/adapters/arrow-codec.js';
import { loadFetching } from '../src/adapters/fetching-load.js';

// decodeArrow below is synchronous: the Arrow codec (loaded on first use) comes first; so
// does the CSV reader's chunk, which a CsvAdapter loads on first use.
await loadArrow();
await loadFetching();

declare global {
  interface Window {
    __bench?: { done?: boolean; error?: string; lines?: string[] };
    __ingest?: SizeResult[];
  }
}

type Validator = (tables: Record<string, ColumnTable | readonly Row[]>) => { tables: Partial<Record<TableName, ColumnTable>>; report: { rejected: number } };

interface Contender {
  name: string;
  /** Runs the ingest of one table; resolves to what it keeps (for the heap reading). */
  run(name: TableName, e: Encoded): Promise<unknown> | unknown;
  pulso: boolean;
  /** Only at sizes up to this (the row path is slow). */
  maxN?: number;
}

export interface SizeResult {
  n: number;
  rows: Record<TableName, number>;
  bytes: { arrow: number; json: number; csv: number };
  /** Per contender: per-round totals over the four tables (ms). */
  ms: Record<string, number[]>;
  /** Per table and contender, the median (ms). */
  perTable: Record<string, Record<string, number>>;
  /** Pulso contenders: JS heap above the start, bytes: highest reading right after a table, and kept after GC (all four). */
  heap: Record<string, { peak: number; resident: number }>;
}

const q = new URLSearchParams(location.search);
const SIZES = (q.get('sizes') ?? '1000000,5000000').split(',').map(Number);
const RUNS = Number(q.get('runs') ?? 3);
const BIG_RUNS = Number(q.get('bigRuns') ?? 1);
const BEFORE_MAX = Number(q.get('beforeMax') ?? 5_000_000);
const ONLY = q.get('only')?.split(',');
const TABLES = (q.get('tables')?.split(',') ?? ['customers', 'activity', 'surveys', 'tickets']) as readonly TableName[];
const lines: string[] = [];
const log = (s: string) => {
  lines.push(s);
  console.log(s);
};


function ready(name: TableName, validated: ReturnType<Validator>): ColumnTable {
  if (validated.report.rejected) throw new Error(`${name}: ${validated.report.rejected} rows rejected`);
  const table = validated.tables[name]!;
  const f = frameOf(table);
  for (const [c, k] of FRAME_COLUMNS[name]) f[k](c);
  return table;
}

/** CSV as readCsv read it before its UTF-8 columns: parseCsv's arrays of strings. */
function csvStrings(text: string): ColumnTable {
  const parsed = parseCsv(text);
  const names = parsed.names.map(storedName);
  return aqTable(Object.fromEntries(names.map((n, i) => [n, parsed.columns[i]])), names);
}

/** The JSON's columns as Arrow types (numbers as doubles, the rest as text), said to DuckDB. */
function jsonColumns(name: TableName, e: Encoded): Record<string, arrow.DataType> {
  const first = JSON.parse(e.json.slice(0, e.json.indexOf('}') + 1) + ']') as Row[];
  const kind = (c: string) => SCHEMA[name].find((s) => s.name === c)?.kind;
  return Object.fromEntries(
    Object.keys(first[0]).map((c) => [c, kind(c) === 'number' ? new arrow.Float64() : new arrow.Utf8()]),
  );
}

async function duck(): Promise<{ db: duckdb.AsyncDuckDB; conn: duckdb.AsyncDuckDBConnection }> {
  const worker = new Worker(ehWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasm);
  return { db, conn: await db.connect() };
}

async function main() {
  const { db, conn } = await duck();
  const drop = (name: string) => conn.query(`DROP TABLE IF EXISTS ${name}`);
  const arrowTable = (name: TableName, e: Encoded, v: Validator) => ready(name, v({ [name]: decodeArrow(e.arrow, name) }));
  const jsonTable = (name: TableName, e: Encoded, v: Validator) => ready(name, v({ [name]: rowsToTable(JSON.parse(e.json) as Row[]) }));
  const csvTable = async (name: TableName, e: Encoded, v: Validator) =>
    ready(name, v({ [name]: (await new CsvAdapter({ text: { [name]: e.csv } }).load({ table: name })) as ColumnTable }));
  const contenders: Contender[] = [
    { name: 'pulso-arrow', pulso: true, run: (t, e) => arrowTable(t, e, validate) },
    { name: 'duckdb-arrow', pulso: false, run: async (t, e) => (await conn.insertArrowFromIPCStream(e.arrow.slice(), { name: t }), drop(t)) },
    { name: 'pulso-json', pulso: true, run: (t, e) => jsonTable(t, e, validate) },
    {
      // A JSON array of row objects: DuckDB-WASM detects no column in it, so they are said;
      // its JSON reader parses no ISO time with a fraction, so times come as text and are cast.
      name: 'duckdb-json',
      pulso: false,
      run: async (t, e) => {
        const columns = jsonColumns(t, e);
        await db.registerFileText(`${t}.json`, e.json);
        await conn.insertJSONFromPath(`${t}.json`, { name: `${t}_text`, shape: 'row-array', columns } as Parameters<typeof conn.insertJSONFromPath>[1]);
        const times = SCHEMA[t].filter((s) => s.kind === 'time' && s.name in columns).map((s) => `CAST("${s.name}" AS TIMESTAMP) AS "${s.name}"`);
        await conn.query(`CREATE TABLE ${t} AS SELECT * ${times.length ? `REPLACE (${times.join(', ')})` : ''} FROM ${t}_text`);
        await db.dropFile(`${t}.json`);
        await drop(`${t}_text`);
        await drop(t);
      },
    },
    { name: 'pulso-csv', pulso: true, run: (t, e) => csvTable(t, e, validate) },
    { name: 'pulso-csv-strings', pulso: true, run: (t, e) => ready(t, validate({ [t]: csvStrings(e.csv) })) },
    {
      name: 'duckdb-csv',
      pulso: false,
      run: async (t, e) => {
        await db.registerFileText(`${t}.csv`, e.csv);
        await conn.insertCSVFromPath(`${t}.csv`, { name: t, detect: true, header: true });
        await db.dropFile(`${t}.csv`);
        await drop(t);
      },
    },
    { name: 'pulso-arrow-rowpath', pulso: true, maxN: BEFORE_MAX, run: (t, e) => arrowTable(t, e, rowValidate) },
    { name: 'pulso-json-rowpath', pulso: true, maxN: BEFORE_MAX, run: (t, e) => jsonTable(t, e, rowValidate) },
  ];
  const results: SizeResult[] = [];
  for (const n of SIZES) {
    const runs = n >= 5_000_000 ? BIG_RUNS : RUNS;
    const active = contenders.filter((c) => (!c.maxN || n <= c.maxN) && (!ONLY || ONLY.includes(c.name)));
    const raw = benchTables(n);
    const result: SizeResult = {
      n,
      rows: mix(n) as Record<TableName, number>,
      bytes: { arrow: 0, json: 0, csv: 0 },
      ms: Object.fromEntries(active.map((c) => [c.name, new Array<number>(runs).fill(0)])),
      perTable: {},
      heap: Object.fromEntries(active.filter((c) => c.pulso).map((c) => [c.name, { peak: 0, resident: 0 }])),
    };
    for (const name of TABLES) {
      const e = encode(name, raw[name]);
      result.bytes.arrow += e.arrow.length;
      result.bytes.json += e.json.length;
      result.bytes.csv += e.csv.length;
      log(`${n} ${name}: ${e.rows} rows; arrow ${(e.arrow.length / 1e6).toFixed(1)} MB, json ${(e.json.length / 1e6).toFixed(1)} MB, csv ${(e.csv.length / 1e6).toFixed(1)} MB`);
      const times: Record<string, number[]> = {};
      for (let r = 0; r < runs; r++) {
        for (const c of active) {
          collect();
          await pause();
          const base = heap();
          const t0 = performance.now();
          let kept: unknown = await c.run(name, e);
          const ms = performance.now() - t0;
          const after = heap();
          (times[c.name] ??= []).push(ms);
          result.ms[c.name][r] += ms;
          if (c.pulso && r === 0) {
            // High-water: this table's reading right after it, on top of the tables loaded before it.
            const h = result.heap[c.name];
            h.peak = Math.max(h.peak, h.resident + after - base);
            collect();
            h.resident += heap() - base;
          }
          kept = undefined;
          void kept;
          log(`  ${c.name} ${name} run ${r + 1}: ${ms.toFixed(0)} ms`);
          await pause();
        }
      }
      result.perTable[name] = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
    }
    results.push(result);
    for (const c of active) log(`${n} ${c.name}: median ${median(result.ms[c.name]).toFixed(0)} ms`);
  }
  await conn.close();
  await db.terminate();
  window.__ingest = results;
}

main().then(
  () => (window.__bench = { done: true, lines }),
  (error: unknown) => (window.__bench = { error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
);
