// atRisk at a DuckDB source: compiled to SQL (the readings of the customers that can be
// listed, finished by the kernel's atRiskRow/rankAtRisk) against the rows path pulso-serve
// took before (load every row of customers, activity, surveys and tickets through
// `load`, then runQuery), on the seeded health plan's file (scripts/health-plan-file.mjs).
// The demo widget's query (by plan, value revenue, asOf the data's end). Both answers
// must be equal (the bench stops otherwise). Contenders interleaved: compiled, rows,
// compiled; one run of the rows path (it takes minutes at 10M events).
//   npx tsx bench/at-risk-pushdown.node.ts FILE [--no-rows]
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { Row, TableName } from '../src/data/schema.js';
import { queryTables, runQuery } from '../src/query/run.js';
import type { MetricQuery } from '../src/query/types.js';
import { createSqlSource } from '../src/server/index.js';

const FILE = process.argv[2];
const ROWS = !process.argv.includes('--no-rows');
const query: MetricQuery = { metric: 'atRisk', options: { asOf: '2026-11-01', by: 'plan', value: 'revenue' } };
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await work();
  return [out, performance.now() - t0];
}

const source = createSqlSource({ engine: 'duckdb', path: FILE });
console.log(`file ${FILE} (${(statSync(FILE).size / 2 ** 20).toFixed(0)} MiB), load ${load()}`);
const [, pass] = await timed(() => source.report());
console.log(`validation pass ${seconds(pass)}`);
const [compiled, first] = await timed(() => source.aggregate(query));
console.log(`compiled: ${compiled.length} rows in ${seconds(first)}, ${JSON.stringify(compiled).length} B as JSON, load ${load()}`);
if (ROWS) {
  const counts: Record<string, number> = {};
  const [tables, loading] = await timed(async () => {
    const out: Partial<Record<TableName, readonly Row[]>> = {};
    for (const table of queryTables(query)) out[table] = await source.load({ table });
    return out;
  });
  for (const [t, rows] of Object.entries(tables)) counts[t] = rows!.length;
  const [viaRows, computing] = await timed(async () => runQuery(tables, query));
  console.log(`rows path: load ${seconds(loading)} (${JSON.stringify(counts)}), runQuery ${seconds(computing)}, total ${seconds(loading + computing)}, load ${load()}`);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(viaRows)), JSON.parse(JSON.stringify(compiled)))) {
    console.error('the answers differ');
    process.exit(1);
  }
  console.log(`equal answers (${viaRows.length} rows)`);
}
const [, second] = await timed(() => source.aggregate(query));
console.log(`compiled again: ${seconds(second)}, load ${load()}`);
await source.close();
