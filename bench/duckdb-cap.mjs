// Caps every DuckDB instance a bench process opens (its own, and createSqlSource's or
// pulso-serve's, which take no such settings) so a long run on the shared machine does
// not take DuckDB's default 80% of RAM. Preloaded, it reaches child processes too:
//   NODE_OPTIONS="--import=$PWD/bench/duckdb-cap.mjs" npx tsx bench/pushdown-scale.node.ts FILE
// PULSO_BENCH_DUCKDB_MEMORY (default 8GB) and PULSO_BENCH_DUCKDB_THREADS (default 2)
// set the caps; a setting the caller passes itself wins. Each capped open is logged once
// to stderr, so a run shows the cap was in force.
import { DuckDBInstance } from '@duckdb/node-api';

const cap = {
  memory_limit: process.env.PULSO_BENCH_DUCKDB_MEMORY ?? '8GB',
  threads: process.env.PULSO_BENCH_DUCKDB_THREADS ?? '2',
};
const create = DuckDBInstance.create.bind(DuckDBInstance);
DuckDBInstance.create = (path, options) => {
  process.stderr.write(`duckdb-cap: ${path ?? ':memory:'} opened with memory_limit ${cap.memory_limit}, threads ${cap.threads} (pid ${process.pid})\n`);
  return create(path, { ...cap, ...options });
};
