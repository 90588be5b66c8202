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
  const [x, ms, has] =
    ref.kind === 'time'
      ? [ref.ts, (v: string) => `toInt64(${v}) * 1000`, `isNotNull(${ref.ts})`]
      : [t, (v: string) => v, `isNotNull(${t})`];
  let select: string;
  if (scan?.guard) {
    // The parts check in the HAVING of the level each shard finishes (NO_MERGE): evaluated
    // once per shard instead of on every row read (parts.ts); this level combines the
    // shards' rows (a shard without the table's rows sends n = 0 and no span).
    select = c.onShards(
      `SELECT ${ms('minIf(e__lo, e__n > 0)')} AS lo, ${ms('maxIf(e__hi, e__n > 0)')} AS hi, sum(e__n) AS n FROM (SELECT min(${x}) AS e__lo, max(${x}) AS e__hi, count() AS e__n FROM ${scan.from} WHERE ${scan.unguarded} AND ${has}${kind} HAVING ${scan.guard})`,
    );
  } else if (scan) {
    select = `SELECT ${ms(`min(${x})`)} AS lo, ${ms(`max(${x})`)} AS hi, count() AS n FROM ${scan.from} WHERE ${scan.where} AND ${has}${kind}`;
  } else {
    select = `SELECT min(t) AS lo, max(t) AS hi, count() AS n FROM (SELECT ${t} AS t FROM ${c.filtered(table)} WHERE isNotNull(${t})${kind})`;
  }
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
