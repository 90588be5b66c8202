// Durations for options such as a retention `window` or an SLA target. Months
// and days are calendar units (a month has no fixed length; a day is 23 or 25
// hours across a DST change), so they stay apart from the exact milliseconds.
import { DAY_MS, civilFromDays, daysFromCivil, daysInMonth } from './civil.js';
import { describeValue } from './describe.js';
import { localToUtc, zoneOffset } from './zone.js';

/** A duration in calendar months, calendar days and exact milliseconds. */
export interface Duration {
  months: number;
  days: number;
  ms: number;
}

// Fractions only on hours, minutes or seconds, whose length is exact.
const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * A duration from an ISO 8601 string `PnYnMnWnDTnHnMnS` (`P14D`, `PT12H`,
 * `P1M`, `P2W`, `PT0.5S`, `P1Y2M3DT4H5M6S`), a non-negative number of
 * milliseconds, or a Duration object. Years become 12 months and weeks 7 days;
 * hours, minutes and seconds become ms (rounded to the ms). Throws a RangeError
 * naming the option (`name`) otherwise, negative durations included.
 */
export function parseDuration(value: unknown, name = 'window'): Duration {
  if (typeof value === 'number') {
    if (value < 0) throw negative(name, value);
    if (Number.isFinite(value)) return { months: 0, days: 0, ms: value };
  } else if (typeof value === 'string') {
    const d = parseIsoDuration(value.trim());
    if (d) return d;
    if (value.trim().startsWith('-P')) throw negative(name, value);
  } else if (isDuration(value)) {
    if (value.months < 0 || value.days < 0 || value.ms < 0) throw negative(name, value);
    return { months: value.months, days: value.days, ms: value.ms };
  }
  throw new RangeError(
    `${name} must be an ISO-8601 duration such as P14D, or milliseconds; got ${describeValue(value)}`,
  );
}

function negative(name: string, value: unknown): RangeError {
  return new RangeError(`${name} must not be negative; got ${describeValue(value)}`);
}

function isDuration(value: unknown): value is Duration {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Partial<Record<keyof Duration, unknown>>;
  return Number.isSafeInteger(d.months) && Number.isSafeInteger(d.days) && Number.isFinite(d.ms);
}

function parseIsoDuration(s: string): Duration | undefined {
  const m = ISO_DURATION.exec(s);
  // "P" alone and a dangling "T" ("P1DT") match the pattern but name nothing.
  if (!m || s === 'P' || s.endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, sec] = m;
  // ISO 8601 allows a fraction on the smallest unit only ("PT1.5H30M" is malformed).
  if ((hasFraction(h) && (mi || sec)) || (hasFraction(mi) && sec)) return undefined;
  const months = int(y) * 12 + int(mo);
  const days = int(w) * 7 + int(d);
  const ms = Math.round(dec(h) * 3_600_000 + dec(mi) * 60_000 + dec(sec) * 1000);
  if (!Number.isSafeInteger(months) || !Number.isSafeInteger(days) || !Number.isSafeInteger(ms))
    return undefined;
  return { months, days, ms };
}

function hasFraction(part: string | undefined): boolean {
  return part !== undefined && /[.,]/.test(part);
}

function int(part: string | undefined): number {
  return part === undefined ? 0 : Number(part);
}

function dec(part: string | undefined): number {
  return part === undefined ? 0 : Number(part.replace(',', '.'));
}

/**
 * `ms` plus a duration: first the months on the calendar (the day clamped to
 * the month's end: Jan 31 + P1M = Feb 28 or 29), then the days keeping the
 * local wall time in `timeZone` (UTC when omitted; there a day is exactly
 * 86 400 000 ms), then the exact ms. A wall time skipped by DST moves forward
 * past the gap; a repeated one takes its first occurrence. Negative fields
 * subtract. NaN in, NaN out.
 */
export function addDuration(ms: number, d: Duration, timeZone?: string): number {
  if (!(ms - ms === 0)) return NaN;
  if (d.months === 0 && d.days === 0) return ms + d.ms;
  // zoneOffset validates the name; in UTC it is a constant 0 and localToUtc is exact.
  const off = timeZone === undefined ? undefined : zoneOffset(timeZone);
  const local = off ? ms + off(ms) : ms;
  const day = Math.floor(local / DAY_MS);
  const timeOfDay = local - day * DAY_MS;
  const target = addMonths(day, d.months) + d.days;
  const wall = target * DAY_MS + timeOfDay;
  return (off ? localToUtc(off, wall) : wall) + d.ms;
}

function addMonths(day: number, months: number): number {
  if (months === 0) return day;
  const c = civilFromDays(day);
  const mi = c.y * 12 + c.m - 1 + months;
  const y = Math.floor(mi / 12);
  const m = mi - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(c.d, daysInMonth(y, m)));
}

/**
 * The exact length of a duration without months, counting a day as
 * 86 400 000 ms. Throws a RangeError for months, which have no fixed length.
 */
export function durationMs(d: Duration): number {
  if (d.months !== 0) {
    throw new RangeError(
      `durationMs: a duration with months or years (P1M, P1Y) has no fixed length in ms; got ${d.months} months (use addDuration)`,
    );
  }
  return d.days * DAY_MS + d.ms;
}
