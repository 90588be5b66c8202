// values in SQL: the rows of each distinct value of a table's column, read as `by` reads
// it (text trimmed, numbers as JavaScript prints them); labels, hiding and code-point
// order are values' own (valuesRows).
import { checkValuesOptions, valuesRows } from '../../metrics/values.js';
import type { DbRow } from '../engine.js';
import { count } from '../sql.js';
import { valueOf } from '../values.js';
import { segmentLabel, type MetricCompiler } from './common.js';

/** The rows from the grouped (v, n) rows; every dialect reads them here. */
export function valuesAnswer(rows: readonly DbRow[], minCellSize: number) {
  return valuesRows(rows.map((r) => [segmentLabel(r.v), count(r.n)] as const), minCellSize) as never;
}

export const compileValues: MetricCompiler = (c, options) => {
  const s = checkValuesOptions(options);
  c.require(s.table);
  const ref = c.column(s.table, s.column, 's');
  if (!ref) throw new RangeError(`values: the ${s.table} table has no column '${s.column}'`);
  const v = valueOf(c, ref, s.column, 'column').sql;
  const select = `SELECT ${v} AS v, count(*) AS n FROM ${c.filtered(s.table)} s WHERE ${v} IS NOT NULL GROUP BY 1`;
  return { statements: [c.statement(select)], finish: ([rows]) => valuesAnswer(rows, s.minCellSize) };
};
