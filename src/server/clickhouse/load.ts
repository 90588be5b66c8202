// load() for a ClickHouse source (the REST `GET {base}/{table}`): a table's valid rows
// with its canonical columns (times as epoch ms) and its other columns (DateTime and
// Date ones as epoch ms too), optionally narrowed to some columns and to a half-open
// range of its main time.
import type { LoadRequest } from '../../adapters/types.js';
import { SCHEMA, TABLE_NAMES, type Row, type TableName } from '../../data/schema.js';
import { TIME_COLUMNS } from '../../metrics/extent.js';
import { timestamp } from '../../query/options.js';
import { describeValue } from '../../time/describe.js';
import type { Catalog } from '../catalog.js';
import type { DbRow } from '../engine.js';
import { num } from '../sql.js';
import { ChCompiler } from './context.js';
import { ident, num as lit } from './literal.js';

export interface ChLoadStatement {
  readonly text: string;
  /** Output column → [its name in the result, how to read it]. */
  readonly columns: readonly [string, string, 'text' | 'number' | 'raw'][];
}

export function compileLoadCh(catalog: Catalog, request: LoadRequest): ChLoadStatement | undefined {
  const table = request?.table as TableName;
  if (!(TABLE_NAMES as readonly string[]).includes(table))
    throw new RangeError(
      `load: table must be one of ${TABLE_NAMES.join(', ')}; got ${describeValue(table)}`,
    );
  const model = catalog[table];
  if (!model) return undefined;
  const wanted = request.columns ? new Set(request.columns) : undefined;
  const c = new ChCompiler(catalog, 'load', [], [...model.extras.keys()]);
  const columns: [string, string, 'text' | 'number' | 'raw'][] = [];
  const items: string[] = [];
  for (const spec of SCHEMA[table]) {
    if (wanted && !wanted.has(spec.name)) continue;
    const alias = `o__${columns.length}`;
    columns.push([spec.name, alias, spec.kind === 'string' ? 'text' : 'number']);
    items.push(`${ident(spec.name)} AS ${alias}`);
  }
  for (const name of model.extras.keys()) {
    if (wanted && !wanted.has(name)) continue;
    const ref = c.column(table, name);
    if (!ref || ref.kind !== 'extra') continue;
    const alias = `o__${columns.length}`;
    const time =
      ref.type === 'timestamp'
        ? `toInt64(${ref.sql}) * 1000`
        : ref.type === 'date'
          ? `toInt64(toUInt32(${ref.sql})) * 86400000`
          : undefined;
    columns.push([name, alias, time ? 'number' : 'raw']);
    items.push(`${time ?? ref.sql} AS ${alias}`);
  }
  const time = ident(TIME_COLUMNS[table]);
  const where: string[] = [];
  if (request.from !== undefined) where.push(`${time} >= ${lit(timestamp(request.from, 'from'))}`);
  if (request.to !== undefined) where.push(`${time} < ${lit(timestamp(request.to, 'to'))}`);
  const text = `SELECT ${items.length ? items.join(', ') : '1 AS one'} FROM ${c.valid(table)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  return { text, columns };
}

export function loadRowsCh(rows: readonly DbRow[], s: ChLoadStatement): Row[] {
  return rows.map((r) => {
    const out: Row = {};
    for (const [name, key, kind] of s.columns)
      out[name] =
        kind === 'number' ? num(r[key]) : kind === 'text' ? (r[key] ?? null) : (r[key] ?? null);
    return out;
  });
}
