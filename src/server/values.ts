// Column values as Pulso's frames compare and label them: text trimmed (blank = no
// value), numbers as JavaScript prints them (a filter value "30" matches the number 30),
// times as epoch ms. Used by filters and by `by` (segments).
import { toText } from '../data/values.js';
import { NONE } from '../metrics/input.js';
import type { ColumnRef, Compiler } from './context.js';

/** A value expression and how it compares: as text, or as a number printed the JS way. */
export interface ValueExpr {
  readonly sql: string;
  readonly mode: 'text' | 'num';
}

/** How `ref` compares in a values filter or groups for `by`; refused for types Pulso cannot print as JS does. */
export function valueOf(c: Compiler, ref: ColumnRef, column: string, option: string): ValueExpr {
  const d = c.d;
  if (ref.kind === 'string') return { sql: ref.sql, mode: 'text' };
  if (ref.kind !== 'extra') return { sql: ref.sql, mode: 'num' };
  switch (ref.type) {
    case 'text':
      return { sql: `NULLIF(${d.trim(ref.sql)}, '')`, mode: 'text' };
    case 'integer':
    case 'float': {
      const x = d.double(ref.sql);
      return { sql: `CASE WHEN ${d.isNaN(x)} THEN NULL ELSE ${x} END`, mode: 'num' };
    }
    case 'boolean':
      return { sql: d.text(ref.sql), mode: 'text' };
    default:
      return c.refuse(option, `column '${column}' has type ${ref.type}, whose values Pulso compares only as timestamps (a range)`);
  }
}

/** Epoch ms of `ref` for a range filter; refused for text (no ISO parsing in SQL). */
export function timeOf(c: Compiler, ref: ColumnRef, column: string, option: string): string {
  if (ref.kind === 'time') return ref.sql;
  if (ref.kind === 'number') return ref.sql;
  if (ref.kind === 'extra') {
    if (ref.type === 'timestamp' || ref.type === 'date') return c.d.epochMs(`CAST(${ref.sql} AS TIMESTAMP)`);
    if (ref.type === 'timestamptz') return c.d.epochMs(c.d.utcOfTz(ref.sql));
    if (ref.type === 'integer' || ref.type === 'float') {
      const x = c.d.double(ref.sql);
      return `CASE WHEN abs(${x}) <= 8.64e15 THEN ${x} END`;
    }
  }
  return c.refuse(option, `column '${column}' is text; a range needs a timestamp column`);
}

/** A filter value as the frames store it: text trimmed; null or blank → null. */
export function textOf(v: string | number | null): string | null {
  const text = v === null ? undefined : toText(v);
  return text === undefined || text === '' ? null : text;
}

/** The membership test of `values` on a value expression (null passes when listed). */
export function membership(c: Compiler, v: ValueExpr, values: readonly (string | number | null)[]): string {
  const texts = values.map(textOf);
  const nullOk = texts.includes(null);
  const listed = texts.filter((t): t is string => t !== null);
  let test: string;
  if (v.mode === 'text') test = listed.length ? c.d.inList(v.sql, c.p.texts([...new Set(listed)])) : 'FALSE';
  else {
    // A number matches the texts it prints as in JavaScript (30 ↔ "30", not "30.0").
    const nums = [...new Set(listed.map(Number).filter((x, i) => Number.isFinite(x) && String(x) === listed[i]))];
    test = nums.length ? c.d.inList(v.sql, c.p.nums(nums)) : 'FALSE';
  }
  return nullOk ? `(${v.sql} IS NULL OR coalesce(${test}, FALSE))` : `coalesce(${test}, FALSE)`;
}

/** A segment value from the database as its label: text as is, a number printed as JS prints it, null as "(none)". */
export function labelOf(v: unknown): string {
  if (v === null || v === undefined) return NONE;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'bigint') return String(v);
  return String(v);
}
