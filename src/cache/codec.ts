// Adapter results to Arrow IPC bytes and back. Only table construction and Arrow
// import/export are used: they keep working under a strict CSP (DESIGN.md §2).
import { fromArrow, toArrowIPC } from 'arquero';
import type { ColumnTable } from 'arquero';
import type { LoadResult } from '../adapters/types.js';
import { toTable } from '../data/fields.js';

/** Arrow IPC stream bytes for rows, an Arquero table, or bytes (returned as they are). */
export function toIpcBytes(result: LoadResult): Uint8Array {
  if (result instanceof Uint8Array) return result;
  return toArrowIPC(toTable(result), { format: 'stream' });
}

/** The table of stored bytes; throws on bytes that are not Arrow IPC. */
export function fromIpcBytes(bytes: Uint8Array): ColumnTable {
  return fromArrow(bytes);
}

/**
 * Byte equality, four bytes at a time where the buffers allow: comparing is cheaper
 * than hashing both sides, and a revalidation holds both buffers anyway.
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const n = a.byteLength;
  let i = 0;
  // Uint32, not BigUint64: reading a BigUint64Array allocates a BigInt per element.
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const wide = n >>> 2;
    const x = new Uint32Array(a.buffer, a.byteOffset, wide);
    const y = new Uint32Array(b.buffer, b.byteOffset, wide);
    for (let k = 0; k < wide; k++) if (x[k] !== y[k]) return false;
    i = wide * 4;
  }
  for (; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
