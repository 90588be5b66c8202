// validateQuery (SPEC §6): everything a query says, checked before any data is
// loaded, with the messages the metric functions give for the same options.
import { TABLE_NAMES } from '../data/schema.js';
import { describeValue } from '../time/describe.js';
import { column, invalid, keyword, options as optionsOf, timestamp } from './options.js';
import { METRICS } from './registry.js';
import { METRIC_NAMES, type MetricQuery, type QueryFilter } from './types.js';

const FILTER_KEYS = ['column', 'values', 'from', 'to', 'table', 'match'];
const MATCHES = ['any', 'first'] as const;

/**
 * The query, checked: an object whose `metric` is one of METRIC_NAMES, `options`
 * an object (`{}` when missing) that the metric accepts, and `filters` (optional)
 * well-formed. TypeError for a wrong type, RangeError for a bad value. Returns a
 * new query with `options` defaulted; the caller's object is not changed.
 */
export function validateQuery(query: unknown): MetricQuery {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) {
    throw new TypeError(`query must be an object { metric, options, filters? }; got ${describeValue(query)}`);
  }
  const q = query as Record<string, unknown>;
  const metric = keyword(q.metric, 'metric', METRIC_NAMES);
  if (metric === undefined) throw invalid('metric', `one of ${METRIC_NAMES.join(', ')}`, q.metric);
  const options = optionsOf(q.options, metric);
  const filters = q.filters === undefined || q.filters === null ? undefined : checkFilters(q.filters);
  METRICS[metric].check(options);
  return filters === undefined ? { metric, options } : { metric, options, filters };
}

function checkFilters(value: unknown): QueryFilter[] {
  if (!Array.isArray(value)) throw new TypeError(`filters must be an array; got ${describeValue(value)}`);
  return value.map((f, i) => checkFilter(f, `filters[${i}]`));
}

function checkFilter(value: unknown, name: string): QueryFilter {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object { column, values } or { column, from?, to? }; got ${describeValue(value)}`);
  }
  const f = value as Record<string, unknown>;
  const unknown = Object.keys(f).find((k) => !FILTER_KEYS.includes(k));
  if (unknown !== undefined) throw new RangeError(`${name} has an unknown key '${unknown}' (keys: ${FILTER_KEYS.join(', ')})`);
  if (f.column === undefined) throw new TypeError(`${name}.column must name a column; got undefined`);
  column(f.column, `${name}.column`);
  const table = keyword(f.table, `${name}.table`, TABLE_NAMES);
  const isRange = f.from !== undefined || f.to !== undefined;
  if (f.values !== undefined && isRange) throw new RangeError(`${name} must have values or a range (from, to), not both`);
  if (f.values === undefined && !isRange) throw new RangeError(`${name} needs values or a range (from, to)`);
  if (f.values !== undefined) checkValues(f.values, `${name}.values`);
  else checkRange(f, name);
  if (f.match !== undefined) {
    keyword(f.match, `${name}.match`, MATCHES);
    if (table === undefined) throw new RangeError(`${name}.match needs table: it picks customers by their rows of that table`);
    if (!isRange) throw new RangeError(`${name}.match applies to a range (from, to), not to values`);
  }
  return f as unknown as QueryFilter;
}

function checkValues(values: unknown, name: string): void {
  if (!Array.isArray(values)) throw new TypeError(`${name} must be an array of strings, numbers or null; got ${describeValue(values)}`);
  values.forEach((v: unknown, i) => {
    if (v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return;
    const error = typeof v === 'number' ? RangeError : TypeError;
    throw new error(`${name} must hold strings, finite numbers or null; entry ${i + 1} is ${describeValue(v)}`);
  });
}

function checkRange(f: Record<string, unknown>, name: string): void {
  const from = f.from === undefined ? -Infinity : timestamp(f.from, `${name}.from`);
  const to = f.to === undefined ? Infinity : timestamp(f.to, `${name}.to`);
  if (from > to) {
    throw new RangeError(`${name}.from must not be after ${name}.to; got from ${describeValue(f.from)} and to ${describeValue(f.to)}`);
  }
}
