// A column's cells read as text codes (strings, columns.ts's other reads), and the reads
// of times and numbers, as steps of `rows` rows (slices.ts): straight through in one step
// per record batch (readText, the worker), or cut where that changes nothing read — cells
// given as values (rows, JSON), Arrow UTF-8 strings through one byte-keys table across the
// steps as across batches, dictionary keys with one code per dictionary value across them.
// Times and numbers are cut where a batch's buffers are one value a row (or UTF-8); id
// columns are read without a hash table (distinct-utf8.ts, whole by design) only when not cut,
// and a dictionary of distinct values from its keys (distinct-utf8.ts) either way, in steps.
import { DICTIONARY, loadedBytePath, readTimes, type ArrowBatch, type Cells } from './columns.js';
import { readNumbers } from './read-numbers.js';
import { dictionaryCodes, isUtf8, isValid, MISSING, TextCodes } from './text-codes.js';
import type { Utf8Codes } from './utf8-codes.js';
import { eachSlice, finish, WHOLE, type Steps } from './slices.js';

/**
 * A column read as text codes (MISSING, NOT_TEXT or an index into `text.values`).
 * `distinct`: its values are expected to differ (ids), so an Arrow UTF-8 column is first
 * read without a hash table (distinct-utf8.ts), as is any Arrow dictionary of distinct
 * values; the codes are the same either way, and without the byte path (each cell's value read).
 */
export function readText(cells: Cells, n: number, text = new TextCodes(), distinct = false): Int32Array {
  return finish(textSteps(cells, n, text, distinct, WHOLE));
}

/** `readText` in steps of `rows` rows (a multiple of 8), with the same codes. */
export function* textSteps(cells: Cells, n: number, text: TextCodes, distinct: boolean, rows: number): Steps<Int32Array> {
  const codes = new Int32Array(n);
  if (cells.kind === 'absent') codes.fill(MISSING);
  else if (cells.kind === 'values') {
    const { values } = cells;
    yield* eachSlice(n, rows, (a, b) => codeValues(values, a, b, text, codes));
  } else if (cells.kind === 'dict') {
    const { keys, dictionary } = cells;
    const remap = unseen(dictionary.length);
    yield* eachSlice(n, rows, (a, b) => dictionaryCodes(part(keys, a, b), dictionary, b - a, undefined, text, codes, a, remap));
  } else if (!(text.size === 0 && text.deferrable() && (yield* byteSteps(cells.batches, n, text, codes, distinct, rows)))) {
    yield* batchSteps(cells.batches, text, codes, rows);
  }
  return codes;
}

/** Arrow batches into `codes`: UTF-8 from the bytes (one byte-keys table for the column), dictionaries by key, else each value. */
function* batchSteps(batches: readonly ArrowBatch[], text: TextCodes, codes: Int32Array, rows: number): Steps<void> {
  const path = loadedBytePath();
  let utf8: Utf8Codes | undefined;
  let at = 0;
  for (const batch of batches) {
    const valid = batch.nullCount > 0 ? batch.validity : undefined;
    const keys = batch.type?.typeId === DICTIONARY && Array.isArray(batch.cache) && ArrayBuffer.isView(batch.values) ? (batch.values as Int32Array) : undefined;
    const remap = keys ? unseen((batch.cache as unknown[]).length) : undefined;
    for (let a = 0; a < batch.length; a += rows) {
      const m = Math.min(rows, batch.length - a);
      // A cut at a multiple of 8 rows starts the validity bitmap at a byte.
      const v = valid && a > 0 ? valid.subarray(a >> 3) : valid;
      if (path && isUtf8(batch)) (utf8 ??= path.utf8Codes(text)).read(batch.values, a > 0 ? batch.offsets.subarray(a) : batch.offsets, m, v, codes, at + a);
      else if (keys && remap) dictionaryCodes(a > 0 ? keys.subarray(a, a + m) : keys, batch.cache as unknown[], m, v, text, codes, at + a, remap);
      else for (let i = a; i < a + m; i++) codes[at + i] = isValid(valid, i) ? text.code(batch.value(i)) : MISSING;
      yield;
    }
    at += batch.length;
  }
}

