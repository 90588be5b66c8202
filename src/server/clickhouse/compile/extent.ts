// extent in ClickHouse: the first and last time of a table column and how many rows have one.
import type { TableName } from '../../../data/schema.js';
import { checkExtentOptions } from '../../../metrics/extent.js';
import { count, num } from '../../sql.js';
import { str } from '../literal.js';
import { timeOf } from '../values.js';
import type { ChMetricCompiler } from './common.js';

export const compileExtent: ChMetricCompiler = (c, options) => {
  const s = checkExtentOptions(options);
  const table: TableName = s.table;
  c.require(table);
  // On the shards when the table is scanned in one level (c.scan); else over its relation.
  const scan = c.scan(table);
  const ref = c.column(table, s.column, scan !== undefined);
  if (!ref) throw new RangeError(`The table has no column '${s.column}'`);
  const t = timeOf(c, ref, s.column, 'column');
  const kind =
    s.kind === undefined ? '' : ` AND ${scan ? scan.col('kind') : 'kind'} = ${str(s.kind)}`;
  // A time column's span taken on the DateTime as stored, its ms computed once (not per row).
  const [lo, hi, has] =
    ref.kind === 'time'
      ? [`toInt64(min(${ref.ts})) * 1000`, `toInt64(max(${ref.ts})) * 1000`, `isNotNull(${ref.ts})`]
      : [`min(${t})`, `max(${t})`, `isNotNull(${t})`];
  const select = scan
    ? `SELECT ${lo} AS lo, ${hi} AS hi, count() AS n FROM ${scan.from} WHERE ${scan.where} AND ${has}${kind}`
    : `SELECT min(t) AS lo, max(t) AS hi, count() AS n FROM (SELECT ${t} AS t FROM ${c.filtered(table)} WHERE isNotNull(${t})${kind})`;
  return {
    statements: [select],
    finish([[r]]) {
      const rows = count(r.n);
      // As extent in the browser: a few rows' count and span are hidden (their times identify them).
      if (rows > 0 && s.minCellSize > 1 && rows < s.minCellSize)
        return [{ table, first: null, last: null, rows: null, suppressed: true }];
      return [{ table, first: rows ? num(r.lo) : null, last: rows ? num(r.hi) : null, rows }];
    },
  };
};
