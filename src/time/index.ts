// The time layer: civil day numbers, timestamp parsing, period buckets, zones and durations.
export type { Civil } from './civil.js';
export {
  DAY_MS,
  civilFromDays,
  civilInto,
  daysFromCivil,
  daysInMonth,
  formatDay,
  isLeapYear,
  isValidCivil,
  monthIndexFromDays,
} from './civil.js';
export { formatIso, parseDay, parseTimestamp } from './parse.js';
export type { Bucketer, Period } from './period.js';
export { PERIODS, bucketer, checkPeriod } from './period.js';
export type { OffsetFn } from './zone.js';
export { checkTimeZone, localToUtc, zoneOffset } from './zone.js';
export type { Duration } from './duration.js';
export { addDuration, durationMs, parseDuration } from './duration.js';