/**
 * A column read by distinct-utf8.ts: ids as UTF-8 or a dictionary holding each row's value
 * once, or a dictionary of distinct values. The first two hash every row at once (tens of ms
 * at 150k rows in a main thread), so only when not cut; a dictionary's read is cut in steps.
 */
function* byteSteps(batches: readonly ArrowBatch[], n: number, text: TextCodes, codes: Int32Array, distinct: boolean, rows: number): Steps<boolean> {
  const path = loadedBytePath();
  if (!path) return false;
  const whole = distinct && n <= rows;
  if (!batches.every((b) => b.type?.typeId === DICTIONARY)) return whole && batches.every(isUtf8) && path.readDistinct(batches as readonly (ArrowBatch & { values: Uint8Array; offsets: Int32Array })[], n, text, codes);
  return (whole && path.readDistinctDictionary(batches, n, text, codes)) || (yield* path.dictionarySteps(batches, text, codes, rows));
}

/** Each dictionary value's code, none given yet (dictionaryCodes). */
const unseen = (size: number): Int32Array => new Int32Array(size).fill(-3);

/** Rows [a, b) of keys, without a copy when typed. */
function part(keys: ArrayLike<number>, a: number, b: number): ArrayLike<number> {
  return ArrayBuffer.isView(keys) ? (keys as Int32Array).subarray(a, b) : Array.prototype.slice.call(keys, a, b);
}

function codeValues(values: ArrayLike<unknown>, a: number, b: number, text: TextCodes, codes: Int32Array): void {
  for (let i = a; i < b; i++) codes[i] = text.code(values[i]);
}

/** A time or number column into `out` and `status`, as `readTimes` or `readNumbers`. */
export function* valueSteps(kind: 'time' | 'number', cells: Cells, n: number, out: Float64Array, status: Uint8Array, rows: number): Steps<void> {
  const read = kind === 'time' ? readTimes : readNumbers;
  if (n <= rows || (cells.kind !== 'values' && cells.kind !== 'arrow')) return read(cells, n, out, status);
  if (cells.kind === 'values') {
    const values = cells.values;
    for (let a = 0; a < n; a += rows) {
      const b = Math.min(n, a + rows);
      const part = ArrayBuffer.isView(values) ? (values as unknown as Float64Array).subarray(a, b) : Array.prototype.slice.call(values, a, b);
      read({ kind: 'values', values: part }, b - a, out.subarray(a, b), status.subarray(a, b));
      yield;
    }
    return;
  }
  let at = 0;
  for (const batch of cells.batches) {
    for (let a = 0; a < batch.length; a += rows) {
      const m = Math.min(rows, batch.length - a);
      const part = m === batch.length ? batch : cutBatch(batch, a, m);
      // A batch whose buffers cannot be cut by rows is read whole.
      const [from, len] = part ? [at + a, m] : [at, batch.length];
      read({ kind: 'arrow', batches: [part ?? batch] }, len, out.subarray(from, from + len), status.subarray(from, from + len));
      yield;
      if (!part) break;
    }
    at += batch.length;
  }
}

const INT = 2;
const FLOAT = 3;
const DATE = 8;
const TIMESTAMP = 10;

/**
 * Rows [a, a + m) of an Arrow batch (a a multiple of 8) as a batch of their own: UTF-8,
 * or one typed value a row (integers, floats, dates, timestamps), or a batch of Dates
 * over such a one; undefined for any other.
 */
function cutBatch(batch: ArrowBatch, a: number, m: number): ArrowBatch | undefined {
  const validity = batch.nullCount > 0 ? batch.validity?.subarray(a >> 3) : undefined;
  const base = { type: batch.type, length: m, nullCount: batch.nullCount, validity, value: (i: number) => batch.value(a + i) };
  if (batch.source) {
    const source = cutBatch(batch.source, a, m);
    return source && { ...base, source };
  }
  if (isUtf8(batch)) return { ...base, values: batch.values, offsets: batch.offsets.subarray(a) };
  const id = batch.type?.typeId;
  const values = batch.values as Int32Array | undefined;
  const typed = ArrayBuffer.isView(values) && !(values instanceof DataView) && values.length === batch.length;
  return typed && (id === INT || id === FLOAT || id === DATE || id === TIMESTAMP) ? { ...base, values: values.subarray(a, a + m) } : undefined;
}
