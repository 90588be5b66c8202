// Timestamps from data. This runs once per row on hundreds of thousands of rows,
// so strings are scanned by hand with charCodeAt: no RegExp, no Date, no
// substring per value.
import { DAY_MS, daysFromCivil, isValidCivil } from './civil.js';
import { describeValue } from './describe.js';

/** The range of ECMAScript Date: ±100 000 000 days around the epoch. */
/** The largest epoch ms a Date holds (ECMAScript's TimeClip bound). */
export const MAX_MS = 8.64e15;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const DASH = 45;
const COLON = 58;
const DOT = 46;
const COMMA = 44;
const PLUS = 43;
const ZERO = 48;

// Cursor shared by the scanners below. Parsing is synchronous and never
// re-entrant, so one module-level position avoids allocating a result object.
let pos = 0;

/**
 * Epoch milliseconds of a timestamp, or NaN when it cannot be read.
 *
 * - finite numbers are epoch ms (NaN outside Date's range of ±8.64e15);
 * - a `Date` gives its time (NaN when invalid);
 * - strings must be ISO 8601 extended form: `YYYY-MM-DD` (midnight UTC),
 *   `YYYY-MM-DDTHH:MM`, `…:SS` or `…:SS.sss` (any number of fraction digits,
 *   truncated to the millisecond as Date does), then `Z`, `±HH:MM`, `±HHMM`
 *   or `±HH`. A space may replace the `T` (SQL exports). A date-time without
 *   a zone is read as UTC: a browser-local reading would make the same file
 *   bucket differently on every reader's laptop. `24:00` (and `24:00:00`)
 *   is accepted as midnight ending that day, as ISO 8601 and Date allow.
 *   Years outside 0000–9999 use the expanded form `±YYYYYY`. Surrounding
 *   whitespace is ignored.
 *
 * Everything else is NaN: impossible dates (2025-02-30, month 13, hour 25,
 * minute 60, second 60), other layouts ("March 3", "2025/03/01"), blank
 * strings, and pure digit strings — "20250301" or "1741000000000" in a CSV is
 * ambiguous (basic-format date? seconds? ms?), so the caller must convert it.
 */
export function parseTimestamp(value: unknown): number {
  if (typeof value === 'string') return parseIsoString(value);
  if (typeof value === 'number') return value >= -MAX_MS && value <= MAX_MS ? value : NaN;
  if (value instanceof Date) return value.getTime();
  return NaN;
}

/** The day number (days since 1970-01-01) of an exact `YYYY-MM-DD` string, or NaN. */
export function parseDay(s: string): number {
  pos = 0;
  const days = scanDate(s, s.length);
  return pos === s.length ? days : NaN;
}

/**
 * An instant as an ISO 8601 UTC string (`2025-03-01T12:00:00.000Z`), for query
 * parameters and file names. Throws a RangeError for NaN or an out-of-range ms.
 */
export function formatIso(ms: number): string {
  if (!(ms >= -MAX_MS && ms <= MAX_MS)) {
    throw new RangeError(
      `formatIso needs epoch milliseconds within ±8.64e15; got ${describeValue(ms)}`,
    );
  }
  return new Date(ms).toISOString();
}

function isSpace(c: number): boolean {
  // ASCII whitespace, no-break space and the byte-order mark some CSV exports keep.
  return c <= 32 || c === 0xa0 || c === 0xfeff;
}

function parseIsoString(s: string): number {
  let end = s.length;
  pos = 0;
  while (pos < end && isSpace(s.charCodeAt(pos))) pos++;
  while (end > pos && isSpace(s.charCodeAt(end - 1))) end--;
  const days = scanDate(s, end);
  if (days !== days) return NaN;
  if (pos === end) return inRange(days * DAY_MS);
  const sep = s.charCodeAt(pos++);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return NaN;
  const time = scanTime(s, end);
  if (time !== time) return NaN;
  const offset = scanOffset(s, end);
  if (offset !== offset || pos !== end) return NaN;
  return inRange(days * DAY_MS + time - offset);
}

function inRange(ms: number): number {
  return ms >= -MAX_MS && ms <= MAX_MS ? ms : NaN;
}

/** Exactly n ASCII digits at the cursor as a number, or -1. */
function digits(s: string, end: number, n: number): number {
  if (pos + n > end) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(pos + k) - ZERO;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  pos += n;
  return v;
}

/** `YYYY-MM-DD` or `±YYYYYY-MM-DD` at the cursor as a day number, or NaN. */
function scanDate(s: string, end: number): number {
  const c = s.charCodeAt(pos);
  let y: number;
  if (c === PLUS || c === DASH) {
    pos++;
    y = digits(s, end, 6);
    // ISO and ECMAScript both reject "-000000": year zero has no sign.
    if (y < 0 || (c === DASH && y === 0)) return NaN;
    if (c === DASH) y = -y;
  } else {
    y = digits(s, end, 4);
    if (y < 0) return NaN;
  }
  if (s.charCodeAt(pos++) !== DASH) return NaN;
  const m = digits(s, end, 2);
  if (m < 0 || s.charCodeAt(pos++) !== DASH) return NaN;
  const d = digits(s, end, 2);
  if (d < 0 || !isValidCivil(y, m, d)) return NaN;
  return daysFromCivil(y, m, d);
}

/** `HH:MM[:SS[.fff…]]` at the cursor as ms since midnight, or NaN. */
function scanTime(s: string, end: number): number {
  const h = digits(s, end, 2);
  if (h < 0 || s.charCodeAt(pos++) !== COLON) return NaN;
  const m = digits(s, end, 2);
  if (m < 0 || m > 59) return NaN;
  let sec = 0;
  let ms = 0;
  if (pos < end && s.charCodeAt(pos) === COLON) {
    pos++;
    sec = digits(s, end, 2);
    if (sec < 0 || sec > 59) return NaN;
    const sep = s.charCodeAt(pos);
    if (pos < end && (sep === DOT || sep === COMMA)) {
      pos++;
      ms = scanFraction(s, end);
      if (ms < 0) return NaN;
    }
  }
  if (h > 24 || (h === 24 && (m !== 0 || sec !== 0 || ms !== 0))) return NaN;
  return h * HOUR_MS + m * MINUTE_MS + sec * 1000 + ms;
}

/** One or more fraction digits as whole milliseconds (truncated), or -1. */
function scanFraction(s: string, end: number): number {
  let ms = 0;
  let n = 0;
  while (pos < end) {
    const c = s.charCodeAt(pos) - ZERO;
    if (c < 0 || c > 9) break;
    if (n < 3) ms = ms * 10 + c;
    n++;
    pos++;
  }
  if (n === 0) return -1;
  // ".5" is 500 ms: scale the digits read so far up to three places.
  return n >= 3 ? ms : n === 2 ? ms * 10 : ms * 100;
}

/** `Z`, `±HH:MM`, `±HHMM`, `±HH` or nothing (UTC) at the cursor, as ms; NaN if malformed. */
function scanOffset(s: string, end: number): number {
  if (pos === end) return 0;
  const c = s.charCodeAt(pos++);
  if (c === 90 /* Z */ || c === 122 /* z */) return 0;
  if (c !== PLUS && c !== DASH) return NaN;
  const h = digits(s, end, 2);
  if (h < 0 || h > 23) return NaN;
  let m = 0;
  if (pos < end) {
    if (s.charCodeAt(pos) === COLON) pos++;
    m = digits(s, end, 2);
    if (m < 0 || m > 59) return NaN;
  }
  const offset = h * HOUR_MS + m * MINUTE_MS;
  return c === DASH ? -offset : offset;
}
