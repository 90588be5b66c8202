// SQL text and its parameters: every value a query carries (a segment value, a time
// zone, a bound) is bound as a parameter, never spliced into the text. Identifiers come
// only from the database's own catalog (and are quoted); keywords from Pulso's code.
import type { Dialect } from './dialect.js';

export type ParamKind = 'text' | 'num' | 'texts' | 'nums';

/** A bound value and the SQL type it is bound as. */
export interface Param {
  readonly kind: ParamKind;
  readonly value: string | number | readonly string[] | readonly number[];
}

/** One statement as `sql(query)` shows it: the text with `$n` placeholders, and their values. */
export interface SqlStatement {
  readonly text: string;
  readonly params: readonly Param['value'][];
}

/** A statement and the parameter kinds the engine binds it with. */
export interface BoundStatement {
  readonly text: string;
  readonly params: readonly Param[];
}

/** A quoted identifier: `"name"` with inner quotes doubled. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The parameters of one statement, numbered in the order they are added. */
export class Params {
  readonly list: Param[] = [];
  /** Scalars already bound: one value, one placeholder (a value bound twice but used once would be an error). */
  private readonly seen = new Map<string, string>();
  constructor(private readonly dialect: Dialect) {}

  private add(kind: ParamKind, value: Param['value']): string {
    const key = kind === 'text' || kind === 'num' ? `${kind}:${String(value)}` : undefined;
    const known = key === undefined ? undefined : this.seen.get(key);
    if (known) return known;
    this.list.push({ kind, value });
    const placeholder = this.dialect.param(this.list.length, kind);
    if (key !== undefined) this.seen.set(key, placeholder);
    return placeholder;
  }

  text(value: string): string {
    return this.add('text', value);
  }

  /** A finite number; ±Infinity (an open range end) has no SQL literal, so callers test for it first. */
  num(value: number): string {
    if (!Number.isFinite(value)) throw new RangeError(`cannot bind ${value} as a SQL number`);
    return this.add('num', value);
  }

  texts(values: readonly string[]): string {
    return this.add('texts', values);
  }

  nums(values: readonly number[]): string {
    return this.add('nums', values);
  }
}

/** A value a driver returned (string for PostgreSQL's bigint and numeric, bigint for DuckDB's) as a number; null stays null. */
export function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new TypeError(`expected a number from the database; got ${typeof v}`);
}

/** A count as a JS number (SPEC §3: counts are numbers, never strings or bigints); null as 0. */
export function count(v: unknown): number {
  return num(v) ?? 0;
}
