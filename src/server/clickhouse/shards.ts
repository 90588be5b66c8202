// Tables sharded by customer (createSqlSource's `shardedBy: 'customer_id'`): every row
// of one customer — activity, surveys, tickets, and the customer itself — is on one
// shard. Then a customer's distinct counts on two shards never overlap, and a join or
// IN on customer_id finds its match on the same shard. The compiler uses that:
// - IN and JOIN subqueries are written without GLOBAL and run with
//   `distributed_product_mode = 'local'`: each shard reads its own customers (and
//   tickets, …) instead of the initiator building the set and sending it to all;
// - a statement marked `perShard` runs with `distributed_group_by_no_merge = 1`: each
//   shard finishes its own groups and sends their final counts, and `sumByKey` adds up
//   the rows of one key (the groups of different shards hold different customers).
import type { DbRow } from '../engine.js';
import { count } from '../sql.js';

/** The setting that lets a shard's IN/JOIN subqueries read its own (local) tables. */
export const LOCAL_SUBQUERIES = "distributed_product_mode = 'local'";
/** The setting that makes each shard finish a query on a Distributed table (no merge at the initiator). */
export const NO_MERGE = 'distributed_group_by_no_merge = 1';

/**
 * Two-level GROUP BY from 1,000 keys, which 18.16 allows only with several reading threads
 * or a spill threshold (here one past any memory limit: nothing spills). A level of one
 * array per customer then comes out, on each shard and after the initiator's merge, as
 * up to 256 blocks instead of one, and the array functions above it run block by block:
 * measured (h19fun2), the funnel's chain over 100,000 customers' arrays takes 1.0–1.2 s
 * in one block and 0.15 s in 16 or more (arrays that fit in cache).
 */
export const TWO_LEVEL = 'group_by_two_level_threshold = 1000, max_bytes_before_external_group_by = 1000000000000';

/**
 * The statement as run: with the settings of a customer-sharded source, NO_MERGE for
 * a statement the shards finish (`noMerge`), TWO_LEVEL for one that computes on arrays
 * per customer (`twoLevel`); as it is otherwise.
 */
export function withSettings(text: string, colocated: boolean, noMerge: boolean, twoLevel = false): string {
  const settings = [...(noMerge ? [NO_MERGE] : []), ...(colocated ? [LOCAL_SUBQUERIES] : []), ...(twoLevel ? [TWO_LEVEL] : [])];
  return settings.length ? `${text}\nSETTINGS ${settings.join(', ')}` : text;
}

/** A key's values as text: 64-bit integers come back as strings (in tuples too), others as numbers. */
const keyText = (values: readonly unknown[]) =>
  JSON.stringify(values.map((v) => (v === null || v === undefined ? null : String(v))));

/**
 * The per-shard rows of a `perShard` statement as one row per key: every other column
 * added up (counts of disjoint sets of customers, of rows, sums). Without colocation the
 * rows are already one per key and come back as they are.
 */
export function sumByKey(
  rows: readonly DbRow[],
  keys: readonly string[],
  colocated: boolean,
): DbRow[] {
  if (!colocated) return [...rows];
  const out = new Map<string, DbRow>();
  for (const r of rows) {
    const key = keyText(keys.map((k) => r[k]));
    const seen = out.get(key);
    if (!seen) {
      out.set(key, { ...r });
      continue;
    }
    for (const [name, v] of Object.entries(r))
      if (!keys.includes(name)) seen[name] = count(seen[name]) + count(v);
  }
  return [...out.values()];
}
