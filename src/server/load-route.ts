// GET {base}/{table}?from=&to=&columns=: the REST convention of SPEC §5 from a source's
// validated rows, through the caller's row-level filters. A JSON answer is one array, or
// `{ rows, next }` pages for a big table with `next` a relative link (so on the API's
// own origin); `Accept: application/vnd.apache.arrow.stream` gets the table as Arrow IPC.
import { toArrowIPC } from 'arquero';
import { ARROW_STREAM } from '../adapters/json.js';
import { rowsToTable } from '../data/fields.js';
import { TABLE_NAMES } from '../data/schema.js';
import type { Row, TableName } from '../data/schema.js';
import { parseTimestamp } from '../time/parse.js';
import { bytesReply, jsonReply, Refusal } from './replies.js';
import type { Access, PulsoSource, SourceCapabilities, SourceLoadRequest } from './types.js';

export interface LoadSettings {
  source: PulsoSource;
  capabilities: SourceCapabilities;
  pageSize: number;
}

/** The table a path names, or undefined when it names none this source serves. */
export function servedTable(name: string, capabilities: SourceCapabilities): TableName | undefined {
  const known = (TABLE_NAMES as readonly string[]).includes(name);
  const served = capabilities.tables === undefined || capabilities.tables.includes(name);
  return known && served ? (name as TableName) : undefined;
}

export async function loadReply(s: LoadSettings, table: TableName, url: URL, accept: string, access: Access, signal: AbortSignal): Promise<Response> {
  const request = loadRequest(table, url.searchParams);
  if (access.filters?.length) {
    if (!s.capabilities.filters) throw new Refusal(403, 'This source cannot apply your row-level filters to its rows');
    request.filters = access.filters;
  }
  if (accept.includes(ARROW_STREAM)) {
    const rows = await s.source.load(request, signal);
    return bytesReply(toArrowIPC(rowsToTable(plainRows(rows)), { format: 'stream' }) as Uint8Array, ARROW_STREAM);
  }
  const offset = whole(url.searchParams.get('offset'), 'offset');
  const { rows, more } = await page(s, request, offset, signal);
  if (offset === 0 && !more) return jsonReply(rows);
  return jsonReply({ rows, next: more ? nextLink(table, url.searchParams, offset + rows.length) : null });
}

/** One page from `offset`: asked of the source when it pages, else cut from the whole table. */
async function page(s: LoadSettings, request: SourceLoadRequest, offset: number, signal: AbortSignal): Promise<{ rows: readonly Row[]; more: boolean }> {
  const size = s.pageSize;
  if (s.capabilities.pages) {
    const rows = await s.source.load({ ...request, offset, limit: size + 1 }, signal);
    return { rows: rows.slice(0, size), more: rows.length > size };
  }
  const all = await s.source.load(request, signal);
  return { rows: all.slice(offset, offset + size), more: all.length > offset + size };
}

function loadRequest(table: TableName, params: URLSearchParams): SourceLoadRequest {
  const request: SourceLoadRequest = { table };
  for (const bound of ['from', 'to'] as const) {
    const text = params.get(bound);
    if (text === null) continue;
    if (Number.isNaN(parseTimestamp(text))) throw new Refusal(400, `${bound} must be an ISO-8601 time; got ${JSON.stringify(text)}`);
    request[bound] = text;
  }
  const columns = params.get('columns');
  if (columns !== null) request.columns = columns.split(',').map((c) => c.trim()).filter((c) => c !== '');
  return request;
}

function whole(text: string | null, name: string): number {
  if (text === null) return 0;
  if (!/^\d{1,15}$/.test(text)) throw new Refusal(400, `${name} must be a whole number; got ${JSON.stringify(text)}`);
  return Number(text);
}

/** The next page, relative to this one: same path, same parameters, a new offset. */
function nextLink(table: TableName, params: URLSearchParams, offset: number): string {
  const next = new URLSearchParams(params);
  next.set('offset', String(offset));
  return `${encodeURIComponent(table)}?${next}`;
}

/** Rows with bigints (a driver's 64-bit integers) as numbers, for Arrow. */
function plainRows(rows: readonly Row[]): Row[] {
  return rows.map((row) => {
    let out: Row | undefined;
    for (const key in row) {
      if (typeof row[key] !== 'bigint') continue;
      out ??= { ...row };
      out[key] = Number(row[key]);
    }
    return out ?? row;
  });
}
