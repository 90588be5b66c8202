// The option checks every metric shares (DESIGN.md §3.6, after Observable Plot's
// `keyword`/`maybe*`): each returns the value resolved, or throws a message that
// names the option and quotes the bad value ("period must be one of day, week,
// month, quarter, year; got 'mnth'"). Absent (undefined or null, as a JSON query
// may carry) takes the fallback. None of them needs data, so a query is checked
// before anything loads. RangeError for a value outside what is allowed; TypeError
// where the shape is wrong (options not an object, a list that is not a list, a
// column name that is not a string).
import { describeValue } from '../time/describe.js';
import { parseDuration, type Duration } from '../time/duration.js';
import { parseTimestamp } from '../time/parse.js';
import { checkTimeZone } from '../time/zone.js';

/** undefined or null: the option was not given. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** The RangeError "`name` must be `expected`; got `value`". */
export function invalid(name: string, expected: string, value: unknown): RangeError {
  return new RangeError(`${name} must be ${expected}; got ${describeValue(value)}`);
}

/** A metric's options argument: an object, or nothing (`{}`). */
export function options(value: unknown, metric: string): Readonly<Record<string, unknown>> {
  if (isAbsent(value)) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${metric} options must be an object; got ${describeValue(value)}`);
  }
  return value as Readonly<Record<string, unknown>>;
}

/** One of `allowed`; the fallback when absent (undefined when there is none). */
export function keyword<T extends string>(value: unknown, name: string, allowed: readonly T[], fallback: T): T;
export function keyword<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined;
export function keyword<T extends string>(value: unknown, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  if (isAbsent(value)) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(name, `one of ${allowed.join(', ')}`, value);
}

export interface NumberBounds {
  /** Inclusive bounds (default: none). */
  min?: number;
  max?: number;
  /** What an absent value becomes. */
  fallback: number;
  /** What the message says is expected, when the bounds alone do not say it well. */
  expected?: string;
}

function bounds(min: number, max: number): string {
  if (min > -Infinity && max < Infinity) return ` from ${min} to ${max}`;
  if (min > -Infinity) return ` ≥ ${min}`;
  return max < Infinity ? ` ≤ ${max}` : '';
}

/** A finite number within the bounds. */
export function finite(value: unknown, name: string, o: NumberBounds): number {
  if (isAbsent(value)) return o.fallback;
  const { min = -Infinity, max = Infinity } = o;
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  throw invalid(name, o.expected ?? `a number${bounds(min, max)}`, value);
}

export interface WholeBounds extends NumberBounds {
  /** "a whole number of `unit`" (periods). */
  unit?: string;
  /** A hint after the bounds, in parentheses ("11 is common in healthcare"). */
  note?: string;
}

/** An integer within the bounds (min defaults to 0). */
export function wholeNumber(value: unknown, name: string, o: WholeBounds): number {
  if (isAbsent(value)) return o.fallback;
  const { min = 0, max = Infinity } = o;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const unit = o.unit ? ` of ${o.unit}` : '';
  const note = o.note ? ` (${o.note})` : '';
  throw invalid(name, o.expected ?? `a whole number${unit}${bounds(min, max)}${note}`, value);
}

/** Epoch ms of an ISO-8601 string, epoch ms or a Date; the fallback when absent (an error without one). */
export function timestamp(value: unknown, name: string, fallback?: number): number {
  if (isAbsent(value) && fallback !== undefined) return fallback;
  const t = parseTimestamp(value);
  if (Number.isNaN(t)) throw invalid(name, 'an ISO-8601 timestamp, epoch milliseconds or a Date', value);
  return t;
}

/** A half-open range [from, to) in epoch ms; -Infinity / Infinity when open. */
export interface Range {
  from: number;
  to: number;
}

/** `from`/`to` of an options object, each optional, from not after to. */
export function range(o: { readonly from?: unknown; readonly to?: unknown }): Range {
  const from = timestamp(o.from, 'from', -Infinity);
  const to = timestamp(o.to, 'to', Infinity);
  if (from > to) {
    throw new RangeError(`from must not be after to; got from ${describeValue(o.from)} and to ${describeValue(o.to)}`);
  }
  return { from, to };
}

/** An ISO-8601 duration (`P14D`) or milliseconds; `fallback` (parsed the same way) when absent. */
export function duration(value: unknown, name: string, fallback: string | number): Duration {
  return parseDuration(isAbsent(value) ? fallback : value, name);
}

/**
 * Event names from an array or a comma-separated string (`"a, b,c"`), trimmed.
 * TypeError when it is neither; RangeError when an entry is empty or not a string,
 * or when fewer than `min` names are given (`steps must list at least 2 event names; got 1`)
 * or more than `max`.
 */
export function names(value: unknown, name: string, min: number, max = Infinity): string[] {
  let list: unknown[];
  if (typeof value === 'string') list = value.split(',');
  else if (Array.isArray(value)) list = value as unknown[];
  else throw new TypeError(`${name} must be a list of event names or a comma-separated string; got ${describeValue(value)}`);
  const trimmed = list.map((v) => (typeof v === 'string' ? v.trim() : v));
  const bad = trimmed.findIndex((v) => typeof v !== 'string' || v === '');
  if (bad >= 0 && !(typeof value === 'string' && value.trim() === '')) {
    throw new RangeError(`${name} must name events; entry ${bad + 1} is ${describeValue(list[bad])}`);
  }
  const out = trimmed.filter((v): v is string => typeof v === 'string' && v !== '');
  if (out.length < min) {
    throw new RangeError(`${name} must list at least ${min} event name${min === 1 ? '' : 's'}; got ${out.length}`);
  }
  if (out.length > max) throw new RangeError(`${name} must list at most ${max} event names; got ${out.length}`);
  return out;
}

/**
 * Some of `allowed`, as a list or a comma-separated string, in the order given and
 * without repeats; all of them when absent.
 */
export function keywords<T extends string>(value: unknown, name: string, allowed: readonly T[]): T[] {
  if (isAbsent(value)) return [...allowed];
  let list: unknown[];
  if (typeof value === 'string') list = value.split(',').map((v) => v.trim());
  else if (Array.isArray(value)) list = value as unknown[];
  else throw new TypeError(`${name} must be a list or a comma-separated string; got ${describeValue(value)}`);
  const bad = list.find((v) => !(allowed as readonly unknown[]).includes(v));
  if (bad !== undefined) throw invalid(name, `a list of ${allowed.join(', ')}`, bad);
  if (list.length === 0) throw new RangeError(`${name} must list at least one of ${allowed.join(', ')}; got none`);
  return [...new Set(list)] as T[];
}

/** A column name (`by`): a non-empty string; the fallback when absent. */
export function column(value: unknown, name: string, fallback?: string): string | undefined {
  if (isAbsent(value)) return fallback;
  if (typeof value !== 'string') throw new TypeError(`${name} must name a column; got ${describeValue(value)}`);
  if (value.trim() === '') throw new RangeError(`${name} must name a column; got ${describeValue(value)}`);
  return value;
}

/** An IANA time zone name, or undefined (UTC) when absent. */
export function zone(value: unknown): string | undefined {
  return isAbsent(value) ? undefined : checkTimeZone(value);
}

/** How many segments a breakdown keeps (SPEC §3 `by`): see src/metrics/others.ts. */
export interface SegmentLimit {
  /** Segments shown, "(others)" included; Infinity = no limit. */
  readonly max: number;
  /** Exactly these segments are kept, every other one folded into "(others)". */
  readonly keep?: readonly string[];
}

/**
 * `maxSegments` (a whole number ≥ 2; default: no limit) and `keepSegments` (a list of
 * segment labels, `(none)` for missing values) of an options object.
 */
export function segmentLimit(o: { readonly maxSegments?: unknown; readonly keepSegments?: unknown }): SegmentLimit {
  const max = wholeNumber(o.maxSegments, 'maxSegments', {
    min: 2,
    fallback: Infinity,
    note: 'the smallest segments past it are grouped as (others)',
  });
  if (isAbsent(o.keepSegments)) return { max };
  const keep = o.keepSegments;
  if (!Array.isArray(keep)) throw new TypeError(`keepSegments must be a list of segment labels; got ${describeValue(keep)}`);
  const bad = keep.findIndex((v) => typeof v !== 'string');
  if (bad >= 0) throw new TypeError(`keepSegments must hold strings; entry ${bad + 1} is ${describeValue(keep[bad])}`);
  return { max, keep: [...new Set(keep as string[])] };
}
