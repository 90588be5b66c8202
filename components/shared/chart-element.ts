// What every chart widget shares (issue 4): the data controller, locale, theme,
// the chart/table frame, states, tooltips for pointer and keyboard, exports and
// the `pulso-select` event. A widget says which tables it needs, computes its
// rows, and draws them; this class does the rest the same way for all of them.
import { LitElement, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Adapter } from '../../src/adapters/types.js';
import type { NormalizedTables, TableName } from '../../src/data/schema.js';
import type { Locale } from '../../src/i18n/messages.js';
import { DashboardDefaultsConsumer } from './dashboard-defaults.js';
import type { ChartView, ExportKind } from './chart-frame.js';
import { PulsoDataController } from './data-controller.js';
import type { DataValue } from './data-controller.js';
import { exportChart, showChartView } from './export-action.js';
import { elementLocale } from './locale.js';
import { MarksNavController } from './marks-nav.js';
import type { MarkPosition } from './marks-nav.js';
import { ResizeController } from './resize-controller.js';
import { renderWidgetNotices } from './notices.js';
import { renderContext } from './render-context.js';
import type { RenderContext } from './render-context.js';
import { renderEmpty } from './states.js';
import type { SkeletonShape } from './states.js';
import type { TableColumn, TableRow, TableSort } from './table-view.js';
import { anchorOf, describeBy } from './tooltip.js';
import type { TooltipLine } from './tooltip.js';
import { renderWidgetFrame } from './widget-frame.js';
import type { OpenTip } from './widget-frame.js';
import { renderDataStates, renderStateFrame } from './widget-states.js';
import type { PulsoSelectDetail } from './events.js';
import { PulsoOptionError, textOption } from './options.js';

export { PulsoOptionError, listOption, numberOption, textOption } from './options.js';
export type { RenderContext } from './render-context.js';

export const TOOLTIP_ID = 'pulso-tooltip';

/** What a mark's tooltip says. */
export interface TipContent {
  title: string;
  lines: TooltipLine[];
}

