// Validation once per source, for data that cannot change while the source is open (a
// DuckDB file it opened read-only; PostgreSQL is live and validates inside every query).
// One pass over each table counts the rows each rule rejects — SPEC §1's report — and a
// second learns facts of its columns: text that trimming (or, for survey kinds, lower
// case) would change, blank text, times with microseconds. Every later query then
// validates with only the rules that apply to that table (valid.ts TablePlan): no trim
// on columns already trimmed, no NULLIF on text never blank, no flooring of times that
// are whole ms (and end-before-start on their timestamps), no check that never fires,
// no de-duplication when no id repeats. The rows kept, their values and the counts are
// the same as with every rule; a query costs about what a hand-written one over the
// host's table does.
import type { ValidationReport } from '../data/schema.js';
import type { Catalog } from './catalog.js';
import type { TablePlans } from './context.js';
import type { Dialect } from './dialect.js';
import type { Engine } from './engine.js';
import { reportOf, reportStatements } from './report.js';
import { count, ident } from './sql.js';
import { normalText, textColumns, timeColumns } from './valid.js';

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
    const times = [...timeColumns(model, d)];
    // One scan learns every column's facts: values trimming would change, blank values, times with microseconds.
    const learn = [
      ...texts.flatMap(([name, raw], i) => [
        `count(*) FILTER (WHERE ${raw} <> ${normalText(table, name, raw, d)}) AS ${ident(`t${i}`)}`,
        `count(*) FILTER (WHERE ${raw} = '') AS ${ident(`b${i}`)}`,
      ]),
      ...times.map(([, ts], i) => `count(*) FILTER (WHERE ${d.subMs(ts)}) AS ${ident(`u${i}`)}`),
    ];
    const statements = [statement];
    if (learn.length) statements.push({ text: `SELECT ${learn.join(', ')} FROM ${model.from}`, params: [] });
    const [counts, learnt] = await engine.run(statements, signal);
    results.push(counts);
    const none = (column: string) => count(learnt?.[0]?.[column]) === 0;
    const problems = new Set<string>();
    let duplicates = false;
    for (const r of counts) {
      if (r.problem === null || r.problem === undefined) duplicates = count(r.n) > count(r.d);
      else problems.add(String(r.problem));
    }
    plans[table] = {
      trimmed: new Set(texts.filter((_, i) => none(`t${i}`)).map(([name]) => name)),
      filled: new Set(texts.filter((_, i) => none(`t${i}`) && none(`b${i}`)).map(([name]) => name)),
      wholeMs: new Set(times.filter((_, i) => none(`u${i}`)).map(([name]) => name)),
      problems,
      duplicates,
    };
  }
  return { plans, report: reportOf(reports, results) };
}
