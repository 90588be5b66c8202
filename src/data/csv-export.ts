// Rows → CSV text for the "export as CSV" action of every widget. Pure and DOM-free;
// the browser side (Blob, download) lives in components/shared/export.ts.
//
// Format: RFC 4180 (CRLF line ends, fields quoted when they hold a quote, the
// delimiter, CR or LF; quotes doubled), a header row, and by default a UTF-8 BOM so
// Excel reads accents ("São Paulo", "Atenção") correctly.
//
// Locale: Excel opens a .csv with the list separator and decimal mark of the OS
// region. In pt-BR and es regions those are ';' and ',', so for those locales the
// default delimiter is ';' and numbers are written with a ',' decimal. In `en` the
// delimiter is ',' and the decimal '.'. Numbers never carry grouping separators.
//
// Formula injection (OWASP "CSV Injection"): a text cell starting with '=', '+', '-',
// '@', tab or CR is prefixed with "'" so a spreadsheet shows it as text instead of
// evaluating it. Values typed as numbers (including negatives) are written as numbers.
import type { Locale } from '../i18n/messages.js';

export interface CsvColumn {
  /** Property of each row. */
  readonly key: string;
  /** Header text; defaults to the key. */
  readonly header?: string;
}

export interface CsvOptions {
  /** Columns in order; defaults to every key seen in the rows, in first-seen order. */
  readonly columns?: readonly CsvColumn[];
  /** Chooses the default delimiter and the decimal mark; defaults to 'en'. */
  readonly locale?: Locale;
  /** One character; defaults to ';' for pt-BR and es, ',' for en. */
  readonly delimiter?: string;
  /** Prepend a UTF-8 byte-order mark (U+FEFF) so Excel detects UTF-8; default true. */
  readonly bom?: boolean;
  /**
   * A first line `# …` before the header (what the file is: title, range, filters).
   * Off by default: Excel shows it as a row above the header, and tools that take the
   * first row as the header (Power Query, pandas, R) need to be told to skip it.
   * Line breaks in it become spaces.
   */
  readonly comment?: string;
}

const LOCALES: readonly Locale[] = ['pt-BR', 'en', 'es'];
const BOM = '\uFEFF';
const EOL = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;

interface Dialect {
  readonly delimiter: string;
  readonly decimal: '.' | ',';
}

function dialectFor(options: CsvOptions): Dialect {
  const locale = options.locale ?? 'en';
  if (!LOCALES.includes(locale)) {
    throw new Error(`locale must be one of ${LOCALES.join(', ')}; got '${String(locale)}'`);
  }
  const comma = locale === 'en';
  const delimiter = options.delimiter ?? (comma ? ',' : ';');
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new Error(`delimiter must be one character other than a quote, CR or LF; got '${delimiter}'`);
  }
  return { delimiter, decimal: comma ? '.' : ',' };
}

/** Every key of the rows, in the order first seen. */
function inferColumns(rows: readonly Record<string, unknown>[]): CsvColumn[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys].map((key) => ({ key }));
}

/** Plain machine form: no grouping, '.' or ',' as the decimal mark. */
function formatNumber(value: number, decimal: Dialect['decimal']): string {
  if (!Number.isFinite(value)) return '';
  const text = Object.is(value, -0) ? '0' : String(value);
  return decimal === '.' ? text : text.replace('.', ',');
}

function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string, delimiter: string): string {
  const needs = text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text);
  return needs ? `"${text.replaceAll('"', '""')}"` : text;
}

function textOf(value: object): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** One cell, escaped. Numbers skip the formula guard: "-3" typed as a number is data. */
function cell(value: unknown, dialect: Dialect): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return quote(formatNumber(value, dialect.decimal), dialect.delimiter);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return String(value);
  const text = typeof value === 'object' ? textOf(value) : String(value);
  return quote(guardFormula(text), dialect.delimiter);
}

/**
 * Serializes rows as CSV text (see the file comment for format, locale and
 * injection rules). null, undefined, NaN and ±Infinity become empty cells; Dates
 * become ISO 8601 strings. With no rows and no columns the result is empty
 * (apart from the BOM).
 */
export function rowsToCsv(
  rows: readonly Record<string, unknown>[],
  options: CsvOptions = {},
): string {
  const dialect = dialectFor(options);
  const columns = options.columns ?? inferColumns(rows);
  const prefix = options.bom === false ? '' : BOM;
  if (columns.length === 0) return prefix;
  const line = (values: readonly unknown[]): string =>
    values.map((v) => cell(v, dialect)).join(dialect.delimiter);
  const lines = [line(columns.map((c) => c.header ?? c.key))];
  if (options.comment !== undefined) lines.unshift(`# ${options.comment.replace(/[\r\n]+/g, ' ')}`);
  for (const row of rows) lines.push(line(columns.map((c) => row[c.key])));
  return prefix + lines.join(EOL) + EOL;
}
