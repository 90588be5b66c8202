// Whether a revalidation found the data a cache in memory holds: compared as tables,
// since a held table has no bytes. Linear in the cells, like the validation that made
// the fresh table, and far cheaper than encoding either as Arrow.
import type { ColumnTable } from 'arquero';
import { sameBytes } from './codec.js';
import type { Prepared } from './entry-codec.js';

type Column = { length: number; at(i: number): unknown };

function sameColumn(a: Column, b: Column): boolean {
  if (a.length !== b.length) return false;
  // Typed arrays bit for bit (NaN equals NaN there, as it does in Arrow bytes).
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && a.constructor === b.constructor) {
    return sameBytes(
      new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
      new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    );
  }
  for (let i = 0; i < a.length; i++) if (!Object.is(a.at(i), b.at(i))) return false;
  return true;
}

export function sameTable(a: ColumnTable, b: ColumnTable): boolean {
  if (a === b) return true;
  const names = a.columnNames();
  const other = b.columnNames();
  if (names.length !== other.length || names.some((n, i) => n !== other[i])) return false;
  if (a.numRows() !== b.numRows()) return false;
  return names.every((n) => sameColumn(a.column(n) as unknown as Column, b.column(n) as unknown as Column));
}

/** The same data: the source's own bytes when both have them, else the tables and reports. */
export function samePrepared(a: Prepared, b: Prepared): boolean {
  if (a.bytes && b.bytes) return sameBytes(a.bytes, b.bytes);
  return JSON.stringify(a.report ?? null) === JSON.stringify(b.report ?? null) && sameTable(a.table, b.table);
}
