// What every metric does first: take the tables a host passes (rows or Arquero
// tables, raw or already normalized), validate them once, and hand the kernel
// typed frames. Also the shared `by` (segment) and `from`/`to` handling of SPEC §3.
import type { ColumnTable } from 'arquero';
import { frameOf, type Dictionary, type Frame } from '../data/frame.js';
import type { TableInput, TableName, Tables } from '../data/schema.js';
import { isNormalized, validate } from '../data/validate.js';
import { isTable } from '../data/values.js';

/**
 * Raw Arquero tables already normalized, so repeated metric calls on one table
 * validate once. Arrays of rows are not memoized: a host may mutate them in place.
 */
const memo = new WeakMap<ColumnTable, ColumnTable>();

/** The normalized table of one canonical table input. */
export function normalizedTable(name: TableName, input: TableInput): ColumnTable {
  if (!isTable(input)) return validate({ [name]: input }).tables[name]!;
  if (isNormalized(input)) return input;
  let table = memo.get(input);
  if (!table) {
    table = validate({ [name]: input }).tables[name]!;
    memo.set(input, table);
  }
  return table;
}

const TABLE_KEYS = new Set<string>(['customers', 'activity', 'surveys', 'tickets']);

/**
 * SPEC §3: a metric takes `{ customers?, activity?, surveys?, tickets? }`, or the one
 * table it reads alone. An array of rows or an Arquero table is that table alone.
 */
function asTables(input: Tables | TableInput, main: TableName): Tables {
  if (Array.isArray(input) || isTable(input as TableInput)) return { [main]: input as TableInput };
  if (input === null || typeof input !== 'object') {
    throw new TypeError(`Expected ${main} rows, an Arquero table, or an object of tables; got ${input === null ? 'null' : typeof input}`);
  }
  const keys = Object.keys(input);
  const unknown = keys.filter((k) => !TABLE_KEYS.has(k));
  if (unknown.length) {
    throw new TypeError(`Unknown table '${unknown[0]}': tables are customers, activity, surveys, tickets`);
  }
  return input as Tables;
}

/**
 * The inputs of one metric call: frames built once per table for the call (and
 * once per Arquero table across calls), and the segments of `by`.
 */
export interface MetricInput {
  readonly metric: string;
  /** The frame of a table, or undefined when the host did not pass it. */
  frame(name: TableName): Frame | undefined;
  /** The frame of a table the metric cannot do without (a precise error otherwise). */
  require(name: TableName): Frame;
  /**
   * Segment codes per row of `frame` for the column `by`: read from the frame when it
   * has the column, else joined from the customers table by `customer_id`. Null
   * values get the code of "(none)", so no code is -1.
   */
  segments(frame: Frame, by: string): Segments;
}

export interface Segments {
  readonly codes: Int32Array;
  readonly labels: readonly string[];
}

const FRAMES = Symbol('pulso.frames');

/**
 * Typed frames of tables already validated (such as the filtered views `runQuery`
 * passes), marked so that a metric takes them as they are: no validation, no
 * Arquero table. A metric's public signature does not name it; `src/query` passes it.
 */
export interface FrameSet {
  readonly [FRAMES]: Partial<Record<TableName, Frame>>;
}

export function frameSet(frames: Partial<Record<TableName, Frame>>): FrameSet {
  return { [FRAMES]: frames };
}

export function isFrameSet(value: unknown): value is FrameSet {
  return typeof value === 'object' && value !== null && FRAMES in value;
}

export function metricInput(input: Tables | TableInput | FrameSet, main: TableName, metric: string): MetricInput {
  const given = isFrameSet(input) ? input[FRAMES] : undefined;
  const tables = given ? {} : asTables(input as Tables | TableInput, main);
  const frames = new Map<TableName, Frame | undefined>();
  const frame = (name: TableName): Frame | undefined => {
    if (given) return given[name];
    if (!frames.has(name)) {
      const t = tables[name];
      frames.set(name, t === undefined || t === null ? undefined : frameOf(normalizedTable(name, t)));
    }
    return frames.get(name);
  };
  return {
    metric,
    frame,
    require(name) {
      const f = frame(name);
      if (!f) throw new TypeError(`${metric} needs the ${name} table`);
      return f;
    },
    segments: (f, by) => segmentsOf(f, by, frame('customers'), metric),
  };
}

/** The label of rows whose segment value is null or missing (SPEC §3). */
export const NONE = '(none)';

/** Segments of a table's own column, by its dictionary (frames keep one per column). */
const ownSegments = new WeakMap<Dictionary, Segments>();

function segmentsOf(frame: Frame, by: string, customers: Frame | undefined, metric: string): Segments {
  if (frame.has(by)) {
    // A table's own column gives the same segments every call: made once per dictionary.
    const dict = frame.dict(by);
    let own = ownSegments.get(dict);
    if (!own) {
      own = withNone(dict.codes, dict.values);
      ownSegments.set(dict, own);
    }
    return own;
  }
  if (!customers || !customers.has(by)) {
    throw new RangeError(
      `${metric}: by '${by}' is neither a column of the table nor a customer attribute ` +
        '(pass the customers table to break down by a customer attribute)',
    );
  }
  const attr = customers.dict(by);
  const ids = customers.dict('customer_id');
  const own = frame.dict('customer_id');
  // This table's customer code → attribute code, through the id strings once per customer.
  const map = new Int32Array(own.values.length).fill(-1);
  for (let c = 0; c < ids.codes.length; c++) {
    const k = own.index.get(ids.values[ids.codes[c]]);
    if (k !== undefined) map[k] = attr.codes[c];
  }
  const codes = new Int32Array(frame.n);
  for (let i = 0; i < frame.n; i++) codes[i] = own.codes[i] < 0 ? -1 : map[own.codes[i]];
  return withNone(codes, attr.values);
}

function withNone(codes: Int32Array, values: readonly string[]): Segments {
  let hasNull = false;
  for (let i = 0; i < codes.length; i++) if (codes[i] < 0) { hasNull = true; break; }
  if (!hasNull) return { codes, labels: values };
  const none = values.indexOf(NONE) >= 0 ? values.indexOf(NONE) : values.length;
  const labels = none === values.length ? [...values, NONE] : values;
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? none : codes[i];
  return { codes: out, labels };
}

// `from`/`to` and timestamp options are checked by the shared option helpers; the
// old names stay for the code that still imports them from here.
export type { Range } from '../query/options.js';
export { range as rangeOf, timestamp as timeOption } from '../query/options.js';
