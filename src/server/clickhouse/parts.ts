// Where a table's rows are, as facts.ts stamps them: a MergeTree table's active parts,
// listed in `system.parts` of the server the source talks to or, for a Distributed
// table, of every shard of its cluster (the `cluster` table function). The stamp is
// read alone (stampOf) or by the statement of a query itself, after it (stamped.ts).
import type { TableName } from '../../data/schema.js';
import type { DbRow } from '../engine.js';
import type { ClickHouseEngine } from './engine.js';
import { ident, str } from './literal.js';

/** A host table: its database (undefined: the connection's) and name. */
export interface HostTable {
  readonly db: string | undefined;
  readonly table: string;
}

/**
 * Where a table's active parts are listed: `system.parts` of the server the source talks
 * to, or of every shard of `cluster` (a Distributed table's local tables), under the
 * database and name they have there.
 */
export interface PartsAt {
  readonly cluster: string | undefined;
  readonly db: string;
  readonly table: string;
}

/** Each stamped table's active parts: name, rows, bytes and time of each (sorted, as one text). */
export type Stamp = ReadonlyMap<TableName, string>;

const dbExpr = (db: string | undefined) => (db === undefined ? 'currentDatabase()' : str(db));

/** An identifier of a CREATE statement's engine arguments (`x`, 'x' or "x" or bare). */
const unquote = (s: string) => s.trim().replace(/^[`'"]|[`'"]$/g, '');

/** Where a table's parts are listed; undefined for an engine without parts (View, Memory…). */
export async function partsOf(
  engine: ClickHouseEngine,
  host: HostTable,
  signal?: AbortSignal,
): Promise<PartsAt | undefined> {
  const [[row]] = await engine.run(
    [`SELECT database, engine FROM system.tables WHERE database = ${dbExpr(host.db)} AND name = ${str(host.table)}`],
    signal,
  );
  const kind = String(row?.engine ?? '');
  if (/MergeTree$/.test(kind)) return { cluster: undefined, db: String(row.database), table: host.table };
  if (kind !== 'Distributed') return undefined;
  const from = host.db === undefined ? ident(host.table) : `${ident(host.db)}.${ident(host.table)}`;
  const [[create]] = await engine.run([`SHOW CREATE TABLE ${from}`], signal);
  const args = /ENGINE = Distributed\(([^,]+),([^,]+),([^,)]+)/.exec(String(create?.statement ?? ''));
  if (!args) return undefined;
  const [cluster, db, table] = args.slice(1).map(unquote);
  if (/\(/.test(db)) return undefined; // an expression (currentDatabase()): not read here
  return { cluster, db, table };
}

/** A statement reading the stamp of tables, and the stamp from its rows. */
export interface StampRead {
  /** Rows (g, d, t, names): one per place and table that has parts. */
  readonly sql: string;
  read(rows: readonly DbRow[]): Stamp;
}

/**
 * The tables' active parts (name, rows, bytes, time of each) in one statement: one read
 * of `system.parts` per place (this server, or every shard of a cluster through the
 * `cluster` table function), whatever the number of tables there. A table without parts
 * gets '[]'.
 */
export function stampRead(parts: ReadonlyMap<TableName, PartsAt>): StampRead {
  const places = [...new Set([...parts.values()].map((p) => p.cluster ?? ''))];
  const reads = places.map((place, g) => {
    const at = [...parts.values()].filter((p) => (p.cluster ?? '') === place);
    const list = (xs: string[]) => [...new Set(xs)].map(str).join(', ');
    const from = place ? `cluster(${str(place)}, system.parts)` : 'system.parts';
    const part = `concat(name, ':', toString(rows), ':', toString(bytes_on_disk), ':', toString(toUInt32(modification_time)))`;
    return `SELECT ${g} AS g, database AS d, table AS t, ${part} AS name FROM ${from} WHERE active AND database IN (${list(at.map((p) => p.db))}) AND table IN (${list(at.map((p) => p.table))})`;
  });
  const key = (g: unknown, d: unknown, t: unknown) => JSON.stringify([Number(g), String(d), String(t)]);
  return {
    sql: `SELECT g, d, t, arraySort(groupArray(name)) AS names FROM (${reads.join(' UNION ALL ')}) GROUP BY g, d, t`,
    read(rows) {
      const found = new Map(rows.map((r) => [key(r.g, r.d, r.t), JSON.stringify(r.names)]));
      return new Map(
        [...parts].map(([name, p]) => [name, found.get(key(places.indexOf(p.cluster ?? ''), p.db, p.table)) ?? '[]']),
      );
    },
  };
}

/** The tables' stamp read alone (stampRead); undefined when there is none to read. */
export async function stampOf(
  engine: ClickHouseEngine,
  parts: ReadonlyMap<TableName, PartsAt>,
  signal?: AbortSignal,
): Promise<Stamp | undefined> {
  if (!parts.size) return undefined;
  const stamp = stampRead(parts);
  const [rows] = await engine.run([stamp.sql], signal);
  return stamp.read(rows);
}
