// What every chart widget shares: the data controller, locale, theme, the chart/table
// frame, states, tooltips for pointer and keyboard, exports and the `pulso-select`
// event. A widget declares its queries from its options, turns the rows they answer
// into its result, and draws it; this class does the rest the same way for all.
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Adapter } from '../../src/adapters/types.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { ChartView, ExportKind } from './chart-frame.js';
import type { DashboardDefaults } from './context.js';
import { PulsoDataController } from './data-controller.js';
import type { Answers, DataValue, WidgetPlan } from './data-controller.js';
import { exportCsv, namedTable } from './export-action.js';
import type { ExportMetadata } from './export-action.js';
import type { FigureLine } from './export-figure.js';
import { exportMeta, rangeBound } from './export-meta.js';
import type { ExportMeta, ExportRange } from './export-meta.js';
import type { ExportPrecision } from '../../src/data/csv-units.js';
import { localeLoading, onWords, wordsState } from './catalogs.js';
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
import { adoptTableStyles, loadTableView, tableViewReady } from './table-view-load.js';
import { ThemeController } from './theme-controller.js';
import { nextTask } from '../../src/source/tasks.js';
import { ScrollCueController } from './scroll-cue.js';
import { warmUp } from './warm-up.js';
import { anchorOf, describeBy } from './tooltip.js';
import type { TooltipLine } from './tooltip.js';
import { renderWidgetFrame } from './widget-frame.js';
import type { OpenTip } from './widget-frame.js';
import { filteredEmptyMessage } from './reach.js';
import { renderDataStates, renderStateFrame, renderWordsState } from './widget-states.js';
import type { PulsoSelectDetail } from './events.js';
import { OTHERS } from '../../src/metrics/others.js';
import { numberOption, textOption } from './options.js';
import { labelsConverter, onLabelsChange, withNaming } from './labels.js';
import type { Labels, Naming } from './labels.js';

export { PulsoOptionError, listOption, numberOption, textOption } from './options.js';
export type { RenderContext } from './render-context.js';

export const TOOLTIP_ID = 'pulso-tooltip';

/**
 * A selection without "Others" as its segment: that mark stands for many values no
 * filter names, so it cross-filters by what else it says (its period, its cohort), or
 * selects nothing.
 */
function withoutOthers(detail: PulsoSelectDetail | undefined): PulsoSelectDetail | undefined {
  if (detail?.filters.segment !== OTHERS) return detail;
  const filters = { ...detail.filters };
  delete filters.segment;
  return Object.keys(filters).length > 0 ? { ...detail, filters } : undefined;
}

/** What a mark's tooltip says. */
export interface TipContent {
  title: string;
  lines: TooltipLine[];
}

/** What a mark stands for: its tooltip, and what choosing it selects (nothing to filter by: undefined). */
export interface MarkInfo {
  tip?: TipContent;
  select?: PulsoSelectDetail;
}

/** The table view (and CSV export) of a result: its columns and rows. */
export interface TableSpec {
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
}

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
export abstract class PulsoChartElement<R> extends LitElement {
  // Only a result is laid out by the width (states and skeletons are not): see ResizeController.
  protected readonly resize = new ResizeController(this, () => this.data.value !== undefined);

  protected readonly data = new PulsoDataController<R>(this, {
    adapter: () => this.adapter,
    source: () => this.source,
    cache: () => ({ mode: this.cache, scope: this.cacheScope, worker: this.worker }),
    plan: () => this.plan(),
    result: (answers) => this.result(answers),
    view: () => this.resultOptions(),
    onShared: () => void (this.apart = true),
  });

  /** The next render goes in a task of its own (see scheduleUpdate): something reached every widget at once. */
  private apart = true;

  protected readonly marks = new MarksNavController(this, {
    onActivate: (mark, pos) => this.showTip(mark, pos),
    onSelect: (mark, pos) => this.selectMark(mark, pos),
    onDismiss: () => this.hideTip(),
  });

  private readonly themes = new ThemeController(this);

  /** Whether the table view is wider than the box (measured after drawing). */
  protected readonly scrollCue = new ScrollCueController(this);

