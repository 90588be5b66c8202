// Pieces every metric's SQL shares: the segment of a row (`by`, or "(others)" when
// folding), time ranges on epoch ms, and the shape of a compiled query (statements,
// then the TypeScript that turns their grouped rows into the metric's rows with the
// kernels' own functions).
import type { TableName } from '../../data/schema.js';
import { NONE } from '../../metrics/input.js';
import { OTHERS } from '../../metrics/others.js';
import type { Compiler } from '../context.js';
import type { BoundStatement } from '../sql.js';
import { ident } from '../sql.js';
import { labelOf, valueOf } from '../values.js';
import type { Staged } from './fold-later.js';

/** The statements, the metric's rows from the rows of each, and maybe statements those rows call for (fold-later.ts). */
export type Compiled = Staged<BoundStatement>;

export type MetricCompiler = (c: Compiler, options: Readonly<Record<string, unknown>>, fork: () => Compiler) => Compiled;

/**
 * The segment (`by`) of a row `alias` of `table`, as metricInput's `segments` reads it:
 * the table's own column, else the customer's attribute from the (filtered) customers
 * table through customer_id (a LEFT JOIN added to `joins`); null reads as "(none)".
 * Label it with `segmentLabel`.
 */
export function segmentSql(c: Compiler, table: TableName, alias: string, by: string, joins: string[]): string {
  return labelled(c, segmentValue(c, table, alias, by, joins));
}

/** The segment value before null becomes "(none)" (text or a number). */
export function segmentValue(c: Compiler, table: TableName, alias: string, by: string, joins: string[]): { sql: string; mode: 'text' | 'num' } {
  const own = c.column(table, by, alias);
  const option = 'by';
  if (own) return valueOf(c, own, by, option);
  const customers = c.has('customers') ? c.column('customers', by, 'sc') : undefined;
  if (!customers) {
    throw new RangeError(
      `${c.metric}: by '${by}' is neither a column of the table nor a customer attribute ` +
        '(pass the customers table to break down by a customer attribute)',
    );
  }
  joins.push(`LEFT JOIN ${c.filtered('customers')} sc ON sc.${ident('customer_id')} = ${alias}.${ident('customer_id')}`);
  return valueOf(c, customers, by, option);
}

export function labelled(c: Compiler, v: { sql: string; mode: 'text' | 'num' }): string {
  // Text: null and a literal "(none)" are one segment, as in the browser.
  return v.mode === 'text' ? `coalesce(${v.sql}, ${c.p.text(NONE)})` : v.sql;
}

export const segmentLabel = labelOf;

/**
 * `expr >= from AND expr < to` for the finite ends (expr: epoch ms, whole numbers); TRUE
 * when both are open. Given `ts`, the same instant as a timestamp, the test is on it —
 * the same rows, since `ms >= x` is `ms >= ceil(x)` for whole ms — so the engine can
 * compare the host's column itself and skip the blocks out of range.
 */
export function inRange(c: Compiler, expr: string, from: number, to: number, ts?: string): string {
  const parts: string[] = [];
  // Beyond year 5000 or so, the plain comparison (PostgreSQL's timestamps end in 4713 BC).
  const test = (op: string, x: number) =>
    ts !== undefined && Math.abs(x) <= 1e14 ? `${ts} ${op} ${c.d.timestampOfMs(c.p.num(Math.ceil(x)))}` : `${expr} ${op} ${c.p.num(x)}`;
  if (from > -Infinity) parts.push(test('>=', from));
  if (to < Infinity) parts.push(test('<', to));
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** 1 when some row of the group is at or after `from` (always, when from is open); on `ts` as inRange. */
export function reachesFrom(c: Compiler, expr: string, from: number, ts?: string): string {
  return from > -Infinity ? `max(CASE WHEN ${inRange(c, expr, from, Infinity, ts)} THEN 1 ELSE 0 END)` : '1';
}

/**
 * `GROUP BY` the select's first keys by position, leaving out constant ones (no period,
 * no segment): the same groups, and the engine can pick a faster table for one small
 * key (DuckDB's perfect hash). All constant: grouped by the first, as before.
 */
export function groupBy(...keys: string[]): string {
  const positions = keys.map((k, i) => (k === '0' || k === 'NULL' ? 0 : i + 1)).filter((i) => i > 0);
  return `GROUP BY ${positions.length ? positions.join(', ') : '1'}`;
}

/**
 * The segment of rows `alias` of `table` as segmentSql gives it, and TRUE. With `kept`
 * (folding into "(others)", fold-later.ts): "(others)" for every row, and the test that
 * leaves only the rows of the segments not kept — the statement computes "(others)" alone.
 */
export function segmentRows(c: Compiler, table: TableName, alias: string, by: string, joins: string[], kept?: readonly string[]): { seg: string; rows: string } {
  const v = segmentValue(c, table, alias, by, joins);
  if (!kept) return { seg: labelled(c, v), rows: 'TRUE' };
  return { seg: c.p.text(OTHERS), rows: `NOT ${keptTest(c, v, kept)}` };
}

/** The row's segment label is one of `kept`: text as labelled, a number by its value ("(none)": null). */
function keptTest(c: Compiler, v: { sql: string; mode: 'text' | 'num' }, kept: readonly string[]): string {
  if (v.mode === 'text') return kept.length ? `coalesce(${c.d.inList(labelled(c, v), c.p.texts(kept))}, FALSE)` : 'FALSE';
  const nums = kept.filter((l) => l !== NONE).map(Number);
  const tests = nums.length ? [`coalesce(${c.d.inList(v.sql, c.p.nums(nums))}, FALSE)`] : [];
  if (kept.includes(NONE)) tests.push(`${v.sql} IS NULL`);
  return tests.length ? `(${tests.join(' OR ')})` : 'FALSE';
}
