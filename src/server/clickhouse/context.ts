// One query's compilation for ClickHouse: the checked, valid and filtered relation of
// each table it reads, as nested subqueries (18.16 has no WITH of subqueries), with
// plain column names (no qualified names: every joined column has a name of its own).
import { SCHEMA, type TableName } from '../../data/schema.js';
import type { QueryFilter } from '../../query/types.js';
import type { Catalog, SqlType } from '../catalog.js';
import { PushDownError, type TablePlans } from '../context.js';
import { tsName } from '../valid.js';
import { filterConditions } from './filters.js';
import { ident } from './literal.js';
import { uniqueColumn } from '../valid.js';
import { withSettings } from './shards.js';
import { checkedRelation, validRelation, type CheckedCh } from './valid.js';

export const LABEL = 'ClickHouse';

/** A column as a table's relation holds it (a plain name of that relation). */
export type ChColumn =
  | { readonly kind: 'string' | 'number'; readonly sql: string }
  | { readonly kind: 'time'; readonly sql: string; readonly ts: string }
  | { readonly kind: 'extra'; readonly sql: string; readonly type: SqlType };

export class ChCompiler {
  private readonly checkedSql = new Map<TableName, string>();
  private readonly acceptedSql = new Map<TableName, string>();
  private readonly extraNames = new Map<
    TableName,
    ReadonlyMap<string, { name: string; type: SqlType }>
  >();
  private readonly filteredSql = new Map<TableName, string>();
  private readonly scans = new Map<TableName, CheckedCh['scan']>();
  private readonly finishedOnShards = new Set<string>();
  private readonly finishedEverywhere = new Set<string>();
  private readonly twoLevel = new Set<string>();

  constructor(
    readonly catalog: Catalog,
    readonly metric: string,
    readonly filters: readonly QueryFilter[],
    /** Column names the query reads beyond the canonical ones (by, filters). */
    private readonly extras: readonly string[],
    /** The tables are sharded by customer_id (shards.ts): subqueries read each shard's own rows. */
    readonly colocated = false,
    /** What validation facts learnt of each table (facts.ts): the rules its SQL can leave out. */
    private readonly plans: TablePlans = {},
    /** The check that a table's parts are those the facts were learnt on (facts.ts), in each read of it. */
    private readonly guards: ReadonlyMap<TableName, string> = new Map(),
  ) {}

  /** Whether two valid rows of the table may share its id (not known otherwise: true). */
  duplicates(table: TableName): boolean {
    return this.plans[table]?.duplicates !== false;
  }

  /** `GLOBAL ` before IN and JOIN of a subquery over a Distributed table; nothing when colocated. */
  get global(): string {
    return this.colocated ? '' : 'GLOBAL ';
  }

  /**
   * Marks a statement whose levels over a Distributed table each shard may finish on its
   * own when colocated (their groups are per customer, or counts of each shard's own
   * customers). When such a level is the statement's top one, the shards' rows come
   * back side by side and its finish adds up the rows of one key (shards.ts sumByKey).
   */
  perShard(text: string): string {
    this.finishedOnShards.add(text);
    return text;
  }

  /**
   * Marks a statement whose level over a Distributed table each shard finishes however
   * the tables are sharded (its own level above combines the shards' rows): extent's,
   * whose parts check is then evaluated once per shard, in that level's HAVING.
   */
  onShards(text: string): string {
    this.finishedEverywhere.add(text);
    return text;
  }

  /** Marks a statement whose level that groups by customer feeds array functions (shards.ts TWO_LEVEL). */
  arraysPerUnit(text: string): string {
    this.twoLevel.add(text);
    return text;
  }

  /** The statement as sent, with the settings colocation needs (shards.ts). */
  settled(text: string): string {
    const noMerge = this.finishedEverywhere.has(text) || (this.colocated && this.finishedOnShards.has(text));
    return withSettings(text, this.colocated, noMerge, this.twoLevel.has(text));
  }

  has(table: TableName): boolean {
    return this.catalog[table] !== undefined;
  }

  require(table: TableName): void {
    if (!this.has(table)) throw new TypeError(`${this.metric} needs the ${table} table`);
  }