/**
 * The base of every chart widget.
 *
 * @fires pulso-select - A mark was clicked or chosen with Enter/Space; `detail` names what it stands for.
 * @fires pulso-data-error - Loading or computing failed; `detail.error` says why.
 * @fires pulso-cache-problem - The cache failed or its settings could not be followed (once per problem; the widget still loads); `detail` has `code` and `message`.
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
export abstract class PulsoChartElement<R> extends LitElement {
  protected readonly resize = new ResizeController(this);

  protected readonly data = new PulsoDataController<R>(this, {
    tables: () => this.tablesNeeded(),
    adapter: () => this.adapter,
    source: () => this.source,
    deps: () => this.optionDeps(),
    compute: (tables) => this.computeSafely(tables),
    cache: () => this.cache,
    cacheScope: () => this.cacheScope,
  });

  protected readonly marks = new MarksNavController(this, {
    onActivate: (mark, pos) => this.showTip(mark, pos),
    onSelect: (mark, pos) => this.selectMark(mark, pos),
    onDismiss: () => this.hideTip(),
  });

  /** Takes the dashboard's range, period, locale, theme and zone where the widget has no attribute of its own. */
  protected readonly dashboardDefaults = new DashboardDefaultsConsumer(this);

  /** The data source as an object; wins over `source` and the dashboard. */
  @property({ attribute: false }) adapter?: Adapter;
  /** A registered adapter name or the base URL of a JSON API. */
  @property() source?: string;
  /** `pt-BR`, `en` or `es`; else the nearest `lang`, else the browser's language. */
  @property() locale?: string;
  /** `light` or `dark`; by default the page's `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: string;
  /** The chart title; each widget has a translated default. */
  @property() heading?: string;
  /** IANA time zone of period boundaries and dates (default UTC). */
  @property({ attribute: 'time-zone' }) timeZone?: string;
  /**
   * `persistent` (IndexedDB), `memory` or `off`; else the dashboard's. Default:
   * persistent with a `cache-scope`, memory without (persistent needs a scope).
   */
  @property() cache?: string;
  /** The signed-in user or tenant id: cached tables of one scope are never read under another. */
  @property({ attribute: 'cache-scope' }) cacheScope?: string;

  @state() protected view: ChartView = 'chart';
  @state() protected tableSort?: TableSort;
  @state() protected tip?: OpenTip;

  /** The data the open tooltip was made from. */
  private tipFrom?: DataValue<R>;

  /** Resolved in willUpdate. */
  protected resolvedLocale: Locale = 'en';

  /** The tables the metric reads. */
  protected abstract tablesNeeded(): readonly TableName[];
  /** The options the metric depends on: a change recomputes without reloading. */
  protected abstract optionDeps(): readonly unknown[];
  protected abstract compute(tables: NormalizedTables): R;
  protected abstract defaultHeading(locale: Locale): string;
  protected abstract skeleton(): SkeletonShape;
  protected abstract isEmpty(result: R): boolean;
  protected abstract summary(result: R, ctx: RenderContext): string;
  protected abstract renderChart(result: R, ctx: RenderContext): TemplateResult;
  /** The table's columns; `result` is the data shown, which may predate a change of options still loading. */
  protected abstract tableColumns(ctx: RenderContext, result: R): readonly TableColumn[];
  protected abstract tableRows(result: R): readonly TableRow[];
  /** The tooltip of the mark at `pos`, or undefined for none. */
  protected abstract tipFor(mark: Element, pos: MarkPosition, result: R, ctx: RenderContext): TipContent | undefined;
  /** What a chosen mark stands for, or undefined when it stands for nothing to filter by. */
  protected abstract selectionFor(mark: Element, pos: MarkPosition, result: R): PulsoSelectDetail | undefined;

  protected renderLegend(_result: R, _ctx: RenderContext): TemplateResult | typeof nothing {
    return nothing;
  }

  /**
   * Everything said above the chart: how fresh the data is (stale, offline), the
   * rows skipped (unless on a dashboard's data: the dashboard says that once), and
   * the widget's own notices.
   */
  protected renderNoticesOf(value: DataValue<R>, ctx: RenderContext): TemplateResult {
    return renderWidgetNotices({
      meta: this.data.meta,
      report: value.report,
      shared: this.dashboardDefaults.value?.notices === true && !this.adapter && !textOption(this.source),
      extra: this.extraNotices(value.result, ctx),
      locale: ctx.locale,
      timeZone: textOption(this.timeZone),
    });
  }

  /** Widget controls for the toolbar (e.g. chart type). */
  protected renderControls(_ctx: RenderContext): TemplateResult | typeof nothing {
    return nothing;
  }

  /** Notices of the widget's own beyond the validation report (e.g. customers left out of every cohort). */
  protected extraNotices(_result: R, _ctx: RenderContext): string[] {
    return [];
  }

  protected emptyMessage(_locale: Locale): string | undefined {
    return undefined;
  }

  /** The suppressed text of the table ('< k'). */
  protected suppressedLabel(): string | undefined {
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.resolvedLocale = elementLocale(this, this.locale);
    // A new result, locale or view makes the open tooltip point at stale geometry.
    const value = this.data.value;
    if (changed.has('locale') || (changed as Map<PropertyKey, unknown>).has('view') || value !== this.tipFrom) this.tip = undefined;
    this.tipFrom = value;
  }

  protected get context(): RenderContext {
    return renderContext(this.resolvedLocale, textOption(this.timeZone), this.resize.width);
  }

  private computeSafely(tables: NormalizedTables): R {
    try {
      return this.compute(tables);
    } catch (e) {
      if (e instanceof RangeError || e instanceof TypeError) throw new PulsoOptionError(e);
      throw e;
    }
  }

  private showTip(mark: Element, pos: MarkPosition): void {
    const value = this.data.value;
    const box = this.renderRoot.querySelector('.pulso-frame-chart');
    if (!value || !box) return;
    const content = this.tipFor(mark, pos, value.result, this.context);
    if (!content) return;
    describeBy(this.renderRoot, mark, TOOLTIP_ID);
    this.tip = { ...content, ...anchorOf(mark, box) };
  }

  private hideTip(): void {
    this.tip = undefined;
  }

  protected toggleView(): void {
    this.view = this.view === 'chart' ? 'table' : 'chart';
  }

  private selectMark(mark: Element, pos: MarkPosition): void {
    const value = this.data.value;
    if (!value) return;
    const detail = this.selectionFor(mark, pos, value.result);
    if (!detail) return;
    this.dispatchEvent(new CustomEvent<PulsoSelectDetail>('pulso-select', { bubbles: true, composed: true, detail }));
  }

  /** Downloads the rows (CSV) or the drawn chart (SVG, PNG). */
  async export(kind: ExportKind): Promise<void> {
    const value = this.data.value;
    if (!value) return;
    const ctx = this.context;
    await exportChart({
      kind,
      title: this.title_(ctx.locale),
      locale: ctx.locale,
      columns: this.tableColumns(ctx, value.result),
      rows: this.tableRows(value.result),
      root: this.renderRoot,
      showChart: () =>
        showChartView(() => this.view, (view) => void (this.view = view), () => this.updateComplete),
    });
  }

  private title_(locale: Locale): string {
    return textOption(this.heading) ?? this.defaultHeading(locale);
  }

  /** The Download menu's handler: a failed export is reported as `pulso-data-error`. */
  protected onExport(kind: ExportKind): void {
    this.export(kind).catch((e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      this.dispatchEvent(new CustomEvent('pulso-data-error', { bubbles: true, composed: true, detail: { error } }));
    });
  }

  override render(): unknown {
    const title = this.title_(this.resolvedLocale);
    return renderDataStates(this.data, {
      locale: this.resolvedLocale,
      source: textOption(this.source),
      skeleton: () => this.skeleton(),
      state: (body) => this.renderState(title, body),
      result: (value, updating) => this.renderResult(value, title, updating),
    });
  }

  /** The title above a state (loading, empty, error) so the widget keeps its place and name. */
  protected renderState(title: string, body: unknown, notices: unknown = nothing): TemplateResult {
    return renderStateFrame(title, body, notices);
  }

  protected renderResult(value: DataValue<R>, title: string, updating: boolean): TemplateResult {
    const ctx = this.context;
    const notices = this.renderNoticesOf(value, ctx);
    if (this.isEmpty(value.result))
      return this.renderState(title, renderEmpty(ctx.locale, this.emptyMessage(ctx.locale)), notices);
    return renderWidgetFrame({
      title,
      summary: this.summary(value.result, ctx),
      locale: ctx.locale,
      timeZone: textOption(this.timeZone),
      width: ctx.width,
      view: this.view,
      onToggleView: () => this.toggleView(),
      onExport: (kind) => this.onExport(kind),
      chart: this.renderChart(value.result, ctx),
      tip: this.tip,
      tooltipId: TOOLTIP_ID,
      columns: this.tableColumns(ctx, value.result),
      rows: this.tableRows(value.result),
      sort: this.tableSort,
      onSort: (sort) => {
        this.tableSort = sort;
      },
      suppressedLabel: this.suppressedLabel() ?? '—',
      legend: this.renderLegend(value.result, ctx),
      controls: this.renderControls(ctx),
      notices,
      updating,
    });
  }
}
