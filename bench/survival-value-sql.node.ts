// Survival and value at the source: the retention section's queries (as the demo page
// asks them, with pulso-serve's minCellSize 11) computed by `createSqlSource` in SQL,
// against the path pulso-serve took before they had a compiler — load the customers
// table from the source, then runQuery on its rows. Both on the same validated DuckDB
// file (scripts/health-plan-file.mjs), contenders interleaved, one run each (the
// answers are compared first). Prints a Markdown table.
//   npx tsx bench/survival-value-sql.node.ts FILE
import { loadavg } from 'node:os';
import type { Row } from '../src/data/schema.js';
import { runQuery } from '../src/query/run.js';
import type { MetricQuery } from '../src/query/types.js';
import { createSqlSource } from '../src/server/index.js';

const FILE = process.argv[2];
const AS_OF = Date.UTC(2026, 10, 1);
const k = 11;
const QUERIES: MetricQuery[] = [
  { metric: 'survival', options: { asOf: AS_OF, by: 'plan', unit: 'month', minGroupSize: 30, minCellSize: k } },
  { metric: 'survivalSummary', options: { asOf: AS_OF, by: 'plan', unit: 'month', minGroupSize: 30, minCellSize: k } },
  { metric: 'valueConcentration', options: { asOf: AS_OF, minCellSize: k } },
  { metric: 'paretoCurve', options: { asOf: AS_OF, points: 201, minCellSize: k } },
];

/** Same numbers within 1e-9 (relative), same strings and nulls. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && kb.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await work();
  return [out, (performance.now() - t0) / 1000];
}

const source = createSqlSource({ engine: 'duckdb', path: FILE });
try {
  const [, ready] = await timed(() => source.report());
  console.log(`validation once: ${ready.toFixed(1)} s; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  console.log('| query | in SQL (compiled) | from rows (load customers + runQuery) | ratio | rows answered | same answer |');
  console.log('|---|---|---|---|---|---|');
  for (const query of QUERIES) {
    const [sql, tSql] = await timed(() => source.aggregate(query));
    const [rows, tRows] = await timed(async () => runQuery({ customers: (await source.load({ table: 'customers' })) as Row[] }, query));
    const label = `${query.metric} ${JSON.stringify(query.options).replace(/"asOf":\d+,?/, '')}`;
    console.log(`| ${label} | ${tSql.toFixed(2)} s | ${tRows.toFixed(1)} s | ${(tRows / tSql).toFixed(0)}× | ${sql.length} | ${same(sql, rows) ? 'yes' : 'NO'} |`);
  }
  console.log(`\nload after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  await source.close();
}
