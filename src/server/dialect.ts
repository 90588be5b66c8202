// What differs between the SQL engines Pulso pushes queries down to: placeholders and
// their types, list membership, time zones, calendar arithmetic and medians. Every
// other piece of SQL that Pulso writes is the same for both.
import type { ParamKind } from './sql.js';

export type EngineName = 'duckdb' | 'postgres';

export interface Dialect {
  readonly name: EngineName;
  /** How errors name the engine. */
  readonly label: string;
  /** Placeholder n (1-based) with its type. */
  param(n: number, kind: ParamKind): string;
  /** Text trimmed as JavaScript's String.prototype.trim does (Unicode spaces too). */
  trim(expr: string): string;
  /** expr is one of the values of a list parameter. */
  inList(expr: string, list: string): string;
  /** Integer division of integers that divide exactly or are non-negative. */
  intDiv(a: string, b: string): string;
  /**
   * A naive UTC timestamp as epoch milliseconds (floored), a BIGINT; `whole`: every value
   * is known to be a whole millisecond (validation once learnt it), so nothing is floored.
   */
  epochMs(ts: string, whole?: boolean): string;
  /** The timestamp is not a whole millisecond (has microseconds beyond it). */
  subMs(ts: string): string;
  /** Epoch milliseconds (a number) as a naive UTC timestamp. */
  timestampOfMs(ms: string): string;
  /** A TIMESTAMPTZ column as a naive UTC timestamp. */
  utcOfTz(expr: string): string;
  /** A naive UTC timestamp as the wall time in zone `tz` (a parameter). */
  toLocal(ts: string, tz: string): string;
  /** A wall time in zone `tz` as a naive UTC timestamp (the engine's reading of gaps and folds). */
  fromLocal(local: string, tz: string): string;
  /** Days from 1970-01-01 to the date of a timestamp. */
  days(ts: string): string;
  year(ts: string): string;
  month(ts: string): string;
  /** The Monday that starts the ISO week of a timestamp, as a timestamp. */
  truncWeek(ts: string): string;
  /** A timestamp plus whole months (day clamped to the month's end) and whole days (parameters). */
  addMonthsDays(ts: string, months: string, days: string): string;
  /** The lower and upper middle value of expr over the group (rows where `filter` holds). */
  lowerMiddle(expr: string, filter?: string): string;
  upperMiddle(expr: string, filter?: string): string;
  double(expr: string): string;
  /** Text compared by code points, whatever the database's collation. */
  binary(expr: string): string;
  text(expr: string): string;
  /** expr is NaN (a float column's "no value"); false for null. */
  isNaN(expr: string): string;
  isInfinite(expr: string): string;
}