  /** The data source as an object; wins over `source` and the dashboard. */
  @property({ attribute: false }) adapter?: Adapter;
  /** A registered adapter name or the base URL of a JSON API. */
  @property() source?: string;
  /** `pt-BR`, `en` or `es`; else the dashboard's, else the nearest `lang`, else the browser's language. */
  @property() locale?: string;
  /** `light` or `dark`; else the dashboard's; by default the page's `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: string;
  /** The chart title; each widget has a translated default. */
  @property() heading?: string;
  /** IANA time zone of period boundaries and dates (default: the dashboard's, else UTC). */
  @property({ attribute: 'time-zone' }) timeZone?: string;
  /**
   * `persistent` (IndexedDB), `memory` or `off`; else the dashboard's. Default:
   * persistent with a `cache-scope`, memory without (persistent needs a scope).
   */
  @property() cache?: string;
  /** The signed-in user or tenant id: cached tables of one scope are never read under another. */
  @property({ attribute: 'cache-scope' }) cacheScope?: string;
  /** `off`: load and compute on the main thread (in short tasks), not in Pulso's worker; `auto`: in the worker where it can. Else the dashboard's, else the page's. */
  @property() worker?: string;
  /**
   * Names for codes, `{ column: { value: name } }` (SPEC §4): a property, or JSON in the
   * attribute. Wins over the dashboard's, `registerLabels` and the built-in names.
   */
  @property({ converter: labelsConverter }) labels?: Labels;
  /** The heading level of the title (1–6, default 3), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel?: number;
  /**
   * CSV values: `rounded` (default: durations in hours, rates in % with 1 decimal, units in
   * the headers) or `raw` (as computed: durations in ms, rates as fractions 0–1).
   */
  @property({ attribute: 'export-precision' }) exportPrecision?: string;
  /**
   * How a CSV names its range, filters and source: `columns` (default: three columns on
   * every row, safe for Excel and tools that read the first row as the header), `comment`
   * (a first line `# …` above the header) or `none`.
   */
  @property({ attribute: 'export-metadata' }) exportMetadata?: string;
  /** The data source's name in an export's source line (default: the adapter's id or the source's host). */
  @property({ attribute: 'source-label' }) sourceLabel?: string;

  @state() protected view: ChartView = 'chart';
  @state() protected tableSort?: TableSort;
  @state() protected tip?: OpenTip;

  /** The data the open tooltip was made from. */
  private tipFrom?: DataValue<R>;

  /** Resolved in willUpdate. */
  protected resolvedLocale: Locale = 'en';

  /** The widget's queries, from its options (own, else the dashboard's); throws on a bad option. */
  protected abstract plan(): WidgetPlan;
  /** The widget's result from the rows its queries answered. */
  protected abstract result(answers: Answers): R;
  protected abstract defaultHeading(locale: Locale): string;
  protected abstract skeleton(): SkeletonShape;
  protected abstract isEmpty(result: R): boolean;
  protected abstract summary(result: R, ctx: RenderContext): string;
  protected abstract renderChart(result: R, ctx: RenderContext): TemplateResult;
  /** The table view of `result` (the data shown, which may predate a change of options still loading). */
  protected abstract table(result: R, ctx: RenderContext): TableSpec;
  /** The mark at `pos`: its tooltip and what choosing it selects; undefined for none. */
  protected abstract markAt(mark: Element, pos: MarkPosition, result: R, ctx: RenderContext): MarkInfo | undefined;

  /** The column the widget's segments come from (its `by`), so they are named by that column's labels. */
  protected segmentColumn(): string | undefined {
    return undefined;
  }

  /** The names in force: the widget's labels, its dashboard's, and its segment column. */
  protected get naming(): Naming {
    return { levels: [this.labels, this.data.dashboardContext?.labels], column: this.segmentColumn() };
  }

  /** `fn` with the widget's names in force (labels.ts): every name drawn or exported inside it is resolved. */
  protected named<T>(fn: () => T): T {
    return withNaming(this.naming, fn);
  }

