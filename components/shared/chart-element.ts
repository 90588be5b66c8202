// What every chart widget shows: the chart/table frame and the states around it (loading,
// empty, error, notices). It builds on three layers, each a file with one job: options,
// data and locale (chart-base.ts), the marks' tooltips and selection (chart-marks.ts) and
// the exports (chart-exports.ts). A widget declares its queries from its options, turns
// the rows they answer into its result, and draws it; this class chain does the rest the
// same way for all.
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { DataValue } from './data-controller.js';
import { localeLoading, wordsState } from './catalogs.js';
import { renderWidgetNotices } from './notices.js';
import type { RenderContext } from './render-context.js';
import { renderEmpty } from './states.js';
import type { TableSort } from './table-view.js';
import { adoptTableStyles, loadTableView, tableViewReady } from './table-view-load.js';
import { ScrollCueController } from './scroll-cue.js';
import { renderWidgetFrame } from './widget-frame.js';
import { filteredEmptyMessage } from './reach.js';
import { renderDataStates, renderStateFrame, renderWordsState } from './widget-states.js';
import { textOption } from './options.js';
import { TOOLTIP_ID } from './chart-marks.js';
import { PulsoChartExports } from './chart-exports.js';

export { PulsoOptionError, listOption, numberOption, textOption } from './options.js';
export type { RenderContext } from './render-context.js';
export type { MarkInfo, TableSpec, TipContent } from './chart-base.js';
export { TOOLTIP_ID } from './chart-marks.js';

/**
 * The base of every chart widget.
 *
 * @fires pulso-select - A mark was clicked or chosen with Enter/Space; `detail` names what it stands for.
 * @fires pulso-data-error - Loading or computing failed; `detail.error` says why.
 * @fires pulso-cache-problem - The cache failed or its settings could not be followed (once per problem; the widget still loads); `detail` has `code` and `message`.
 * @fires pulso-worker-problem - Pulso's worker cannot be used on this page (once per page; the widget still loads, on the main thread); `detail` has `code` ('worker-unavailable') and `message`.
 * @csspart frame - The figure around title, toolbar and chart.
 * @csspart title - The chart title.
 * @csspart toolbar - The table toggle and export buttons.
 * @csspart chart - The chart area.
 * @csspart legend - The legend under the chart.
 * @csspart table - The table view.
 * @csspart tooltip - The tooltip of the active mark.
 * @cssprop --pulso-fg - Text colour.
 * @cssprop --pulso-muted - Secondary text colour.
 * @cssprop --pulso-surface - Background.
 * @cssprop --pulso-border - Lines and borders.
 * @cssprop --pulso-focus - Focus ring.
 * @cssprop --pulso-font - Font family.
 */
export abstract class PulsoChartElement<R> extends PulsoChartExports<R> {
  /** Whether the table view is wider than the box (measured after drawing). */
  protected readonly scrollCue = new ScrollCueController(this);

  @state() protected tableSort?: TableSort;

  protected renderLegend(_result: R, _ctx: RenderContext): TemplateResult | typeof nothing {
    return nothing;
  }

  /** Whether the summary is shown on screen too (a widget whose summary is its finding in words). */
  protected summaryVisible(): boolean {
    return false;
  }

  /** Widget controls for the toolbar (e.g. chart type). */
  protected renderControls(_ctx: RenderContext): TemplateResult | typeof nothing {
    return nothing;
  }

  /** Notices of the widget's own beyond the validation report (e.g. customers left out of every cohort). */
  protected extraNotices(_result: R, _ctx: RenderContext): string[] {
    return [];
  }

  /**
   * What the empty state says; `filters` names the dashboard filters that reached this
   * widget ("Channel: Phone"), when any did, for a message such as "No NPS answers for …".
   */
  protected emptyMessage(_locale: Locale, _filters?: string): string | undefined {
    return undefined;
  }

