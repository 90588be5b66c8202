// The accessible table behind every chart (DESIGN.md §3.9): the same rows the
// chart draws, as a captioned <table> in a keyboard-scrollable region. A plain
// template function so every widget renders the same markup; cell text reaches
// the page only through Lit bindings (§3.10). Sorting is pure (`sortRows`);
// the widget holds the `TableSort` state and passes it back in.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { MISSING, formatters } from '../../src/i18n/format.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import { segmentLabel, t } from './strings.js';

export { tableViewStyles } from './table-view.styles.js';

export type ColumnFormat =
  'text' | 'count' | 'percent' | 'score' | 'duration' | 'period' | 'boolean';

export interface TableColumn {
  key: string;
  header: string;
  format: ColumnFormat;
  /** The period of a 'period' column's `YYYY-MM-DD` keys (default 'month'). */
  period?: Period;
  /** Right-aligned; defaults to true for count, percent, score and duration. */
  numeric?: boolean;
  /** Fixed fraction digits for count, percent and score. */
  digits?: number;
  /**
   * The cells are codes of this data column (`''`: the widget's segment column), shown
   * by their labels; the CSV keeps the code in a column of its own beside the name.
   */
  codes?: string;
}

/** A row of any metric: RetentionRow, NpsTrendRow… read by column key. */
export type TableRow = object & { readonly suppressed?: boolean };

export type SortDirection = 'ascending' | 'descending';

export interface TableSort {
  key: string;
  direction: SortDirection;
}

export interface TableViewOptions<R extends TableRow> {
  caption: string;
  columns: readonly TableColumn[];
  rows: readonly R[];
  locale: Locale;
  timeZone?: string;
  /** The text of a suppressed row's count and rate cells (default '< 11'). */
  suppressedLabel?: (row: R) => string;
  sortable?: boolean;
  sort?: TableSort;
  onSort?: (sort: TableSort) => void;
}


const NUMERIC: ReadonlySet<ColumnFormat> = new Set(['count', 'percent', 'score', 'duration']);
const DEFAULT_MIN_CELL = 11;

// No catalog entry for yes/no in strings.ts; short and local to the one format that needs it.
const YES_NO: Record<Locale, readonly [string, string]> = {
  en: ['Yes', 'No'],
  'pt-BR': ['Sim', 'Não'],
  es: ['Sí', 'No'],
};

const read = (row: TableRow, key: string): unknown => (row as Record<string, unknown>)[key];

const isNumeric = (column: TableColumn): boolean => column.numeric ?? NUMERIC.has(column.format);

const asNumber = (x: unknown): number | null => (typeof x === 'number' ? x : null);

/** The text of one cell: formatted per locale, '—' for null, NaN or a value of the wrong type. */
export function formatCell(value: unknown, column: TableColumn, f: Formatters): string {
  switch (column.format) {
    case 'count':
      return f.number(asNumber(value), column.digits);
    case 'percent':
      return f.percent(asNumber(value), column.digits);
    case 'score':
      return f.score(asNumber(value), column.digits);
    case 'duration':
      return f.duration(asNumber(value));
    case 'boolean':
      return typeof value === 'boolean' ? YES_NO[f.locale][value ? 0 : 1] : MISSING;
    case 'period':
      return typeof value === 'string' ? periodText(value, column.period ?? 'month', f) : MISSING;
    default:
      if (value === null || value === undefined || value === '') return MISSING;
      return column.codes === undefined ? String(value) : segmentLabel(f.locale, String(value), column.codes || undefined);
  }
}

/** A bad key is still data: show it as it came rather than fail the whole table. */
function periodText(key: string, period: Period, f: Formatters): string {
  try {
    return f.periodLabel(key, period);
  } catch {
    return key;
  }
}

function compareValues(a: unknown, b: unknown, collator: Intl.Collator): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

const missing = (x: unknown): boolean =>
  x === null || x === undefined || (typeof x === 'number' && !Number.isFinite(x));

/**
 * A sorted copy of `rows` by `key`: stable, numbers numerically, text by the
 * locale's collation, missing values (null, NaN) last in either direction.
 */
export function sortRows<R extends TableRow>(
  rows: readonly R[],
  key: string,
  direction: SortDirection,
  locale: Locale = 'en',
): R[] {
  const collator = new Intl.Collator(locale, { numeric: true });
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: read(row, key) }))
    .sort((a, b) => {
      const ma = missing(a.v);
      const mb = missing(b.v);
      if (ma || mb) return ma === mb ? a.i - b.i : ma ? 1 : -1;
      return sign * compareValues(a.v, b.v, collator) || a.i - b.i;
    })
    .map((x) => x.row);
}

/** The sort after a click on `key`'s header: ascending first, then toggling. */
export function nextSort(current: TableSort | undefined, key: string): TableSort {
  if (current?.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

function renderHeader<R extends TableRow>(
  column: TableColumn,
  options: TableViewOptions<R>,
): TemplateResult {
  const cls = isNumeric(column) ? 'pulso-num' : '';
  if (!options.sortable) return html`<th scope="col" class=${cls}>${column.header}</th>`;
  const { sort, onSort } = options;
  const ariaSort = sort?.key === column.key ? sort.direction : 'none';
  return html`<th scope="col" class=${cls} aria-sort=${ariaSort}>
    <button type="button" class="pulso-sort" @click=${() => onSort?.(nextSort(sort, column.key))}>
      ${column.header}
    </button>
  </th>`;
}

function renderRow<R extends TableRow>(
  row: R,
  options: TableViewOptions<R>,
  f: Formatters,
  suppressed: string | undefined,
): TemplateResult {
  const cells = options.columns.map((column, i) => {
    // In a flagged row only the withheld values (null) read "< k"; what is shown stays.
    const value = read(row, column.key);
    const hidden =
      suppressed !== undefined && isNumeric(column) && column.format !== 'duration' && (value === null || value === undefined);
    const text = hidden ? suppressed : formatCell(value, column, f);
    const cls =
      `${isNumeric(column) ? 'pulso-num' : ''}${hidden ? ' pulso-suppressed' : ''}`.trim();
    return i === 0
      ? html`<th scope="row" class=${cls}>${text}</th>`
      : html`<td class=${cls}>${text}</td>`;
  });
  return html`<tr>
    ${cells}
  </tr>`;
}

/** The table of a chart's rows in a focusable, horizontally scrollable region. */
export function renderTableView<R extends TableRow>(options: TableViewOptions<R>): TemplateResult {
  const { caption, columns, locale } = options;
  const f = formatters(locale, options.timeZone);
  const label = (row: R): string =>
    options.suppressedLabel?.(row) ?? t(locale, 'suppressed', { k: DEFAULT_MIN_CELL });
  const rows =
    options.sortable && options.sort
      ? sortRows(options.rows, options.sort.key, options.sort.direction, locale)
      : options.rows;
  const body = rows.length
    ? rows.map((row) => renderRow(row, options, f, row.suppressed ? label(row) : undefined))
    : html`<tr>
        <td class="pulso-table-empty" colspan=${columns.length}>${t(locale, 'empty')}</td>
      </tr>`;
  return html`<div class="pulso-table-scroll" role="region" aria-label=${caption} tabindex="0">
    <table class="pulso-table">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${columns.map((column) => renderHeader(column, options))}
        </tr>
      </thead>
      <tbody>
        ${body}
      </tbody>
    </table>
  </div>`;
}
