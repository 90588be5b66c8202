// CSV files as tables of string columns, from inline text or URLs (gzip welcome).
import { table as aqTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import { MAX_COLUMNS, storedName } from '../data/column-name.js';
import { applyFieldMap } from '../data/fields.js';
import type { TableName } from '../data/schema.js';
import { addressId, bodyText, uniqueId } from './body.js';
import { parseCsv, type CsvParseResult } from './csv-parse.js';
import { AdapterError, throwIfAborted } from './errors.js';
import { get, resolveHttp, type HttpOptions, type ResolvedHttp } from './http.js';
import { pageStart, textStartsWithMarkup, webPageError } from './web-page.js';
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
  }

  async load(request: LoadRequest, signal?: AbortSignal): Promise<ColumnTable> {
    const name = request.table;
    const text = this.texts[name];
    const url = this.urls[name];
    if (text !== undefined) {
      throwIfAborted(`inline CSV for ${name}`, signal);
      let table = this.parsed.get(name);
      if (!table) {
        table = this.parse(text, `inline CSV for ${name}`, name);
        this.parsed.set(name, table);
      }
      return table;
    }
    if (url !== undefined) {
      const body = await get(
        url,
        this.http,
        'text/csv, text/plain;q=0.9, */*;q=0.5',
        bodyText,
        signal,
      );
      return this.parse(body, url, name);
    }
    return aqTable({});
  }

  private parse(text: string, source: string, name: TableName): ColumnTable {
    // A fetched body was checked as it arrived (bodyText); this catches a page the host
    // fetched itself and passed as `text`, which would otherwise parse as junk rows.
    if (textStartsWithMarkup(text)) {
      const head = JSON.stringify(pageStart(text));
      throw webPageError(source, `${source} is a web page (it starts with ${head}), not CSV`);
    }
    // A body that is no text at all (an image, a PDF, an archive) is no CSV either.
    const nul = text.indexOf('\u0000');
    if (nul >= 0 && nul < 4096) throw new AdapterError('malformed', source, `${source} is binary data, not CSV text`);
    if (text.trim() === '') throw new AdapterError('malformed', source, `${source} is empty: a CSV needs at least its header`);
    let result: CsvParseResult;
    try {
      result = parseCsv(text, {
        delimiter: this.options.delimiter,
        maxColumns: MAX_COLUMNS,
        maxFieldLength: MAX_FIELD_LENGTH,
      });
    } catch (error) {
      if (error instanceof RangeError) throw error; // a bad delimiter option is the host's bug
      const reason = error instanceof Error ? error.message : String(error);
      throw new AdapterError('malformed', source, `${source} is malformed CSV: ${reason}`, {
        cause: error,
      });
    }
    this.warn(result, source);
    const names = result.names.map(storedName);
    const columns = new Map(names.map((n, i) => [n, result.columns[i]]));
    return applyFieldMap(
      aqTable(Object.fromEntries(columns), names),
      name,
      this.options.fields,
    );
  }

  private warn(result: CsvParseResult, source: string): void {
    const warn = this.options.onWarning ?? ((message: string) => console.warn(message));
    for (const { index, from, to } of result.renamed) {
      const what = from.trim() === '' ? 'has no name' : `repeats '${from.trim()}'`;
      warn(`${source}: header column ${index + 1} ${what}; it is read as '${to}'`);
    }
    if (result.wide)
      warn(
        `${source}: ${result.wide} rows have more fields than the header; the extra fields are ignored`,
      );
    if (result.narrow)
      warn(
        `${source}: ${result.narrow} rows have fewer fields than the header; the missing ones are empty`,
      );
  }
}

function perTable(
  value: string | PerTable<string> | undefined,
  table: TableName,
): PerTable<string> {
  if (value === undefined) return {};
  return typeof value === 'string' ? { [table]: value } : { ...value };
}
