// Validation once per source, for data that cannot change while the source is open (a
// DuckDB file it opened read-only; PostgreSQL is live and validates inside every query).
// One pass over each table counts the rows each rule rejects — SPEC §1's report — and
// which text columns hold a value that trimming (or, for survey kinds, lower case)
// would change. Every later query then validates with only the rules that apply to
// that table (valid.ts TablePlan): no trim on columns already trimmed, no check that
// never fires, no de-duplication when no id repeats. The rows kept, their values and the counts are the same as with every rule;
// a query costs about what a hand-written one over the host's table does.
import type { ValidationReport } from '../data/schema.js';
import type { Catalog } from './catalog.js';
import type { TablePlans } from './context.js';
import type { Dialect } from './dialect.js';
import type { Engine } from './engine.js';
import { reportOf, reportStatements } from './report.js';
import { count, ident } from './sql.js';
import { normalText, textColumns } from './valid.js';

export interface Learnt {
  readonly plans: TablePlans;
  readonly report: ValidationReport;
}

export async function validateOnce(engine: Engine, d: Dialect, catalog: Catalog, signal?: AbortSignal): Promise<Learnt> {
  const reports = reportStatements(d, catalog);
  const plans: TablePlans = {};
  const results = [];
  for (const { table, statement } of reports) {
    const model = catalog[table]!;
    const texts = [...textColumns(model)];
    const trims = texts.map(([name, raw], i) => `count(*) FILTER (WHERE ${raw} <> ${normalText(table, name, raw, d)}) AS ${ident(`t${i}`)}`);
    const statements = [statement];
    if (trims.length) statements.push({ text: `SELECT ${trims.join(', ')} FROM ${model.from}`, params: [] });
    const [counts, trimmed] = await engine.run(statements, signal);
    results.push(counts);
    const problems = new Set<string>();
    let duplicates = false;
    for (const r of counts) {
      if (r.problem === null || r.problem === undefined) duplicates = count(r.n) > count(r.d);
      else problems.add(String(r.problem));
    }
    plans[table] = {
      trimmed: new Set(texts.filter((_, i) => count(trimmed?.[0]?.[`t${i}`]) === 0).map(([name]) => name)),
      problems,
      duplicates,
    };
  }
  return { plans, report: reportOf(reports, results) };
}
