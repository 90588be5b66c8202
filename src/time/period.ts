// Calendar periods as integer ordinals (SPEC §2). A kernel turns each row's
// timestamp into an ordinal with `index` — integer arithmetic on day numbers,
// plus one cached offset lookup in a time zone — so "c + k periods" is `c + k`
// and a cohort triangle is a dense 2-D array, with no Date or string per row.
import { DAY_MS, daysFromCivil, formatDay, monthIndexFromDays, monthIndexFromMs } from './civil.js';
import { describeValue } from './describe.js';
import { parseDay } from './parse.js';
import { invalid, keyword } from '../query/options.js';
import type { OffsetFn } from './zone.js';
import { checkTimeZone, isUtcZone, startOfLocalDay, zoneOffset } from './zone.js';

export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

export const PERIODS: readonly Period[] = ['day', 'week', 'month', 'quarter', 'year'];

/** A period name, or a RangeError that lists the valid ones and quotes the bad one. */
export function checkPeriod(value: unknown, name = 'period'): Period {
  const period = keyword(value, name, PERIODS);
  if (period === undefined) throw invalid(name, `one of ${PERIODS.join(', ')}`, value);
  return period;
}

/** Maps instants to period ordinals and back, for one period kind in one zone. */
export interface Bucketer {
  readonly period: Period;
  /** IANA name, or 'UTC' when none was given. */
  readonly timeZone: string;
  /**
   * Ordinal of the period containing instant `ms` (NaN for NaN or ±Infinity):
   * day = days since 1970-01-01, week = ISO weeks (Monday) since the week of
   * 1969-12-29, month = y·12 + m − 1, quarter = y·4 + (m − 1) / 3, year = y.
   */
  index(ms: number): number;
  /** First instant of period `index` in the zone (local midnight, or the transition that skips it). */
  start(index: number): number;
  /** First instant after period `index`: `start(index + 1)`. */
  end(index: number): number;
  /** `YYYY-MM-DD` of the period's first day (March 2025 → `2025-03-01`). */
  key(index: number): string;
  /** Inverse of `key`; throws a RangeError for a malformed key or one that does not start a period. */
  indexOfKey(key: string): number;
}

interface Calendar {
  /** Ordinal of the period containing civil day number `days`. */
  ofDay(days: number): number;
  /** Civil day number of the first day of period `index`. */
  firstDay(index: number): number;
}

// 1970-01-01 was a Thursday, so ISO week 0 starts on Monday 1969-12-29 (day −3).
const CALENDARS: Record<Period, Calendar> = {
  day: { ofDay: (d) => d, firstDay: (i) => i },
  week: { ofDay: (d) => Math.floor((d + 3) / 7), firstDay: (i) => i * 7 - 3 },
  month: {
    ofDay: monthIndexFromDays,
    firstDay: (i) => {
      const y = Math.floor(i / 12);
      return daysFromCivil(y, i - y * 12 + 1, 1);
    },
  },
  quarter: {
    // y·4 + floor(m0 / 3) = floor((y·12 + m0) / 3), as 12 is a multiple of 3.
    ofDay: (d) => Math.floor(monthIndexFromDays(d) / 3),
    firstDay: (i) => {
      const y = Math.floor(i / 4);
      return daysFromCivil(y, (i - y * 4) * 3 + 1, 1);
    },
  },
  year: {
    ofDay: (d) => Math.floor(monthIndexFromDays(d) / 12),
    firstDay: (y) => daysFromCivil(y, 1, 1),
  },
};

const memo = new Map<string, Bucketer>();

/**
 * The bucketer of a period in a time zone (UTC when omitted), memoized. Throws
 * a RangeError for an unknown period or zone name.
 */
export function bucketer(period: Period, timeZone?: string): Bucketer {
  const memoKey = `${String(period)}\u0000${String(timeZone)}`;
  let b = memo.get(memoKey);
  if (!b) {
    const p = checkPeriod(period);
    const zone = timeZone === undefined ? 'UTC' : checkTimeZone(timeZone);
    b = isUtcZone(zone) ? utcBucketer(p, zone) : zonedBucketer(p, zone, zoneOffset(zone));
    memo.set(memoKey, b);
  }
  return b;
}

function utcBucketer(period: Period, timeZone: string): Bucketer {
  const { ofDay, firstDay } = CALENDARS[period];
  // Each period gets its own function literal so every hot call site stays monomorphic.
  const index = utcIndexFn(period);
  const start = (i: number): number => firstDay(i) * DAY_MS;
  return withKeys(period, timeZone, index, start, ofDay, firstDay);
}

function utcIndexFn(period: Period): (ms: number) => number {
  // `ms - ms === 0` is false exactly for NaN and ±Infinity. monthIndexFromMs is already
  // NaN for those (its arithmetic fallback subtracts Infinity from Infinity), so the
  // month-based kinds skip the check: one test fewer per row in every hot loop.
  switch (period) {
    case 'day':
      return (ms) => (ms - ms === 0 ? Math.floor(ms / DAY_MS) : NaN);
    case 'week':
      return (ms) => (ms - ms === 0 ? Math.floor((Math.floor(ms / DAY_MS) + 3) / 7) : NaN);
    case 'month':
      return (ms) => monthIndexFromMs(ms);
    case 'quarter':
      return (ms) => Math.floor(monthIndexFromMs(ms) / 3);
    case 'year':
      return (ms) => Math.floor(monthIndexFromMs(ms) / 12);
  }
}

function zonedBucketer(period: Period, timeZone: string, off: OffsetFn): Bucketer {
  const { ofDay, firstDay } = CALENDARS[period];
  // off() is NaN for a non-finite instant, so NaN propagates without a branch.
  const index = (ms: number): number => ofDay(Math.floor((ms + off(ms)) / DAY_MS));
  const start = (i: number): number => (i - i === 0 ? startOfLocalDay(off, firstDay(i)) : NaN);
  return withKeys(period, timeZone, index, start, ofDay, firstDay);
}

function withKeys(
  period: Period,
  timeZone: string,
  index: (ms: number) => number,
  start: (i: number) => number,
  ofDay: (days: number) => number,
  firstDay: (i: number) => number,
): Bucketer {
  return {
    period,
    timeZone,
    index,
    start,
    end: (i) => start(i + 1),
    key: (i) => {
      if (!Number.isInteger(i))
        throw new RangeError(`${period} index must be an integer; got ${describeValue(i)}`);
      return formatDay(firstDay(i));
    },
    indexOfKey: (key) => {
      const days = typeof key === 'string' ? parseDay(key) : NaN;
      if (days !== days)
        throw new RangeError(`${period} key must be a date YYYY-MM-DD; got ${describeValue(key)}`);
      const i = ofDay(days);
      if (firstDay(i) !== days) {
        throw new RangeError(
          `${period} key must be the first day of a ${period} (${formatDay(firstDay(i))}); got '${key}'`,
        );
      }
      return i;
    },
  };
}