  /** The suppressed text of the table ('< k'). */
  protected suppressedLabel(): string | undefined {
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.view === 'table') adoptTableStyles(this.renderRoot);
  }

  protected toggleView(): void {
    this.view = this.view === 'chart' ? 'table' : 'chart';
    // The table's code comes on first use: until then its box says so; then the widget renders again.
    if (this.view === 'table' && !tableViewReady()) this.#tableLoading = loadTableView().then(() => this.requestUpdate(), () => this.requestUpdate());
  }

  /** The table view's code on its way (see toggleView). */
  #tableLoading?: Promise<void>;

  /** Settles once the widget shows what was asked: a table whose code was on its way included. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let words = localeLoading(this.localeNow()); words; words = localeLoading(this.localeNow())) {
      await words;
      done = await super.getUpdateComplete();
    }
    while (this.#tableLoading) {
      const waiting = this.#tableLoading;
      await waiting;
      if (this.#tableLoading === waiting) this.#tableLoading = undefined;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  override render(): unknown {
    const locale = this.resolvedLocale;
    const words = wordsState(locale);
    // No title yet: it is words too.
    if (words !== 'ready') return html`<div part="frame" class="pulso-frame">${renderWordsState(words, locale, this.skeleton())}</div>`;
    return this.named(() => this.#renderNamed());
  }

  #renderNamed(): unknown {
    const title = this.title_(this.resolvedLocale);
    return renderDataStates(this.data, {
      locale: this.resolvedLocale,
      source: textOption(this.source),
      skeleton: () => this.skeleton(),
      state: (body) => this.renderState(title, body),
      result: (value, updating) => this.renderResult(value, title, updating),
    });
  }

  /**
   * Everything said above the chart: how fresh the data is (stale, offline), the rows
   * skipped (unless on a dashboard's data: the dashboard says that once), which of the
   * dashboard's filters do not reach this widget, and the widget's own notices.
   */
  protected renderNoticesOf(value: DataValue<R>, ctx: RenderContext): TemplateResult {
    return renderWidgetNotices({
      meta: this.data.meta,
      report: value.report,
      shared: this.data.dashboardContext?.notices === true && !this.adapter && !textOption(this.source),
      unreached: value.filters.filter((f) => !f.reached).map((f) => f.filter),
      extra: this.extraNotices(value.result, ctx),
      locale: ctx.locale,
      timeZone: this.zone,
    });
  }

  /** The title above a state (loading, empty, error) so the widget keeps its place and name. */
  protected renderState(title: string, body: unknown, notices: unknown = nothing): TemplateResult {
    return renderStateFrame(title, body, notices, this.headingLevel);
  }

  /** The empty state: why there is nothing, naming the filters that emptied it when some did. */
  protected renderEmptyOf(value: DataValue<R>, title: string, ctx: RenderContext, notices: unknown): TemplateResult {
    const message = filteredEmptyMessage(value.filters, ctx.locale, (filters) => this.emptyMessage(ctx.locale, filters));
    return this.renderState(title, renderEmpty(ctx.locale, message), notices);
  }

  protected renderResult(value: DataValue<R>, title: string, updating: boolean): TemplateResult {
    const ctx = this.context;
    const notices = this.renderNoticesOf(value, ctx);
    if (this.isEmpty(value.result)) return this.renderEmptyOf(value, title, ctx, notices);
    return renderWidgetFrame({
      title,
      summary: this.summary(value.result, ctx),
      summaryVisible: this.summaryVisible(),
      exports: this.exportKinds(),
      locale: ctx.locale,
      timeZone: this.zone,
      width: ctx.width,
      view: this.view,
      onToggleView: () => this.toggleView(),
      onExport: (kind) => this.onExport(kind),
      chart: this.renderChart(value.result, ctx),
      tip: this.tip,
      tooltipId: TOOLTIP_ID,
      table: () => this.table(value.result, ctx),
      sort: this.tableSort,
      onSort: (sort) => {
        this.tableSort = sort;
      },
      suppressedLabel: this.suppressedLabel() ?? '—',
      legend: this.renderLegend(value.result, ctx),
      controls: this.renderControls(ctx),
      notices,
      updating,
      headingLevel: this.headingLevel,
      tableScrolls: this.view === 'table' && this.scrollCue.tableScrolls,
    });
  }
}
