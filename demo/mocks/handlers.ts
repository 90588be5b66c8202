// The mock REST API of SPEC §5, shared by the demo and the browser tests: one
// module, so the demo shows exactly what the tests check.
import { toArrowIPC } from 'arquero';
import { delay, http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import { rowsToTable } from '../../src/data/fields.js';
import type { Row, TableName } from '../../src/data/schema.js';
import { TABLE_NAMES } from '../../src/data/schema.js';
import { ARROW_STREAM } from '../../src/adapters/json.js';

/** The column a `from`/`to` range filters on, per table. */
export const TIME_COLUMN: Readonly<Record<TableName, string>> = {
  customers: 'signup_at',
  activity: 'at',
  surveys: 'at',
  tickets: 'opened_at',
};

export interface MockApiOptions {
  /** Path (or absolute URL) the tables are served under. Default `/api`. */
  base?: string;
  data: Partial<Record<TableName, readonly Row[]>>;
  /** Answer `{ rows, next }` pages of this many rows. Default: one plain array. */
  pageSize?: number;
  /** Answer Arrow IPC when the Accept header asks for it. Default true. */
  arrow?: boolean;
  /** Simulated latency per response, in ms (the demo uses it to show loading states). */
  latencyMs?: number;
}

/** `GET {base}/:table?from=&to=&page=` over the given rows. */
export function createHandlers(options: MockApiOptions): HttpHandler[] {
  const { base = '/api', data, pageSize, arrow = true, latencyMs = 0 } = options;
  const root = base.replace(/\/+$/, '');
  return [
    http.get(`${root}/:table`, async ({ request, params }) => {
      if (latencyMs > 0) await delay(latencyMs);
      const table = String(params.table);
      if (!isTableName(table)) {
        return HttpResponse.json({ error: `unknown table '${table}'` }, { status: 404 });
      }
      const url = new URL(request.url);
      const range = parseRange(url.searchParams);
      if (typeof range === 'string') return HttpResponse.json({ error: range }, { status: 400 });
      const rows = inRange(data[table] ?? [], TIME_COLUMN[table], range);
      const accept = request.headers.get('accept') ?? '';
      if (arrow && accept.includes(ARROW_STREAM)) return arrowResponse(rows);
      if (!pageSize) return HttpResponse.json(rows);
      return HttpResponse.json(page(rows, url, pageSize));
    }),
  ];
}

interface Range {
  from: number;
  to: number;
}

/** The half-open range of the query (SPEC §2), or an error message. */
function parseRange(params: URLSearchParams): Range | string {
  const from = params.get('from');
  const to = params.get('to');
  const range = {
    from: from === null ? -Infinity : Date.parse(from),
    to: to === null ? Infinity : Date.parse(to),
  };
  if (Number.isNaN(range.from)) return `from is not a time: '${from}'`;
  if (Number.isNaN(range.to)) return `to is not a time: '${to}'`;
  return range;
}

function inRange(rows: readonly Row[], column: string, range: Range): readonly Row[] {
  if (range.from === -Infinity && range.to === Infinity) return rows;
  return rows.filter((row) => {
    const t = epochMs(row[column]);
    return t >= range.from && t < range.to;
  });
}

function epochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    // A date alone is midnight UTC (SPEC §1); Date.parse agrees for YYYY-MM-DD.
    return Date.parse(value);
  }
  return NaN;
}

/** Page `page` (1-based) of the rows; `next` is relative, as real APIs often answer. */
function page(
  rows: readonly Row[],
  url: URL,
  size: number,
): { rows: readonly Row[]; next: string | null } {
  const index = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
  const start = (index - 1) * size;
  let next: string | null = null;
  if (start + size < rows.length) {
    const params = new URLSearchParams(url.searchParams);
    params.set('page', String(index + 1));
    next = `${url.pathname.split('/').pop()}?${params}`;
  }
  return { rows: rows.slice(start, start + size), next };
}

function arrowResponse(rows: readonly Row[]): Response {
  const bytes = toArrowIPC(rowsToTable(rows), { format: 'stream' });
  const body = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  return HttpResponse.arrayBuffer(body, { headers: { 'Content-Type': ARROW_STREAM } });
}

function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}
