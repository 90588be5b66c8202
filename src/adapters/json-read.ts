// Reading the REST convention's answers (src/adapters/json.ts): `{ rows, next }` pages
// followed, JSON checked, Arrow IPC decoded. In the fetching chunk, loaded at a JsonAdapter's
// first load.
import type { ColumnTable } from 'arquero';
import { applyFieldMap, rowsToTable } from '../data/fields.js';
import type { Row, TableName } from '../data/schema.js';
import { loadArrow } from './arrow-codec.js';
import { decodeArrow } from './arrow-decode.js';
import { AdapterError } from './errors.js';
import { get, resolveUrl } from './http.js';
import type { ResolvedHttp } from './http-options.js';
import { ARROW_STREAM } from './json.js';
import type { FieldMap } from './types.js';
import { DEFAULT_MAX_PAGES, malformed, PageWalk } from './pages.js';
import { pageStart, rejectHtmlType, textStartsWithMarkup, webPageError } from './web-page.js';

/** One page as read off the wire. */
type Page =
  | { kind: 'arrow'; bytes: Uint8Array }
  | { kind: 'rows'; rows: readonly Row[]; next: string | null };

/** What a load needs of its JsonAdapter. */
export interface JsonLoad {
  base: string;
  http: ResolvedHttp;
  arrow?: boolean;
  maxPages?: number;
  fields?: FieldMap;
}

/** Table `name` from `first` (the adapter's URL for the request) and the pages it links to. */
export async function loadJson(spec: JsonLoad, first: string, name: TableName, signal?: AbortSignal): Promise<ColumnTable> {
  const accept = spec.arrow ? `${ARROW_STREAM}, application/json;q=0.9` : 'application/json';
  const rows: Row[] = [];
  const walk = new PageWalk(spec.base, spec.maxPages ?? DEFAULT_MAX_PAGES);
  let url: string | null = resolveUrl(first, first);
  while (url !== null) {
    walk.visit(url);
    const page: Page = await get(url, spec.http, accept, readPage, signal);
    if (page.kind === 'arrow') {
      // Arrow answers are whole tables; mixing them with JSON pages is not part of the convention.
      if (rows.length > 0) throw malformed(url, 'answered Arrow IPC in the middle of JSON pages');
      await loadArrow();
      return applyFieldMap(decodeArrow(page.bytes, url), name, spec.fields);
    }
    walk.check(url, page.rows);
    for (const row of page.rows) rows.push(row);
    url = walk.next(page.next, url);
  }
  return applyFieldMap(rowsToTable(rows, first), name, spec.fields);
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
