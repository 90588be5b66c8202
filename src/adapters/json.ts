// The REST convention of SPEC §5: GET {base}/{table}?from=&to=&columns= answering a
// JSON array of rows, `{ rows, next }` pages, or Arrow IPC.
import type { ColumnTable } from 'arquero';
import { applyFieldMap, fieldsFor, rowsToTable } from '../data/fields.js';
import type { Row, TableName } from '../data/schema.js';
import { loadArrow } from './arrow-codec.js';
import { decodeArrow } from './arrow-decode.js';
import { AdapterError } from './errors.js';
import { get, resolveHttp, resolveUrl, type HttpOptions, type ResolvedHttp } from './http.js';
import { DEFAULT_MAX_PAGES, malformed, PageWalk } from './pages.js';
import { PushDown, type PushDownMode } from './push-down.js';
import { pageStart, rejectHtmlType, textStartsWithMarkup, webPageError } from './web-page.js';
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

/** One page as read off the wire. */
type Page =
  | { kind: 'arrow'; bytes: Uint8Array }
  | { kind: 'rows'; rows: readonly Row[]; next: string | null };

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
    const { pushDown = false } = options;
    if (pushDown !== true && pushDown !== false && pushDown !== 'auto') {
      throw new TypeError(`JsonAdapter pushDown must be true, false or 'auto'; got ${JSON.stringify(pushDown)}`);
    }
    if (pushDown) {
      const push = new PushDown(this.base, this.http, pushDown);
      this.aggregate = (query, signal) => push.aggregate(query, signal);
      this.canAggregate = (query) => push.canAggregate(query);
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
    const accept = this.options.arrow
      ? `${ARROW_STREAM}, application/json;q=0.9`
      : 'application/json';
    const rows: Row[] = [];
    const first = this.url(request);
    const walk = new PageWalk(this.base, this.options.maxPages ?? DEFAULT_MAX_PAGES);
    let url: string | null = resolveUrl(first, first);
    while (url !== null) {
      walk.visit(url);
      const page: Page = await get(url, this.http, accept, readPage, signal);
      if (page.kind === 'arrow') {
        // Arrow answers are whole tables; mixing them with JSON pages is not part of the convention.
        if (rows.length > 0) throw malformed(url, 'answered Arrow IPC in the middle of JSON pages');
        await loadArrow();
        return this.finish(decodeArrow(page.bytes, url), request.table);
      }
      walk.check(url, page.rows);
      for (const row of page.rows) rows.push(row);
      url = walk.next(page.next, url);
    }
    return this.finish(rowsToTable(rows, first), request.table);
  }

  private finish(table: ColumnTable, name: TableName): ColumnTable {
    return applyFieldMap(table, name, this.options.fields);
  }
}

async function readPage(response: Response, url: string): Promise<Page> {
  // A web page (a login, fallback or error page answering 200) is a format error, in
  // words a widget can show, not "malformed JSON" (SPEC §5).
  rejectHtmlType(response, url);
  const type = response.headers.get('content-type') ?? '';
  if (type.toLowerCase().includes('application/vnd.apache.arrow')) {
    return { kind: 'arrow', bytes: new Uint8Array(await response.arrayBuffer()) };
  }
  const text = await response.text();
  if (textStartsWithMarkup(text)) {
    const head = JSON.stringify(pageStart(text));
    throw webPageError(
      url,
      `GET ${url} answered a web page (it starts with ${head}) where JSON was expected`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdapterError('malformed', url, `GET ${url} answered malformed JSON: ${reason}`, {
      cause: error,
    });
  }
  return pageOf(body, url);
}

function pageOf(body: unknown, url: string): Page {
  if (Array.isArray(body)) return { kind: 'rows', rows: body as Row[], next: null };
  if (
    body !== null &&
    typeof body === 'object' &&
    Array.isArray((body as { rows?: unknown }).rows)
  ) {
    const { rows, next } = body as { rows: Row[]; next?: unknown };
    if (next !== undefined && next !== null && typeof next !== 'string') {
      throw malformed(url, `answered a \`next\` that is not a URL string (${typeof next})`);
    }
    return { kind: 'rows', rows, next: next === undefined || next === '' ? null : next };
  }
  const what = body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
  throw malformed(
    url,
    `answered ${what} where a JSON array of rows or { rows, next } was expected`,
  );
}


/** ISO-8601 for the query string; a date alone means midnight UTC (SPEC §1). */
export function toIso(value: TimeInput, name: string): string {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new RangeError(`${name} is not a valid time: ${JSON.stringify(String(value))}`);
  return new Date(ms).toISOString();
}
