// The sources pulso-serve can open: the seeded demo health plan and JSON files, held in
// memory by createMemorySource, and SQL databases through createSqlSource. The one
// place a source kind is wired to its implementation.
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { generateHealthPlan } from '../../demo/data/health-plan.js';
import { TABLE_NAMES } from '../data/schema.js';
import type { Row, Tables, ValidationReport } from '../data/schema.js';
import { UsageError } from './cli.js';
import type { SourceChoice, SourceFactory } from './cli.js';
import { createMemorySource } from './memory-source.js';
import { createSqlSource } from './source.js';
import type { PulsoSource } from './types.js';

export const openSource: SourceFactory = async (choice) => {
  switch (choice.kind) {
    case 'demo':
      return demoSource(choice.customers);
    case 'json':
      return createMemorySource(await jsonTables(choice.dir), { id: `json:${basename(resolve(choice.dir))}` });
    case 'duckdb':
      return choice.report ? reported(sqlSource(choice), choice.report) : prepared(sqlSource(choice));
    case 'postgres':
      return prepared(sqlSource(choice));
    case 'clickhouse':
      return sqlSource(choice);
  }
};

/** A database through createSqlSource: the metrics it computes in SQL, its rows for the others. */
function sqlSource(choice: Extract<SourceChoice, { kind: 'duckdb' | 'postgres' | 'clickhouse' }>): PulsoSource {
  switch (choice.kind) {
    case 'duckdb':
      return createSqlSource({ engine: 'duckdb', path: choice.file });
    case 'postgres':
      return createSqlSource({ engine: 'postgres', connectionString: choice.url });
    case 'clickhouse':
      return createSqlSource({ engine: 'clickhouse', url: choice.url, database: choice.database, shardedBy: choice.shardedBy, factsFile: choice.factsFile });
  }
}

/**
 * The source once its tables are read (a DuckDB file's are validated once, here): the
 * server starts answering when the first dashboard can be answered quickly.
 */
async function prepared(source: ReturnType<typeof sqlSource>): Promise<PulsoSource> {
  const t0 = performance.now();
  console.log('pulso-serve: reading and validating the tables…');
  try {
    const report = await source.report();
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`pulso-serve: ${report.accepted.toLocaleString('en-US')} valid rows, ${report.rejected.toLocaleString('en-US')} left out, in ${seconds} s`);
  } catch (error) {
    await source.close();
    throw error;
  }
  return source;
}

/**
 * A DuckDB file whose report was kept with its answers (the same file: cli-cache.ts):
 * served at once, its tables validated by the first query that is not kept.
 */
function reported(source: ReturnType<typeof sqlSource>, report: ValidationReport): PulsoSource {
  console.log(`pulso-serve: ${report.accepted.toLocaleString('en-US')} valid rows, ${report.rejected.toLocaleString('en-US')} left out (kept from the last run on this file)`);
  return { ...source, report: () => Promise.resolve(structuredClone(report)) };
}

/** The demo's seeded health plan (demo/data/health-plan.ts), `customers` big. */
export function demoSource(customers: number): PulsoSource {
  const plan = generateHealthPlan({ customers });
  const tables: Tables = { customers: plan.customers, activity: plan.activity, surveys: plan.surveys, tickets: plan.tickets };
  return createMemorySource(tables, { id: `demo:${customers}` });
}

/** `DIR/{table}.json` for each table that has a file there (at least one). */
async function jsonTables(dir: string): Promise<Tables> {
  const tables: Tables = {};
  for (const table of TABLE_NAMES) {
    const file = join(dir, `${table}.json`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!Array.isArray(rows)) throw new UsageError(`${file} must hold a JSON array of rows`);
    tables[table] = rows as Row[];
  }
  if (!Object.keys(tables).length) throw new UsageError(`${dir} has none of ${TABLE_NAMES.map((t) => `${t}.json`).join(', ')}`);
  return tables;
}
