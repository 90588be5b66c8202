// Reading host values without trusting their types: every column of every table
// can arrive as strings (CSV), numbers, Dates, nulls or Arrow vectors.
import type { ColumnTable } from 'arquero';
import { storedName } from './column-name.js';
import type { Row, TableInput } from './schema.js';

/** Anything indexable by row number. */
export type Values = ArrayLike<unknown>;

interface ArrowLikeColumn {
  length: number;
  toArray(): ArrayLike<unknown>;
}

/** Arquero table or row array? (Arrays are rows; anything with `numRows` is a table.) */
export function isTable(input: TableInput): input is ColumnTable {
  return !Array.isArray(input) && typeof (input as ColumnTable).numRows === 'function';
}

/**
 * A column of an Arquero table as an indexable array, in row order. Arrow-backed
 * columns are materialized once; a filtered or ordered table is reified first so
 * that index i is the i-th visible row.
 */
export function columnValues(table: ColumnTable, name: string): Values | undefined {
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const stored = storedName(name);
  if (!t.columnNames().includes(stored)) return undefined;
  const col = t.column(stored) as unknown;
  if (Array.isArray(col) || ArrayBuffer.isView(col)) return col as unknown as Values;
  const arrow = col as ArrowLikeColumn;
  if (typeof arrow.toArray === 'function') return arrow.toArray();
  return Array.from(col as Iterable<unknown>);
}

/** The column names of a table input (for rows: the union of every row's keys). */
export function inputColumns(input: TableInput): string[] {
  if (isTable(input)) return input.columnNames();
  const names = new Set<string>();
  for (const row of input as readonly Row[]) {
    if (row && typeof row === 'object') for (const k of Object.keys(row)) names.add(k);
  }
  return [...names];
}

/** Null, undefined, NaN, and empty or blank strings are all "no value". */
export function isMissing(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return Number.isNaN(v);
  if (typeof v === 'string') return v.trim() === '';
  return false;
}

/** A number from a number or a numeric string; NaN otherwise. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const s = v.trim();
    // Number('') is 0 and Number('0x1A') is 26: accept only plain decimal notation.
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
  }
  return NaN;
}

/**
 * Text from a string or number (ids often arrive as numbers); undefined for
 * anything else (objects, booleans), which validation reports.
 */
export function toText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}
