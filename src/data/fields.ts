// Field mapping (host column names → canonical ones) and the conversion of every
// adapter result to one Arquero ColumnTable. Only table construction, column access
// and `fromArrow` are used: Arquero's verbs compile code from strings and throw
// under a strict Content-Security-Policy (DESIGN.md §2).
import { table as aqTable } from 'arquero';
import { decodeArrow } from '../adapters/arrow-decode.js';
import type { ColumnTable } from 'arquero';
import type { FieldConstant, FieldMap, LoadResult } from '../adapters/types.js';
import type { Row, TableName } from './schema.js';
import { TABLE_NAMES } from './schema.js';
import { MAX_COLUMNS, storedName } from './column-name.js';
import { AdapterError } from '../adapters/errors.js';

/** A column as stored in an Arquero table: an array, typed array or Arrow vector. */
type ColumnValues = ArrayLike<unknown>;

/**
 * The canonical ← host map that applies to one table. A flat map (string values)
 * applies to every table; per-table maps (object values under a table name) apply
 * to their table. Both may be mixed in one object, and then the per-table entry
 * wins over the flat one for its table.
 */
export function fieldsFor(tableName: TableName, fields?: FieldMap): Map<string, FieldSource> {
  const map = new Map<string, FieldSource>();
  if (!fields) return map;
  const perTable: [string, unknown][] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (isFieldSource(value)) map.set(key, value);
    else if (isTableName(key) && value !== null && typeof value === 'object') {
      if (key === tableName) perTable.push(...Object.entries(value as Record<string, unknown>));
    } else {
      throw new TypeError(
        `fields: '${key}' must map to a host column name (a string), a constant ({ value }), ` +
          `or be a table name (${TABLE_NAMES.join(', ')}) with a map of its own; got ${describe(value)}`,
      );
    }
  }
  for (const [canonical, host] of perTable) {
    if (!isFieldSource(host)) {
      throw new TypeError(
        `fields.${tableName}.${canonical} must be a host column name (a string) or a constant ({ value }); got ${describe(host)}`,
      );
    }
    map.set(canonical, host);
  }
  return map;
}

/** A host column name, or a constant for every row (`{ value: 'purchase' }`). */
export type FieldSource = string | FieldConstant;

function isFieldSource(value: unknown): value is FieldSource {
  if (typeof value === 'string') return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const v = (value as FieldConstant).value;
  return keys.length === 1 && keys[0] === 'value' && (typeof v === 'string' || typeof v === 'number');
}

/**
 * Renames host columns to canonical ones (canonical ← host). A host column the
 * table does not have is skipped: validation reports missing required fields
 * later, with the row counts a host needs. When the table already has a column
 * under the canonical name and a mapping targets that name too, the mapped host
 * column wins and the other is dropped — the host said explicitly where that
 * field lives. One host column may feed several canonical names. Column order
 * is kept, a renamed column taking its host column's place. A constant
 * (`{ value }`) fills a column the host does not have, such as `event` for a
 * purchase log where every row is a purchase; it replaces a column of that name.
 */
export function applyFieldMap(
  table: ColumnTable,
  tableName: TableName,
  fields?: FieldMap,
): ColumnTable {
  const map = fieldsFor(tableName, fields);
  const names = table.columnNames();
  const present = new Set(names);
  const targets = new Map<string, string[]>(); // host → canonical names, in map order
  const constants = new Map<string, string | number>();
  for (const [canonical, host] of map) {
    if (typeof host !== 'string') {
      constants.set(storedName(canonical), host.value);
      continue;
    }
    const from = storedName(host);
    const to = storedName(canonical);
    if (to === from || !present.has(from)) continue;
    const list = targets.get(from);
    if (list) list.push(to);
    else targets.set(from, [to]);
  }
  if (targets.size === 0 && constants.size === 0) return table;

  const mapped = new Set<string>(constants.keys());
  for (const list of targets.values()) for (const canonical of list) mapped.add(canonical);
  const source = materialize(table);
  const data = new Map<string, ColumnValues>();
  const put = (name: string, values: ColumnValues): void => void data.set(name, values);
  for (const name of names) {
    const values = source.column(name) as unknown as ColumnValues;
    const canonicals = targets.get(name);
    if (canonicals) for (const canonical of canonicals) put(canonical, values);
    else if (!mapped.has(name)) put(name, values);
  }
  const n = table.numRows();
  for (const [canonical, value] of constants) put(canonical, new Array<string | number>(n).fill(value));
  return aqTable(Object.fromEntries(data), [...data.keys()]);
}

/**
 * Any adapter result as an Arquero table: rows (array of objects), an Arquero
 * table (returned as is) or Arrow IPC bytes.
 */
export function toTable(result: LoadResult | ArrayBuffer): ColumnTable {
  if (result instanceof Uint8Array || result instanceof ArrayBuffer) return decodeArrow(result, 'Arrow bytes');
  if (Array.isArray(result)) return rowsToTable(result as readonly Row[]);
  if (isColumnTable(result)) return result;
  throw new TypeError(
    `Expected rows, an Arquero table or Arrow IPC bytes; got ${describe(result)}`,
  );
}

/**
 * Rows to columns in one pass over the rows, over the union of their keys (a key
 * first seen late gets nulls for the rows before it; `aq.from` would only read the
 * first row's keys). `undefined` becomes null; a null or non-object row is kept as
 * a row of nulls, so row indices still match the host's input in validation reports.
 * More than MAX_COLUMNS distinct keys is a format error of `source` (each new key
 * costs a column of every row).
 */
export function rowsToTable(rows: readonly Row[], source = 'the rows given'): ColumnTable {
  const n = rows.length;
  const columns = new Map<string, unknown[]>();
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object') continue;
    for (const key in row) {
      if (!Object.hasOwn(row, key)) continue;
      let column = columns.get(storedName(key));
      if (!column) {
        if (columns.size >= MAX_COLUMNS) throw tooManyKeys(source, i);
        column = new Array<unknown>(n).fill(null);
        columns.set(storedName(key), column);
      }
      const value = row[key];
      column[i] = value === undefined ? null : value;
    }
  }
  return aqTable(Object.fromEntries(columns), [...columns.keys()]);
}

function tooManyKeys(source: string, row: number): AdapterError {
  return new AdapterError(
    'malformed',
    source,
    `${source}: rows have more than ${MAX_COLUMNS} distinct keys (by row ${row + 1}); a table has at most ${MAX_COLUMNS} columns`,
  );
}

/** Duck-typed so an Arquero table from another copy of the library is accepted too. */
export function isColumnTable(value: unknown): value is ColumnTable {
  if (value === null || typeof value !== 'object') return false;
  const t = value as Partial<Record<'columnNames' | 'numRows' | 'column', unknown>>;
  return (
    typeof t.columnNames === 'function' &&
    typeof t.numRows === 'function' &&
    typeof t.column === 'function'
  );
}

/** A filtered or ordered table's columns still hold every row: make the view real first. */
function materialize(table: ColumnTable): ColumnTable {
  return table.isFiltered() || table.isOrdered() ? table.reify() : table;
}

function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value}'` : typeof value;
}
