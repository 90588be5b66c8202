// Period ordinals (src/time/period.ts `index`: day, ISO week, month, quarter, year) of
// the wall time in a zone, in ClickHouse SQL. ClickHouse's date functions take the zone
// as a constant argument and read instants (DateTime is Unix seconds), so no naive
// timestamps are involved; DateTime starts at 1970, so every day number is ≥ 0.
import type { Period } from '../../time/period.js';
import { isUtcZone } from '../../time/zone.js';
import { str } from './literal.js';

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
