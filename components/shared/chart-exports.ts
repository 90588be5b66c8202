// A chart widget's exports: the CSV text, and the files of the Download menu (CSV, and the
// drawn chart with its title, range, filters, legend and source as SVG or PNG). Apart
// from the frame (chart-element.ts) because they run only when asked, from the result
// already drawn, and the export options (precision, metadata, source label) matter only
// here. The text of an export (CSV, metadata, units; export-text.ts) and the picture's
// composition with the PNG encoder come in chunks of their own on the first export: they
// are not part of the first chart's bytes.
import type { Locale } from '../../src/i18n/messages.js';
import type { ExportKind } from './chart-frame.js';
import type { ExportMetadata } from './export-action.js';
import type { FigureLine } from './export-figure.js';
import type { ExportMeta, ExportRange } from './export-meta.js';
import type * as ExportText from './export-text.js';
import type { ExportPrecision } from '../../src/data/csv-units.js';
import type { RenderContext } from './render-context.js';
import { rangeBound, textOption } from './options.js';
import { PulsoChartMarks } from './chart-marks.js';

/** The exports of a chart widget; PulsoChartElement (chart-element.ts) is the one to extend. */
export abstract class PulsoChartExports<R> extends PulsoChartMarks<R> {
  /** The formats the Download menu offers: all, unless the view is not an SVG chart. */
  protected exportKinds(): readonly ExportKind[] {
    return ['csv', 'svg', 'png'];
  }

  /**
   * The range the result covers, [from, to) in epoch ms, for exports: by default the
   * widget's `from`/`to` (else the dashboard's), as its queries use them.
   */
  protected exportRange(_result: R): ExportRange | undefined {
    const own = this as { from?: unknown; to?: unknown };
    const text = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
    if (!('from' in this)) return undefined;
    return {
      from: rangeBound(this.inherited('from', text(own.from))),
      to: rangeBound(this.inherited('to', text(own.to))),
    };
  }

  /** Headline lines of an exported picture under its title (a KPI's value and change). */
  protected exportFigures(_result: R, _ctx: RenderContext): FigureLine[] {
    return [];
  }

  /** What an export says about itself: title, range, filters that reached the data, source line. */
  async exportMeta(locale: Locale = this.resolvedLocale): Promise<ExportMeta | undefined> {
    const { exportMeta } = await import('./export-text.js');
    return this.#meta(exportMeta, locale);
  }

  #meta(exportMeta: typeof ExportText.exportMeta, locale: Locale): ExportMeta | undefined {
    const value = this.data.value;
    if (!value) return undefined;
    const source = textOption(this.sourceLabel)
      ?? this.adapter?.id
      ?? textOption(this.source)
      ?? this.data.dashboardAdapter?.id
      ?? (typeof location === 'undefined' ? 'Pulso' : location.host);
    return this.named(() => exportMeta({
      title: this.title_(locale),
      locale,
      timeZone: this.zone,
      range: this.exportRange(value.result),
      filters: value.filters.filter((f) => f.reached).map((f) => f.filter.describe(locale)),
      source,
    }));
  }

  /** The CSV text the Download menu saves (units in headers, rounded, metadata as set). */
  async exportCsvText(): Promise<string | undefined> {
    const { exportCsv, exportMeta, namedTable } = await import('./export-text.js');
    const value = this.data.value;
    const meta = this.#meta(exportMeta, this.resolvedLocale);
    if (!value || !meta) return undefined;
    const locale = this.resolvedLocale;
    const { columns, rows } = this.named(() => {
      const spec = this.table(value.result, this.context);
      return namedTable(spec.columns, spec.rows, locale);
    });
    return exportCsv(columns, rows, { locale, meta, ...this.#csvOptions() });
  }

  #csvOptions(): { precision?: ExportPrecision; metadata?: ExportMetadata } {
    return {
      precision: textOption(this.exportPrecision) as ExportPrecision | undefined,
      metadata: textOption(this.exportMetadata) as ExportMetadata | undefined,
    };
  }

  /** Downloads the rows (CSV) or the drawn chart with its title, range, filters, legend and source (SVG, PNG). */
  async export(kind: ExportKind): Promise<void> {
    const { exportMeta, namedTable } = await import('./export-text.js');
    const value = this.data.value;
    const meta = this.#meta(exportMeta, this.resolvedLocale);
    if (!value || !meta || !this.exportKinds().includes(kind)) return;
    const ctx = this.context;
    const { columns, rows } = this.named(() => {
      const spec = this.table(value.result, ctx);
      return namedTable(spec.columns, spec.rows, ctx.locale);
    });
    // The figure's composition and the PNG encoder load on the first export (a chunk of their own).
    const { exportChart, showChartView } = await import('./export-chart.js');
    await exportChart({
      kind,
      title: this.title_(ctx.locale),
      locale: ctx.locale,
      columns,
      rows,
      meta,
      figures: this.named(() => this.exportFigures(value.result, ctx)),
      ...this.#csvOptions(),
      root: this.renderRoot,
      showChart: () =>
        showChartView(() => this.view, (view) => void (this.view = view), () => this.updateComplete),
    });
  }

  /** The Download menu's handler: a failed export is reported as `pulso-data-error`. */
  protected onExport(kind: ExportKind): void {
    this.export(kind).catch((e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      this.dispatchEvent(new CustomEvent('pulso-data-error', { bubbles: true, composed: true, detail: { error } }));
    });
  }
}
