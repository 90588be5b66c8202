// One column of host input, however it is stored (a JS array, a typed array, an Arrow
// vector, an Arrow dictionary), read in one pass into typed arrays: strings as
// dictionary codes, times and numbers as Float64Array with a status byte per row.
// Validation (validate.ts) decides on these; frames reuse the codes (frame.ts).
// Numbers are read in read-numbers.ts. Arrow UTF-8 columns are read from their bytes
// once the byte path (byte-path.ts) has loaded with the Arrow codec, else through their values.
import type { ColumnTable } from 'arquero';
import { MAX_MS, parseTimestamp } from '../time/parse.js';
import type { BytePath } from './byte-path.js';
import { storedName } from './column-name.js';
import { dictionaryCodes, isUtf8, isValid, MISSING, TextCodes, type BatchBuffers } from './text-codes.js';

export { MISSING, NOT_TEXT, TextCodes } from './text-codes.js';

/** Status of a time or number cell. */
export const OK = 0;
export const ABSENT = 1;
/** Times: not a timestamp; numbers: not a number. */
export const UNREADABLE = 2;

/** How a column's cells are held. */
export type Cells =
  | { readonly kind: 'absent' }
  | { readonly kind: 'values'; readonly values: ArrayLike<unknown> }
  | { readonly kind: 'arrow'; readonly batches: readonly ArrowBatch[] }
  | { readonly kind: 'dict'; readonly keys: ArrayLike<number>; readonly dictionary: readonly unknown[] };

/** The part of a flechette batch read here. */
export interface ArrowBatch extends BatchBuffers {
  /** A dictionary batch's dictionary, decoded. */
  readonly cache?: unknown;
  /** A `useDate` batch wraps the batch of epoch numbers. */
  readonly source?: ArrowBatch;
  value(i: number): unknown;
}

/** An Arquero dictionary column (`fromArrow` of an Arrow dictionary vector). */
interface ArqueroDictionary {
  groups(names: string[]): { keys: ArrayLike<number>; get: ((k: number) => unknown)[]; size: number };
}

const DICTIONARY = -1;

/**
 * The Arrow byte path (byte-path.ts), once its chunk has loaded (with the Arrow codec):
 * without it an Arrow column is read through its values, with the same result.
 */
let bytePath: BytePath | undefined;

/** Sets the byte path (byte-path.ts at load; tests take it away); returns the one set before. */
export function useBytePath(path: BytePath | undefined): BytePath | undefined {
  const before = bytePath;
  bytePath = path;
  return before;
}

/** The byte path if loaded. */
export function loadedBytePath(): BytePath | undefined {
  return bytePath;
}

/** The cells of column `name` of a table (a filtered or ordered one is made real first). */
export function cellsOf(table: ColumnTable, name: string): Cells {
  const stored = storedName(name);
  if (!table.columnNames().includes(stored)) return { kind: 'absent' };
  const col = table.column(stored) as unknown;
  if (Array.isArray(col) || ArrayBuffer.isView(col)) return { kind: 'values', values: col as ArrayLike<unknown> };
  const dict = col as Partial<ArqueroDictionary> & { nullCount?: number };
  // Arquero marks nulls in a dictionary's keys past a record batch's end (the padding bits
  // of its validity), so with nulls its keys are read from the values instead.
  if (typeof dict.groups === 'function' && typeof (col as { keyFor?: unknown }).keyFor === 'function' && dict.nullCount === 0) {
    const g = dict.groups([name]);
    const get = g.get[0];
    const dictionary: unknown[] = new Array(g.size);
    for (let k = 0; k < g.size; k++) dictionary[k] = get(k);
    return { kind: 'dict', keys: g.keys, dictionary };
  }
  const batches = (col as { data?: unknown }).data;
  if (Array.isArray(batches) && batches.every((b) => typeof (b as ArrowBatch)?.value === 'function')) {
    return { kind: 'arrow', batches: batches as ArrowBatch[] };
  }
  const arrayLike = col as { toArray?: () => ArrayLike<unknown> };
  if (typeof arrayLike.toArray === 'function') return { kind: 'values', values: arrayLike.toArray() };
  return { kind: 'values', values: Array.from(col as Iterable<unknown>) };
}

/** The cells of one key of every row (rows that are null or no object give undefined). */
export function rowCells(rows: readonly Record<string, unknown>[], name: string): Cells {
  const n = rows.length;
  const values = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    values[i] = row !== null && typeof row === 'object' && Object.hasOwn(row, name) ? row[name] : undefined;
  }
  return { kind: 'values', values };
}

