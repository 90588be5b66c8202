// Narrowing the canonical tables to a dashboard's filters (issue 6): a segment
// (a customer attribute or a column of the table itself), a cohort, a channel,
// customers who reached a funnel step or used a feature, and one period. Pure:
// rows are chosen through typed frames and copied with `subsetRows`.
import type { ColumnTable } from 'arquero';
import { bucketer } from '../time/period.js';
import type { Period } from '../time/period.js';
import { frameOf } from './frame.js';
import type { NormalizedTables, TableName } from './schema.js';
import { subsetRows } from './validate.js';

/** How `(none)` segments are written: null or empty values of the column. */
export const NONE_VALUE = '(none)';

export interface TableFilter {
  /** Rows whose `by` column equals `value` ('(none)': missing), in the table or through its customer. */
  segment?: { by: string; value: string };
  /** Customers whose signup (or first activity) falls in the period `key` (`YYYY-MM-DD`). */
  cohort?: { key: string; period: Period; timeZone?: string; by?: 'signup' | 'first-activity' };
  /** Surveys and tickets of one channel; other tables are left whole. */
  channel?: string;
  /** Customers with at least one activity event of this name (a funnel step or a feature). */
  event?: string;
  /** Rows of activity, surveys and tickets whose time is in the period `key`. */
  period?: { key: string; period: Period; timeZone?: string };
}

const TIME: Record<TableName, string> = { customers: 'signup_at', activity: 'at', surveys: 'at', tickets: 'opened_at' };

/** The tables a filter reads beyond the widget's own: customers for segments and cohorts, activity for events. */
export function filterNeeds(f: TableFilter | undefined): TableName[] {
  const out: TableName[] = [];
  if (f?.segment || (f?.cohort && f.cohort.by !== 'first-activity')) out.push('customers');
  if (f?.event || f?.cohort?.by === 'first-activity') out.push('activity');
  return out;
}

export function isEmptyFilter(f: TableFilter | undefined): boolean {
  return !f || (!f.segment && !f.cohort && f.channel === undefined && f.event === undefined && !f.period);
}

/** The tables with only the rows the filter keeps; a table the filter does not concern is returned as is. */
export function filterTables(tables: NormalizedTables, f: TableFilter | undefined): NormalizedTables {
  if (!f || isEmptyFilter(f)) return tables;
  const ids = customerIds(tables, f);
  const out: NormalizedTables = {};
  for (const name of Object.keys(tables) as TableName[]) {
    const table = tables[name];
    if (!table) continue;
    out[name] = narrow(name, table, f, ids);
  }
  return out;
}

/** Customers kept by the customer-level parts of the filter; undefined when none applies. */
function customerIds(tables: NormalizedTables, f: TableFilter): Set<string> | undefined {
  let ids: Set<string> | undefined;
  const meet = (next: Set<string>) => {
    ids = ids ? new Set([...ids].filter((id) => next.has(id))) : next;
  };
  const customers = tables.customers;
  if (f.segment && customers && frameOf(customers).has(f.segment.by)) {
    meet(idsWhere(customers, matchText(customers, f.segment.by, f.segment.value)));
  }
  if (f.cohort && f.cohort.by === 'first-activity') {
    if (tables.activity) meet(firstActivityIn(tables.activity, f.cohort));
  } else if (f.cohort && customers) {
    const b = bucketer(f.cohort.period, f.cohort.timeZone);
    const want = b.indexOfKey(f.cohort.key);
    const t = frameOf(customers).time('signup_at');
    meet(idsWhere(customers, (i) => !Number.isNaN(t[i]) && b.index(t[i]) === want));
  }
  if (f.event !== undefined && tables.activity) {
    meet(idsWhere(tables.activity, matchText(tables.activity, 'event', f.event)));
  }
  return ids;
}

function narrow(name: TableName, table: ColumnTable, f: TableFilter, ids: Set<string> | undefined): ColumnTable {
  const frame = frameOf(table);
  const tests: ((i: number) => boolean)[] = [];
  // A segment applies to a table that carries its column, or through the table's customer.
  if (f.segment && frame.has(f.segment.by)) tests.push(matchText(table, f.segment.by, f.segment.value));
  if (ids !== undefined && frame.has('customer_id')) {
    const id = frame.dict('customer_id');
    const keep = new Uint8Array(id.values.length);
    id.values.forEach((v, k) => (keep[k] = ids.has(v) ? 1 : 0));
    tests.push((i) => id.codes[i] >= 0 && keep[id.codes[i]] === 1);
  }
  if (f.channel !== undefined && (name === 'surveys' || name === 'tickets')) tests.push(matchText(table, 'channel', f.channel));
  if (f.period && name !== 'customers') {
    const b = bucketer(f.period.period, f.period.timeZone);
    const want = b.indexOfKey(f.period.key);
    const t = frame.time(TIME[name]);
    tests.push((i) => !Number.isNaN(t[i]) && b.index(t[i]) === want);
  }
  if (tests.length === 0) return table;
  const keep: number[] = [];
  for (let i = 0; i < frame.n; i++) if (tests.every((test) => test(i))) keep.push(i);
  return keep.length === frame.n ? table : subsetRows(table, keep);
}

/** Customers whose first activity event falls in the cohort's period. */
function firstActivityIn(activity: ColumnTable, cohort: NonNullable<TableFilter['cohort']>): Set<string> {
  const frame = frameOf(activity);
  const id = frame.dict('customer_id');
  const at = frame.time('at');
  const first = new Float64Array(id.values.length).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < frame.n; i++) {
    const c = id.codes[i];
    if (c >= 0 && at[i] < first[c]) first[c] = at[i];
  }
  const b = bucketer(cohort.period, cohort.timeZone);
  const want = b.indexOfKey(cohort.key);
  const out = new Set<string>();
  first.forEach((t, c) => {
    if (Number.isFinite(t) && b.index(t) === want) out.add(id.values[c]);
  });
  return out;
}

function matchText(table: ColumnTable, column: string, value: string): (i: number) => boolean {
  const d = frameOf(table).dict(column);
  if (value === NONE_VALUE) {
    const blank = d.index.get('') ?? -2;
    return (i) => d.codes[i] < 0 || d.codes[i] === blank;
  }
  const code = d.index.get(value) ?? -2;
  return (i) => d.codes[i] === code;
}

function idsWhere(table: ColumnTable, test: (i: number) => boolean): Set<string> {
  const frame = frameOf(table);
  const id = frame.dict('customer_id');
  const out = new Set<string>();
  for (let i = 0; i < frame.n; i++) if (id.codes[i] >= 0 && test(i)) out.add(id.values[id.codes[i]]);
  return out;
}
