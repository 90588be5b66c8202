// Pieces every ClickHouse metric shares: the segment of a row (`by`: the table's own
// column, else the customer's attribute joined through customer_id), time ranges on
// epoch ms, and the shape of a compiled query (statements, then the TypeScript that
// turns their grouped rows into the metric's rows with the kernels' own functions).
import type { TableName } from '../../../data/schema.js';
import { NONE } from '../../../metrics/input.js';
import { OTHERS } from '../../../metrics/others.js';
import type { Staged } from '../../compile/fold-later.js';
import type { ChCompiler } from '../context.js';
import { num, nums, str, strs } from '../literal.js';
import { valueOf, type ChValue } from '../values.js';

/** The statements, the metric's rows from the rows of each, and maybe statements those rows call for (fold-later.ts). */
export type ChCompiled = Staged<string>;

export type ChMetricCompiler = (
  c: ChCompiler,
  options: Readonly<Record<string, unknown>>,
) => ChCompiled;

/** A table's filtered rows with the segment of each (`seg`, an expression over `rel`), and which rows count (`rows`). */
export interface Segmented {
  readonly rel: string;
  readonly seg: string;
  readonly rows: string;
}

const NO_SEGMENT = 'CAST(NULL AS Nullable(String))';

/** Text: null and a literal "(none)" are one segment, as in the browser. */
export function labelled(v: ChValue): string {
  return v.mode === 'text' ? `ifNull(${v.sql}, ${str(NONE)})` : v.sql;
}

/** The segment value (before labelling) of `table`'s rows, and the relation that holds it. */
export function segmentValue(
  c: ChCompiler,
  table: TableName,
  by: string,
): { rel: string; value: ChValue } {
  const own = c.column(table, by);
  if (own) return { rel: c.filtered(table), value: valueOf(c, own, by, 'by') };
  const attr = c.has('customers') ? c.column('customers', by) : undefined;
  if (!attr) {
    throw new RangeError(
      `${c.metric}: by '${by}' is neither a column of the table nor a customer attribute ` +
        '(pass the customers table to break down by a customer attribute)',
    );
  }
  const v = valueOf(c, attr, by, 'by');
  // The filtered customers: a row whose customer the filters leave out has no segment value.
  const rel = `(SELECT * FROM ${c.filtered(table)} ANY LEFT JOIN (SELECT customer_id, ${v.sql} AS seg__v FROM ${c.filtered('customers')}) USING customer_id)`;
  return { rel, value: { sql: 'seg__v', mode: v.mode } };
}

/** The rows' segments; with `kept` (folding, fold-later.ts), "(others)" for the rows of the segments not kept, the others left out. */
export function segmented(c: ChCompiler, table: TableName, by: string | undefined, kept?: readonly string[]): Segmented {
  if (by === undefined) return { rel: c.filtered(table), seg: NO_SEGMENT, rows: '1' };
  const { rel, value } = segmentValue(c, table, by);
  return { rel, ...segmentRows(value, kept) };
}

/**
 * The segment of a row holding `value`, and 1. With `kept`: "(others)" for every row,
 * and the test that leaves only the rows of the segments not kept (the statement
 * computes the "(others)" segment alone).
 */
export function segmentRows(value: ChValue, kept?: readonly string[]): { seg: string; rows: string } {
  if (!kept) return { seg: labelled(value), rows: '1' };
  return { seg: `CAST(${str(OTHERS)} AS Nullable(String))`, rows: `NOT ${keptTest(value, kept)}` };
}

/** The row's segment label is one of `kept`: text as labelled, a number by its value ("(none)": null). */
function keptTest(v: ChValue, kept: readonly string[]): string {
  if (v.mode === 'text') return kept.length ? `(${labelled(v)} IN ${strs(kept)})` : '0';
  const values = kept.filter((l) => l !== NONE).map(Number);
  const tests = values.length ? [`ifNull(${v.sql} IN ${nums(values)}, 0)`] : [];
  if (kept.includes(NONE)) tests.push(`isNull(${v.sql})`);
  return tests.length ? `(${tests.join(' OR ')})` : '0';
}

/** `expr >= from AND expr < to` for the finite ends; 1 when both are open. */
export function inRange(expr: string, from: number, to: number): string {
  const parts: string[] = [];
  if (from > -Infinity) parts.push(`${expr} >= ${num(from)}`);
  if (to < Infinity) parts.push(`${expr} < ${num(to)}`);
  return parts.length ? parts.join(' AND ') : '1';
}

/** 1 when some row of the group is at or after `from` (always, when from is open). */
export function reachesFrom(expr: string, from: number): string {
  return from > -Infinity ? `max(${expr} >= ${num(from)})` : '1';
}

export { labelOf as segmentLabel } from '../../values.js';
