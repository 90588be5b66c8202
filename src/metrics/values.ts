// values: the distinct values of one column with how many rows hold each — what a
// dashboard's segment list offers. A query like any metric, so a source that computes
// at the source answers it without sending the table (the customers table of ten
// million patients stays where it is), and small counts are suppressed like any count.
import { SCHEMA, TABLE_NAMES } from '../data/schema.js';
import type { TableInput, TableName, Tables } from '../data/schema.js';
import { column, keyword, options as optionsOf } from '../query/options.js';
import { describeValue } from '../time/describe.js';
import { metricInput } from './input.js';
import { checkMinCellSize } from './suppress.js';

export interface ValuesOptions {
  /** The table to read. Default `customers`. */
  table?: TableName;
  /** The column whose values are listed (a text or number column, not a time). */
  column: string;
  /** Counts 1…k−1 are hidden (the value is still listed). Default 0: off. */
  minCellSize?: number;
}

export interface ValuesRow {
  /** The value as text (numbers as their decimal text, as `by` reads them). */
  value: string;
  /** Rows holding it; null when hidden by `minCellSize`. */
  count: number | null;
  /** Present (true) when `count` is hidden. */
  suppressed?: true;
}

export interface ValuesSettings {
  readonly table: TableName;
  readonly column: string;
  readonly minCellSize: number;
}

/** The options checked and resolved, without data. */
export function checkValuesOptions(options: unknown): ValuesSettings {
  const o = optionsOf(options, 'values');
  const table = keyword(o.table, 'table', TABLE_NAMES, 'customers');
  const name = column(o.column, 'column');
  if (name === undefined) throw new RangeError(`values needs column, the column whose values are listed; got ${describeValue(o.column)}`);
  if (SCHEMA[table].some((c) => c.name === name && c.kind === 'time')) {
    throw new RangeError(`values lists the values of a text or number column; '${name}' is a time (use extent for its span)`);
  }
  return { table, column: name, minCellSize: checkMinCellSize(o.minCellSize) };
}

/**
 * One row per distinct non-empty value of `column`, in code-point order of the
 * value (the order of a SQL `ORDER BY` on text under a binary collation, so a
 * source and the browser list them alike).
 */
export function values(tables: Tables | TableInput, options: ValuesOptions): ValuesRow[] {
  const s = checkValuesOptions(options);
  const frame = metricInput(tables, s.table, 'values').require(s.table);
  // Rows of objects carry no column list: a table without rows has no values to list.
  if (frame.n === 0) return [];
  const dict = frame.dict(s.column);
  const counts = new Float64Array(dict.values.length);
  for (let i = 0; i < frame.n; i++) {
    const c = dict.codes[i];
    if (c >= 0) counts[c]++;
  }
  // A view shares its base's dictionary: values no kept row holds are left out.
  return valuesRows(dict.values.map((value, c) => [value, counts[c]] as const), s.minCellSize);
}

/** The rows from each value's count (a value twice: counts added), in code-point order; a SQL source's too. */
export function valuesRows(counts: Iterable<readonly [string, number]>, minCellSize: number): ValuesRow[] {
  const total = new Map<string, number>();
  for (const [value, n] of counts) if (n > 0 && value !== '') total.set(value, (total.get(value) ?? 0) + n);
  const rows = [...total].map(([value, n]): ValuesRow => (minCellSize > 1 && n < minCellSize ? { value, count: null, suppressed: true } : { value, count: n }));
  return rows.sort((a, b) => byCodePoint(a.value, b.value));
}

/** Code-point order (UTF-16 code units differ from it only above U+FFFF). */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
