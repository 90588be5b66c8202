// Adapter results to Arrow IPC bytes and back. Only table construction and Arrow
// import/export are used: they keep working under a strict CSP (DESIGN.md §2).
import { arrowCodec } from '../adapters/arrow-codec.js';
import { decodeArrow } from '../adapters/arrow-decode.js';
import type { ColumnTable } from 'arquero';
import type { LoadResult } from '../adapters/types.js';
import { toTable } from '../data/fields.js';

/** Arrow IPC stream bytes for rows, an Arquero table, or bytes (returned as they are). */
export function toIpcBytes(result: LoadResult): Uint8Array {
  if (result instanceof Uint8Array) return result;
  return arrowCodec().toArrowIPC(toTable(result), { format: 'stream' });
}

/** The table of stored bytes; throws on bytes that are not Arrow IPC. */
export function fromIpcBytes(bytes: Uint8Array): ColumnTable {
  // Checked like any bytes: an entry altered on disk must be a miss, never a crash.
  return decodeArrow(bytes, 'a cache entry', { noColumns: true });
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

// A normalized entry (CachedAdapter's `normalize`) is one buffer: a header naming
// the layout, the validation report as JSON, padding to 8 bytes, then the Arrow IPC
// of the validated table. One buffer keeps the report under the same encryption as
// the data, and the padding lets Float64 columns be read in place.
const MAGIC = [0x50, 0x4e, 0x56, 0x31]; // "PNV1"
const HEADER = 8; // magic + u32 length of the JSON

/** The envelope of a validated table's IPC bytes and its report (undefined: not a canonical table). */
export function packNormalized(ipc: Uint8Array, report: unknown): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(report ?? null));
  const start = Math.ceil((HEADER + json.byteLength) / 8) * 8;
  const out = new Uint8Array(start + ipc.byteLength);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.byteLength, true);
  out.set(json, HEADER);
  out.set(ipc, start);
  return out;
}

/** The IPC bytes (a view, not a copy) and the report of an envelope; throws on anything else. */
export function unpackNormalized(bytes: Uint8Array): { ipc: Uint8Array; report: unknown } {
  if (bytes.byteLength < HEADER || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new TypeError('not a normalized cache entry (bad header)');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const start = Math.ceil((HEADER + length) / 8) * 8;
  if (start > bytes.byteLength) throw new RangeError('normalized cache entry is truncated');
  const report: unknown = JSON.parse(
    new TextDecoder().decode(bytes.subarray(HEADER, HEADER + length)),
  );
  // A view keeps the zero-copy read of aligned columns; a misaligned one is copied once.
  const ipc = (bytes.byteOffset + start) % 8 === 0 ? bytes.subarray(start) : bytes.slice(start);
  return { ipc, report };
}
