// An estimate of the memory a table keeps alive, for the byte budget of a memory cache
// that holds the table object itself. Bounded work whatever the table: typed columns
// are measured exactly; other columns from at most SAMPLE evenly spaced values.
import type { ColumnTable } from 'arquero';
import { CodedStrings } from '../data/coded-strings.js';

const SAMPLE = 1024;
/** A slot of a JS array (a pointer, or a small number stored inline). */
const SLOT = 8;
/** What V8 spends on a string besides its characters (header, hash, padding), roughly. */
const STRING_OVERHEAD = 16;
/** Characters assumed of a string not made yet (deferred ids: text-codes.ts). */
const DEFERRED_CHARS = 16;

function valueSize(value: unknown): number {
  if (typeof value === 'string') return STRING_OVERHEAD + 2 * value.length;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return 0;
  return 32; // a Date, a boxed value: a small object
}

/**
 * An upper-side estimate: strings are counted at two bytes a character and never as
 * shared, although V8 often shares equal ones (a load's repeated `kind` values).
 */
export function estimateTableBytes(table: ColumnTable): number {
  let bytes = 0;
  for (const name of table.columnNames()) {
    const column = table.column(name) as unknown as { length: number; at(i: number): unknown; byteLength?: unknown };
    // A typed array, or an Arrow vector (its buffers).
    if (typeof column.byteLength === 'number') {
      bytes += column.byteLength;
      continue;
    }
    if (column instanceof CodedStrings) {
      bytes += codedBytes(column);
      continue;
    }
    bytes += column.length * SLOT + sampled(column.length, (i) => column.at(i));
  }
  return bytes;
}

/**
 * A validated string column (coded-strings.ts): its codes, and its distinct strings once each,
 * measured from a sample when they are made; deferred ones are not made to be measured (the memory
 * cache would otherwise decode every table's ids as it takes the table: bench/RESULTS.md, "h14cold3").
 */
function codedBytes(column: CodedStrings): number {
  const distinct = column.distinct();
  if (typeof distinct === 'number') return column.codes.byteLength + distinct * (SLOT + STRING_OVERHEAD + 2 * DEFERRED_CHARS);
  return column.codes.byteLength + distinct.length * SLOT + sampled(distinct.length, (i) => distinct[i]);
}

/** The size of `n` values, estimated from at most SAMPLE evenly spaced ones. */
function sampled(n: number, at: (i: number) => unknown): number {
  const step = Math.max(1, Math.floor(n / SAMPLE));
  let sum = 0;
  let seen = 0;
  for (let i = 0; i < n && seen < SAMPLE; i += step, seen++) sum += valueSize(at(i));
  return seen === 0 ? 0 : Math.ceil((sum / seen) * n);
}
