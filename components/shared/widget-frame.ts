// A widget's complete view once it has rows: the chart frame (title, summary,
// toolbar, notices, legend) around the chart with its tooltip, or the table.
import { html } from 'lit';
import type { nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Locale } from '../../src/i18n/messages.js';
import { renderChartFrame } from './chart-frame.js';
import type { ChartView, ExportKind } from './chart-frame.js';
import { renderTableView } from './table-view.js';
import type { TableColumn, TableRow, TableSort } from './table-view.js';
import { renderTooltip } from './tooltip.js';
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
  locale: Locale;
  timeZone?: string;
  width: number;
  view: ChartView;
  onToggleView: () => void;
  onExport: (kind: ExportKind) => void;
  chart: TemplateResult;
  tip?: OpenTip;
  tooltipId: string;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  sort?: TableSort;
  onSort: (sort: TableSort) => void;
  suppressedLabel: string;
  legend: TemplateResult | typeof nothing;
  controls: TemplateResult | typeof nothing;
  notices: TemplateResult;
  /** New data is loading: the old chart stays, dimmed. */
  updating: boolean;
}

export function renderWidgetFrame(o: WidgetFrameOptions): TemplateResult {
  const tip = o.tip;
  const chart = html`${o.chart}
    ${renderTooltip({
      open: tip !== undefined,
      x: tip?.x ?? 0,
      y: tip?.y ?? 0,
      containerWidth: tip?.width ?? o.width,
      lines: tip?.lines ?? [],
      title: tip?.title,
      id: o.tooltipId,
    })}`;
  const frame = renderChartFrame({
    title: o.title,
    summary: o.summary,
    locale: o.locale,
    view: o.view,
    onToggleView: o.onToggleView,
    onExport: o.onExport,
    chart,
    table: renderTableView({
      caption: o.title,
      columns: o.columns,
      rows: o.rows,
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
  return o.updating ? html`<div class="pulso-updating" aria-busy="true">${frame}</div>` : frame;
}
