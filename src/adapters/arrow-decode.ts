// Arrow IPC bytes to a table, or a format error: what every path that meets Arrow bytes
// uses (the Arrow and JSON adapters, any adapter answering bytes, the cache). The decoding
// itself (arrow-decode-impl.ts) is in the Arrow codec's chunk, loaded on first use.
import type { ColumnTable } from 'arquero';
import { arrowCodec } from './arrow-codec.js';

/** arrow-decode-impl.ts's decodeArrow (what it accepts and refuses is said there); needs `await loadArrow()` first. */
export function decodeArrow(
  bytes: Uint8Array | ArrayBuffer,
  source: string,
  options?: { noColumns?: boolean },
): ColumnTable {
  return arrowCodec().decodeArrow(bytes, source, options);
}
