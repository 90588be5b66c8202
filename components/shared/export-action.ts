// The rows as CSV in the user's locale (units in the headers, rounded values, the range
// and filters as columns or a first line): what `exportCsvText()` resolves to. The
// Download menu itself (export-chart.ts) is loaded on the first export.
import { rowsToCsv } from '../../src/data/csv-export.js';
import type { CsvColumn } from '../../src/data/csv-export.js';
import type { Locale } from '../../src/i18n/messages.js';
import { unitTable } from '../../src/data/csv-units.js';
import type { ExportPrecision } from '../../src/data/csv-units.js';
import { metaColumns, metaComment } from './export-meta.js';
import type { ExportMeta } from './export-meta.js';
import { segmentLabel, t } from './strings.js';
import type { TableColumn, TableRow } from './table-view.js';

const CODE_SUFFIX = 'Code';

/**
 * The table as exported: each column of codes (`codes`) shows their names, with the
 * codes themselves in a column of their own right after it ("Canal", "Canal (código)"),
 * so the file reads well and still joins with the source data. Call it where the
 * widget's names are in force.
 */
export function namedTable(columns: readonly TableColumn[], rows: readonly TableRow[], locale: Locale): { columns: TableColumn[]; rows: TableRow[] } {
  const coded = columns.filter((c) => c.codes !== undefined);
  if (coded.length === 0) return { columns: [...columns], rows: [...rows] };
  const out = columns.flatMap((c) =>
    c.codes === undefined ? [c] : [c, { key: c.key + CODE_SUFFIX, header: `${c.header} (${t(locale, 'code')})`, format: 'text' as const }],
  );
  const named = rows.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const c of coded) {
      const code: unknown = copy[c.key];
      if (typeof code !== 'string' || code === '') continue;
      copy[c.key] = segmentLabel(locale, code, c.codes || undefined);
      copy[c.key + CODE_SUFFIX] = code;
    }
    return copy as TableRow;
  });
  return { columns: out, rows: named };
}

/** How the CSV says what it is: metadata columns (default), a first `# …` line, or nothing. */
export type ExportMetadata = 'columns' | 'comment' | 'none';
export const EXPORT_METADATA: readonly ExportMetadata[] = ['columns', 'comment', 'none'];

/** The CSV text of a table, with units, rounding and metadata (see docs/elements.md "Exports"). */
export function exportCsv(
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  o: { locale: Locale; meta: ExportMeta; precision?: ExportPrecision; metadata?: ExportMetadata },
): string {
  const metadata = o.metadata ?? 'columns';
  if (!EXPORT_METADATA.includes(metadata))
    throw new RangeError(`export-metadata must be one of ${EXPORT_METADATA.join(', ')}; got '${String(metadata)}'`);
  const table = unitTable(columns, rows, o.precision);
  const csvColumns: CsvColumn[] = [...table.columns];
  let out = table.rows;
  if (metadata === 'columns') {
    const extra = metaColumns(o.meta, o.locale);
    csvColumns.push(...extra.map((c) => ({ key: c.key, header: c.header })));
    out = out.map((row) => ({ ...row, ...Object.fromEntries(extra.map((c) => [c.key, c.value])) }));
  }
  return rowsToCsv(out, {
    columns: csvColumns,
    locale: o.locale,
    comment: metadata === 'comment' ? metaComment(o.meta, o.locale) : undefined,
  });
}
