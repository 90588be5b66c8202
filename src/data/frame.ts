// Typed frames (DESIGN.md §2): the columns of a normalized table as typed arrays
// that metric kernels loop over. Built lazily per column and memoized per table,
// so every widget that reads the same table shares one encoding.
import type { ColumnTable } from 'arquero';
import { parseTimestamp } from '../time/parse.js';
import { storedName } from './column-name.js';
import { columnValues, isMissing, toNumber, toText } from './values.js';

/** Dictionary-encoded strings: `values[codes[i]]`, code -1 where null. */
export interface Dictionary {
  readonly codes: Int32Array;
  readonly values: readonly string[];
  /** Code of a value, or -1 when absent. */
  readonly index: ReadonlyMap<string, number>;
}

export interface Frame {
  readonly table: ColumnTable;
  readonly n: number;
  has(name: string): boolean;
  /** Epoch milliseconds, NaN where null or unparseable. */
  time(name: string): Float64Array;
  /** Numbers, NaN where null or not numeric. */
  num(name: string): Float64Array;
  /** Strings as dictionary codes, in order of first appearance. */
  dict(name: string): Dictionary;
}

const frames = new WeakMap<ColumnTable, Frame>();
/** Dictionaries made while the table was built (validation's codes), used instead of encoding again. */
const presets = new WeakMap<ColumnTable, ReadonlyMap<string, Dictionary>>();

/**
 * Gives a table's frame these dictionaries (by column name) instead of encoding those
 * columns again: `validate` hands over the codes it made. Each must equal what
 * encoding the column would give (codes in order of first appearance, -1 for null).
 */
export function presetDictionaries(table: ColumnTable, dicts: ReadonlyMap<string, Dictionary>): void {
  if (dicts.size > 0) presets.set(table, dicts);
}

/** The frame of a table, built once per table object. */
export function frameOf(table: ColumnTable): Frame {
  let frame = frames.get(table);
  if (!frame) {
    frame = buildFrame(table);
    frames.set(table, frame);
  }
  return frame;
}

/** A frame's columns are built once each, on first use: `cached(key, make)`. */
export function columnMemo(): <T extends Float64Array | Dictionary>(key: string, make: () => T) => T {
  const memo = new Map<string, Float64Array | Dictionary>();
  return <T extends Float64Array | Dictionary>(key: string, make: () => T): T => {
    let v = memo.get(key) as T | undefined;
    if (!v) {
      v = make();
      memo.set(key, v);
    }
    return v;
  };
}

function buildFrame(table: ColumnTable): Frame {
  const n = table.numRows();
  const names = new Set(table.columnNames());
  const cached = columnMemo();
  const preset = presets.get(table);
  const values = (name: string) => {
    const v = columnValues(table, name);
    if (!v) throw new RangeError(`The table has no column '${name}' (columns: ${[...names].join(', ')})`);
    return v;
  };
  return {
    table,
    n,
    has: (name) => names.has(storedName(name)),
    time: (name) => cached(`t:${name}`, () => toFloat64(values(name), n, parseTimestamp)),
    num: (name) => cached(`n:${name}`, () => toFloat64(values(name), n, toNumber)),
    dict: (name) => cached(`d:${name}`, () => preset?.get(name) ?? encode(values(name), n)),
  };
}

function toFloat64(values: ArrayLike<unknown>, n: number, parse: (v: unknown) => number): Float64Array {
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = isMissing(v) ? NaN : parse(v);
  }
  return out;
}

function encode(values: ArrayLike<unknown>, n: number): Dictionary {
  const codes = new Int32Array(n);
  const index = new Map<string, number>();
  const list: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const s = isMissing(v) ? undefined : toText(v) ?? String(v);
    if (s === undefined) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(s);
    if (code === undefined) {
      code = list.length;
      list.push(s);
      index.set(s, code);
    }
    codes[i] = code;
  }
  return { codes, values: list, index };
}
