// extent: the first and last time in a table, and how many rows have one. A widget
// anchors its default window on it (the CSAT widget: "the last month of answers"),
// so it is a query like any metric: computed where the data is, filters applied.
import type { TableInput, TableName, Tables } from '../data/schema.js';
import { TABLE_NAMES } from '../data/schema.js';
import { describeValue } from '../time/describe.js';
import { column, keyword, options as optionsOf } from '../query/options.js';
import { metricInput } from './input.js';
import { checkMinCellSize } from './suppress.js';

export interface ExtentOptions {
  /** The table to read. */
  table: TableName;
  /** A time column of it; default its main time (signup_at, at, at, opened_at). */
  column?: string;
  /** Surveys only: count the answers of this kind alone. */
  kind?: 'nps' | 'csat' | 'ces';
  /** A count of rows 1…k−1 is hidden, and with it the span (a few rows' times identify them). */
  minCellSize?: number;
}

export interface ExtentRow {
  table: TableName;
  /** Earliest and latest time, epoch ms; null when no row has one. */
  first: number | null;
  last: number | null;
  /** Rows counted (with a time, of `kind` when given); null when hidden by `minCellSize`. */
  rows: number | null;
  /** Present (true) when the count and the span are hidden. */
  suppressed?: true;
}

/** The main time column of each table. */
export const TIME_COLUMNS: Readonly<Record<TableName, string>> = {
  customers: 'signup_at',
  activity: 'at',
  surveys: 'at',
  tickets: 'opened_at',
};

const KINDS = ['nps', 'csat', 'ces'] as const;

export interface ExtentSettings {
  readonly table: TableName;
  readonly column: string;
  readonly kind: 'nps' | 'csat' | 'ces' | undefined;
  readonly minCellSize: number;
}

/** The options checked and resolved, without data (what extent does first). */
export function checkExtentOptions(options: unknown): ExtentSettings {
  const o = optionsOf(options, 'extent');
  const table = keyword(o.table, 'table', TABLE_NAMES);
  if (table === undefined) throw new RangeError(`extent needs table, one of ${TABLE_NAMES.join(', ')}; got ${describeValue(o.table)}`);
  const kind = keyword(o.kind, 'kind', KINDS);
  if (kind !== undefined && table !== 'surveys') throw new RangeError(`kind applies to the surveys table only; got table '${table}'`);
  return { table, column: column(o.column, 'column', TIME_COLUMNS[table])!, kind, minCellSize: checkMinCellSize(o.minCellSize) };
}

/** One row: the time span of `table` (its rows of survey `kind` when given). */
export function extent(tables: Tables | TableInput, options: ExtentOptions): ExtentRow[] {
  const s = checkExtentOptions(options);
  const frame = metricInput(tables, s.table, 'extent').require(s.table);
  const time = frame.time(s.column);
  const kind = s.kind === undefined ? undefined : frame.dict('kind');
  const want = kind ? (kind.index.get(s.kind!) ?? -2) : 0;
  let first = Infinity;
  let last = -Infinity;
  let rows = 0;
  for (let i = 0; i < frame.n; i++) {
    const t = time[i];
    if (t !== t || (kind && kind.codes[i] !== want)) continue;
    rows++;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  if (rows > 0 && s.minCellSize > 1 && rows < s.minCellSize) return [{ table: s.table, first: null, last: null, rows: null, suppressed: true }];
  return [{ table: s.table, first: rows ? first : null, last: rows ? last : null, rows }];
}
