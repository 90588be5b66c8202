// A query's filters as SQL conditions on one table's rows (SPEC §6; the semantics are
// the browser's, in src/query/types.ts and filter.ts): a table's own column, else a
// customer attribute read through customer_id (no customer, or an unknown one, reads
// as null), else the filter does not reach the table. A filter with `table` keeps the
// rows of the customers it picks there, in every table.
import { isCustomerAttribute, type TableName } from '../data/schema.js';
import { parseTimestamp } from '../time/parse.js';
import { isValuesFilter, type QueryFilter } from '../query/types.js';
import type { Compiler } from './context.js';
import { ident } from './sql.js';
import { membership, timeOf, valueOf } from './values.js';

/** How a filter reads its column on a table: the predicate over a row alias, and whether it goes through the customer. */
interface Reading {
  readonly viaCustomer: boolean;
  /** The filter's test on the row `alias` of the table (own) or of customers (via customer). */
  test(alias: string): string;
  /** Epoch ms of the column for the row `alias` (range filters; for `match: 'first'`). */
  time(alias: string): string;
}

function optionName(c: Compiler, f: QueryFilter): string {
  return `filters[${c.filters.indexOf(f)}]`;
}

function rangeTest(c: Compiler, f: QueryFilter, t: string): string {
  const r = f as { from?: unknown; to?: unknown };
  const parts: string[] = [];
  if (r.from !== undefined && r.from !== null) parts.push(`${t} >= ${c.p.num(parseTimestamp(r.from))}`);
  if (r.to !== undefined && r.to !== null) parts.push(`${t} < ${c.p.num(parseTimestamp(r.to))}`);
  return parts.length ? `coalesce(${parts.join(' AND ')}, FALSE)` : `(${t} IS NOT NULL)`;
}

/** The test of f on `table`'s own column, for any alias of that table's relation. */
function ownTest(c: Compiler, table: TableName, f: QueryFilter): ((alias: string) => string) | undefined {
  if (c.column(table, f.column, 'r') === undefined) return undefined;
  const option = optionName(c, f);
  return (alias) => {
    const ref = c.column(table, f.column, alias)!;
    if (isValuesFilter(f)) return membership(c, valueOf(c, ref, f.column, option), f.values);
    return rangeTest(c, f, timeOf(c, ref, f.column, option));
  };
}

function reading(c: Compiler, table: TableName, f: QueryFilter): Reading | undefined {
  const own = ownTest(c, table, f);
  if (own) {
    return { viaCustomer: false, test: own, time: (a) => timeOf(c, c.column(table, f.column, a)!, f.column, optionName(c, f)) };
  }
  if (!c.has('customers') || !isCustomerAttribute(f.column)) return undefined;
  const viaCustomer = ownTest(c, 'customers', f);
  if (!viaCustomer) return undefined;
  return {
    viaCustomer: true,
    test: viaCustomer,
    time: (a) => timeOf(c, c.column('customers', f.column, a)!, f.column, optionName(c, f)),
  };
}

/** Whether a values filter lists null (a missing value passes). */
function nullPasses(f: QueryFilter): boolean {
  return isValuesFilter(f) && f.values.some((v) => v === null || (typeof v === 'string' && v.trim() === ''));
}

/** The condition on `table`'s row `alias` for a filter without `table`; undefined when it does not reach it. */
function plainCondition(c: Compiler, table: TableName, f: QueryFilter, alias: string): string | undefined {
  const r = reading(c, table, f);
  if (!r) return undefined;
  if (!r.viaCustomer) return r.test(alias);
  const customers = c.valid('customers');
  const id = `${alias}.customer_id`;
  // No customer, or one the customers table lacks, reads as null: it passes only when null is listed.
  if (nullPasses(f)) return `(${id} IS NULL OR ${id} NOT IN (SELECT cx.customer_id FROM ${customers} cx WHERE NOT (${r.test('cx')})))`;
  return `coalesce(${id} IN (SELECT cx.customer_id FROM ${customers} cx WHERE ${r.test('cx')}), FALSE)`;
}

/** The customers a filter with `table` picks, as a subquery of ids; undefined when it reaches nothing. */
function chosenCustomers(c: Compiler, f: QueryFilter): string | undefined {
  const source = f.table!;
  if (!c.has(source)) return undefined;
  const r = reading(c, source, f);
  if (!r) return undefined;
  const rows = c.valid(source);
  if (!isValuesFilter(f) && f.match === 'first') {
    const join = r.viaCustomer ? ` LEFT JOIN ${c.valid('customers')} cx ON cx.customer_id = s.customer_id` : '';
    const t = r.time(r.viaCustomer ? 'cx' : 's');
    return `SELECT s.customer_id FROM ${rows} s${join} WHERE s.customer_id IS NOT NULL GROUP BY s.customer_id HAVING ${rangeTest(c, f, `min(${t})`)}`;
  }
  const test = r.viaCustomer ? plainCondition(c, source, { ...f, table: undefined } as QueryFilter, 's')! : r.test('s');
  return `SELECT s.customer_id FROM ${rows} s WHERE s.customer_id IS NOT NULL AND ${test}`;
}

/** The conditions of every filter that reaches `table`, on its row `alias`. */
export function filterConditions(c: Compiler, table: TableName, alias: string): string[] {
  const out: string[] = [];
  for (const f of c.filters) {
    if (f.table === undefined) {
      const cond = plainCondition(c, table, f, alias);
      if (cond) out.push(cond);
      continue;
    }
    const chosen = chosenCustomers(c, f);
    if (chosen) out.push(`coalesce(${alias}.${ident('customer_id')} IN (${chosen}), FALSE)`);
  }
  return out;
}
