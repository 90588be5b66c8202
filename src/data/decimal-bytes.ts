// Plain decimals read straight from UTF-8 bytes (an Arrow or CSV string column) without a
// string per cell: `[+-]digits[.digits]` or `[+-].digits` with at most 15 digits. For these
// one division gives exactly what `Number(text)` gives: the digits as an integer and the
// power of ten are both exact doubles, and IEEE division rounds once (Clinger's fast path).
// Anything else (exponents, spaces, more digits) gives NaN, and the caller reads the cell
// as a string, as before. Part of the byte path (byte-path.ts).
import { OK, setAbsent } from './columns.js';
import { isValid } from './text-codes.js';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The number bytes [start, end) of `b` write in plain decimal, or NaN (then read them as a string). */
export function parseDecimalBytes(b: Uint8Array, start: number, end: number): number {
  let i = start;
  const sign = b[i];
  if (sign === 45 /* - */ || sign === 43 /* + */) i++;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < end; i++) {
    const d = b[i] - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (d === -2 /* . */ && point < 0) point = digits;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const x = point < 0 || point === digits ? m : m / POW10[digits - point];
  return sign === 45 ? -x : x;
}

/**
 * A UTF-8 batch's numbers into `out` from `at` on, with a status per row: plain decimals
 * parsed from the bytes, any other cell read by `other(i)` (which writes it and gives its status).
 */
export function utf8Numbers(
  values: Uint8Array,
  offsets: Int32Array,
  n: number,
  valid: Uint8Array | undefined,
  out: Float64Array,
  status: Uint8Array,
  at: number,
  other: (i: number) => number,
): void {
  for (let i = 0; i < n; i++) {
    if (!isValid(valid, i)) setAbsent(out, status, at + i);
    else {
      const x = parseDecimalBytes(values, offsets[i], offsets[i + 1]);
      if (x === x) {
        out[at + i] = x;
        status[at + i] = OK;
      } else status[at + i] = other(i);
    }
  }
}
