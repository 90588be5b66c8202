// A CSV parser (RFC 4180 plus the usual exports' habits) that builds columns directly.
// d3-dsv's `csvParse` compiles a row constructor from a string and fails under a strict
// CSP; this one generates no code and parses half a million rows in well under a second.
// No type inference: every value is a string or null, validation parses times and numbers.

const DQ = 34; // "
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

export interface CsvParseOptions {
  /** One character. Default `,`. */
  delimiter?: string;
  /**
   * Header fields beyond this are a CsvParseError, and so are records with more fields
   * than this beyond the header's (default: no limit).
   */
  maxColumns?: number;
  /** A field longer than this many characters is a CsvParseError (default: no limit). */
  maxFieldLength?: number;
}

export interface CsvParseResult {
  /** Header names, trimmed; blanks named `column_N`, duplicates suffixed `_2`, `_3`, … */
  names: string[];
  /** One array per name; empty cells (quoted or not) are null. */
  columns: (string | null)[][];
  rows: number;
  /** Header names that were changed to keep names unique and non-empty. */
  renamed: { index: number; from: string; to: string }[];
  /** Records with more fields than the header (extra fields dropped) and with fewer (padded with null). */
  wide: number;
  narrow: number;
}

export class CsvParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvParseError';
  }
}

/** Reads fields one at a time; `endOfRecord` says whether the last field closed its record. */
export class Scanner {
  pos: number;
  endOfRecord = false;

  constructor(
    readonly text: string,
    readonly delim: number,
    readonly maxField: number,
  ) {
    this.pos = text.charCodeAt(0) === BOM ? 1 : 0;
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skips an empty line at the start of a record; true when one was skipped. */
  skipBlankLine(): boolean {
    const c = this.text.charCodeAt(this.pos);
    if (c !== LF && c !== CR) return false;
    this.pos = this.afterBreak(this.pos);
    return true;
  }

  /** The next field; throws when it is longer than the limit (a line that never ends, say). */
  field(): string {
    const at = this.pos;
    const value = this.read();
    if (value.length > this.maxField) throw this.tooLong(at);
    return value;
  }

  /** The error of a field starting at `at` that is longer than the limit. */
  tooLong(at: number): CsvParseError {
    const line = this.lineAt(at);
    return new CsvParseError(`CSV: a field on line ${line} is longer than ${this.maxField.toLocaleString('en')} characters`, line);
  }

  /** The error of a quoted field opening at `at` and never closed. */
  unclosed(at: number): CsvParseError {
    const line = this.lineAt(at);
    return new CsvParseError(`CSV: a quoted field is never closed (it opens on line ${line})`, line);
  }

  private read(): string {
    const { text, delim } = this;
    if (text.charCodeAt(this.pos) === DQ) return this.quoted();
    const start = this.pos;
    const n = text.length;
    for (let i = start; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === delim) return this.end(text.slice(start, i), i + 1, false);
      if (c === LF || c === CR) return this.end(text.slice(start, i), this.afterBreak(i), true);
    }
    return this.end(text.slice(start, n), n, true);
  }

  private quoted(): string {
    const { text } = this;
    let value = '';
    let from = this.pos + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0) throw this.unclosed(this.pos);
      if (text.charCodeAt(q + 1) === DQ) {
        value += text.slice(from, q + 1); // "" is an escaped quote
        from = q + 2;
        continue;
      }
      value += text.slice(from, q);
      this.pos = q + 1;
      break;
    }
    // Lenient like most readers: text between the closing quote and the delimiter is kept.
    return this.pos < text.length && !this.atSeparator()
      ? value + this.read()
      : this.separator(value);
  }

  private atSeparator(): boolean {
    const c = this.text.charCodeAt(this.pos);
    return c === this.delim || c === LF || c === CR;
  }

  private separator(value: string): string {
    if (this.pos >= this.text.length) return this.end(value, this.pos, true);
    if (this.text.charCodeAt(this.pos) === this.delim) return this.end(value, this.pos + 1, false);
    return this.end(value, this.afterBreak(this.pos), true);
  }

  private end(value: string, pos: number, endOfRecord: boolean): string {
    this.pos = pos;
    this.endOfRecord = endOfRecord;
    return value;
  }

  /** Position after the line break at `i`: CRLF, LF or a lone CR. */
  afterBreak(i: number): number {
    return this.text.charCodeAt(i) === CR && this.text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }

  /** 1-based line of a position; counted only when an error needs it. */
  lineAt(pos: number): number {
    let line = 1;
    for (let i = this.text.indexOf('\n'); i >= 0 && i < pos; i = this.text.indexOf('\n', i + 1))
      line++;
    return line;
  }
}

