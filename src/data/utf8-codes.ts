// An Arrow UTF-8 vector as codes without a string per row: its bytes hashed into typed
// arrays (byte-keys.ts), each distinct byte string decoded once. Part of the Arrow byte
// path (byte-path.ts), loaded with the Arrow codec.
import { ByteKeys } from './byte-keys.js';
import { isUtf8, isValid, MISSING, type BatchBuffers, type TextCodes } from './text-codes.js';

/** A column's distinct strings in order of first appearance, and each row's key (-1: null). */
export interface Utf8Keys {
  ids: Int32Array;
  keys: string[];
}

/**
 * An Arrow UTF-8 column as keys: each distinct byte string decoded once, as flechette
 * decodes a value; undefined when a batch is not UTF-8.
 */
export function utf8Keys(batches: readonly BatchBuffers[], n: number): Utf8Keys | undefined {
  if (!batches.every(isUtf8)) return undefined;
  const keys = new ByteKeys();
  const ids = new Int32Array(n);
  let at = 0;
  for (const b of batches as (BatchBuffers & { values: Uint8Array; offsets: Int32Array })[]) {
    const valid = b.nullCount > 0 ? b.validity : undefined;
    for (let i = 0; i < b.length; i++) ids[at + i] = isValid(valid, i) ? keys.id(b.values, b.offsets[i], b.offsets[i + 1]) : -1;
    at += b.length;
  }
  return { ids, keys: keys.strings(0) };
}

/** Up to this many distinct values, a column's cells are looked up by `ByteKeys.few`. */
const FEW = 64;

/**
 * Arrow UTF-8 batches of one column as codes of `text`, without a string per row: each
 * distinct byte string is numbered (byte-keys.ts) and decoded once, then given its code
 * in order of first appearance; an id repeats over a customer's events.
 */
export class Utf8Codes {
  private readonly keys: ByteKeys;
  /** Key number → code of `text`. */
  private codeOf = new Int32Array(256);
  /** Whether every key's code is its number (a fresh column of trimmed, non-blank strings). */
  private identity = true;

  constructor(private readonly text: TextCodes) {
    this.keys = new ByteKeys();
    this.identity = text.values.length === 0;
  }

  read(bytes: Uint8Array, offsets: Int32Array, n: number, valid: Uint8Array | undefined, out: Int32Array, at: number): void {
    const keys = this.keys;
    const from = keys.count;
    // While the column has a few distinct values, most cells are found without a hash.
    for (let i = 0; i < n; i++) {
      if (valid !== undefined && !isValid(valid, i)) out[at + i] = MISSING;
      else if (keys.count <= FEW) out[at + i] = keys.few(bytes, offsets[i], offsets[i + 1]);
      else out[at + i] = keys.id(bytes, offsets[i], offsets[i + 1]);
    }
    if (keys.count > this.codeOf.length) {
      const bigger = new Int32Array(Math.max(keys.count, this.codeOf.length * 2));
      bigger.set(this.codeOf);
      this.codeOf = bigger;
    }
    if (this.identity && this.text.deferrable() && keys.plainSince(from)) {
      // Every key so far is its own trimmed, distinct string: codes are key numbers, and
      // the strings are made when first asked (an id column's may wait for a join).
      for (let k = from; k < keys.count; k++) this.codeOf[k] = k;
      this.text.defer(keys.count, keys.later());
      return;
    }
    // Non-ASCII keys may decode alike (U+FFFD for invalid bytes, a leading BOM dropped): looked up.
    const distinct = keys.freshAscii;
    const fresh = keys.strings(from);
    for (let j = 0; j < fresh.length; j++) {
      const s = fresh[j];
      const c = distinct ? this.text.distinct(s) : this.text.code(s);
      this.codeOf[from + j] = c;
      if (c !== from + j) this.identity = false;
    }
    if (this.identity) return;
    const codeOf = this.codeOf;
    for (let i = at; i < at + n; i++) if (out[i] >= 0) out[i] = codeOf[out[i]];
  }
}
