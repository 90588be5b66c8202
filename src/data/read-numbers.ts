// Number columns read into a Float64Array with a status byte per row (columns.ts
// reads strings and times): an Arrow vector of floats or small integers as it is, plain
// decimals in UTF-8 bytes parsed from them (with the byte path), any other cell as
// `toNumber` reads one value.
import { ABSENT, fromDictionary, loadedBytePath, OK, setAbsent, UNREADABLE, type ArrowBatch, type Cells } from './columns.js';
import { isUtf8, isValid } from './text-codes.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Numeric strings seen (scores repeat a handful of values); bounded. */
const NUMERIC_MEMO_MAX = 4096;

/** A number column into `out` with a status per row (OK, ABSENT or UNREADABLE), as `toNumber` reads one value. */
export function readNumbers(cells: Cells, n: number, out: Float64Array, status: Uint8Array): void {
  if (cells.kind === 'absent') {
    out.fill(NaN);
    status.fill(ABSENT);
  } else if (cells.kind === 'values') {
    const values = cells.values;
    if (values instanceof Float64Array) return fromTyped(values, n, undefined, out, status, 0);
    const memo = new Map<string, number | null>();
    for (let i = 0; i < n; i++) status[i] = numberOf(values[i], out, i, memo);
  } else if (cells.kind === 'dict') {
    const memo = new Map<string, number | null>();
    fromDictionary(cells, n, out, status, (v, parsed, k) => numberOf(v, parsed, k, memo));
  } else {
    let at = 0;
    const memo = new Map<string, number | null>();
    for (const batch of cells.batches) {
      const valid = batch.nullCount > 0 ? batch.validity : undefined;
      const typed = numericValues(batch);
      const path = loadedBytePath();
      if (typed) fromTyped(typed, batch.length, valid, out, status, at);
      else if (path && isUtf8(batch)) {
        const { values, offsets } = batch;
        path.utf8Numbers(values, offsets, batch.length, valid, out, status, at, (i) => numberOf(batch.value(i), out, at + i, memo));
      } else {
        for (let i = 0; i < batch.length; i++) {
          if (!isValid(valid, i)) setAbsent(out, status, at + i);
          else status[at + i] = numberOf(batch.value(i), out, at + i, memo);
        }
      }
      at += batch.length;
    }
  }
}

const INT = 2;
const FLOAT = 3;

/** The values of an Arrow batch of 8- to 32-bit integers or 32- or 64-bit floats (its numbers as they are), else undefined. */
function numericValues(batch: ArrowBatch): ArrayLike<number> | undefined {
  const v = batch.values;
  const type = batch.type?.typeId;
  if (type === FLOAT && (v instanceof Float64Array || v instanceof Float32Array)) return v;
  const int = v instanceof Int32Array || v instanceof Int16Array || v instanceof Int8Array;
  if (type === INT && (int || v instanceof Uint32Array || v instanceof Uint16Array || v instanceof Uint8Array)) return v;
  return undefined;
}

/** Typed numbers as `numberOf` reads each: NaN is no value, an infinity no number. */
function fromTyped(values: ArrayLike<number>, n: number, valid: Uint8Array | undefined, out: Float64Array, status: Uint8Array, at: number) {
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!isValid(valid, i) || x !== x) setAbsent(out, status, at + i);
    else if (x - x === 0) {
      out[at + i] = x;
      status[at + i] = OK;
    } else {
      out[at + i] = NaN;
      status[at + i] = UNREADABLE;
    }
  }
}

function numberOf(v: unknown, out: Float64Array, i: number, memo: Map<string, number | null>): number {
  if (typeof v === 'number') {
    out[i] = v;
    return v !== v ? ABSENT : v - v === 0 ? OK : ((out[i] = NaN), UNREADABLE);
  }
  if (typeof v === 'string') {
    let x = memo.get(v);
    if (x === undefined) {
      const s = v.trim();
      // null marks a blank string; '-1e999' is -Infinity, as toNumber reads it.
      x = s === '' ? null : DECIMAL.test(s) ? Number(s) : NaN;
      if (memo.size < NUMERIC_MEMO_MAX) memo.set(v, x);
    }
    if (x === null) return (out[i] = NaN), ABSENT;
    out[i] = x;
    return x === x ? OK : UNREADABLE;
  }
  if (typeof v === 'bigint') return (out[i] = Number(v)), OK;
  out[i] = NaN;
  return v === null || v === undefined ? ABSENT : UNREADABLE;
}