/**
 * A column read as text codes (MISSING, NOT_TEXT or an index into `text.values`).
 * `distinct`: its values are expected to differ (ids), so an Arrow UTF-8 column is first
 * read without a hash table (distinct-utf8.ts), as is any Arrow dictionary of distinct
 * values; the codes are the same either way, and without the byte path (each cell's value read).
 */
export function readText(cells: Cells, n: number, text = new TextCodes(), distinct = false): Int32Array {
  const codes = new Int32Array(n);
  if (cells.kind === 'absent') codes.fill(MISSING);
  else if (cells.kind === 'values') {
    const values = cells.values;
    for (let i = 0; i < n; i++) codes[i] = text.code(values[i]);
  } else if (cells.kind === 'dict') {
    dictionaryCodes(cells.keys, cells.dictionary, n, undefined, text, codes, 0);
  } else if (!(text.size === 0 && text.deferrable() && byteBatches(cells.batches, n, text, codes, distinct))) {
    const path = bytePath;
    let at = 0;
    let utf8: ReturnType<BytePath['utf8Codes']> | undefined;
    for (const batch of cells.batches) {
      const valid = batch.nullCount > 0 ? batch.validity : undefined;
      if (path && isUtf8(batch)) {
        (utf8 ??= path.utf8Codes(text)).read(batch.values, batch.offsets, batch.length, valid, codes, at);
      } else if (batch.type?.typeId === DICTIONARY && Array.isArray(batch.cache) && ArrayBuffer.isView(batch.values)) {
        dictionaryCodes(batch.values as unknown as ArrayLike<number>, batch.cache, batch.length, valid, text, codes, at);
      } else {
        for (let i = 0; i < batch.length; i++) codes[at + i] = isValid(valid, i) ? text.code(batch.value(i)) : MISSING;
      }
      at += batch.length;
    }
  }
  return codes;
}

/** A column read by distinct-utf8.ts: ids as UTF-8 or a dictionary holding each row's value once, or a dictionary of distinct values. */
function byteBatches(batches: readonly ArrowBatch[], n: number, text: TextCodes, codes: Int32Array, distinct: boolean): boolean {
  const path = bytePath;
  if (!path) return false;
  if (!batches.every((b) => b.type?.typeId === DICTIONARY)) return distinct && batches.every(isUtf8) && path.readDistinct(batches as readonly (ArrowBatch & { values: Uint8Array; offsets: Int32Array })[], n, text, codes);
  return (distinct && path.readDistinctDictionary(batches, n, text, codes)) || path.readDictionary(batches, text, codes);
}

const FLOAT = 3;
const TIMESTAMP = 10;
const DATE = 8;
const MILLISECOND = 1;

/** A batch of epoch milliseconds as 64-bit integers (timestamp[ms] or date64), little-endian as every browser is. */
function millisecondInt64(batch: ArrowBatch): boolean {
  const type = batch.type as { typeId?: number; unit?: number } | undefined;
  return (
    batch.values instanceof BigInt64Array &&
    batch.values.byteOffset % 4 === 0 &&
    (type?.typeId === TIMESTAMP || type?.typeId === DATE) &&
    type.unit === MILLISECOND &&
    new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
  );
}

/** ECMAScript's TimeClip: what `new Date(x).getTime()` gives for a number x. */
function timeClip(x: number): number {
  return x >= -MAX_MS && x <= MAX_MS ? Math.trunc(x) + 0 : NaN;
}

/**
 * A dictionary column's cells: each distinct value parsed once (`parse` writes the number
 * at `parsed[k]` and returns the status), then spread to the rows by their keys.
 */
export function fromDictionary(
  cells: Extract<Cells, { kind: 'dict' }>,
  n: number,
  out: Float64Array,
  status: Uint8Array,
  parse: (value: unknown, parsed: Float64Array, k: number) => number,
): void {
  const parsed = new Float64Array(cells.dictionary.length);
  const states = cells.dictionary.map((v, k) => parse(v, parsed, k));
  const keys = cells.keys;
  for (let i = 0; i < n; i++) {
    out[i] = parsed[keys[i]];
    status[i] = states[keys[i]];
  }
}

/**
 * A time column as epoch ms into `out`, with a status per row (OK, ABSENT or
 * UNREADABLE), read as `parseTimestamp` reads one value; blank strings are ABSENT.
 */
