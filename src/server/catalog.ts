// What the database holds: for each canonical table, the host table it reads (the
// `tables` option, or the canonical name) and that table's columns and their types,
// read from information_schema once per source. The field mapping (`fields`, as the
// adapters take it) then says which host column, or constant, feeds each canonical
// column, and which host columns are left as customer attributes and other extras.
import type { FieldMap } from '../adapters/types.js';
import { fieldsFor } from '../data/fields.js';
import { SCHEMA, TABLE_NAMES, type TableName } from '../data/schema.js';
import type { Dialect } from './dialect.js';
import type { DbRow } from './engine.js';
import { ident, type BoundStatement } from './sql.js';

/** How Pulso reads a column type. */
export type SqlType = 'text' | 'integer' | 'float' | 'boolean' | 'timestamp' | 'timestamptz' | 'date' | 'other';

/** Where a canonical column comes from. */
export type CanonicalSource =
  | { readonly kind: 'column'; readonly column: string; readonly type: SqlType }
  | { readonly kind: 'constant'; readonly value: string | number }
  | { readonly kind: 'absent' };

export interface ExtraColumn {
  readonly column: string;
  readonly type: SqlType;
}

export interface TableModel {
  readonly name: TableName;
  /** The host table, quoted (`"analytics"."events"`). */
  readonly from: string;
  readonly canonical: ReadonlyMap<string, CanonicalSource>;
  /** Columns beyond the canonical ones (customer attributes and other extras): name → host column and type. */
  readonly extras: ReadonlyMap<string, ExtraColumn>;
}

/** The canonical tables the database has (a table it lacks is absent, as a table an adapter does not serve). */
export type Catalog = Partial<Record<TableName, TableModel>>;

/** The statement that lists a table's columns (schema null: the session's current schema). */
export function columnsStatement(d: Dialect, schema: string | null, table: string): BoundStatement {
  const s = d.param(1, 'text');
  const t = d.param(2, 'text');
  return {
    text: `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = coalesce(${s}, current_schema()) AND table_name = ${t} ORDER BY ordinal_position`,
    params: [
      { kind: 'text', value: schema as string },
      { kind: 'text', value: table },
    ],
  };
}

/** `schema.table` or `table` as its parts. */
export function splitName(name: string): { schema: string | null; table: string } {
  const dot = name.indexOf('.');
  return dot < 0 ? { schema: null, table: name } : { schema: name.slice(0, dot), table: name.slice(dot + 1) };
}

const TEXT = /^(text|character varying|character|varchar|char|bpchar|name|uuid|string)(\(.*\))?$/;
const INTEGER = /^(tinyint|smallint|integer|int|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|int2|int4|int8)$/;
const FLOAT = /^(double precision|double|real|float|float4|float8|numeric|decimal)(\(.*\))?$/;

/** A column type as information_schema spells it (either engine), in Pulso's terms. */
export function sqlType(dataType: string): SqlType {
  const t = dataType.trim().toLowerCase();
  if (TEXT.test(t)) return 'text';
  if (INTEGER.test(t)) return 'integer';
  if (FLOAT.test(t)) return 'float';
  if (t === 'boolean' || t === 'bool') return 'boolean';
  if (t === 'date') return 'date';
  if (t === 'timestamp with time zone' || t === 'timestamptz') return 'timestamptz';
  if (/^timestamp(_s|_ms|_ns| without time zone|\(\d\) without time zone)?$/.test(t)) return 'timestamp';
  return 'other';
}

/**
 * The model of one table from its listed columns and the field mapping, following
 * `applyFieldMap`: a mapped host column feeds its canonical column(s) and is no
 * longer an extra; a column already named like a mapped canonical one is dropped;
 * a constant fills its canonical column; a mapped host column the table lacks is skipped.
 */
export function tableModel(name: TableName, from: string, rows: readonly DbRow[], fields?: FieldMap): TableModel {
  const types = new Map<string, SqlType>(rows.map((r) => [String(r.column_name), sqlType(String(r.data_type))]));
  const map = fieldsFor(name, fields);
  const consumed = new Set<string>();
  const replaced = new Set<string>();
  const canonical = new Map<string, CanonicalSource>();
  for (const spec of SCHEMA[name]) {
    const source = map.get(spec.name);
    if (source !== undefined && typeof source !== 'string') {
      canonical.set(spec.name, { kind: 'constant', value: source.value });
      replaced.add(spec.name);
      continue;
    }
    if (source !== undefined && source !== spec.name && types.has(source)) {
      canonical.set(spec.name, { kind: 'column', column: source, type: types.get(source)! });
      consumed.add(source);
      replaced.add(spec.name);
      continue;
    }
    canonical.set(spec.name, types.has(spec.name) ? { kind: 'column', column: spec.name, type: types.get(spec.name)! } : { kind: 'absent' });
  }
  // A mapping to a name outside the schema renames a host column into an extra (`{ plan: 'Plano' }`).
  const renamed = new Map<string, string>();
  for (const [target, host] of map) {
    if (typeof host !== 'string' || host === target || !types.has(host) || canonical.has(target)) continue;
    renamed.set(target, host);
    consumed.add(host);
    replaced.add(target);
  }
  const names = new Set(SCHEMA[name].map((s) => s.name));
  const extras = new Map<string, ExtraColumn>();
  for (const [column, type] of types) {
    if (consumed.has(column) || replaced.has(column) || names.has(column)) continue;
    extras.set(column, { column, type });
  }
  for (const [target, host] of renamed) extras.set(target, { column: host, type: types.get(host)! });
  return { name, from, canonical, extras };
}

/** The quoted name of a host table. */
export function quotedTable(name: string): string {
  const { schema, table } = splitName(name);
  return schema === null ? ident(table) : `${ident(schema)}.${ident(table)}`;
}

export { TABLE_NAMES };
