// What a CachedAdapter stores for a source's answer, and what it serves from a stored
// entry. Raw: the table as the source gave it (validated by every load after it).
// Normalized: the table after `validate` (times as Float64 epoch ms, strings
// dictionary-encoded by Arrow) with its report beside it, so a warm load neither
// decodes a million ISO strings nor parses them again (bench/RESULTS.md "Cache").
import { arrowCodec } from '../adapters/arrow-codec.js';
import { decodeArrow } from '../adapters/arrow-decode.js';
import type { ColumnTable } from 'arquero';
import type { LoadRequest, LoadResult } from '../adapters/types.js';
import { toTable } from '../data/fields.js';
import type { ValidationReport } from '../data/schema.js';
import { isValidationReport, markNormalized, validateInSlices } from '../data/validate.js';
import { decodeFresh } from './cached-meta.js';
import { fromIpcBytes, packNormalized, toIpcBytes, unpackNormalized } from './codec.js';

/** A source's answer made ready to serve and to store. */
export interface Prepared {
  table: ColumnTable;
  /** The validation report (normalized entries of canonical tables only). */
  report?: ValidationReport;
  /** The source's own Arrow bytes, stored as they are (raw entries). */
  bytes?: Uint8Array;
}

export interface EntryCodec {
  readonly schemaVersion: number;
  /** On a page's main thread validation yields between slices of rows; `signal` stops it there. */
  prepare(result: LoadResult, id: string, request: LoadRequest, signal?: AbortSignal): Prepared | Promise<Prepared>;
  encode(prepared: Prepared): Uint8Array;
  decode(bytes: Uint8Array): Prepared;
}

export const rawCodec = (schemaVersion: number): EntryCodec => ({
  schemaVersion,
  prepare(result, id, request) {
    if (result instanceof Uint8Array)
      return { table: decodeFresh(result, id, request), bytes: result };
    return { table: toTable(result) };
  },
  encode: (prepared) => prepared.bytes ?? toIpcBytes(prepared.table),
  decode: (bytes) => ({ table: fromIpcBytes(bytes) }),
});

export const normalizedCodec = (schemaVersion: number): EntryCodec => ({
  schemaVersion,
  async prepare(result, id, request, signal) {
    const table = result instanceof Uint8Array ? decodeFresh(result, id, request) : toTable(result);
    const checked = await validateInSlices({ [request.table]: table }, { signal });
    const normalized = checked.tables[request.table];
    // A table the schema does not know is kept as it came.
    return normalized ? { table: normalized, report: checked.report } : { table };
  },
  encode: (prepared) =>
    packNormalized(arrowCodec().toArrowIPC(prepared.table, { format: 'stream' }), prepared.report ?? null),
  decode(bytes) {
    const { ipc, report } = unpackNormalized(bytes);
    const table = decodeArrow(ipc, 'a cache entry', { noColumns: true });
    if (report === null) return { table };
    if (!isValidationReport(report)) throw new TypeError('the stored validation report is malformed');
    return { table: markNormalized(table), report };
  },
});