  private stopLabels?: () => void;
  private stopWords?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopLabels = onLabelsChange(() => ((this.apart = true), this.requestUpdate()));
    this.stopWords = onWords(() => ((this.apart = true), this.requestUpdate()));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLabels?.();
    this.stopWords?.();
  }

  /** The locale the widget speaks (its own, else the dashboard's, else the page's). */
  private localeNow(): Locale {
    return elementLocale(this, this.inherited('locale', this.locale));
  }

  /**
   * Each widget's render in a task of its own when what starts it reaches every widget of a
   * dashboard at once, which rendered them all in one task: joining the page (53–64 ms at 1M
   * events, bench/RESULTS.md "Responsive at 1M"), a cross-filter's or range's dimmed redraw,
   * the locale's words or new labels arriving ("Long tasks at 1M (h14task)"). Requests made
   * meanwhile are one render; `updateComplete` waits. Other renders keep Lit's timing.
   */
  protected override async scheduleUpdate(): Promise<void> {
    // Its locale's words (catalogs.ts) asked for now: until they come it shows its skeleton,
    // then renders again in them (or in English, or says they failed).
    void localeLoading(this.localeNow())?.then(() => this.requestUpdate());
    warmUp(this.localeNow());
    if (this.apart) {
      this.apart = false;
      await nextTask();
    }
    super.scheduleUpdate();
  }

  /** Options that only change how the answers become the result: a change makes it again, with no query run. */
  protected resultOptions(): readonly unknown[] {
    return [];
  }

  protected renderLegend(_result: R, _ctx: RenderContext): TemplateResult | typeof nothing {
    return nothing;
  }

  /** Whether the summary is shown on screen too (a widget whose summary is its finding in words). */
  protected summaryVisible(): boolean {
    return false;
  }

  /** The formats the Download menu offers: all, unless the view is not an SVG chart. */
  protected exportKinds(): readonly ExportKind[] {
    return ['csv', 'svg', 'png'];
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

  /** An option of the widget's own, else the dashboard's, else undefined (read at use time). */
  protected inherited(name: Exclude<keyof DashboardDefaults, 'minCellSize'>, own: string | undefined): string | undefined {
    return textOption(own) ?? textOption(this.data.dashboardContext?.defaults[name]);
  }

  /** The small-cell threshold in force: the widget's own `min-cell-size`, else the dashboard's. */
  protected smallCells(own: number | undefined): number | undefined {
    return numberOption(own) ?? numberOption(this.data.dashboardContext?.defaults.minCellSize);
  }

  /** The time zone in force: the widget's, else the dashboard's. */
  protected get zone(): string | undefined {
    return this.inherited('timeZone', this.timeZone);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A locale switched at run time takes effect once its words are in: until then the
    // widget keeps the words it has (rather than its skeleton).
    const wanted = this.localeNow();
    if (!this.hasUpdated || wordsState(wanted) !== 'loading' || wordsState(this.resolvedLocale) !== 'ready') this.resolvedLocale = wanted;
    this.themes.apply(this.inherited('theme', this.theme));
    // A new result, locale or view makes the open tooltip point at stale geometry.
    const value = this.data.value;
    if (changed.has('locale') || (changed as Map<PropertyKey, unknown>).has('view') || value !== this.tipFrom) this.tip = undefined;
    this.tipFrom = value;
    if (this.view === 'table') adoptTableStyles(this.renderRoot);
  }

  protected get context(): RenderContext {
    return renderContext(this.resolvedLocale, this.zone, this.resize.width);
  }

  private showTip(mark: Element, pos: MarkPosition): void {
    const value = this.data.value;
    const box = this.renderRoot.querySelector('.pulso-frame-chart');
    if (!value || !box) return;
    const content = this.named(() => this.markAt(mark, pos, value.result, this.context)?.tip);
    if (!content) return;
    describeBy(this.renderRoot, mark, TOOLTIP_ID);
    this.tip = { ...content, ...anchorOf(mark, box) };
  }

  private hideTip(): void {
    this.tip = undefined;
  }

  protected toggleView(): void {
    this.view = this.view === 'chart' ? 'table' : 'chart';
    // The table's code comes on first use: until then its box says so; then the widget renders again.
    if (this.view === 'table' && !tableViewReady()) this.tableLoading = loadTableView().then(() => this.requestUpdate(), () => this.requestUpdate());
  }

  /** The table view's code on its way (see toggleView). */
  private tableLoading?: Promise<void>;

  /** Settles once the widget shows what was asked: a table whose code was on its way included. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let words = localeLoading(this.localeNow()); words; words = localeLoading(this.localeNow())) {
      await words;
      done = await super.getUpdateComplete();
    }
    while (this.tableLoading) {
      const waiting = this.tableLoading;
      await waiting;
      if (this.tableLoading === waiting) this.tableLoading = undefined;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  private selectMark(mark: Element, pos: MarkPosition): void {
    const value = this.data.value;
    if (!value) return;
    const detail = withoutOthers(this.named(() => this.markAt(mark, pos, value.result, this.context)?.select));
    if (!detail) return;
    this.dispatchEvent(new CustomEvent<PulsoSelectDetail>('pulso-select', { bubbles: true, composed: true, detail }));
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
  exportMeta(locale: Locale = this.resolvedLocale): ExportMeta | undefined {
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
  exportCsvText(): string | undefined {
    const value = this.data.value;
    const meta = this.exportMeta();
    if (!value || !meta) return undefined;
    const locale = this.resolvedLocale;
    const { columns, rows } = this.named(() => {
      const spec = this.table(value.result, this.context);
      return namedTable(spec.columns, spec.rows, locale);
    });
    return exportCsv(columns, rows, { locale, meta, ...this.csvOptions() });
  }

  private csvOptions(): { precision?: ExportPrecision; metadata?: ExportMetadata } {
    return {
      precision: textOption(this.exportPrecision) as ExportPrecision | undefined,
      metadata: textOption(this.exportMetadata) as ExportMetadata | undefined,
    };
  }

  /** Downloads the rows (CSV) or the drawn chart with its title, range, filters, legend and source (SVG, PNG). */
  async export(kind: ExportKind): Promise<void> {
    const value = this.data.value;
    const meta = this.exportMeta();
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
      ...this.csvOptions(),
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
    const locale = this.resolvedLocale;
    const words = wordsState(locale);
    // No title yet: it is words too.
    if (words !== 'ready') return html`<div part="frame" class="pulso-frame">${renderWordsState(words, locale, this.skeleton())}</div>`;
    return this.named(() => this.renderNamed());
  }

  private renderNamed(): unknown {
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