/** The characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). */
export const JS_SPACES =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** The JS spaces as a SQL string literal (a constant of Pulso's, not data). */
const SPACES_LITERAL = `'${JS_SPACES}'`;

/** The same characters as an RE2 class (DuckDB's regular expressions), for a trim that is fast on long columns. */
const SPACES_CLASS = `[${[...JS_SPACES].map((ch) => `\\x{${ch.codePointAt(0)!.toString(16)}}`).join('')}]`;

/**
 * DuckDB's quantile_disc(x, q) is the value at index ceil(n·q) − 1 of the sorted group:
 * q = 0.5 gives the lower middle value, q = 0.5 + 2⁻⁴⁰ the upper one for any n below
 * 2³⁹. Asked as one list, both come from one sort (the same aggregate twice is computed
 * once): about half the time of a second quantile over the negated values.
 */
const MIDDLES = '[0.5, 0.5000000000009094947017729282379150390625]';

const filtered = (agg: string, filter?: string) => (filter ? `${agg} FILTER (WHERE ${filter})` : agg);

export const DUCKDB: Dialect = {
  name: 'duckdb',
  label: 'DuckDB',
  param: (n, kind) => `CAST($${n} AS ${{ text: 'VARCHAR', num: 'DOUBLE', texts: 'VARCHAR[]', nums: 'DOUBLE[]' }[kind]})`,
  trim: (e) => `regexp_replace(${e}, '^${SPACES_CLASS}+|${SPACES_CLASS}+$', '', 'g')`,
  inList: (e, list) => `list_contains(${list}, ${e})`,
  intDiv: (a, b) => `(${a}) // (${b})`,
  epochMs: (ts, whole) => (whole ? `epoch_ms(${ts})` : `(epoch_ms(${ts}) - CASE WHEN epoch_us(${ts}) % 1000 < 0 THEN 1 ELSE 0 END)`),
  subMs: (ts) => `(epoch_us(${ts}) % 1000 <> 0)`,
  timestampOfMs: (ms) => `make_timestamp(CAST(round((${ms}) * 1000) AS BIGINT))`,
  utcOfTz: (e) => `timezone('UTC', ${e})`,
  toLocal: (ts, tz) => `timezone(${tz}, timezone('UTC', ${ts}))`,
  fromLocal: (local, tz) => `timezone('UTC', timezone(${tz}, ${local}))`,
  days: (ts) => `(CAST(${ts} AS DATE) - DATE '1970-01-01')`,
  year: (ts) => `year(${ts})`,
  month: (ts) => `month(${ts})`,
  truncWeek: (ts) => `date_trunc('week', ${ts})`,
  addMonthsDays: (ts, m, d) => `((${ts} + to_months(CAST(${m} AS INTEGER))) + to_days(CAST(${d} AS INTEGER)))`,
  lowerMiddle: (e, f) => `(${filtered(`quantile_disc(${e}, ${MIDDLES})`, f)})[1]`,
  upperMiddle: (e, f) => `(${filtered(`quantile_disc(${e}, ${MIDDLES})`, f)})[2]`,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  binary: (e) => e,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  isNaN: (e) => `coalesce(isnan(${e}), false)`,
  isInfinite: (e) => `coalesce(isinf(${e}), false)`,
};

export const POSTGRES: Dialect = {
  name: 'postgres',
  label: 'PostgreSQL',
  param: (n, kind) => `$${n}::${{ text: 'text', num: 'float8', texts: 'text[]', nums: 'float8[]' }[kind]}`,
  trim: (e) => `btrim(${e}, ${SPACES_LITERAL})`,
  inList: (e, list) => `(${e} = ANY(${list}))`,
  intDiv: (a, b) => `((${a}) / (${b}))`,
  epochMs: (ts, whole) => (whole ? `(extract(epoch from ${ts}) * 1000)::bigint` : `floor(extract(epoch from ${ts}) * 1000)::bigint`),
  subMs: (ts) => `(extract(microseconds from ${ts})::bigint % 1000 <> 0)`,
  timestampOfMs: (ms) => `(TIMESTAMP '1970-01-01 00:00:00' + (${ms}) * INTERVAL '1 millisecond')`,
  utcOfTz: (e) => `((${e}) AT TIME ZONE 'UTC')`,
  toLocal: (ts, tz) => `(((${ts}) AT TIME ZONE 'UTC') AT TIME ZONE ${tz})`,
  fromLocal: (local, tz) => `(((${local}) AT TIME ZONE ${tz}) AT TIME ZONE 'UTC')`,
  days: (ts) => `((${ts})::date - DATE '1970-01-01')`,
  year: (ts) => `extract(year from ${ts})::int`,
  month: (ts) => `extract(month from ${ts})::int`,
  truncWeek: (ts) => `date_trunc('week', ${ts})`,
  addMonthsDays: (ts, m, d) => `((${ts} + make_interval(months => (${m})::int)) + make_interval(days => (${d})::int))`,
  lowerMiddle: (e, f) => filtered(`percentile_disc(0.5) WITHIN GROUP (ORDER BY ${e})`, f),
  upperMiddle: (e, f) => `-${filtered(`percentile_disc(0.5) WITHIN GROUP (ORDER BY -(${e}))`, f)}`,
  double: (e) => `(${e})::float8`,
  binary: (e) => `(${e}) COLLATE "C"`,
  text: (e) => `(${e})::text`,
  isNaN: (e) => `coalesce((${e})::float8 = 'NaN'::float8, false)`,
  isInfinite: (e) => `coalesce(abs((${e})::float8) = 'Infinity'::float8, false)`,
};
