// report() for a SQL source: SPEC §1's validation report of every table it has, with
// exact counts per (field, problem). Row samples are not given: SQL rows have no
// position to name, so `problems` is empty and `problemsOmitted` counts every rejection.
import { SCHEMA, TABLE_NAMES, type Problem, type TableName, type ValidationReport } from '../data/schema.js';
import { emptyReport } from '../data/validate.js';
import type { Catalog } from './catalog.js';
import { Compiler } from './context.js';
import type { Dialect } from './dialect.js';
import type { DbRow } from './engine.js';
import { count, ident, type BoundStatement } from './sql.js';
import { uniqueColumn } from './valid.js';

export interface ReportStatement {
  readonly table: TableName;
  readonly statement: BoundStatement;
}

export function reportStatements(d: Dialect, catalog: Catalog): ReportStatement[] {
  return TABLE_NAMES.filter((t) => catalog[t]).map((table) => {
    const c = new Compiler(d, catalog, 'report', [], []);
    const checked = c.checked(table);
    const id = uniqueColumn(table);
    const distinct = id ? `count(DISTINCT ${ident(id)})` : 'count(*)';
    return { table, statement: c.statement(`SELECT _problem AS problem, count(*) AS n, ${distinct} AS d FROM ${checked} GROUP BY _problem`) };
  });
}

/** The order of fields in the schema, then problems by name: a stable order for counts. */
function rank(table: TableName, field: string): number {
  const i = SCHEMA[table].findIndex((s) => s.name === field);
  return i < 0 ? SCHEMA[table].length : i;
}

export function reportOf(statements: readonly ReportStatement[], results: readonly DbRow[][]): ValidationReport {
  const report = emptyReport();
  statements.forEach(({ table }, i) => {
    let accepted = 0;
    let rejected = 0;
    const counts: { field: string; problem: Problem; rows: number }[] = [];
    for (const r of results[i]) {
      const n = count(r.n);
      if (r.problem === null || r.problem === undefined) {
        const duplicates = n - count(r.d);
        accepted += n - duplicates;
        rejected += duplicates;
        if (duplicates > 0) counts.push({ field: uniqueColumn(table)!, problem: 'duplicate-id', rows: duplicates });
        continue;
      }
      const [field, problem] = String(r.problem).split('|') as [string, Problem];
      rejected += n;
      counts.push({ field, problem, rows: n });
    }
    counts.sort((a, b) => rank(table, a.field) - rank(table, b.field) || (a.problem < b.problem ? -1 : a.problem > b.problem ? 1 : 0));
    for (const c of counts) report.counts.push({ table, ...c });
    report.tables[table] = { accepted, rejected };
    report.accepted += accepted;
    report.rejected += rejected;
  });
  report.problemsOmitted = report.rejected;
  return report;
}
