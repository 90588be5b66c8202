// adapter.load → Arquero table → validate: the data path every widget and the
// demo share (DESIGN.md §1). The cache (src/cache) wraps the adapter, not this.
import type { Adapter, TimeInput } from '../adapters/types.js';
import { toTable } from './fields.js';
import type { NormalizedTables, TableName } from './schema.js';
import { emptyReport, mergeReports, validate, type ValidateOptions, type ValidationResult } from './validate.js';

export interface LoadOptions extends ValidateOptions {
  from?: TimeInput;
  to?: TimeInput;
  signal?: AbortSignal;
}

/** Loads the named tables in parallel and validates them; rejects only on a load failure. */
export async function loadTables(
  adapter: Adapter,
  names: readonly TableName[],
  options: LoadOptions = {},
): Promise<ValidationResult> {
  const { from, to, signal } = options;
  const results = await Promise.all(
    names.map(async (table) => {
      const loaded = toTable(await adapter.load({ table, from, to }, signal));
      return validate({ [table]: loaded }, options);
    }),
  );
  const tables: NormalizedTables = {};
  let report = emptyReport();
  for (const r of results) {
    Object.assign(tables, r.tables);
    report = mergeReports(report, r.report, options.maxProblems);
  }
  return { tables, report };
}
