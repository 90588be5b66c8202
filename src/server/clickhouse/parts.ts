// Where a table's rows are, as facts.ts stamps them: a MergeTree table's active parts,
// listed in `system.parts` of the server the source talks to or, for a Distributed
// table, of every shard of its cluster (the `cluster` table function). The stamp is read
// once, before learning (stampOf); each read of the table by a query then checks on its
// shard that it reads only parts of the stamp (partsGuard).
import type { TableName } from '../../data/schema.js';
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

/** Each stamped table's active parts on every shard (PART of each, sorted). */
export type Stamp = ReadonlyMap<TableName, readonly string[]>;

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

/**
 * One active part as the stamp lists it and the check finds it: the server (hostName is
 * computed where the part is, never folded by the initiator) and the part's path (its
 * server's data folder, table and name), rows, bytes and time. Two shards' parts share
 * names, rows and bytes (a Distributed insert splits a block into parts of one name on
 * each): with the server and path, a part of one shard is never taken for another's.
 */
const PART = `concat(hostName(), ':', path, ':', toString(rows), ':', toString(bytes_on_disk), ':', toString(toUInt32(modification_time)))`;

/**
 * The tables' active parts (PART of each) in one statement: one read of `system.parts`
 * per place (this server, or every shard of a cluster through the `cluster` table
 * function), whatever the number of tables there; undefined when there is none to read.
 */
export async function stampOf(
  engine: ClickHouseEngine,
  parts: ReadonlyMap<TableName, PartsAt>,
  signal?: AbortSignal,
): Promise<Stamp | undefined> {
  if (!parts.size) return undefined;
  const places = [...new Set([...parts.values()].map((p) => p.cluster ?? ''))];
  const reads = places.map((place, g) => {
    const at = [...parts.values()].filter((p) => (p.cluster ?? '') === place);
    const list = (xs: string[]) => [...new Set(xs)].map(str).join(', ');
    const from = place ? `cluster(${str(place)}, system.parts)` : 'system.parts';
    return `SELECT ${g} AS g, database AS d, table AS t, ${PART} AS name FROM ${from} WHERE active AND database IN (${list(at.map((p) => p.db))}) AND table IN (${list(at.map((p) => p.table))})`;
  });
  const [rows] = await engine.run(
    [`SELECT g, d, t, arraySort(groupArray(name)) AS names FROM (${reads.join(' UNION ALL ')}) GROUP BY g, d, t`],
    signal,
  );
  const key = (g: unknown, d: unknown, t: unknown) => JSON.stringify([Number(g), String(d), String(t)]);
  const found = new Map(rows.map((r) => [key(r.g, r.d, r.t), (r.names as unknown[]).map(String)]));
  return new Map([...parts].map(([name, p]) => [name, found.get(key(places.indexOf(p.cluster ?? ''), p.db, p.table)) ?? []]));
}

/**
 * The check that a read of a table reads only parts of `stamp`: a non-GLOBAL IN subquery
 * on `system.parts`, which a Distributed table sends with the read to each shard, so each
 * shard lists its own parts after it took those its read will use and before it reads a
 * row (docs/clickhouse.md: tried on 18.16), and fails the statement with code 395
 * (partsChanged) when one is not in the stamp: an insert, a merge, a mutation since. A
 * part gone is no change: the facts are absences (no blank id, no repeated id…), which
 * hold for fewer rows too.
 *
 * The shard builds the set once, whatever the level that names it; the `IN` is then
 * evaluated on each row of that level. In the condition of the level that reads the
 * table (valid.ts), that is every row read (≈ 1 ns each on 18.16); in the HAVING of a
 * level each shard finishes (`distributed_group_by_no_merge`, extent.ts), once per group.
 * The subquery throws on each part rather than on a count of them: 18.16 takes an
 * aggregate inside an IN subquery of a HAVING for one of the outer level.
 */
export function partsGuard(at: PartsAt, stamp: readonly string[]): string {
  const outside = stamp.length ? `${PART} NOT IN (${stamp.map(str).join(', ')})` : '1';
  return `0 IN (SELECT throwIf(${outside}) FROM system.parts WHERE database = ${str(at.db)} AND table = ${str(at.table)} AND active)`;
}

/**
 * Whether a statement failed because a guard found a part not in its stamp: throwIf's
 * code, 395 (the client reads no code from 18.16's messages, `Code: 395, e.displayText()…`).
 */
export function partsChanged(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code ?? /^Code: (\d+)/.exec(e.message)?.[1];
  return String(code) === '395';
}
