// Counts over a table whose rows are deduplicated by id (customers, tickets), finished on
// the shards when the tables are sharded by customer (shards.ts). Deduplication keeps one
// valid row per id, the first by its columns as text (valid.ts validRelation); written
// as a subquery it runs where the rows meet, so every shard sends all its valid rows to
// the initiator. Sharded by customer, an id's rows are all on one shard, so each shard
// can count alone, in one level over the table, in two statements:
// - every valid row that passes the query's conditions, counted per key (duplicates
//   too): the shards send one count per key;
// - the ids with more than one valid row (found on each shard by a local IN over its own
//   rows): each with the keys of its rows that were counted, and whether its first row
//   passes and that row's key. Usually none: the shards send nothing.
// The finish takes one off each counted duplicate's key and adds one back at its first
// row's key when that row passes: the counts of the deduplicated rows, exact. When
// validation facts (facts.ts) say no id repeats, the first statement alone.
import type { TableName } from '../../data/schema.js';
import type { DbRow } from '../engine.js';
import { count } from '../sql.js';
import type { ChCompiler } from './context.js';
import { sumByKey } from './shards.js';
import { uniqueColumn } from '../valid.js';

/** A key of the count: its name in the rows returned, and its expression over the scan's columns. */
export type CountKey = readonly [name: string, expr: string];

export interface DedupCounts {
  /** One or two statements, to run in this order (each finished on each shard). */
  readonly statements: readonly string[];
  /** Their results as one row per key, with `n`, the count of deduplicated rows. */
  rows(results: readonly DbRow[][]): DbRow[];
}

/**
 * Deduplicated `table`'s rows that pass the filters and `where` (over `col`), counted per
 * `keys` on the shards. Only for a colocated source (an id's rows must share a shard),
 * or when no id repeats (`c.duplicates` false: the one statement, for any sharding).
 */
export function dedupCounts(
  c: ChCompiler,
  table: TableName,
  keys: (col: (name: string) => string) => readonly CountKey[],
  where: (col: (name: string) => string) => string,
): DedupCounts {
  const id = uniqueColumn(table)!;
  const scan = c.scanRows(table);
  const { accepted, filters } = scan;
  const ks = keys(scan.col);
  const names = ks.map((_, i) => `d__k${i}`);
  const items = ks.map(([, expr], i) => `${expr} AS ${names[i]}`).join(', ');
  const passes = [...filters, where(scan.col)].join(' AND ');
  const counted = `SELECT ${items}, count() AS d__n FROM ${scan.from} WHERE ${accepted} AND ${passes} GROUP BY ${names.join(', ')}`;
  // NULLs last, as ORDER BY puts them (validRelation); tuples of strings compare bytewise, as ORDER BY does.
  const order = scan.names.flatMap((n) => {
    const text = `toString(${scan.col(n)})`;
    return [`isNull(${text})`, `ifNull(${text}, '')`];
  });
  const idExpr = scan.col(id);
  const key = `tuple(${ks.map(([, expr]) => expr).join(', ')})`;
  const twice = `(SELECT ${idExpr} AS d__id FROM ${scan.from} WHERE ${accepted} GROUP BY d__id HAVING count() > 1)`;
  const duplicates = `SELECT argMin(tuple(toUInt8(ifNull(${passes}, 0)), ${key}), tuple(${order.join(', ')})) AS d__first,
  groupArrayIf(${key}, ifNull(${passes}, 0) = 1) AS d__counted
FROM ${scan.from} WHERE ${accepted} AND ${idExpr} IN ${twice} GROUP BY ${idExpr}`;
  return {
    statements: c.duplicates(table)
      ? [c.perShard(counted), c.perShard(duplicates)]
      : [c.perShard(counted)],
    rows([countedRows, dupRows = []]) {
      const out: DbRow[] = countedRows.map((r) => ({
        ...Object.fromEntries(ks.map(([name], i) => [name, r[names[i]]])),
        n: count(r.d__n),
      }));
      const row = (values: readonly unknown[], n: number): DbRow => ({
        ...Object.fromEntries(ks.map(([name], i) => [name, values[i]])),
        n,
      });
      for (const d of dupRows) {
        for (const k of d.d__counted as unknown[][]) out.push(row(k, -1));
        const [passes, first] = d.d__first as [unknown, unknown[]];
        if (count(passes) === 1) out.push(row(first, 1));
      }
      return sumByKey(out, ks.map(([name]) => name), true).filter((r) => count(r.n) !== 0);
    },
  };
}
