// Reading CSV text into a table of string columns (src/adapters/csv.ts): checks that it is
// CSV at all, parses (into UTF-8 columns, which validation reads from their bytes; text
// they would not hold exactly, into arrays of strings), warns of renamed headers and
// ragged rows. In the fetching chunk, loaded at a CsvAdapter's first load.
import { table as aqTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import { MAX_COLUMNS, storedName } from '../data/column-name.js';
import { applyFieldMap } from '../data/fields.js';
import type { TableName } from '../data/schema.js';
import { MAX_FIELD_LENGTH, type CsvAdapterOptions } from './csv.js';
import { parseCsvColumns, type CsvColumnsResult } from './csv-columns.js';
import { parseCsv, type CsvParseResult } from './csv-parse.js';
// Registers the byte path, which reads the UTF-8 columns parseCsvColumns makes.
import '../data/byte-path.js';
import { AdapterError } from './errors.js';
import { pageStart, textStartsWithMarkup, webPageError } from './web-page.js';

/** The table CSV `text` from `source` holds, as table `name`. */
export function readCsv(text: string, source: string, name: TableName, options: CsvAdapterOptions): ColumnTable {
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
  let result: CsvParseResult | CsvColumnsResult;
  try {
    const parse = { delimiter: options.delimiter, maxColumns: MAX_COLUMNS, maxFieldLength: MAX_FIELD_LENGTH };
    result = parseCsvColumns(text, parse) ?? parseCsv(text, parse);
  } catch (error) {
    if (error instanceof RangeError) throw error; // a bad delimiter option is the host's bug
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdapterError('malformed', source, `${source} is malformed CSV: ${reason}`, {
      cause: error,
    });
  }
  warn(result, source, options);
  const names = result.names.map(storedName);
  const columns = new Map(names.map((n, i) => [n, result.columns[i]]));
  return applyFieldMap(
    aqTable(Object.fromEntries(columns), names),
    name,
    options.fields,
  );
}

function warn(result: Omit<CsvParseResult, 'columns'>, source: string, options: CsvAdapterOptions): void {
  const tell = options.onWarning ?? ((message: string) => console.warn(message));
  for (const { index, from, to } of result.renamed) {
    const what = from.trim() === '' ? 'has no name' : `repeats '${from.trim()}'`;
    tell(`${source}: header column ${index + 1} ${what}; it is read as '${to}'`);
  }
  if (result.wide)
    tell(
      `${source}: ${result.wide} rows have more fields than the header; the extra fields are ignored`,
    );
  if (result.narrow)
    tell(
      `${source}: ${result.narrow} rows have fewer fields than the header; the missing ones are empty`,
    );
}