/** Parses CSV text with a header row into string columns. Throws CsvParseError on an unclosed quote. */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseResult {
  const scanner = new Scanner(text, delimiterCode(options.delimiter ?? ','), options.maxFieldLength ?? Infinity);
  const maxColumns = options.maxColumns ?? Infinity;
  const { names, renamed } = uniqueNames(readHeader(scanner, maxColumns));
  const width = names.length;
  const columns = names.map((): (string | null)[] => []);
  let rows = 0;
  let wide = 0;
  let narrow = 0;
  // Fields past the header's are read and dropped, up to as many again as maxColumns.
  const maxFields = width + maxColumns;
  while (!scanner.done) {
    if (scanner.skipBlankLine()) continue;
    const start = scanner.pos;
    let j = 0;
    do {
      const value = scanner.field();
      if (j < width) columns[j].push(value === '' ? null : value);
      j++;
      if (j > maxFields) throw tooManyFields(scanner, start, maxColumns);
    } while (!scanner.endOfRecord);
    if (j > width) wide++;
    else if (j < width) narrow++;
    for (; j < width; j++) columns[j].push(null);
    rows++;
  }
  return { names, columns, rows, renamed, wide, narrow };
}

/** The header's fields, after any blank lines; the scanner is left at the first record. */
export function readHeader(scanner: Scanner, maxColumns: number): string[] {
  while (!scanner.done && scanner.skipBlankLine());
  const header: string[] = [];
  if (!scanner.done) {
    do {
      header.push(scanner.field());
      if (header.length > maxColumns) {
        throw new CsvParseError(`CSV: the header has more than ${maxColumns} columns`, 1);
      }
    } while (!scanner.endOfRecord);
  }
  return header;
}

export function tooManyFields(scanner: Scanner, start: number, maxColumns: number): CsvParseError {
  const line = scanner.lineAt(start);
  return new CsvParseError(`CSV: the record on line ${line} has more than ${maxColumns} fields beyond the header's`, line);
}

/**
 * Trimmed, non-empty, distinct header names (first occurrence keeps its name). The
 * suffix search resumes where the last one for that name stopped, so a header of
 * 10,000 copies of one name is renamed in linear time, not quadratic.
 */
export function uniqueNames(header: readonly string[]): Pick<CsvParseResult, 'names' | 'renamed'> {
  const trimmed = header.map((h, i) => h.trim() || `column_${i + 1}`);
  const taken = new Set<string>();
  const firsts = new Set<string>(trimmed);
  const nextSuffix = new Map<string, number>();
  const names: string[] = [];
  const renamed: CsvParseResult['renamed'] = [];
  trimmed.forEach((name, index) => {
    let to = name;
    if (taken.has(name)) {
      let k = nextSuffix.get(name) ?? 2;
      while (taken.has(`${name}_${k}`) || firsts.has(`${name}_${k}`)) k++;
      nextSuffix.set(name, k + 1);
      to = `${name}_${k}`;
    }
    if (to !== name || header[index].trim() === '')
      renamed.push({ index, from: header[index], to });
    taken.add(to);
    names.push(to);
  });
  return { names, renamed };
}

export function delimiterCode(delimiter: string): number {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(
      `CSV delimiter must be one character other than a quote or line break; got ${JSON.stringify(delimiter)}`,
    );
  }
  return delimiter.charCodeAt(0);
}
