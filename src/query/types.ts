// What a widget asks for (SPEC §6): a plain JSON query, `{ metric, options, filters? }`,
// hashable with `queryKey` so equal queries share one computation and one cache entry.
import type { TableName } from '../data/schema.js';
import type { Row } from '../data/schema.js';

export type { Row, TableName };

export type MetricName =
  | 'retention'
  | 'npsTrend'
  | 'channelCsat'
  | 'ticketStats'
  | 'funnel'
  | 'featureAdoption'
  | 'kpis'
  | 'extent'
  | 'survival'
  | 'survivalSummary'
  | 'valueConcentration'
  | 'paretoCurve'
  | 'atRisk'
  | 'values';

export const METRIC_NAMES: readonly MetricName[] = [
  'retention',
  'npsTrend',
  'channelCsat',
  'ticketStats',
  'funnel',
  'featureAdoption',
  'kpis',
  'extent',
  'survival',
  'survivalSummary',
  'valueConcentration',
  'paretoCurve',
  'atRisk',
  'values',
];

/** Membership: rows whose value is one of `values` (null matches a missing value). */
export interface ValuesFilter {
  column: string;
  values: readonly (string | number | null)[];
  table?: TableName;
}

/** Half-open range on a timestamp column: from ≤ t < to (either bound optional; ISO string or epoch ms). */
export interface RangeFilter {
  column: string;
  from?: string | number;
  to?: string | number;
  table?: TableName;
  match?: 'any' | 'first';
}

/**
 * A filter of a query. Each filter is evaluated on the tables as given, and a row
 * is kept when every filter keeps it (AND).
 *
 * Without `table` (SPEC §6):
 * - a table that has `column` is filtered on its own value;
 * - else, when the customers table has `column` and it is a customer attribute (any
 *   column but the canonical columns of activity, surveys and tickets — `channel`,
 *   `at`, `event`… belong to those tables — so `signup_at`, `plan`), the filter
 *   applies through `customer_id`: a row with
 *   no customer, or whose customer is not in the customers table or lacks the value,
 *   has the value null — it passes a values filter only when `null` is listed, and
 *   never passes a range;
 * - else the filter does not reach that table, which is left whole (`reached` says
 *   which filters reached any table).
 * Values compare as text, as the tables' dictionaries store them (30 and '30' are
 * one value); a missing or blank value is null.
 *
 * With `table` (an extension of SPEC §6): a customer-level filter derived from that
 * table — the customers with at least one row of `table` that the filter (read on
 * `table` as above) keeps (`match: 'any'`, the default), or, for a range with
 * `match: 'first'`, the customers whose earliest `column` on `table` falls in the
 * range (first-activity cohorts: `{ table: 'activity', column: 'at', from, to,
 * match: 'first' }`; customers who reached a funnel step: `{ table: 'activity',
 * column: 'event', values: ['profile_completed'] }`). It keeps, in every table with
 * `customer_id` (`table` itself included) and in the customers table, the rows of
 * those customers; rows with no customer do not pass. When `table` is not given to
 * the query, or cannot read `column`, the filter reaches no table.
 */
export type QueryFilter = ValuesFilter | RangeFilter;

export interface MetricQuery {
  metric: MetricName;
  options: Readonly<Record<string, unknown>>;
  filters?: readonly QueryFilter[];
}

export function isValuesFilter(f: QueryFilter): f is ValuesFilter {
  return (f as ValuesFilter).values !== undefined;
}

/**
 * A stable key of a query (or of any JSON-like value): object keys sorted
 * recursively, arrays in order, undefined members dropped, a Date as its ISO
 * string. Two equal queries written in different key order have one key.
 */
export function queryKey(query: unknown): string {
  return JSON.stringify(canonical(query)) ?? 'undefined';
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = canonical(v);
  }
  return out;
}
