// CSV files as tables of string columns, from inline text or URLs (gzip welcome).
import { table as aqTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import type { TableName } from '../data/schema.js';
import { addressId, uniqueId } from './adapter-id.js';
import { throwIfAborted } from './errors.js';
import { loadFetching } from './fetching-load.js';
import { resolveHttp, type HttpOptions, type ResolvedHttp } from './http-options.js';
import type { Adapter, FieldMap, LoadRequest } from './types.js';

/**
 * The longest field read, in characters: a free-text comment fits many times over; a
 * body with no line breaks (or an unclosed quote closed at the very end) is no table.
 */
export const MAX_FIELD_LENGTH = 100_000;

type PerTable<T> = Partial<Record<TableName, T>>;

export interface CsvAdapterOptions extends HttpOptions {
  /** Default: `csv:` + the URLs, or a per-instance id for inline text. */
  id?: string;
  /** CSV text: one string (the table named by `table`) or one per table. */
  text?: string | PerTable<string>;
  /** CSV URLs, gzip-compressed or not: one string (the table named by `table`) or one per table. */
  url?: string | PerTable<string>;
  /** The table a single `text` or `url` string holds. Default `activity`. */
  table?: TableName;
  fields?: FieldMap;
  /** One character. Default `,`. */
  delimiter?: string;
  /** Told about renamed duplicate or blank headers and ragged rows. Default: console.warn. */
  onWarning?: (message: string) => void;
}

export class CsvAdapter implements Adapter {
  readonly id: string;
  private readonly texts: PerTable<string>;
  private readonly urls: PerTable<string>;
  private readonly http: ResolvedHttp;
  /** Inline text never changes, so it is parsed once per table. */
  private readonly parsed = new Map<TableName, ColumnTable>();

  constructor(private readonly options: CsvAdapterOptions = {}) {
    const table = options.table ?? 'activity';
    this.texts = perTable(options.text, table);
    this.urls = perTable(options.url, table);
    this.http = resolveHttp(options);
    const hasText = Object.keys(this.texts).length > 0;
    this.id = options.id ?? (hasText ? uniqueId('csv') : addressId('csv', this.urls));
    // Its reader is fetched now, alongside the page's other work, not after the first load asks.
    void loadFetching().catch(() => {});
  }

  async load(request: LoadRequest, signal?: AbortSignal): Promise<ColumnTable> {
    const name = request.table;
    const text = this.texts[name];
    const url = this.urls[name];
    if (text !== undefined) {
      throwIfAborted(`inline CSV for ${name}`, signal);
      let table = this.parsed.get(name);
      if (!table) {
        // The CSV reader is in a chunk of its own (a page of memory data never fetches it).
        const { readCsv } = await loadFetching();
        table = this.parsed.get(name) ?? readCsv(text, `inline CSV for ${name}`, name, this.options);
        this.parsed.set(name, table);
      }
      return table;
    }
    if (url !== undefined) {
      const { bodyText, get, readCsv } = await loadFetching();
      const body = await get(
        url,
        this.http,
        'text/csv, text/plain;q=0.9, */*;q=0.5',
        bodyText,
        signal,
      );
      return readCsv(body, url, name, this.options);
    }
    return aqTable({});
  }
}

function perTable(
  value: string | PerTable<string> | undefined,
  table: TableName,
): PerTable<string> {
  if (value === undefined) return {};
  return typeof value === 'string' ? { [table]: value } : { ...value };
}
