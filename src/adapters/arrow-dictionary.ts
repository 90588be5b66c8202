// Flechette decodes an Arrow dictionary's values as it reads the record batches that use
// it (`DictionaryBatch.setDictionary` calls `Column.cache`), one TextDecoder call and one
// subarray per value: the bench's 350k dictionary values at 1M events (ticket ids, each
// table's customer ids) cost 150–250 ms of a cold worker's CPU, most of tickets' load.
// Here a dictionary is decoded when a batch's values are first read (`cache`: `value(i)`,
// Arquero, validation's general path), not when the batch is read: validation reads id and
// customer-id dictionaries from their bytes and keys (src/data/distinct-utf8.ts) and takes
// their strings when a metric or a view asks, so a cold load decodes none of them
// (bench/RESULTS.md, "h14cold3"). A dictionary of ASCII UTF-8 values without nulls is then
// decoded in one call per batch and sliced: the same strings (ASCII decodes byte for byte,
// with no BOM to drop), in the same array `Column.cache` would keep. Anything else goes to
// flechette's own decoding. Flechette is pinned (package.json): `_cache` is its memo, read by
// its own `cache()` only, and `setDictionary` only sets `dictionary` and `cache`.
import { batchType, Column, Type } from '@uwdata/flechette';
import { asciiStrings } from '../data/byte-keys.js';

const UTF8 = 5;

interface Utf8Data {
  readonly type: { readonly typeId: number };
  readonly length: number;
  readonly nullCount: number;
  readonly values?: unknown;
  readonly offsets?: unknown;
}

/** Whether `bytes[from..to)` are all below 0x80 (four at a time where aligned). */
function ascii(bytes: Uint8Array, from: number, to: number): boolean {
  let high = 0;
  let k = from;
  for (; k < to && (bytes.byteOffset + k) % 4 !== 0; k++) high |= bytes[k];
  if (k < to) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset + k, (to - k) >>> 2);
    for (let w = 0; w < words.length; w++) high |= words[w];
    for (k += words.length * 4; k < to; k++) high |= bytes[k];
  }
  return (high & 0x80808080) === 0;
}

/** The values of UTF-8 batches without nulls whose bytes are all ASCII, or undefined. */
export function asciiDictionary(data: readonly Utf8Data[]): string[] | undefined {
  const parts: string[][] = [];
  for (const b of data) {
    const { values, offsets } = b;
    if (b.type.typeId !== UTF8 || b.nullCount > 0 || !(values instanceof Uint8Array) || !(offsets instanceof Int32Array)) return undefined;
    // Offsets outside the bytes (a malformed file): flechette's own reading, which clamps.
    const [from, to] = [offsets[0], offsets[b.length]];
    if (!(from >= 0 && from <= to && to <= values.length) || !ascii(values, from, to)) return undefined;
    parts.push(asciiStrings(values, offsets, 0, b.length));
  }
  return parts.length === 1 ? parts[0] : parts.flat();
}

const flechetteCache = Column.prototype.cache;
Column.prototype.cache = function cache(this: Column<unknown>) {
  const memo = this as unknown as { _cache?: unknown; data: readonly Utf8Data[] };
  memo._cache ??= asciiDictionary(memo.data);
  return (memo._cache as ReturnType<typeof flechetteCache> | undefined) ?? flechetteCache.call(this);
};

/** Flechette's DictionaryBatch (what `batchType` answers for a dictionary type). */
const DictionaryBatch = batchType({ typeId: Type.Dictionary } as Parameters<typeof batchType>[0], {}) as unknown as {
  prototype: { setDictionary(dictionary: Column<unknown>): unknown };
};
DictionaryBatch.prototype.setDictionary = function setDictionary(this: { dictionary?: Column<unknown> }, dictionary: Column<unknown>) {
  this.dictionary = dictionary;
  return this;
};
// `cache` read before any write: the dictionary's values, kept on the batch as flechette would have set them.
Object.defineProperty(DictionaryBatch.prototype, 'cache', {
  configurable: true,
  get(this: { dictionary?: Column<unknown> }) {
    const values = this.dictionary?.cache();
    Object.defineProperty(this, 'cache', { value: values, writable: true, configurable: true, enumerable: true });
    return values;
  },
  set(value: unknown) {
    Object.defineProperty(this, 'cache', { value, writable: true, configurable: true, enumerable: true });
  },
});
