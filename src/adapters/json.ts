// The REST convention of SPEC §5: GET {base}/{table}?from=&to=&columns= answering a
// JSON array of rows, `{ rows, next }` pages, or Arrow IPC.
import type { ColumnTable } from 'arquero';
import { fieldsFor } from '../data/fields.js';
import { loadFetching } from './fetching-load.js';
import { resolveHttp, type HttpOptions, type ResolvedHttp } from './http-options.js';
import type { PushDown, PushDownMode } from './push-down.js';
import type { Adapter, FieldMap, LoadRequest, TimeInput } from './types.js';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

export interface JsonAdapterOptions extends HttpOptions {
  /** The API root: `{base}/{table}` is fetched. Absolute, or relative to the page. */
  base: string;
  /** Default `json:` + base. */
  id?: string;
  /** Ask for Arrow IPC first (the answer's content type decides either way). */
  arrow?: boolean;
  fields?: FieldMap;
  /** Upper bound on `{ rows, next }` pages followed for one load. Default 1000. */
  maxPages?: number;
  /**
   * Compute widgets' queries on the server (`POST {base}/aggregate`) instead of loading
   * rows: `true` for every query, `'auto'` for the metrics `GET {base}/capabilities`
   * lists (asked once). Default false.
   */
  pushDown?: PushDownMode;
}

export class JsonAdapter implements Adapter {
  readonly id: string;
  readonly base: string;
  private readonly http: ResolvedHttp;
  private readonly options: JsonAdapterOptions;
  /** Present with `pushDown`: the query computed by the server. */
  aggregate?: Adapter['aggregate'];
  canAggregate?: Adapter['canAggregate'];

  constructor(options: JsonAdapterOptions) {
    if (typeof options?.base !== 'string' || options.base.trim() === '') {
      throw new TypeError('JsonAdapter needs a `base` URL, e.g. new JsonAdapter({ base: "/api" })');
    }
    this.options = options;
    this.base = options.base.trim().replace(/\/+$/, '');
    this.id = options.id ?? `json:${this.base}`;
    this.http = resolveHttp(options);
    // Its code is fetched now, alongside the page's other work, not after the first query asks.
    void loadFetching().catch(() => {});
    const { pushDown = false } = options;
    if (pushDown !== true && pushDown !== false && pushDown !== 'auto') {
      throw new TypeError(`JsonAdapter pushDown must be true, false or 'auto'; got ${JSON.stringify(pushDown)}`);
    }
    if (pushDown) {
      // The push-down client is in the fetching chunk, made at the first query.
      let push: Promise<PushDown> | undefined;
      const server = (): Promise<PushDown> =>
        (push ??= loadFetching().then((m) => new m.PushDown(this.base, this.http, pushDown)).catch((e: unknown) => {
          push = undefined;
          throw e;
        }));
      this.aggregate = async (query, signal) => (await server()).aggregate(query, signal);
      this.canAggregate = (query) => (pushDown === true ? true : server().then((p) => p.canAggregate(query)));
    }
  }

  /** The URL a request is sent to (canonical `columns` are translated to host names). */
  url(request: LoadRequest): string {
    const params = new URLSearchParams();
    if (request.from !== undefined) params.set('from', toIso(request.from, 'from'));
    if (request.to !== undefined) params.set('to', toIso(request.to, 'to'));
    if (request.columns?.length) {
      const map = fieldsFor(request.table, this.options.fields);
      // A constant ({ value }) is filled in here, not asked of the host.
      const host = request.columns.map((c) => map.get(c) ?? c).filter((c) => typeof c === 'string');
      params.set('columns', host.join(','));
    }
    const query = params.toString();
    return `${this.base}/${encodeURIComponent(request.table)}${query ? `?${query}` : ''}`;
  }

  async load(request: LoadRequest, signal?: AbortSignal): Promise<ColumnTable> {
    // Fetching and reading JSON pages are in a chunk of their own (a page of memory data never fetches it).
    const { loadJson } = await loadFetching();
    const { arrow, maxPages, fields } = this.options;
    return loadJson({ base: this.base, http: this.http, arrow, maxPages, fields }, this.url(request), request.table, signal);
  }
}

/** ISO-8601 for the query string; a date alone means midnight UTC (SPEC §1). */
export function toIso(value: TimeInput, name: string): string {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new RangeError(`${name} is not a valid time: ${JSON.stringify(String(value))}`);
  return new Date(ms).toISOString();
}
