// Time in ClickHouse SQL as src/time computes it: period ordinals (day, ISO week, month,
// quarter, year) of the wall time in a zone, and `addDuration` (calendar months and days
// on the wall clock, then exact ms) for the activation window. ClickHouse's date
// functions take the zone as a constant argument and read instants (DateTime is Unix
// seconds from 1970, so every day number is ≥ 0).
import type { Duration } from '../../time/duration.js';
import type { Period } from '../../time/period.js';
import { isUtcZone } from '../../time/zone.js';
import { int, num, str } from './literal.js';

/** The zone literal of a query ('UTC' when none). */
export function zoneLiteral(timeZone: string | undefined): string {
  return str(timeZone === undefined || isUtcZone(timeZone) ? 'UTC' : timeZone);
}

/** The period ordinal of a DateTime expression in the zone (a literal). */
export function ordinal(period: Period, ts: string, tz: string): string {
  switch (period) {
    case 'day':
      return `toInt64(toRelativeDayNum(${ts}, ${tz}))`;
    case 'week':
      // ISO week 0 starts on Monday 1969-12-29 (day −3); a Monday's day number + 3 divides by 7.
      return `intDiv(toInt64(toRelativeDayNum(toMonday(${ts}, ${tz}))) + 3, 7)`;
    case 'month':
      return `(toInt64(toYear(${ts}, ${tz})) * 12 + toMonth(${ts}, ${tz}) - 1)`;
    case 'quarter':
      return `(toInt64(toYear(${ts}, ${tz})) * 4 + intDiv(toMonth(${ts}, ${tz}) - 1, 3))`;
    case 'year':
      return `toInt64(toYear(${ts}, ${tz}))`;
  }
}

/** A DateTime's wall time in the zone, as a DateTime in UTC (a "naive" time). */
function naive(ts: string, tz: string): string {
  return `toDateTime(toString(${ts}, ${tz}), 'UTC')`;
}

/**
 * The instant of a naive wall time in the zone, as src/time/zone.ts `localToUtc`: each
 * candidate offset (a day before and after) is tried; a repeated time takes the earlier
 * instant, a skipped one the offset before the gap (as src/server/time.ts does).
 */
function fromLocal(wall: string, tz: string): string {
  const early = `(${wall} - (${naive(`(${wall} - 86400)`, tz)} - (${wall} - 86400)))`;
  const late = `(${wall} - (${naive(`(${wall} + 86400)`, tz)} - (${wall} + 86400)))`;
  const ok = (u: string) => `(${naive(u, tz)} = ${wall})`;
  return `multiIf(${ok(early)} AND ${ok(late)}, least(${early}, ${late}), ${ok(early)}, ${early}, ${ok(late)}, ${late}, ${early})`;
}

/** The duration's length in ms when it has no calendar part (none, or days only in UTC), else undefined. */
export function fixedMs(dur: Duration, timeZone: string | undefined): number | undefined {
  if (dur.months === 0 && dur.days === 0) return dur.ms;
  if (dur.months === 0 && (timeZone === undefined || isUtcZone(timeZone))) return dur.days * 86_400_000 + dur.ms;
  return undefined;
}

/**
 * Epoch ms of `addDuration(t, duration, timeZone)` for a DateTime `ts` whose epoch ms is
 * `ms`: exact ms when the duration has no calendar part (or in UTC with days only), else
 * months (day clamped to the month's end) and days on the wall clock in the zone, then the ms.
 */
export function addDurationMs(
  ts: string,
  ms: string,
  dur: Duration,
  timeZone: string | undefined,
): string {
  const fixed = fixedMs(dur, timeZone);
  if (fixed !== undefined) return `(${ms} + ${num(fixed)})`;
  const utc = timeZone === undefined || isUtcZone(timeZone);
  const tz = zoneLiteral(timeZone);
  const wall = `addDays(addMonths(${utc ? ts : naive(ts, tz)}, ${int(dur.months)}), ${int(dur.days)})`;
  return `(toInt64(${utc ? wall : fromLocal(wall, tz)}) * 1000 + ${num(dur.ms)})`;
}
