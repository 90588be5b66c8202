// Column values as Pulso's frames compare and label them, in ClickHouse SQL: text
// trimmed (blank = no value), numbers as Float64 (a filter value "30" matches the
// number 30, as JavaScript prints it), times as epoch ms. Used by filters and by `by`.
import { textOf } from '../values.js';
import type { ChColumn, ChCompiler } from './context.js';
import { nums, strs } from './literal.js';
import { float, trimJs } from './text.js';

export interface ChValue {
  readonly sql: string;
  readonly mode: 'text' | 'num';
}

/** How a column compares in a values filter or groups for `by`; refused for types Pulso cannot print as JS does. */
export function valueOf(c: ChCompiler, ref: ChColumn, column: string, option: string): ChValue {
  if (ref.kind === 'string') return { sql: ref.sql, mode: 'text' };
  if (ref.kind !== 'extra') return { sql: ref.sql, mode: 'num' };
  switch (ref.type) {
    case 'text':
      return { sql: `nullIf(${trimJs(ref.sql)}, '')`, mode: 'text' };
    case 'integer':
    case 'float':
      return { sql: float(ref.sql), mode: 'num' };
    default:
      return c.refuse(
        option,
        `column '${column}' has type ${ref.type}, whose values Pulso compares only as timestamps (a range)`,
      );
  }
}

/** Epoch ms of a column for a range filter; refused for text (no ISO parsing in SQL). */
export function timeOf(c: ChCompiler, ref: ChColumn, column: string, option: string): string {
  if (ref.kind === 'time' || ref.kind === 'number') return ref.sql;
  if (ref.kind !== 'extra')
    return c.refuse(option, `column '${column}' is text; a range needs a timestamp column`);
  if (ref.type === 'timestamp') return `(toInt64(${ref.sql}) * 1000)`;
  if (ref.type === 'date') return `(toInt64(toUInt32(${ref.sql})) * 86400000)`;
  if (ref.type === 'integer' || ref.type === 'float') {
    const x = float(ref.sql);
    return `if(ifNull(abs(${x}) <= 8.64e15, 0), ${x}, CAST(NULL AS Nullable(Float64)))`;
  }
  return c.refuse(
    option,
    `column '${column}' is ${ref.type === 'text' ? 'text' : `of type ${ref.type}`}; a range needs a timestamp column`,
  );
}

/** The membership test of `values` on a value (null passes when listed). */
export function membership(v: ChValue, values: readonly (string | number | null)[]): string {
  const texts = values.map(textOf);
  const nullOk = texts.includes(null);
  const listed = texts.filter((t): t is string => t !== null);
  let test: string;
  if (v.mode === 'text')
    test = listed.length ? `ifNull(${v.sql} IN ${strs([...new Set(listed)])}, 0)` : '0';
  else {
    // A number matches the texts it prints as in JavaScript (30 ↔ "30", not "30.0").
    const list = [
      ...new Set(
        listed.map(Number).filter((x, i) => Number.isFinite(x) && String(x) === listed[i]),
      ),
    ];
    test = list.length ? `ifNull(${v.sql} IN ${nums(list)}, 0)` : '0';
  }
  return nullOk ? `(isNull(${v.sql}) OR ${test})` : test;
}
