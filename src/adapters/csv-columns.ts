// CSV text read straight into UTF-8 columns (utf8-column.ts), the layout validation reads
// from bytes (codes without a string per cell, ISO times and decimals parsed from the
// bytes), instead of an array of strings per column (csv-parse.ts): at 5M events those
// were 12M short strings alive at once, which every collection of the old generation
// scanned, so ingest grew faster than the rows. Same grammar, names, counts and errors
// as `parseCsv` (test/adapters/csv-columns.property.node.test.ts compares the two).
import { delimiterCode, readHeader, Scanner, tooManyFields, uniqueNames, type CsvParseOptions, type CsvParseResult } from './csv-parse.js';
import { Utf8Builder, type Utf8Column } from './utf8-column.js';

const DQ = 34; // "
const LF = 10;
const CR = 13;

export type CsvColumnsResult = Omit<CsvParseResult, 'columns'> & { columns: Utf8Column[] };

/**
 * Parses CSV text with a header row into UTF-8 columns, as `parseCsv` parses it into
 * strings (empty cells null); throws the CsvParseError it throws. Undefined when a kept
 * field holds text that UTF-8 columns would not give back the same (a lone surrogate,
 * a U+FEFF): then `parseCsv` reads it.
 */
export function parseCsvColumns(text: string, options: CsvParseOptions = {}): CsvColumnsResult | undefined {
  const delim = delimiterCode(options.delimiter ?? ',');
  const scanner = new Scanner(text, delim, options.maxFieldLength ?? Infinity);
  const maxColumns = options.maxColumns ?? Infinity;
  const { names, renamed } = uniqueNames(readHeader(scanner, maxColumns));
  const width = names.length;
  const fields = new Fields(scanner);
  const builders = names.map(() => new Utf8Builder());
  const first = scanner.pos;
  let rows = 0;
  let wide = 0;
  let narrow = 0;
  // Fields past the header's are read and dropped, up to as many again as maxColumns.
  const maxFields = width + maxColumns;
  const n = text.length;
  while (fields.pos < n) {
    const c = text.charCodeAt(fields.pos);
    if (c === LF || c === CR) {
      fields.pos = scanner.afterBreak(fields.pos);
      continue;
    }
    const start = fields.pos;
    let j = 0;
    do {
      const into = j < width ? builders[j] : undefined;
      if (!fields.read(into)) return undefined;
      into?.endCell();
      j++;
      if (j > maxFields) throw tooManyFields(scanner, start, maxColumns);
    } while (!fields.endOfRecord);
    if (j > width) wide++;
    else if (j < width) narrow++;
    for (; j < width; j++) builders[j].endCell();
    if (++rows === SAMPLE) foresee(builders, rows, (n - first) / (fields.pos - first));
  }
  return { names, columns: builders.map((b) => b.finish()), rows, renamed, wide, narrow };
}

/** Records read before the columns' sizes are foreseen from them. */
const SAMPLE = 2000;

/**
 * Sizes each column for the whole text, from the first `rows` records, which were this
 * fraction of it (a margin over the guess; a column that outgrows it grows as before).
 */
function foresee(builders: readonly Utf8Builder[], rows: number, scale: number): void {
  const total = Math.ceil(rows * scale * 1.05) + 16;
  for (const b of builders) b.reserve(total, Math.ceil(b.size * scale * 1.05) + 64);
}

/** Reads fields from the scanner's position on, into builders instead of strings. */
class Fields {
  pos: number;
  endOfRecord = false;
  private readonly text: string;
  private readonly delim: number;

  constructor(private readonly scanner: Scanner) {
    this.pos = scanner.pos;
    this.text = scanner.text;
    this.delim = scanner.delim;
  }

  /**
   * The next field into `into` (read and dropped when undefined), as Scanner.field reads
   * it: quotes, escaped quotes, text after a closing quote kept, the length limit.
   * False when `into` refused its text.
   */
  read(into: Utf8Builder | undefined): boolean {
    const { text, delim } = this;
    const n = text.length;
    const at = this.pos;
    let pos = at;
    let length = 0;
    for (;;) {
      if (text.charCodeAt(pos) !== DQ) {
        const i = into ? into.putUntil(text, pos, delim) : this.skip(pos);
        if (i < 0) return false;
        length += i - pos;
        pos = i;
        break;
      }
      let from = pos + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw this.scanner.unclosed(pos);
        const escaped = text.charCodeAt(q + 1) === DQ; // "" is an escaped quote
        const to = escaped ? q + 1 : q;
        length += to - from;
        if (into && !into.put(text, from, to)) return false;
        from = q + (escaped ? 2 : 1);
        if (!escaped) break;
      }
      pos = from;
      // Lenient like most readers: text between the closing quote and the delimiter is kept.
      const c = text.charCodeAt(pos);
      if (pos >= n || c === delim || c === LF || c === CR) break;
    }
    if (length > this.scanner.maxField) throw this.scanner.tooLong(at);
    this.endOfRecord = pos >= n || text.charCodeAt(pos) !== delim;
    this.pos = this.endOfRecord ? (pos >= n ? n : this.scanner.afterBreak(pos)) : pos + 1;
    return true;
  }

  /** Where the unquoted field at `pos` ends (a field past the header's, read and dropped). */
  private skip(pos: number): number {
    const { text, delim } = this;
    let i = pos;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === delim || c === LF || c === CR) break;
    }
    return i;
  }
}
