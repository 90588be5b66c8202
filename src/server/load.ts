// load() for a SQL source (the REST `GET {base}/{table}`): a table's valid rows with
// its canonical columns (times as epoch ms) and its other columns, optionally narrowed
// to some columns and to a half-open range of its main time.
import type { LoadRequest } from '../adapters/types.js';
import { SCHEMA, TABLE_NAMES, type Row, type TableName } from '../data/schema.js';
import { TIME_COLUMNS } from '../metrics/extent.js';
import { timestamp } from '../query/options.js';
import { describeValue } from '../time/describe.js';
import type { Catalog } from './catalog.js';
import { Compiler, type TablePlans } from './context.js';
import type { Dialect } from './dialect.js';
import type { DbRow } from './engine.js';
import { ident, num, type BoundStatement } from './sql.js';

export interface LoadStatement {
  readonly statement: BoundStatement;
  /** Output column → [its name in the result, how to read it]. */
  readonly columns: readonly [string, string, 'text' | 'number' | 'raw'][];
}

export function compileLoad(d: Dialect, catalog: Catalog, request: LoadRequest, plans?: TablePlans): LoadStatement | undefined {
  const table = request?.table as TableName;
  if (!(TABLE_NAMES as readonly string[]).includes(table)) throw new RangeError(`load: table must be one of ${TABLE_NAMES.join(', ')}; got ${describeValue(table)}`);
  const model = catalog[table];
  if (!model) return undefined;
  const wanted = request.columns ? new Set(request.columns) : undefined;
  const c = new Compiler(d, catalog, 'load', [], [...model.extras.keys()], plans);
  const rel = c.valid(table);
  const columns: [string, string, 'text' | 'number' | 'raw'][] = [];
  const items: string[] = [];
  for (const spec of SCHEMA[table]) {
    if (wanted && !wanted.has(spec.name)) continue;
    columns.push([spec.name, spec.name, spec.kind === 'string' ? 'text' : 'number']);
    items.push(`r.${ident(spec.name)}`);
  }
  for (const name of model.extras.keys()) {
    if (wanted && !wanted.has(name)) continue;
    const ref = c.column(table, name, 'r');
    if (!ref) continue;
    const alias = `e${columns.length}`;
    columns.push([name, alias, 'raw']);
    items.push(`${ref.sql} AS ${alias}`);
  }
  const time = `r.${ident(TIME_COLUMNS[table])}`;
  const where: string[] = [];
  if (request.from !== undefined) where.push(`${time} >= ${c.p.num(timestamp(request.from, 'from'))}`);
  if (request.to !== undefined) where.push(`${time} < ${c.p.num(timestamp(request.to, 'to'))}`);
  const select = `SELECT ${items.length ? items.join(', ') : '1 AS one'} FROM ${rel} r${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  return { statement: c.statement(select), columns };
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  return v;
}

export function loadRows(rows: readonly DbRow[], s: LoadStatement): Row[] {
  return rows.map((r) => {
    const out: Row = {};
    for (const [name, key, kind] of s.columns) out[name] = kind === 'number' ? num(r[key]) : kind === 'text' ? (r[key] ?? null) : plain(r[key]);
    return out;
  });
}
