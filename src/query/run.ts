// runQuery (SPEC §6): a query over tables — validated, normalized once, filtered as
// frame views, and handed to the metric's kernel. It returns exactly what the
// metric returns on the filtered tables (an adapter's `aggregate` must match it).
import { frameOf } from '../data/frame.js';
import { finish, type Steps } from '../data/slices.js';
import { isCustomerAttribute, TABLE_NAMES, type Row, type TableName, type Tables } from '../data/schema.js';
import { describeValue } from '../time/describe.js';
import { frameSet, normalizedTable } from '../metrics/input.js';
import { filterFrames, type Frames } from './filter.js';
import { METRICS } from './registry.js';
import type { MetricQuery } from './types.js';
import { validateQuery } from './validate.js';

export interface QueryResult {
  /** What the metric returns on the filtered tables. */
  rows: Row[];
  /** reached[i]: filter i applied to at least one of the tables (else it changed nothing). */
  reached: boolean[];
}

/**
 * The tables a query reads: the metric's, the `table` of its customer-level filters,
 * and customers whenever a filter may be a customer attribute (read through
 * customer_id). A filter on a canonical column of another table (`channel`, `at`,
 * `opened_at`, `event`) never is, so a period or channel filter on a purchase log
 * asks for no customers table it does not have.
 */
export function queryTables(query: MetricQuery): TableName[] {
  const out = new Set<TableName>(METRICS[query.metric].tables(query.options));
  for (const f of query.filters ?? []) {
    if (f.table) out.add(f.table);
    if (isCustomerAttribute(f.column)) out.add('customers');
  }
  return TABLE_NAMES.filter((t) => out.has(t));
}

/**
 * The query over frames of tables already validated (the coordinator's): filters
 * as views, then the metric. The query is validated first.
 */
export function runOnFrames(frames: Frames, query: unknown): QueryResult {
  return compute(frames, validateQuery(query));
}

/**
 * A validated query over frames as steps (src/data/slices.ts): the filters, then the
 * metric, whose kernel pauses between its blocks where it has steps. On a page's main
 * thread (no worker) they run in slices that yield; elsewhere straight through.
 */
export function* querySteps(frames: Frames, q: MetricQuery): Steps<QueryResult> {
  const { frames: views, reached } = filterFrames(frames, q.filters ?? []);
  yield;
  const metric = METRICS[q.metric];
  const input = frameSet(views);
  const rows = metric.steps ? yield* metric.steps(input, q.options) : metric.run(input, q.options);
  return { rows, reached };
}

function compute(frames: Frames, q: MetricQuery): QueryResult {
  return finish(querySteps(frames, q));
}

/**
 * SPEC §6: the query's rows over host tables (rows or Arquero tables, raw or
 * validated): each table the query reads is validated once (memoized for Arquero
 * tables, as the metrics do), filtered without copies, and computed.
 */
export function runQuery(tables: Tables, query: unknown): Row[] {
  const q = validateQuery(query);
  if (tables === null || typeof tables !== 'object' || Array.isArray(tables)) {
    throw new TypeError(`runQuery needs an object of tables { customers?, activity?, surveys?, tickets? }; got ${describeValue(tables)}`);
  }
  const unknown = Object.keys(tables).find((k) => !(TABLE_NAMES as readonly string[]).includes(k));
  if (unknown !== undefined) throw new TypeError(`Unknown table '${unknown}': tables are ${TABLE_NAMES.join(', ')}`);
  const frames: Frames = {};
  for (const name of queryTables(q)) {
    const input = tables[name];
    if (input !== undefined && input !== null) frames[name] = frameOf(normalizedTable(name, input));
  }
  return compute(frames, q).rows;
}
