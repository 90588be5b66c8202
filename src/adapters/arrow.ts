// Arrow IPC (stream or file format) from bytes in memory or from URLs (gzip welcome).
import { table as aqTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import { applyFieldMap } from '../data/fields.js';
import { loadArrow } from './arrow-codec.js';
import { decodeArrow } from './arrow-decode.js';
import type { TableName } from '../data/schema.js';
import { addressId, uniqueId } from './adapter-id.js';
import { throwIfAborted } from './errors.js';
import { nextTask } from '../source/tasks.js';
import { loadFetching } from './fetching-load.js';
import { resolveHttp, type HttpOptions, type ResolvedHttp } from './http-options.js';
import { ARROW_STREAM } from './json.js';
import type { Adapter, FieldMap, LoadRequest } from './types.js';

export type ArrowSource = Uint8Array | ArrayBuffer | string;

export interface ArrowAdapterOptions extends HttpOptions {
  /** Default: `arrow:` + the URLs, or a per-instance id when any table is given as bytes. */
  id?: string;
  /** Arrow IPC bytes, or the URL to fetch them from, per table. */
  tables: Partial<Record<TableName, ArrowSource>>;
  fields?: FieldMap;
}

export class ArrowAdapter implements Adapter {
  readonly id: string;
  private readonly http: ResolvedHttp;
  /** Bytes in memory never change, so they are decoded once per table. */
  private readonly decoded = new Map<TableName, ColumnTable>();

  constructor(private readonly options: ArrowAdapterOptions) {
    if (!options?.tables || typeof options.tables !== 'object') {
      throw new TypeError(
        'ArrowAdapter needs `tables`, e.g. new ArrowAdapter({ tables: { activity: bytes } })',
      );
    }
    this.http = resolveHttp(options);
    const sources = Object.values(options.tables);
    const urls = sources.every((s) => typeof s === 'string' || s === undefined);
    // Tables at URLs need the fetching code: fetched now, alongside the page's other work.
    if (sources.some((s) => typeof s === 'string')) void loadFetching().catch(() => {});
    this.id =
      options.id ??
      (urls ? addressId('arrow', options.tables as Record<string, string>) : uniqueId('arrow'));
  }

  async load(request: LoadRequest, signal?: AbortSignal): Promise<ColumnTable> {
    const name = request.table;
    const source = this.options.tables[name];
    if (source === undefined) return aqTable({});
    await loadArrow();
    // Every table waiting for the codec's chunk resumes when it comes, in one task: each
    // decodes in a task of its own (four tables were one task of 322 ms on the main thread at
    // 1M events: bench/RESULTS.md, "Long tasks at 1M (h14task)").
    await nextTask();
    if (typeof source === 'string') {
      const { bodyBytes, get } = await loadFetching();
      const bytes = await get(
        source,
        this.http,
        `${ARROW_STREAM}, application/vnd.apache.arrow.file;q=0.9, */*;q=0.5`,
        bodyBytes,
        signal,
      );
      return this.decode(bytes, source, name);
    }
    throwIfAborted(`Arrow bytes for ${name}`, signal);
    let table = this.decoded.get(name);
    if (!table) {
      table = this.decode(source, `Arrow bytes for ${name}`, name);
      this.decoded.set(name, table);
    }
    return table;
  }

  private decode(bytes: Uint8Array | ArrayBuffer, source: string, name: TableName): ColumnTable {
    return applyFieldMap(decodeArrow(bytes, source), name, this.options.fields);
  }
}

export { decodeArrow } from './arrow-decode.js';

