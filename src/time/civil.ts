// Civil (proleptic Gregorian) dates as day numbers, by Howard Hinnant's algorithms
// (https://howardhinnant.github.io/date_algorithms.html). Kernels key periods by
// integer arithmetic on these day numbers instead of allocating a Date per row.

/** Milliseconds in a civil day (UTC has no leap seconds in epoch time). */
export const DAY_MS = 86_400_000;

/** A civil date: month 1–12, day 1–31. */
export interface Civil {
  y: number;
  m: number;
  d: number;
}

/**
 * Days since 1970-01-01 of the civil date y-m-d (m is 1–12). Works for any
 * integer year, negative ones included; the inputs are not validated (2025-02-30
 * is 2025-03-02), so callers check them first when they come from data.
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  // Eras of 400 years (146 097 days) start on 0000-03-01; floor handles negatives.
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day number (inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): Civil {
  return civilInto(days, { y: 0, m: 0, d: 0 });
}

/** {@link civilFromDays} writing into `out`, so that hot loops can reuse one object. */
export function civilInto(days: number, out: Civil): Civil {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  out.y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out.m = m;
  out.d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  return out;
}

// Month starts of 1800–2199 as day numbers, built on first use (19 KB). Per row,
// the month is then a multiply-and-floor estimate plus one comparison against
// this table: several times faster than the ten divisions of the arithmetic.
const TABLE_FIRST_MONTH = 1800 * 12;
const TABLE_MONTHS = 400 * 12;
/** Mean Gregorian month; the estimate it gives is never off by more than one month. */
const MEAN_MONTH_DAYS = 146_097 / 4800;
let monthStarts: Int32Array | undefined;

/**
 * The month ordinal `y * 12 + (m - 1)` of a day number, without allocating:
 * month, quarter (`floor(ordinal / 3)`) and year (`floor(ordinal / 12)`)
 * buckets all derive from it.
 */
export function monthIndexFromDays(days: number): number {
  const starts = monthStarts ?? buildMonthStarts();
  let r = Math.floor((days - starts[0]) / MEAN_MONTH_DAYS);
  // Keep r ± 1 inside the table; anything else (and NaN) takes the arithmetic.
  if (!(r >= 1 && r < TABLE_MONTHS - 1)) return monthIndexArithmetic(days);
  if (days < starts[r]) r--;
  else if (days >= starts[r + 1]) r++;
  return TABLE_FIRST_MONTH + r;
}

// The same table in epoch ms, for UTC instants. Month starts are whole days, so an
// instant compares with start × DAY_MS as its day number compares with start: the
// answer is monthIndexFromDays(floor(ms / DAY_MS)) without dividing by a day first.
// Built when the module loads (38 KB, well under a millisecond): a constant table
// lets the hot loops of UTC kernels skip the first-use check, and the path then costs
// about what a loop specialized to one table does (several times less than by days).
const MEAN_MONTH_MS = MEAN_MONTH_DAYS * DAY_MS;
const MONTH_STARTS_MS = monthStartsMs();

/** `monthIndexFromDays(Math.floor(ms / DAY_MS))`; NaN for NaN and ±Infinity (UTC bucketers rely on it). */
export function monthIndexFromMs(ms: number): number {
  const starts = MONTH_STARTS_MS;
  let r = Math.floor((ms - starts[0]) / MEAN_MONTH_MS);
  if (!(r >= 1 && r < TABLE_MONTHS - 1)) return monthIndexArithmetic(Math.floor(ms / DAY_MS));
  // The estimate is off by at most one month; from r in [1, M − 2] the loops stay inside the table.
  while (ms < starts[r]) r--;
  while (ms >= starts[r + 1]) r++;
  return TABLE_FIRST_MONTH + r;
}

function monthStartsMs(): Float64Array {
  const starts = new Float64Array(TABLE_MONTHS + 1);
  for (let r = 0; r <= TABLE_MONTHS; r++) {
    const mi = TABLE_FIRST_MONTH + r;
    const y = Math.floor(mi / 12);
    starts[r] = daysFromCivil(y, mi - y * 12 + 1, 1) * DAY_MS;
  }
  return starts;
}

function buildMonthStarts(): Int32Array {
  monthStarts = Int32Array.from(MONTH_STARTS_MS, (ms) => ms / DAY_MS);
  return monthStarts;
}

/** {@link monthIndexFromDays} for any day number, by Hinnant's arithmetic. */
export function monthIndexArithmetic(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  // mp counts months from March; January and February belong to the next year.
  return (yoe + era * 400) * 12 + mp + 2;
}

/** Whether y is a Gregorian leap year. */
export function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Days in month m (1–12) of year y. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Whether y-m-d is a real calendar date (all three integers, month 1–12, day in range). */
export function isValidCivil(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** `YYYY-MM-DD` of a day number; years outside 0–9999 use the ISO expanded form ±YYYYYY. */
export function formatDay(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return `${formatYear(y)}-${pad2(m)}-${pad2(d)}`;
}

/** A year as ISO 8601 writes it: four digits, or sign and six digits outside 0–9999. */
export function formatYear(y: number): string {
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
