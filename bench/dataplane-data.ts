// Data and sources of the data-plane bench (bench/dataplane.ts): the four canonical
// tables in a dashboard-like mix of sizes, customers with a `plan` attribute to
// segment by, and adapters that count what they are asked (in memory, and a
// JsonAdapter over an in-page fetch that answers JSON and counts requests).
import type { ColumnTable } from 'arquero';
import { JsonAdapter } from '../src/adapters/json.js';
import { MemoryAdapter } from '../src/adapters/memory.js';
import type { Adapter, LoadRequest, LoadResult } from '../src/adapters/types.js';
import type { TableName } from '../src/data/schema.js';
import { rng, weighted } from '../demo/data/random.js';
import { generateMix, rawTables } from './generate.js';
import type { MixSizes } from './generate.js';

export type RawTables = Record<TableName, ColumnTable>;

export const PLANS = ['Essencial', 'Ouro', 'Premium'] as const;

/**
 * How N events split over the tables: customers 5 %, activity 55 %, surveys 25 %,
 * tickets 15 % (about 11 activity events, 5 survey answers and 3 tickets per customer).
 */
export function mix(n: number): MixSizes {
  const customers = Math.round(n * 0.05);
  const activity = Math.round(n * 0.55);
  const surveys = Math.round(n * 0.25);
  return { customers, activity, surveys, tickets: n - customers - activity - surveys };
}

/** The raw tables an adapter serves (validated on load, as a host's data would be). */
export function benchTables(n: number): RawTables {
  const data = generateMix(mix(n));
  const ids = data.customers.ids;
  const random = rng(7);
  const plan = Array.from({ length: data.customers.n }, () => weighted(random, PLANS, [50, 35, 15]));
  return {
    customers: rawTables.customers(data.customers).assign({ plan }),
    activity: rawTables.activity(data.activity, ids),
    surveys: rawTables.surveys(data.surveys, ids),
    tickets: rawTables.tickets(data.tickets, ids),
  };
}

/** Loads asked of a source, per table. */
export type Counts = Partial<Record<TableName, number>>;

export interface Counting extends Adapter {
  readonly counts: Counts;
  /** Loads asked so far, all tables. */
  total(): number;
}

const bump = (counts: Counts, table: TableName) => (counts[table] = (counts[table] ?? 0) + 1);
const sum = (counts: Counts) => Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);

/** A MemoryAdapter that counts each `load` it is asked, per table. */
export function countingAdapter(tables: RawTables, id: string): Counting {
  const inner = new MemoryAdapter(tables, { id });
  const counts: Counts = {};
  return {
    id,
    counts,
    total: () => sum(counts),
    load(request: LoadRequest, signal?: AbortSignal): Promise<LoadResult> {
      bump(counts, request.table);
      return inner.load(request, signal);
    },
  };
}

/**
 * A JsonAdapter whose fetch is answered in the page: each GET `{base}/{table}` is
 * counted and answered with the table as a JSON array of rows (times as epoch ms).
 */
export function countingJsonAdapter(tables: RawTables, base: string): Counting & { requests: string[] } {
  const bodies = new Map<string, string>();
  for (const [name, table] of Object.entries(tables)) bodies.set(name, JSON.stringify(table.objects()));
  const counts: Counts = {};
  const requests: string[] = [];
  const fetch = async (input: string): Promise<Response> => {
    const url = new URL(input, location.href);
    const name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1) as TableName;
    requests.push(url.pathname + url.search);
    bump(counts, name);
    const body = bodies.get(name);
    if (body === undefined) return new Response('not found', { status: 404 });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  const adapter = new JsonAdapter({ base, id: `json-bench:${base}`, fetch });
  return Object.assign(adapter, { counts, requests, total: () => sum(counts) });
}