export function readTimes(cells: Cells, n: number, out: Float64Array, status: Uint8Array): void {
  if (cells.kind === 'absent') {
    out.fill(NaN);
    status.fill(ABSENT);
  } else if (cells.kind === 'values') {
    const values = cells.values;
    for (let i = 0; i < n; i++) status[i] = timeOf(values[i], out, i);
  } else if (cells.kind === 'dict') {
    fromDictionary(cells, n, out, status, timeOf);
  } else {
    let at = 0;
    for (const batch of cells.batches) {
      arrowTimes(batch, out, status, at);
      at += batch.length;
    }
  }
}

function arrowTimes(batch: ArrowBatch, out: Float64Array, status: Uint8Array, at: number): void {
  const valid = batch.nullCount > 0 ? batch.validity : undefined;
  const n = batch.length;
  const source = batch.source;
  if (source && millisecondInt64(source)) {
    // Epoch ms as 64-bit integers: read as two 32-bit halves, without a BigInt per row.
    const words = source.values as BigInt64Array;
    const lo = new Uint32Array(words.buffer, words.byteOffset, n * 2);
    const hi = new Int32Array(words.buffer, words.byteOffset, n * 2);
    if (valid === undefined) return epochMs(lo, hi, n, out, status, at);
    for (let i = 0; i < n; i++) {
      if (!isValid(valid, i)) setAbsent(out, status, at + i);
      else {
        const t = timeClip(hi[2 * i + 1] * 4294967296 + lo[2 * i]);
        out[at + i] = t;
        status[at + i] = t === t ? OK : UNREADABLE;
      }
    }
  } else if (source && typeof source.value === 'function') {
    // A Date vector: its numbers become Dates, whose time is TimeClip of the number.
    for (let i = 0; i < n; i++) {
      if (!isValid(valid, i)) setAbsent(out, status, at + i);
      else {
        const t = timeClip(Number(source.value(i)));
        out[at + i] = t;
        status[at + i] = t === t ? OK : UNREADABLE;
      }
    }
  } else if (batch.values instanceof Float64Array && batch.type?.typeId === FLOAT) {
    floatTimes(batch.values, valid, n, out, status, at);
  } else if (bytePath && isUtf8(batch)) {
    const parseIsoBytes = bytePath.parseIsoBytes;
    const bytes = batch.values;
    const offsets = batch.offsets;
    for (let i = 0; i < n; i++) {
      if (!isValid(valid, i)) setAbsent(out, status, at + i);
      else {
        // The canonical ISO forms straight from the bytes; anything else as a string.
        const t = parseIsoBytes(bytes, offsets[i], offsets[i + 1]);
        if (t === t) {
          out[at + i] = t;
          status[at + i] = OK;
        }
        else status[at + i] = timeOf(batch.value(i), out, at + i);
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (!isValid(valid, i)) setAbsent(out, status, at + i);
      else status[at + i] = timeOf(batch.value(i), out, at + i);
    }
  }
}

/** A batch of epoch ms as doubles, each read as `timeOf` reads a number (no call and no boxing per row). */
function floatTimes(values: Float64Array, valid: Uint8Array | undefined, n: number, out: Float64Array, status: Uint8Array, at: number): void {
  for (let i = 0; i < n; i++) {
    const t = values[i];
    if (t !== t || !isValid(valid, i)) setAbsent(out, status, at + i);
    else {
      const ok = t >= -MAX_MS && t <= MAX_MS;
      out[at + i] = ok ? t : NaN;
      status[at + i] = ok ? OK : UNREADABLE;
    }
  }
}

/** A batch of epoch ms without nulls, as two 32-bit halves a row; times past ±8.64e15 ms are unreadable (TimeClip). */
function epochMs(lo: Uint32Array, hi: Int32Array, n: number, out: Float64Array, status: Uint8Array, at: number): void {
  for (let i = 0; i < n; i++) {
    const t = hi[2 * i + 1] * 4294967296 + lo[2 * i];
    const ok = t >= -MAX_MS && t <= MAX_MS;
    out[at + i] = ok ? t : NaN;
    status[at + i] = ok ? OK : UNREADABLE;
  }
}

export function setAbsent(out: Float64Array, status: Uint8Array, i: number): void {
  out[i] = NaN;
  status[i] = ABSENT;
}

function timeOf(v: unknown, out: Float64Array, i: number): number {
  if (typeof v === 'number') {
    if (v !== v) return (out[i] = NaN), ABSENT;
    const t = parseTimestamp(v);
    out[i] = t;
    return t === t ? OK : UNREADABLE;
  }
  if (v === null || v === undefined) return (out[i] = NaN), ABSENT;
  const t = parseTimestamp(v);
  out[i] = t;
  if (t === t) return OK;
  return typeof v === 'string' && v.trim() === '' ? ABSENT : UNREADABLE;
}
