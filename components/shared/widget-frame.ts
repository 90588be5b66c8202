// A widget's complete view once it has rows: the chart frame (title, summary,
// toolbar, notices, legend) around the chart with its tooltip, or the table. The
// tooltip and busy wrapper are exported for the KPI card, which has its own frame.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Locale } from '../../src/i18n/messages.js';
import { renderChartFrame } from './chart-frame.js';
import type { ChartView, ExportKind } from './chart-frame.js';
import { renderTableViewWhenLoaded } from './table-view-load.js';
import type { TableColumn, TableRow, TableSort } from './table-view.js';
import { renderTooltip } from './tooltip.js';
import { t } from './strings.js';
import type { TooltipLine } from './tooltip.js';

/** The tooltip showing, where it points and what it says. */
export interface OpenTip {
  title: string;
  lines: TooltipLine[];
  x: number;
  y: number;
  width: number;
}

export interface WidgetFrameOptions {
  title: string;
  summary: string;
  /** Show the summary on screen too (a finding in words); by default it is for screen readers only. */
  summaryVisible?: boolean;
  /** The Download menu's formats (default all). */
  exports?: readonly ExportKind[];
  locale: Locale;
  timeZone?: string;
  width: number;
  view: ChartView;
  onToggleView: () => void;
  onExport: (kind: ExportKind) => void;
  chart: TemplateResult;
  tip?: OpenTip;
  tooltipId: string;
  /** The table view's columns and rows, asked only while the table shows. */
  table: () => { columns: readonly TableColumn[]; rows: readonly TableRow[] };
  sort?: TableSort;
  onSort: (sort: TableSort) => void;
  suppressedLabel: string;
  legend: TemplateResult | typeof nothing;
  controls: TemplateResult | typeof nothing;
  notices: TemplateResult;
  /** New data is loading: the old chart stays, dimmed. */
  updating: boolean;
  /** The title's heading level (default 3). */
  headingLevel?: number;
  /** The table view is wider than the box (measured): it says that it scrolls. */
  tableScrolls?: boolean;
}

export function renderWidgetFrame(o: WidgetFrameOptions): TemplateResult {
  const frame = renderChartFrame({
    title: o.title,
    summary: o.summary,
    summaryVisible: o.summaryVisible,
    headingLevel: o.headingLevel,
    tableHint: o.tableScrolls ? t(o.locale, 'scrollColumns') : undefined,
    exports: o.exports,
    locale: o.locale,
    view: o.view,
    onToggleView: o.onToggleView,
    onExport: o.onExport,
    chart: withTooltip(o.chart, o.tip, o.width, o.tooltipId),
    table: () => renderTableViewWhenLoaded({
      caption: o.title,
      ...o.table(),
      locale: o.locale,
      timeZone: o.timeZone,
      sortable: true,
      sort: o.sort,
      onSort: o.onSort,
      suppressedLabel: () => o.suppressedLabel,
    }),
    legend: o.legend,
    controls: o.controls,
    notices: o.notices,
  });
  return whenUpdating(frame, o.updating);
}

/**
 * The chart followed by its tooltip, which stays in the DOM while closed so the
 * marks' `aria-describedby` always resolves; `width` is the box's when none is open.
 */
export function withTooltip(chart: TemplateResult, tip: OpenTip | undefined, width: number, id: string): TemplateResult {
  return html`${chart}
    ${renderTooltip({
      open: tip !== undefined,
      x: tip?.x ?? 0,
      y: tip?.y ?? 0,
      containerWidth: tip?.width ?? width,
      lines: tip?.lines ?? [],
      title: tip?.title,
      id,
    })}`;
}

/**
 * While new data loads, the old view stays, dimmed and marked busy. The wrapper is there
 * in both states (no box of its own in either: chart.styles.ts) so Lit keeps the widget's
 * DOM across a click and the browser its layout: a template of another shape rebuilt every
 * widget's DOM twice per cross-filter.
 */
export function whenUpdating(frame: TemplateResult, updating: boolean): TemplateResult {
  return html`<div class=${updating ? 'pulso-updating' : 'pulso-settled'} aria-busy=${updating ? 'true' : nothing}>${frame}</div>`;
}
