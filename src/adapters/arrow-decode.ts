// Arrow IPC bytes to a table, or a format error: what every path that meets Arrow bytes
// uses (the Arrow and JSON adapters, any adapter answering bytes, the cache). The decoding
// itself (arrow-decode-impl.ts) is in the Arrow codec's chunk, loaded on first use.
import type { ColumnTable } from 'arquero';
import { arrowCodec } from './arrow-codec.js';

/**
 * The table in Arrow IPC bytes (stream or file format), or a format error (SPEC §5):
 * bytes whose lengths do not fit (checked before decoding: see arrow-check.ts), that
 * the decoder refuses, or that hold no schema, no column or no whole number of rows
 * are never an empty table. A column named `__proto__` keeps its name (column-name.ts).
 * `noColumns` accepts a table without columns: what the cache stores for a table a
 * source does not have, never what a source answers. Needs `await loadArrow()` first
 * (arrow-codec.ts): the adapters and the cache do it.
 */
export function decodeArrow(bytes: Uint8Array | ArrayBuffer, source: string, options?: { noColumns?: boolean }): ColumnTable {
  return arrowCodec().decodeArrow(bytes, source, options);
}
