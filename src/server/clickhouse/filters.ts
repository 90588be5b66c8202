// A query's filters as ClickHouse conditions on one table's rows, with the semantics of
// src/server/filters.ts (and the browser's): a table's own column, else a customer
// attribute read through customer_id (no customer, or an unknown one, reads as null),
// else the filter does not reach the table. A filter with `table` keeps the rows of the
// customers it picks there, in every table. Subqueries are GLOBAL IN: on a Distributed
// table the set is built once by the initiator and sent to every shard — or, when the
// tables are sharded by customer, plain IN: each shard reads its own customers (shards.ts).
import { isCustomerAttribute, type TableName } from '../../data/schema.js';
import { isValuesFilter, type QueryFilter } from '../../query/types.js';
import { parseTimestamp } from '../../time/parse.js';
import type { ChCompiler } from './context.js';
import { num } from './literal.js';
import { membership, timeOf, valueOf } from './values.js';

const optionName = (c: ChCompiler, f: QueryFilter) => `filters[${c.filters.indexOf(f)}]`;

function rangeTest(f: QueryFilter, t: string): string {
  const r = f as { from?: unknown; to?: unknown };
  const parts: string[] = [];
  if (r.from !== undefined && r.from !== null) parts.push(`${t} >= ${num(parseTimestamp(r.from))}`);
  if (r.to !== undefined && r.to !== null) parts.push(`${t} < ${num(parseTimestamp(r.to))}`);
  return parts.length ? `ifNull(${parts.join(' AND ')}, 0)` : `isNotNull(${t})`;
}

/** The test of f on `table`'s own column (a condition over that table's relation). */
function ownTest(
  c: ChCompiler,
  table: TableName,
  f: QueryFilter,
  scan = false,
): string | undefined {
  const ref = c.column(table, f.column, scan);
  if (!ref) return undefined;
  const option = optionName(c, f);
  return isValuesFilter(f)
    ? membership(valueOf(c, ref, f.column, option), f.values)
    : rangeTest(f, timeOf(c, ref, f.column, option));
}

function nullPasses(f: QueryFilter): boolean {
  return (
    isValuesFilter(f) &&
    f.values.some((v) => v === null || (typeof v === 'string' && v.trim() === ''))
  );
}

/** The customers (valid ones) whose attribute passes `test`, or fails it. */
const customersWhere = (c: ChCompiler, test: string) =>
  `(SELECT customer_id FROM ${c.valid('customers')} WHERE ${test})`;

/** The condition on `table`'s rows for a filter without `table`; undefined when it does not reach it. */
function plainCondition(
  c: ChCompiler,
  table: TableName,
  f: QueryFilter,
  scan = false,
): string | undefined {
  const own = ownTest(c, table, f, scan);
  const id = scan ? c.column(table, 'customer_id', true)!.sql : 'customer_id';
  if (own) return own;
  if (!c.has('customers') || !isCustomerAttribute(f.column)) return undefined;
  const test = ownTest(c, 'customers', f);
  if (!test) return undefined;
  // No customer, or one the customers table lacks, reads as null: it passes only when null is listed.
  if (nullPasses(f))
    return `(isNull(${id}) OR ${id} ${c.global}NOT IN ${customersWhere(c, `NOT (${test})`)})`;
  return `ifNull(${id} ${c.global}IN ${customersWhere(c, test)}, 0)`;
}

/** The customers a filter with `table` picks, as a subquery of ids; undefined when it reaches nothing. */
function chosenCustomers(c: ChCompiler, f: QueryFilter): string | undefined {
  const source = f.table!;
  if (!c.has(source)) return undefined;
  const option = optionName(c, f);
  if (!isValuesFilter(f) && f.match === 'first') {
    const own = c.column(source, f.column);
    let rows = c.valid(source);
    let t: string;
    if (own) t = timeOf(c, own, f.column, option);
    else {
      const attr =
        c.has('customers') && isCustomerAttribute(f.column)
          ? c.column('customers', f.column)
          : undefined;
      if (!attr) return undefined;
      rows = `(SELECT * FROM ${rows} ANY LEFT JOIN (SELECT customer_id, ${timeOf(c, attr, f.column, option)} AS t__first FROM ${c.valid('customers')}) USING customer_id)`;
      t = 't__first';
    }
    return `(SELECT customer_id FROM ${rows} WHERE isNotNull(customer_id) GROUP BY customer_id HAVING ${rangeTest(f, `min(${t})`)})`;
  }
  const test = plainCondition(c, source, { ...f, table: undefined } as QueryFilter);
  if (!test) return undefined;
  return `(SELECT customer_id FROM ${c.valid(source)} WHERE isNotNull(customer_id) AND ${test})`;
}

/** The conditions of every filter that reaches `table`, over its relation's columns (or a one-level `scan` of it, ChCompiler.scan). */
export function filterConditions(c: ChCompiler, table: TableName, scan = false): string[] {
  const out: string[] = [];
  const id = scan ? c.column(table, 'customer_id', true)!.sql : 'customer_id';
  for (const f of c.filters) {
    if (f.table === undefined) {
      const cond = plainCondition(c, table, f, scan);
      if (cond) out.push(cond);
      continue;
    }
    const chosen = chosenCustomers(c, f);
    if (chosen) out.push(`ifNull(${id} ${c.global}IN ${chosen}, 0)`);
  }
  return out;
}
