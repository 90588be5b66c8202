// A source over rows held in memory: the four tables validated once, queries answered by
// runQuery's kernels over typed frames, loads served as validated rows through the same
// filters. The reference a SQL source must equal, the tests' stand-in for one, and what
// `pulso-serve --demo` serves without any database.
import type { ColumnTable } from 'arquero';
import { frameOf } from '../data/frame.js';
import type { Frame } from '../data/frame.js';
import { viewRows } from '../data/frame-view.js';
import { SCHEMA, TABLE_NAMES } from '../data/schema.js';
import type { Row, TableName, Tables } from '../data/schema.js';
import { validate } from '../data/validate.js';
// In Node size does not matter: Arrow tables a host passes are validated from their bytes.
import '../data/byte-path.js';
import { columnValues } from '../data/values.js';
import { TIME_COLUMNS } from '../metrics/extent.js';
import { filterFrames } from '../query/filter.js';
import type { Frames } from '../query/filter.js';
import { runOnFrames } from '../query/run.js';
import { METRIC_NAMES } from '../query/types.js';
import { parseTimestamp } from '../time/parse.js';
import type { PulsoSource, SourceLoadRequest } from './types.js';

export interface MemorySourceOptions {
  /** Default `memory`. */
  id?: string;
}

/** A source over `tables` (rows or Arquero tables of any of the four), validated now. */
export function createMemorySource(input: Tables, options: MemorySourceOptions = {}): PulsoSource {
  const { tables, report } = validate(input);
  const frames: Frames = {};
  for (const name of TABLE_NAMES) if (tables[name]) frames[name] = frameOf(tables[name]!);
  const present = TABLE_NAMES.filter((name) => frames[name] !== undefined);
  return {
    id: options.id ?? 'memory',
    async aggregate(query, signal) {
      signal?.throwIfAborted();
      return runOnFrames(frames, query).rows;
    },
    async load(request, signal) {
      signal?.throwIfAborted();
      if (!frames[request.table]) throw new RangeError(`This source has no ${request.table} table`);
      return rowsOf(frames, request);
    },
    report: async () => report,
    capabilities: () => ({ metrics: [...METRIC_NAMES], tables: present, filters: true, pages: true }),
    close: async () => undefined,
  };
}

/** The validated rows a load asks for: filtered, in range, paged, with the columns asked. */
function rowsOf(frames: Frames, request: SourceLoadRequest): Row[] {
  const base = frames[request.table]!;
  const view = request.filters?.length ? filterFrames(frames, request.filters).frames[request.table]! : base;
  const kept = viewRows(view);
  const index = (i: number): number => (kept ? kept[i] : i);
  const times = base.time(TIME_COLUMNS[request.table]);
  const from = request.from === undefined ? -Infinity : parseTimestamp(request.from);
  const to = request.to === undefined ? Infinity : parseTimestamp(request.to);
  const offset = request.offset ?? 0;
  const limit = request.limit ?? Infinity;
  const picked: number[] = [];
  let skipped = 0;
  for (let i = 0; i < view.n && picked.length < limit; i++) {
    const row = index(i);
    if (!(times[row] >= from && times[row] < to)) continue;
    if (skipped++ >= offset) picked.push(row);
  }
  return toRows(base, request.table, picked, request.columns);
}

/** Row objects of some rows of a normalized table: times as ISO text, missing values as null. */
function toRows(frame: Frame, table: TableName, rows: readonly number[], columns?: readonly string[]): Row[] {
  const t: ColumnTable = frame.table;
  const names = columns?.length ? t.columnNames().filter((n) => columns.includes(n)) : t.columnNames();
  const isTime = new Set(SCHEMA[table].filter((c) => c.kind === 'time').map((c) => c.name));
  const readers = names.map((name) => {
    const values = columnValues(t, name)!;
    return isTime.has(name) ? (i: number) => iso(values[i]) : (i: number) => plain(values[i]);
  });
  return rows.map((i) => {
    const row: Row = {};
    names.forEach((name, c) => (row[name] = readers[c](i)));
    return row;
  });
}

function iso(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value).toISOString() : null;
}

function plain(value: unknown): unknown {
  if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) return null;
  return value;
}
