// An Arrow UTF-8 column expected to hold distinct values (a table's ids), read as codes
// without a hash table over its rows: each cell's hash sets a bit in a bit array of 16
// bits a row (in cache where a table of slots sized by rows is not), and only the rows
// whose bit was already set are checked exactly (byte-keys.ts). When every value is
// ASCII, no cell is blank or starts or ends with a space, and no two are equal, row i's
// code is its rank among the non-null rows and its string a slice of one decode of their
// bytes, made when first asked (ticket ids may never be shown); otherwise the caller
// reads the column the general way (false), whose codes and strings are the same.
import { asciiStrings, ByteKeys, hashBytes } from './byte-keys.js';
import { isUtf8, isValid, MISSING, type TextCodes } from './text-codes.js';
import { finish, WHOLE, type Steps } from './slices.js';

interface Utf8Batch {
  readonly length: number;
  readonly nullCount: number;
  readonly validity?: Uint8Array;
  readonly values: Uint8Array;
  readonly offsets: Int32Array;
}

/** Codes of a column of distinct values into `out` and its strings into `text` (fresh), or false. */
export function readDistinct(batches: readonly Utf8Batch[], n: number, text: TextCodes, out: Int32Array): boolean {
  if (!distinctPlain(batches, n)) return false;
  const { count, make } = deferred(batches, n, out);
  text.defer(count, make);
  return true;
}

/** Whether the batches' `n` cells are plain ASCII (`plainAscii`) and no two non-null ones hold the same bytes. */
function distinctPlain(batches: readonly Utf8Batch[], n: number): boolean {
  return finish(distinctSteps(batches, n, WHOLE));
}

/** `distinctPlain` as steps of `rows` cells (slices.ts). */
function* distinctSteps(batches: readonly Utf8Batch[], n: number, rows: number): Steps<boolean> {
  const hashes = new Int32Array(n);
  let bits = 1 << 10;
  while (bits < n * 16 && bits < 1 << 27) bits *= 2;
  const seen = new Int32Array(bits >>> 5);
  const twice = new Int32Array(bits >>> 5);
  // The low 16 bits of the hashes that met twice: a filter that stays in L1, so the exact
  // check passes over the rows without a cache miss into `twice` for each.
  const near = new Int32Array(1 << 11);
  const mask = bits - 1;
  let at = 0;
  let collided = false;
  for (const b of batches) {
    if (!plainAscii(b)) return false;
    const { values, offsets } = b;
    const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
    const valid = b.nullCount > 0 ? b.validity : undefined;
    for (let a = 0; a < b.length; a += rows) {
      if (hashRows(view, values, offsets, valid, hashes, seen, twice, near, mask, at, a, Math.min(b.length, a + rows))) collided = true;
      yield;
    }
    at += b.length;
  }
  return !(collided && hasRepeat(batches, hashes, { twice, near, mask }));
}

/** Cells [lo, hi) of a batch: each hash at `at + i` and its bit set; true when a bit was already set. */
function hashRows(
  view: DataView, values: Uint8Array, offsets: Int32Array, valid: Uint8Array | undefined, hashes: Int32Array,
  seen: Int32Array, twice: Int32Array, near: Int32Array, mask: number, at: number, lo: number, hi: number,
): boolean {
  let collided = false;
  for (let i = lo; i < hi; i++) {
    if (!isValid(valid, i)) continue;
    const h = hashBytes(view, values, offsets[i], offsets[i + 1]);
    hashes[at + i] = h;
    const w = (h & mask) >>> 5;
    const bit = 1 << (h & 31);
    if ((seen[w] & bit) !== 0) {
      twice[w] |= bit;
      near[(h & 0xffff) >>> 5] |= bit;
      collided = true;
    } else seen[w] |= bit;
  }
  return collided;
}

/** An Arrow dictionary batch as flechette reads it: keys in `values`, the dictionary a column of batches. */
interface DictionaryBatch {
  readonly length: number;
  readonly nullCount: number;
  readonly validity?: Uint8Array;
  readonly values?: unknown;
  /** `cache()`: its values decoded (once; src/adapters/arrow-dictionary.ts). */
  readonly dictionary?: { readonly length: number; readonly data: readonly unknown[]; cache?(): unknown };
}

