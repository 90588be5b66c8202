// One query's compilation: the tables it reads, their checked, valid and filtered
// relations as CTEs (c_T, v_T, f_T), the parameters bound so far, and the error a
// query gets when the SQL source cannot compute what it asks.
import { SCHEMA, type TableName } from '../data/schema.js';
import type { QueryFilter } from '../query/types.js';
import type { Catalog, SqlType } from './catalog.js';
import type { Dialect } from './dialect.js';
import { filterConditions } from './filters.js';
import { ident, Params, type BoundStatement } from './sql.js';
import { checkedRelation, integerScore, SCORE_INT, tsName, validRelation, type TablePlan } from './valid.js';

/**
 * A query the SQL source cannot compute, named by metric, option and engine; never a
 * wrong answer instead. A RangeError, so widgets show it as a setting that cannot be taken.
 */
export class PushDownError extends RangeError {
  constructor(metric: string, option: string, engine: string, why: string) {
    super(`${metric}: ${option} cannot be computed by the ${engine} source: ${why}`);
    this.name = 'PushDownError';
  }
}

/** What validation once learnt of each table (validate-once.ts): the rules its SQL can leave out. */
export type TablePlans = Partial<Record<TableName, TablePlan>>;

/** A column as the filtered relation holds it. */
export type ColumnRef =
  | { readonly kind: 'string' | 'number'; readonly sql: string }
  | { readonly kind: 'time'; readonly sql: string; readonly ts: string }
  | { readonly kind: 'extra'; readonly sql: string; readonly type: SqlType };

export class Compiler {
  readonly p: Params;
  private readonly ctes: [string, string][] = [];
  private readonly extraNames = new Map<TableName, ReadonlyMap<string, { name: string; type: SqlType }>>();
  private kinds?: readonly string[];

  constructor(
    readonly d: Dialect,
    readonly catalog: Catalog,
    readonly metric: string,
    readonly filters: readonly QueryFilter[],
    /** Column names the query reads beyond the canonical ones (by, filters). */
    private readonly extras: readonly string[],
    /** Tables validated once for the source: only the rules that apply to them. */
    private readonly plans: TablePlans = {},
  ) {
    this.p = new Params(d);
  }

  /**
   * The statements read only survey rows of these kinds (each says so in its WHERE), so
   * the surveys' checks need only these kinds' rules (valid.ts). Call before the surveys
   * relation is first asked for. Not when a filter picks customers by their surveys: that
   * reads surveys of every kind.
   */
  readsKinds(kinds: readonly string[]): void {
    if (this.ctes.some(([n]) => n === 'c_surveys')) throw new Error('readsKinds: the surveys relation is already written');
    if (!this.filters.some((f) => f.table === 'surveys')) this.kinds = kinds;
  }

  has(table: TableName): boolean {
    return this.catalog[table] !== undefined;
  }

  /** The table, or the metric's own error for a table it needs ("npsTrend needs the surveys table"). */
  require(table: TableName): void {
    if (!this.has(table)) throw new TypeError(`${this.metric} needs the ${table} table`);
  }

  refuse(option: string, why: string): never {
    throw new PushDownError(this.metric, option, this.d.label, why);
  }

  /** Adds a CTE (once per name) after those asked for so far; returns its name. */
  define(name: string, sql: string): string {
    return this.cte(name, () => sql);
  }

  private cte(name: string, make: () => string): string {
    if (!this.ctes.some(([n]) => n === name)) {
      const sql = make();
      this.ctes.push([name, sql]);
    }
    return name;
  }

  checked(table: TableName): string {
    return this.cte(`c_${table}`, () => {
      const checked = checkedRelation(this.catalog[table]!, this.d, this.p, this.extras, this.plans[table], table === 'surveys' ? this.kinds : undefined);
      this.extraNames.set(table, checked.extras);
      return checked.sql;
    });
  }

  valid(table: TableName): string {
    const checked = this.checked(table);
    return this.cte(`v_${table}`, () => {
      const columns = SCHEMA[table].map((s) => s.name);
      for (const e of this.extraNames.get(table)!.values()) columns.push(e.name);
      return validRelation(table, checked, columns, this.d, this.plans[table]);
    });
  }

  /** The valid rows that every filter reaching the table keeps. */
  filtered(table: TableName): string {
    const valid = this.valid(table);
    const name = `f_${table}`;
    if (this.ctes.some(([n]) => n === name)) return name;
    const conditions = filterConditions(this, table, 'r');
    if (!conditions.length) return valid;
    return this.cte(name, () => `SELECT * FROM ${valid} r${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`);
  }

  /**
   * The survey score of `alias` as the NPS classes compare it (`>= 9`, `< 7`…): the host's
   * integer column where valid.ts integerScore holds, else the double. For those comparisons only.
   */
  npsScore(alias: string): string {
    const model = this.catalog.surveys;
    return `${alias}.${ident(model && integerScore(model, this.d) ? SCORE_INT : 'score')}`;
  }

  /** How `alias` (a row of `table`'s relation) holds `column`; undefined when the table lacks it. */
  column(table: TableName, column: string, alias: string): ColumnRef | undefined {
    const spec = SCHEMA[table].find((s) => s.name === column);
    if (spec) {
      const sql = `${alias}.${ident(column)}`;
      return spec.kind === 'time' ? { kind: 'time', sql, ts: `${alias}.${ident(tsName(column))}` } : { kind: spec.kind, sql };
    }
    this.checked(table);
    const extra = this.extraNames.get(table)!.get(column);
    return extra && { kind: 'extra', sql: `${alias}.${ident(extra.name)}`, type: extra.type };
  }

  /** A statement: the CTEs asked for so far, then `select`. */
  statement(select: string): BoundStatement {
    const withs = this.ctes.map(([n, sql]) => `${n} AS (${sql})`).join(',\n');
    return { text: `${withs ? `WITH ${withs}\n` : ''}${select}`, params: [...this.p.list] };
  }
}
