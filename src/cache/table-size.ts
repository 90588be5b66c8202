// An estimate of the memory a table keeps alive, for the byte budget of a memory cache
// that holds the table object itself. Bounded work whatever the table: typed columns
// are measured exactly; other columns from at most SAMPLE evenly spaced values.
import type { ColumnTable } from 'arquero';

const SAMPLE = 1024;
/** A slot of a JS array (a pointer, or a small number stored inline). */
const SLOT = 8;
/** What V8 spends on a string besides its characters (header, hash, padding), roughly. */
const STRING_OVERHEAD = 16;

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
    const n = column.length;
    const step = Math.max(1, Math.floor(n / SAMPLE));
    let sampled = 0;
    let seen = 0;
    for (let i = 0; i < n && seen < SAMPLE; i += step, seen++) sampled += valueSize(column.at(i));
    bytes += n * SLOT + (seen === 0 ? 0 : Math.ceil((sampled / seen) * n));
  }
  return bytes;
}
