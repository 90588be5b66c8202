// An independent oracle for query filters (SPEC §6 and the `table` extension in
// src/query/types.ts), written over plain row objects with array `filter`: what the
// views of src/query/filter.ts must equal. Also the seeded random data sets and
// filters the property tests draw.
import * as aq from 'arquero';
import fc from 'fast-check';
import { SCHEMA, type Row, type TableName } from '../../src/data/schema.js';
import type { QueryFilter } from '../../src/query/types.js';

export type RowTables = Partial<Record<TableName, Row[]>>;
const NAMES: TableName[] = ['customers', 'activity', 'surveys', 'tickets'];

const missing = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
const ms = (v: unknown): number | null => {
  if (missing(v)) return null;
  const t = typeof v === 'number' ? v : Date.parse(String(v));
  return Number.isNaN(t) ? null : t;
};

function has(name: TableName, rows: readonly Row[], column: string): boolean {
  return SCHEMA[name].some((c) => c.name === column) || rows.some((r) => column in r);
}

/** Whether the row's own value passes the filter. */
function passes(row: Row, f: QueryFilter): boolean {
  const v = row[f.column];
  if ('values' in f) {
    if (missing(v)) return f.values.includes(null);
    return f.values.some((x) => x !== null && String(x) === String(v).trim());
  }
  const t = ms(v);
  if (t === null) return false;
  return (f.from === undefined || t >= ms(f.from)!) && (f.to === undefined || t < ms(f.to)!);
}

const OTHER_TABLES_COLUMNS = ['customer_id', 'at', 'event', 'kind', 'score', 'channel', 'ticket_id', 'opened_at', 'first_response_at', 'resolved_at', 'contacts'];

/** How filter f reads its column on rows of `name` (own, or the customer's), or undefined. */
function reader(tables: RowTables, name: TableName, f: QueryFilter): ((row: Row) => Row | undefined) | undefined {
  const rows = tables[name]!;
  if (has(name, rows, f.column)) return (row) => row;
  const customers = tables.customers;
  // Canonical columns of the other tables (channel, at, event…) are never customer attributes.
  if (!customers || OTHER_TABLES_COLUMNS.includes(f.column) || !has('customers', customers, f.column)) return undefined;
  const byId = new Map(customers.map((c) => [String(c.customer_id), c]));
  return (row) => (missing(row.customer_id) ? undefined : byId.get(String(row.customer_id)));
}

/** The row test of f read on table `name` as a filter without `table` reads it; undefined when it cannot. */
function plainTest(tables: RowTables, name: TableName, f: QueryFilter): ((row: Row) => boolean) | undefined {
  const read = reader(tables, name, f);
  if (!read) return undefined;
  // No customer (or an unknown one): the value is null.
  return (row) => {
    const source = read(row);
    return source === undefined ? 'values' in f && f.values.includes(null) : passes(source, f);
  };
}

/** A row test for f on table `name`; undefined when f does not reach it. */
function rowTest(tables: RowTables, name: TableName, f: QueryFilter): ((row: Row) => boolean) | undefined {
  if (f.table === undefined) return plainTest(tables, name, f);
  const source = tables[f.table];
  const test = source && plainTest(tables, f.table, f);
  if (!source || !test) return undefined;
  const ids = new Set<string>();
  if (!('values' in f) && f.match === 'first') {
    const read = reader(tables, f.table, f)!;
    const first = new Map<string, number>();
    for (const row of source) {
      if (missing(row.customer_id)) continue;
      const from = read(row);
      const t = from === undefined ? null : ms(from[f.column]);
      const id = String(row.customer_id);
      if (t !== null && t < (first.get(id) ?? Infinity)) first.set(id, t);
    }
    for (const [id, t] of first) if (passes({ t }, { column: 't', from: f.from, to: f.to })) ids.add(id);
  } else {
    for (const row of source) if (!missing(row.customer_id) && test(row)) ids.add(String(row.customer_id));
  }
  return (row) => !missing(row.customer_id) && ids.has(String(row.customer_id));
}

/**
 * The tables filtered by the oracle. An emptied table keeps its columns (as an empty
 * Arquero table), as a filtered table does: rows alone could not say it has them.
 */
export function oracleFilter(tables: RowTables, filters: readonly QueryFilter[]): Partial<Record<TableName, Row[] | aq.ColumnTable>> {
  const out: Partial<Record<TableName, Row[] | aq.ColumnTable>> = {};
  for (const name of NAMES) {
    const rows = tables[name];
    if (!rows) continue;
    const tests = filters.map((f) => rowTest(tables, name, f)).filter((t) => t !== undefined);
    const kept = rows.filter((r) => tests.every((t) => t(r)));
    out[name] = kept.length || !rows.length ? kept : emptyLike(name, rows);
  }
  return out;
}

/** Which filters reach at least one table, by the oracle. */
export function oracleReached(tables: RowTables, filters: readonly QueryFilter[]): boolean[] {
  return filters.map((f) => NAMES.some((name) => tables[name] !== undefined && rowTest(tables, name, f) !== undefined));
}

function emptyLike(name: TableName, rows: readonly Row[]): aq.ColumnTable {
  const columns = new Set([...SCHEMA[name].map((c) => c.name), ...rows.flatMap((r) => Object.keys(r))]);
  return aq.table(Object.fromEntries([...columns].map((c) => [c, []])));
}

// ---- Seeded random data sets: valid rows only, so validation keeps every row.