/**
 * `readDistinct` for a dictionary column whose row i holds key i (every value once, in
 * order: what Arrow writers make of an id column): the dictionary's bytes read as the rows',
 * so its strings, already decoded, are not looked up one by one. False when the keys are
 * not so, or the dictionary is not UTF-8; the caller then reads the keys the general way.
 */
export function readDistinctDictionary(batches: readonly DictionaryBatch[], n: number, text: TextCodes, out: Int32Array): boolean {
  const dictionary = batches[0]?.dictionary;
  if (!dictionary || dictionary.length !== n) return false;
  let at = 0;
  for (const b of batches) {
    const keys = b.values;
    if (b.dictionary !== dictionary || b.nullCount > 0 || !ArrayBuffer.isView(keys) || keys instanceof DataView) return false;
    const k = keys as unknown as ArrayLike<number>;
    for (let i = 0; i < b.length; i++) if (k[i] !== at + i) return false;
    at += b.length;
  }
  const data = dictionary.data as readonly (Utf8Batch & { type?: { typeId?: number } })[];
  if (!data.every(isUtf8)) return false;
  return readDistinct(data, n, text, out);
}

/**
 * A dictionary column (one dictionary for all its batches) whose dictionary holds distinct plain
 * ASCII values (`plainAscii`: each its own trimmed, non-blank form): the codes come straight from
 * the keys, in order of first appearance, and the strings are the dictionary's own, decoded
 * when first asked (a cold load decodes no customer id). No string is hashed or looked up: each table's customer ids
 * (≈ 50k values) were a `Map` insert each, the largest part of a cold load's validation
 * (bench/RESULTS.md, "h14cold3"). The same codes and strings as the general path (`dictionaryCodes`
 * through `TextCodes`); false, having changed nothing, when the dictionary is not so.
 */
export function readDictionary(batches: readonly DictionaryBatch[], text: TextCodes, out: Int32Array): boolean {
  return finish(dictionarySteps(batches, text, out, WHOLE));
}

/**
 * `readDictionary` as steps of `rows` rows (a multiple of 8), and of `rows` values of the
 * dictionary (its check): on a page's main thread, where a whole read of a dictionary of
 * ids took tens of ms in one task (bench/RESULTS.md, "h14fb"). The same codes and strings.
 */
export function* dictionarySteps(batches: readonly DictionaryBatch[], text: TextCodes, out: Int32Array, rows: number): Steps<boolean> {
  const dictionary = batches[0]?.dictionary;
  if (typeof dictionary?.cache !== 'function') return false;
  for (const b of batches) if (b.dictionary !== dictionary || !intKeys(b.values)) return false;
  const data = dictionary.data as readonly (Utf8Batch & { type?: { typeId?: number } })[];
  if (!data.every((d) => isUtf8(d) && d.nullCount === 0) || !(yield* distinctSteps(data, dictionary.length, rows))) return false;
  const remap = new Int32Array(dictionary.length).fill(-1);
  const order = new Int32Array(dictionary.length);
  let count = 0;
  let at = 0;
  for (const b of batches) {
    const keys = b.values as Int32Array;
    const valid = b.nullCount > 0 ? b.validity : undefined;
    for (let a = 0; a < b.length; a += rows) {
      const m = Math.min(rows, b.length - a);
      // A cut at a multiple of 8 rows starts the validity bitmap at a byte.
      count = keyCodes(a > 0 ? keys.subarray(a) : keys, m, valid && a > 0 ? valid.subarray(a >> 3) : valid, remap, order, count, out, at + a);
      yield;
    }
    at += b.length;
  }
  text.defer(count, () => {
    const strings = dictionary.cache!() as readonly string[];
    return Array.from(order.subarray(0, count), (k) => strings[k]);
  });
  return true;
}

/** Whether dictionary keys are an integer typed array of numbers (not 64-bit: BigInts). */
function intKeys(keys: unknown): boolean {
  return ArrayBuffer.isView(keys) && !(keys instanceof DataView) && !(keys instanceof BigInt64Array) && !(keys instanceof BigUint64Array);
}

/**
 * One batch's keys as codes into `out` from `at`: a key's code is given on its first row
 * (`remap`, -1 until then; `order` the key of each code); a null row or a key outside the
 * dictionary (no value, as flechette reads it) is MISSING. Returns the codes given so far.
 */
