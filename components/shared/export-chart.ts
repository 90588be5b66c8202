// What the Download menu does: the rows as CSV (export-action.ts), or the drawn chart
// (`svg.pulso-chart`) as an SVG or PNG figure that carries its title, range, filters,
// legend and source (export-figure.ts). The chart is drawn first when the table is
// showing, then the table comes back. A chunk of its own in dist/pulso.js: loaded on
// the first export, never before a chart is drawn.
import type { Locale } from '../../src/i18n/messages.js';
import type { ExportPrecision } from '../../src/data/csv-units.js';
import type { ChartView, ExportKind } from './chart-frame.js';
import { exportCsv } from './export-action.js';
import type { ExportMetadata } from './export-action.js';
import { downloadBlob, exportFilename, svgToPngBlob } from './export.js';
import { composeFigure } from './export-figure.js';
import type { FigureLine } from './export-figure.js';
import type { ExportMeta } from './export-meta.js';
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
