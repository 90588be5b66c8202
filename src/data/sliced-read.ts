// The column reads of columns.ts and read-numbers.ts as steps of `rows` rows (slices.ts),
// where a column can be cut without changing what is read: cells given as values (rows,
// JSON) and Arrow UTF-8 strings, read through one byte-keys table across the steps just as
// across record batches. Any other column (a few ms at 1M rows: typed Arrow vectors,
// dictionaries) and id columns read without a hash table (distinct-utf8.ts, whole by
// design) are read in one step.
import { loadedBytePath, readText, readTimes, type ArrowBatch, type Cells, type TextCodes } from './columns.js';
import { readNumbers } from './read-numbers.js';
import { isUtf8 } from './text-codes.js';
import type { Steps } from './slices.js';

/** A column read as text codes, as `readText`; `distinct` as there. */
export function* textSteps(cells: Cells, n: number, text: TextCodes, distinct: boolean, rows: number): Steps<Int32Array> {
  const path = loadedBytePath();
  if (n <= rows) return readText(cells, n, text, distinct);
  if (cells.kind === 'values') {
    const codes = new Int32Array(n);
    for (let a = 0; a < n; a += rows) {
      codeValues(cells.values, a, Math.min(n, a + rows), text, codes);
      yield;
    }
    return codes;
  }
  if (cells.kind !== 'arrow' || distinct || !path || !cells.batches.every(isUtf8)) return readText(cells, n, text, distinct);
  const codes = new Int32Array(n);
  const utf8 = path.utf8Codes(text);
  let at = 0;
  for (const batch of cells.batches as readonly ArrowBatch[]) {
    if (!isUtf8(batch)) continue; // every batch is (checked above)
    const valid = batch.nullCount > 0 ? batch.validity : undefined;
    for (let a = 0; a < batch.length; a += rows) {
      // A cut at a multiple of 8 rows starts the validity bitmap at a byte.
      utf8.read(batch.values, batch.offsets.subarray(a), Math.min(rows, batch.length - a), valid?.subarray(a >> 3), codes, at + a);
      yield;
    }
    at += batch.length;
  }
  return codes;
}

function codeValues(values: ArrayLike<unknown>, a: number, b: number, text: TextCodes, codes: Int32Array): void {
  for (let i = a; i < b; i++) codes[i] = text.code(values[i]);
}

/** A time or number column into `out` and `status`, as `readTimes` or `readNumbers`. */
export function* valueSteps(kind: 'time' | 'number', cells: Cells, n: number, out: Float64Array, status: Uint8Array, rows: number): Steps<void> {
  const read = kind === 'time' ? readTimes : readNumbers;
  if (cells.kind !== 'values' || n <= rows) return read(cells, n, out, status);
  const values = cells.values;
  for (let a = 0; a < n; a += rows) {
    const b = Math.min(n, a + rows);
    const part = ArrayBuffer.isView(values) ? (values as unknown as Float64Array).subarray(a, b) : Array.prototype.slice.call(values, a, b);
    read({ kind: 'values', values: part }, b - a, out.subarray(a, b), status.subarray(a, b));
    yield;
  }
}