  refuse(option: string, why: string): never {
    throw new PushDownError(this.metric, option, LABEL, why);
  }

  checked(table: TableName): string {
    let sql = this.checkedSql.get(table);
    if (sql === undefined) {
      const checked = checkedRelation(this.catalog[table]!, this.extras, this.plans[table], this.guards.get(table));
      this.extraNames.set(table, checked.extras);
      this.acceptedSql.set(table, checked.accepted);
      this.scans.set(table, checked.scan);
      this.checkedSql.set(table, (sql = checked.sql));
    }
    return sql;
  }

  valid(table: TableName): string {
    this.checked(table);
    const columns = SCHEMA[table].map((s) => s.name);
    for (const e of this.extraNames.get(table)!.values()) columns.push(e.name);
    return validRelation(table, this.acceptedSql.get(table)!, columns, this.duplicates(table));
  }

  /** The valid rows that every filter reaching the table keeps. */
  filtered(table: TableName): string {
    let sql = this.filteredSql.get(table);
    if (sql === undefined) {
      const conditions = filterConditions(this, table);
      sql = conditions.length
        ? `(SELECT * FROM ${this.valid(table)} WHERE ${conditions.join(' AND ')})`
        : this.valid(table);
      this.filteredSql.set(table, sql);
    }
    return sql;
  }

  /**
   * The filtered rows of a table as one level over the host table — `SELECT … FROM
   * ${from} WHERE ${where} GROUP BY …`, reading the columns by `col(name)` (and
   * `column(table, name, true)`) — so that a Distributed table's shards aggregate their
   * own rows and send only partial aggregates (a subquery over it would send every row
   * to the initiator). Undefined for a table whose rows are deduplicated by id
   * (customers, tickets): that needs all of them in one place — unless facts.ts learnt
   * that no id repeats.
   */
  scan(table: TableName): { from: string; where: string; unguarded: string; guard: string | undefined; col(name: string): string } | undefined {
    return uniqueColumn(table) && this.duplicates(table) ? undefined : this.scanRows(table);
  }

  /**
   * `scan` for any table, duplicates of an id included (dedup.ts counts them apart), with
   * the relation's column names in the order validRelation sorts a duplicated id's rows by.
   */
  scanRows(table: TableName): {
    from: string;
    where: string;
    /** The validation test and the filters' conditions (`where` is them all). */
    accepted: string;
    filters: string[];
    /** `where` without the parts check, and the check (valid.ts), for a level that has it in its HAVING. */
    unguarded: string;
    guard: string | undefined;
    col(name: string): string;
    names: string[];
  } {
    this.checked(table);
    const scan = this.scans.get(table)!;
    const filters = filterConditions(this, table, true);
    return {
      from: scan.from,
      where: [scan.accepted, ...filters].join(' AND '),
      accepted: scan.accepted,
      filters,
      unguarded: [scan.unguarded, ...filters].join(' AND '),
      guard: scan.guard,
      col: (name) => this.scanColumn(table, name),
      names: [...SCHEMA[table].map((c) => c.name), ...[...this.extraNames.get(table)!.values()].map((e) => e.name)],
    };
  }

  /** A relation column's expression in a one-level scan of the table. */
  private scanColumn(table: TableName, name: string): string {
    this.checked(table);
    const expr = this.scans.get(table)!.columns.get(name);
    if (expr === undefined) throw new TypeError(`no column ${name} in the scan of ${table}`);
    return expr;
  }

  /** How the table's relation holds `column` (in a one-level scan of it, `scan`); undefined when the table lacks it. */
  column(table: TableName, column: string, scan = false): ChColumn | undefined {
    const name = (n: string) => (scan ? this.scanColumn(table, n) : ident(n));
    const spec = SCHEMA[table].find((s) => s.name === column);
    if (spec) {
      return spec.kind === 'time'
        ? { kind: 'time', sql: name(column), ts: name(tsName(column)) }
        : { kind: spec.kind, sql: name(column) };
    }
    this.checked(table);
    const extra = this.extraNames.get(table)!.get(column);
    return extra && { kind: 'extra', sql: name(extra.name), type: extra.type };
  }
}
