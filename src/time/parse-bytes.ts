// The canonical ISO 8601 forms read straight from UTF-8 bytes (an Arrow string
// vector), without decoding a string per row: `YYYY-MM-DD`, and
// `YYYY-MM-DD[T ]HH:MM:SS[.sss][Z]` — what databases and `toISOString` write.
// Anything else gives NaN, and the caller reads it with `parseTimestamp`, which
// accepts every form this does with the same result (see parse-bytes tests).
import { DAY_MS, daysFromCivil, isValidCivil } from './civil.js';

const ZERO = 48;

/** Two ASCII digits at i as a number, or -1. */
function two(b: Uint8Array, i: number): number {
  const x = b[i] - ZERO;
  const y = b[i + 1] - ZERO;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/** Epoch ms of bytes [start, end) in a canonical form, or NaN (then read them as a string). */
export function parseIsoBytes(b: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len !== 10 && len !== 19 && len !== 20 && len !== 23 && len !== 24) return NaN;
  const hi = two(b, start);
  const lo = two(b, start + 2);
  const m = two(b, start + 5);
  const d = two(b, start + 8);
  if (hi < 0 || lo < 0 || m < 0 || d < 0 || b[start + 4] !== 45 || b[start + 7] !== 45) return NaN;
  const y = hi * 100 + lo;
  if (!isValidCivil(y, m, d)) return NaN;
  const days = daysFromCivil(y, m, d);
  if (len === 10) return days * DAY_MS;
  const sep = b[start + 10];
  if (sep !== 84 /* T */ && sep !== 32 /* space */) return NaN;
  const h = two(b, start + 11);
  const mi = two(b, start + 14);
  const s = two(b, start + 17);
  // 24:00 is left to the full parser.
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || b[start + 13] !== 58 || b[start + 16] !== 58) return NaN;
  let ms = 0;
  let at = start + 19;
  if (len >= 23) {
    const f = two(b, at + 1);
    const g = b[at + 3] - ZERO;
    if (b[at] !== 46 || f < 0 || g < 0 || g > 9) return NaN;
    ms = f * 10 + g;
    at += 4;
  }
  if (at < end && (b[at++] !== 90 /* Z */ || at !== end)) return NaN;
  if (at !== end) return NaN;
  return days * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}
