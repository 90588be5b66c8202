// values in ClickHouse: the rows of each distinct value of a table's column, read as `by`
// reads it; labels, hiding and order are values' own (compile/values.ts reads the rows).
import { checkValuesOptions } from '../../../metrics/values.js';
import { valuesAnswer } from '../../compile/values.js';
import { valueOf } from '../values.js';
import type { ChMetricCompiler } from './common.js';

export const compileValues: ChMetricCompiler = (c, options) => {
  const s = checkValuesOptions(options);
  c.require(s.table);
  const ref = c.column(s.table, s.column);
  if (!ref) throw new RangeError(`values: the ${s.table} table has no column '${s.column}'`);
  const v = valueOf(c, ref, s.column, 'column').sql;
  const select = `SELECT v, count() AS n FROM (SELECT ${v} AS v FROM ${c.filtered(s.table)}) WHERE isNotNull(v) GROUP BY v`;
  return { statements: [select], finish: ([rows]) => valuesAnswer(rows, s.minCellSize) };
};
