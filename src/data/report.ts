// Validation reports (SPEC §1): empty, merged across loads, checked when read back.
import type { Problem, TableName, ValidationReport } from './schema.js';

/** Whether a value (read back from storage or the network) has a validation report's shape. */
export function isValidationReport(value: unknown): value is ValidationReport {
  const r = value as Partial<ValidationReport> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.accepted) &&
    Number.isInteger(r.rejected) &&
    Array.isArray(r.problems) &&
    Array.isArray(r.counts) &&
    typeof r.tables === 'object' &&
    r.tables !== null
  );
}

export function emptyReport(): ValidationReport {
  return { accepted: 0, rejected: 0, problems: [], problemsOmitted: 0, counts: [], tables: {} };
}

/** Adds `b` into `a` (reports of tables loaded one by one). */
export function mergeReports(a: ValidationReport, b: ValidationReport, cap = 100): ValidationReport {
  const merged = emptyReport();
  for (const r of [a, b]) {
    merged.accepted += r.accepted;
    merged.rejected += r.rejected;
    merged.problemsOmitted += r.problemsOmitted;
    for (const p of r.problems) {
      if (merged.problems.length < cap) merged.problems.push(p);
      else merged.problemsOmitted++;
    }
    for (const c of r.counts) addCount(merged, c.table, c.field, c.problem, c.rows);
    for (const [t, v] of Object.entries(r.tables) as [TableName, { accepted: number; rejected: number }][]) {
      const m = (merged.tables[t] ??= { accepted: 0, rejected: 0 });
      m.accepted += v.accepted;
      m.rejected += v.rejected;
    }
  }
  return merged;
}

export function addCount(report: ValidationReport, table: TableName, field: string, problem: Problem, rows: number) {
  const found = report.counts.find((c) => c.table === table && c.field === field && c.problem === problem);
  if (found) found.rows += rows;
  else report.counts.push({ table, field, problem, rows });
}

/**
 * The report of several loads that may share tables (two queries over one table, say):
 * each table's counts and problems are taken once, from the first report that has it.
 */
export function unionReports(reports: readonly ValidationReport[], cap = 100): ValidationReport {
  const out = emptyReport();
  const seen = new Set<TableName>();
  for (const r of reports) {
    const fresh = (Object.keys(r.tables) as TableName[]).filter((t) => !seen.has(t));
    if (fresh.length === 0) continue;
    const part = emptyReport();
    for (const t of fresh) {
      seen.add(t);
      part.tables[t] = { ...r.tables[t]! };
      part.accepted += r.tables[t]!.accepted;
      part.rejected += r.tables[t]!.rejected;
    }
    part.counts = r.counts.filter((c) => fresh.includes(c.table)).map((c) => ({ ...c }));
    part.problems = r.problems.filter((p) => fresh.includes(p.table));
    part.problemsOmitted = fresh.length === Object.keys(r.tables).length ? r.problemsOmitted : 0;
    Object.assign(out, mergeReports(out, part, cap));
  }
  return out;
}