const BASE = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const iso = (hours: number) => new Date(BASE + hours * HOUR).toISOString();
const SPAN = 24 * 200;
const id = (i: number) => `c${i}`;

export const EVENTS = ['signup', 'login', 'profile_completed', 'teleconsult', 'booked'];
export const CHANNELS = ['chat', 'app', 'phone'];
export const PLANS = ['a', 'b', 'c'];

const hour = fc.integer({ min: 0, max: SPAN });
const customerArb = fc.record({
  signup: fc.option(hour, { nil: null }),
  churnAfter: fc.option(fc.integer({ min: 0, max: 24 * 120 }), { nil: null }),
  plan: fc.option(fc.constantFrom(...PLANS), { nil: null }),
  user_type: fc.option(fc.constantFrom('patient', 'doctor'), { nil: null }),
});
const activityArb = fc.record({ c: fc.integer({ min: 0, max: 11 }), at: hour, event: fc.constantFrom(...EVENTS) });
const surveyArb = fc.oneof(
  fc.record({ kind: fc.constant('nps'), score: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant('csat'), score: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('ces'), score: fc.integer({ min: 1, max: 7 }) }),
).chain((s) =>
  fc.record({ at: hour, c: fc.option(fc.integer({ min: 0, max: 11 }), { nil: null }), channel: fc.option(fc.constantFrom(...CHANNELS), { nil: null }) }).map((r) => ({ ...s, ...r })),
);
const ticketArb = fc.record({
  c: fc.option(fc.integer({ min: 0, max: 11 }), { nil: null }),
  channel: fc.constantFrom(...CHANNELS),
  opened: hour,
  response: fc.option(fc.integer({ min: 0, max: 72 }), { nil: null }),
  resolve: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  contacts: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
});

/** How many rows of each table a data set has at least (default none). */
export interface DataSizes {
  customers?: number;
  activity?: number;
  surveys?: number;
  tickets?: number;
}

/** Up to 10 customers (c0…c9) and rows naming c0…c11, so some customers are unknown. */
export const dataArbOf = (min: DataSizes = {}): fc.Arbitrary<RowTables> => fc
  .record({
    customers: fc.array(customerArb, { minLength: min.customers ?? 0, maxLength: 10 }),
    activity: fc.array(activityArb, { minLength: min.activity ?? 0, maxLength: 40 }),
    surveys: fc.array(surveyArb, { minLength: min.surveys ?? 0, maxLength: 30 }),
    tickets: fc.array(ticketArb, { minLength: min.tickets ?? 0, maxLength: 20 }),
  })
  .map((d) => ({
    customers: d.customers.map((c, i) => ({
      customer_id: id(i),
      signup_at: c.signup === null ? null : iso(c.signup),
      churned_at: c.signup === null || c.churnAfter === null ? null : iso(c.signup + c.churnAfter),
      plan: c.plan,
      user_type: c.user_type,
      // A monthly value for valueConcentration and atRisk: derived, so the random stream is unchanged.
      revenue: c.plan === null ? null : ((i * 37) % 500) + (c.plan === 'c' ? 1000 : 0),
    })),
    activity: d.activity.map((a) => ({ customer_id: id(a.c), at: iso(a.at), event: a.event })),
    surveys: d.surveys.map((s) => ({ at: iso(s.at), kind: s.kind, score: s.score, customer_id: s.c === null ? null : id(s.c), channel: s.channel })),
    tickets: d.tickets.map((t, i) => ({
      ticket_id: `t${i}`,
      customer_id: t.c === null ? null : id(t.c),
      channel: t.channel,
      opened_at: iso(t.opened),
      first_response_at: t.response === null ? null : iso(t.opened + t.response),
      resolved_at: t.resolve === null ? null : iso(t.opened + (t.response ?? 0) + t.resolve),
      contacts: t.contacts,
    })),
  }));

export const dataArb: fc.Arbitrary<RowTables> = dataArbOf();

const bound = fc.option(hour.map(iso), { nil: undefined });
const rangeArb = fc.tuple(bound, bound).map(([a, b]) => (a !== undefined && b !== undefined && a > b ? [b, a] : [a, b]));
const withRange = (f: { column: string; table?: TableName; match?: 'first' }) =>
  rangeArb.filter(([from, to]) => from !== undefined || to !== undefined).map(([from, to]) => ({ ...f, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }));
const someOf = <T>(list: readonly T[]) => fc.subarray([...list], { minLength: 1 });

/** Filters of every kind the SPEC and the extension describe. */
export const filterArb: fc.Arbitrary<QueryFilter> = fc.oneof(
  someOf([...CHANNELS, null]).map((values) => ({ column: 'channel', values })),
  someOf(EVENTS).map((values) => ({ column: 'event', values })),
  someOf(['nps', 'csat']).map((values) => ({ column: 'kind', values })),
  someOf([...PLANS, null]).map((values) => ({ column: 'plan', values })),
  someOf(['patient', 'doctor', null]).map((values) => ({ column: 'user_type', values })),
  withRange({ column: 'signup_at' }),
  withRange({ column: 'at' }),
  someOf(EVENTS).map((values) => ({ table: 'activity' as const, column: 'event', values })),
  withRange({ table: 'activity', column: 'at', match: 'first' }),
  someOf([...CHANNELS, null]).map((values) => ({ table: 'surveys' as const, column: 'channel', values })),
  someOf([...PLANS, null]).map((values) => ({ table: 'tickets' as const, column: 'plan', values })),
);

export const filtersArb = fc.array(filterArb, { minLength: 0, maxLength: 3 });