function keyCodes(keys: ArrayLike<number>, length: number, valid: Uint8Array | undefined, remap: Int32Array, order: Int32Array, count: number, out: Int32Array, at: number): number {
  const size = remap.length;
  for (let i = 0; i < length; i++) {
    const k = keys[i];
    if (!(k >= 0 && k < size) || (valid !== undefined && (valid[i >> 3] & (1 << (i & 7))) === 0)) {
      out[at + i] = MISSING;
      continue;
    }
    let c = remap[k];
    if (c < 0) {
      c = remap[k] = count;
      order[count++] = k;
    }
    out[at + i] = c;
  }
  return count;
}

/** Whether rows sharing a bit of `twice` hold equal bytes (an exact check of those rows only). */
function hasRepeat(batches: readonly Utf8Batch[], hashes: Int32Array, { twice, near, mask }: { twice: Int32Array; near: Int32Array; mask: number }): boolean {
  const keys = new ByteKeys();
  let at = 0;
  for (const b of batches) {
    const valid = b.nullCount > 0 ? b.validity : undefined;
    for (let i = 0; i < b.length; i++) {
      const h = hashes[at + i];
      const bit = 1 << (h & 31);
      if ((near[(h & 0xffff) >>> 5] & bit) === 0 || (twice[(h & mask) >>> 5] & bit) === 0 || !isValid(valid, i)) continue;
      const before = keys.count;
      if (keys.id(b.values, b.offsets[i], b.offsets[i + 1]) < before) return true;
    }
    at += b.length;
  }
  return false;
}

/**
 * Whether every value of the batch is ASCII, not blank and has no space (or DEL, which
 * TextCodes checks) at either end: then distinct bytes are distinct trimmed strings.
 */
function plainAscii({ values, offsets, length, nullCount, validity }: Utf8Batch): boolean {
  const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
  let high = 0;
  let k = offsets[0];
  for (; k + 4 <= offsets[length]; k += 4) high |= view.getInt32(k);
  for (; k < offsets[length]; k++) high |= values[k];
  if ((high & 0x80808080) !== 0) return false;
  const valid = nullCount > 0 ? validity : undefined;
  for (let i = 0; i < length; i++) {
    const s = offsets[i];
    const e = offsets[i + 1];
    if (e === s) {
      if (isValid(valid, i)) return false;
      continue;
    }
    if (values[s] <= 32 || values[s] === 0x7f || values[e - 1] <= 32 || values[e - 1] === 0x7f) return false;
  }
  return true;
}

/**
 * The non-null rows' ranks into `out`, and their strings in row order, made when asked
 * (from a copy of the values' bytes: the decoded batches, which share the whole Arrow
 * buffer, are not kept alive for them).
 */
function deferred(batches: readonly Utf8Batch[], n: number, out: Int32Array): { count: number; make: () => string[] } {
  let size = 0;
  for (const b of batches) size += b.offsets[b.length] - b.offsets[0];
  const bytes = new Uint8Array(size);
  const starts = new Int32Array(n + 1);
  let code = 0;
  let at = 0;
  let pos = 0;
  for (const b of batches) {
    const { values, offsets } = b;
    const valid = b.nullCount > 0 ? b.validity : undefined;
    if (valid === undefined) {
      // Every row a value: the batch's bytes in one copy, each row's start moved with them.
      const shift = pos - offsets[0];
      bytes.set(values.subarray(offsets[0], offsets[b.length]), pos);
      for (let i = 0; i < b.length; i++) {
        out[at + i] = code;
        starts[code++] = offsets[i] + shift;
      }
      pos = offsets[b.length] + shift;
    } else {
      for (let i = 0; i < b.length; i++) {
        if (!isValid(valid, i)) {
          out[at + i] = MISSING;
          continue;
        }
        out[at + i] = code;
        starts[code++] = pos;
        for (let k = offsets[i]; k < offsets[i + 1]; k++) bytes[pos++] = values[k];
      }
    }
    starts[code] = pos;
    at += b.length;
  }
  const count = code;
  return { count, make: () => asciiStrings(bytes, starts, 0, count) };
}
