// Validation once per source (DuckDB): each table's checked rows (valid.ts) are written
// once into the engine's scratch database, their problems counted there for report(),
// and the valid rows kept — for a table with a unique id, a table of one row per id; for
// the others, a view leaving out the rejected rows — so every query then reads stored,
// normalized rows instead of trimming, parsing and de-duplicating the host's table again.
// Only for engines that give a scratch database and data that cannot change while the
// source is open (a DuckDB file opened by it; PostgreSQL is live and validates per query).
import { SCHEMA, TABLE_NAMES, type ValidationReport } from '../data/schema.js';
import type { Catalog } from './catalog.js';
import type { StoredTables } from './context.js';
import type { Dialect } from './dialect.js';
import type { Engine } from './engine.js';
import { reportOf, type ReportStatement } from './report.js';
import { ident, Params, type BoundStatement } from './sql.js';
import { checkedRelation, uniqueColumn, validRelation } from './valid.js';

export interface Materialized {
  readonly stored: StoredTables;
  readonly report: ValidationReport;
  /** How long writing the tables took (ms). */
  readonly ms: number;
}

/** Writes each table of the catalog once, validated, into `engine.scratch`. */
export async function materialize(engine: Engine, d: Dialect, catalog: Catalog, signal?: AbortSignal): Promise<Materialized> {
  const scratch = engine.scratch!;
  const t0 = performance.now();
  const stored: StoredTables = {};
  const reports: ReportStatement[] = [];
  const counts: Awaited<ReturnType<Engine['run']>> = [];
  for (const table of TABLE_NAMES) {
    const model = catalog[table];
    if (!model) continue;
    const p = new Params(d);
    const checked = checkedRelation(model, d, p, model.extras.keys());
    const c = `${scratch}.${ident(`checked_${table}`)}`;
    const v = `${scratch}.${ident(`valid_${table}`)}`;
    const id = uniqueColumn(table);
    const statements: BoundStatement[] = [
      { text: `DROP VIEW IF EXISTS ${v}`, params: [] },
      { text: `DROP TABLE IF EXISTS ${v}`, params: [] },
      { text: `CREATE OR REPLACE TABLE ${c} AS ${checked.sql}`, params: [...p.list] },
      {
        text: `SELECT _problem AS problem, count(*) AS n, ${id ? `count(DISTINCT ${ident(id)})` : 'count(*)'} AS d FROM ${c} GROUP BY _problem`,
        params: [],
      },
    ];
    if (id) {
      const columns = SCHEMA[table].map((s) => s.name);
      for (const e of checked.extras.values()) columns.push(e.name);
      statements.push(
        { text: `CREATE TABLE ${v} AS SELECT * EXCLUDE (_problem, _dup) FROM (${validRelation(table, c, columns, d)})`, params: [] },
        { text: `DROP TABLE ${c}`, params: [] },
      );
    } else statements.push({ text: `CREATE VIEW ${v} AS SELECT * EXCLUDE (_problem) FROM ${c} WHERE _problem IS NULL`, params: [] });
    const results = await engine.run(statements, signal);
    reports.push({ table, statement: statements[3] });
    counts.push(results[3]);
    stored[table] = { relation: v, extras: checked.extras };
  }
  return { stored, report: reportOf(reports, counts), ms: performance.now() - t0 };
}
