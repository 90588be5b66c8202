// What the Download menu does: the rows as CSV in the user's locale (units in the
// headers, rounded values, the range and filters as columns or a first line), or the
// drawn chart (`svg.pulso-chart`) as an SVG or PNG figure that carries its title,
// range, filters, legend and source (export-figure.ts). The chart is drawn first when
// the table is showing, then the table comes back.
import { rowsToCsv } from '../../src/data/csv-export.js';
import type { CsvColumn } from '../../src/data/csv-export.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { ChartView, ExportKind } from './chart-frame.js';
import { unitTable } from '../../src/data/csv-units.js';
import type { ExportPrecision } from '../../src/data/csv-units.js';
import { downloadBlob, exportFilename, svgToPngBlob } from './export.js';
import { composeFigure } from './export-figure.js';
import type { FigureLine } from './export-figure.js';
import { metaColumns, metaComment } from './export-meta.js';
import type { ExportMeta } from './export-meta.js';
import { segmentLabel, t } from './strings.js';
import type { TableColumn, TableRow } from './table-view.js';

export interface ExportSource {
  kind: ExportKind;
  title: string;
  locale: Locale;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  root: ParentNode;
  /** Title, range, filters and source line, in `locale`. */
  meta: ExportMeta;
  /** Headline lines of the picture under the title (a KPI's value and change). */
  figures?: readonly FigureLine[];
  precision?: ExportPrecision;
  metadata?: ExportMetadata;
  /** Shows the chart if it is not showing; resolves to a function that restores the view. */
  showChart: () => Promise<() => void>;
}

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

export async function exportChart(o: ExportSource): Promise<void> {
  if (o.kind === 'csv') {
    const csv = exportCsv(o.columns, o.rows, o);
    await downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), exportFilename(o.title, 'csv'));
    return;
  }
  const restore = await o.showChart();
  try {
    const chart = o.root.querySelector<SVGSVGElement>('svg.pulso-chart');
    if (!chart && !o.figures?.length) return;
    const figure = composeFigure({
      meta: o.meta,
      chart,
      legend: o.root.querySelector('.pulso-frame-legend'),
      figures: o.figures,
      frame: o.root.querySelector('.pulso-frame') ?? (o.root as Element),
    });
    if (o.kind === 'svg') {
      await downloadBlob(new Blob([figure.text], { type: 'image/svg+xml' }), exportFilename(o.title, 'svg'));
    } else {
      await downloadBlob(await svgToPngBlob(figure.text, figure.width, figure.height, 2), exportFilename(o.title, 'png'));
    }
  } finally {
    restore();
  }
}

/**
 * A widget's `showChart`: switches its view (`get`/`set`) to the chart and waits
 * until it is `drawn`; resolves to the function that brings the table back.
 */
export async function showChartView(
  get: () => ChartView,
  set: (view: ChartView) => void,
  drawn: () => Promise<unknown>,
): Promise<() => void> {
  const back = get();
  if (back === 'chart') return () => undefined;
  set('chart');
  await drawn();
  return () => set(back);
}
