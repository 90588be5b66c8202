// What every chart widget shares (issue 4): the data controller, locale, theme,
// the chart/table frame, states, tooltips for pointer and keyboard, exports and
// the `pulso-select` event. A widget says which tables it needs, computes its
// rows, and draws them; this class does the rest the same way for all of them.
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Adapter } from '../../src/adapters/types.js';
import { rowsToCsv } from '../../src/data/csv-export.js';
import type { CsvColumn } from '../../src/data/csv-export.js';
import type { NormalizedTables, TableName } from '../../src/data/schema.js';
import { formatters } from '../../src/i18n/format.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import { ContextConsumer } from '@lit/context';
import { renderChartFrame } from './chart-frame.js';
import { pulsoDashboardContext } from './context.js';
import type { DashboardDefaults } from './context.js';
import type { ChartView, ExportKind } from './chart-frame.js';
import { PulsoDataController } from './data-controller.js';
import type { DataValue } from './data-controller.js';
import { downloadBlob, exportFilename, serializeSvg, svgToPngBlob } from './export.js';
import { elementLocale } from './locale.js';
import { MarksNavController } from './marks-nav.js';
import type { MarkPosition } from './marks-nav.js';
import { ResizeController } from './resize-controller.js';
import { renderEmpty, renderError, renderLoading, renderNoSource, renderNotices } from './states.js';
import type { SkeletonShape } from './states.js';
import { renderTableView } from './table-view.js';
import type { TableColumn, TableRow, TableSort } from './table-view.js';
import { renderTooltip } from './tooltip.js';
import { t } from './strings.js';
import type { TooltipLine } from './tooltip.js';
import type { PulsoSelectDetail } from './events.js';

export const TOOLTIP_ID = 'pulso-tooltip';

/** Dashboard defaults and the attribute that, when present on the widget, overrides each. */
const DEFAULT_ATTRIBUTES: Readonly<Record<keyof DashboardDefaults, string>> = {
  from: 'from',
  to: 'to',
  period: 'period',
  locale: 'locale',
  theme: 'theme',
  timeZone: 'time-zone',
};

/** What a mark's tooltip says. */
export interface TipContent {
  title: string;
  lines: TooltipLine[];
}

interface OpenTip extends TipContent {
  x: number;
  y: number;
  width: number;
}

/** Everything a widget's draw functions need, resolved once per render. */
export interface RenderContext {
  locale: Locale;
  f: Formatters;
  width: number;
}

/** Raised when the metric rejects an option; the error state says "a setting is not valid". */
export class PulsoOptionError extends Error {
  readonly code = 'option';
  constructor(cause: Error) {
    super(cause.message, { cause });
    this.name = 'PulsoOptionError';
  }
}

/** Attribute value → list: `"a, b,c"` → ['a', 'b', 'c']; arrays pass through. */
export function listOption(value: readonly string[] | string | undefined): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? value.split(',') : [...value];
  const clean = list.map((s) => String(s).trim()).filter((s) => s !== '');
  return clean.length ? clean : undefined;
}

/** An empty attribute means "not set" for a string option. */
export function textOption(value: string | undefined | null): string | undefined {
  const v = typeof value === 'string' ? value.trim() : undefined;
  return v ? v : undefined;
}

/**
 * The base of every chart widget.
 *
 * @fires pulso-select - A mark was clicked or chosen with Enter/Space; `detail` names what it stands for.
 * @fires pulso-data-error - Loading or computing failed; `detail.error` says why.
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
  });

  protected readonly marks = new MarksNavController(this, {
    onActivate: (mark, pos) => this.showTip(mark, pos),
    onSelect: (mark, pos) => this.selectMark(mark, pos),
    onDismiss: () => this.hideTip(),
  });

  /** Takes the dashboard's range, period, locale, theme and zone where the widget has no attribute of its own. */
  protected readonly dashboardDefaults = new ContextConsumer(this, {
    context: pulsoDashboardContext,
    subscribe: true,
    callback: (value) => this.applyDefaults(value?.defaults ?? {}),
  });
  /** The values properties had before the dashboard set them, to restore when it unsets them. */
  #ownValues = new Map<string, unknown>();

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

  @state() protected view: ChartView = 'chart';
  @state() protected tableSort?: TableSort;
  @state() protected tip?: OpenTip;

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
  protected abstract tableColumns(ctx: RenderContext): readonly TableColumn[];
  protected abstract tableRows(result: R): readonly TableRow[];
  /** The tooltip of the mark at `pos`, or undefined for none. */
  protected abstract tipFor(mark: Element, pos: MarkPosition, result: R, ctx: RenderContext): TipContent | undefined;
  /** What a chosen mark stands for, or undefined when it stands for nothing to filter by. */
  protected abstract selectionFor(mark: Element, pos: MarkPosition, result: R): PulsoSelectDetail | undefined;

  protected renderLegend(_result: R, _ctx: RenderContext): TemplateResult | typeof nothing {
    return nothing;
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

  private applyDefaults(defaults: DashboardDefaults): void {
    const self = this as unknown as Record<string, unknown>;
    for (const [name, attribute] of Object.entries(DEFAULT_ATTRIBUTES) as [keyof DashboardDefaults, string][]) {
      // An attribute the host wrote wins; one reflected from the dashboard's own value does not.
      if (!(name in this) || (this.hasAttribute(attribute) && !this.#ownValues.has(name))) continue;
      const value = defaults[name];
      if (value !== undefined) {
        if (!this.#ownValues.has(name)) this.#ownValues.set(name, self[name]);
        if (self[name] !== value) self[name] = value;
      } else if (this.#ownValues.has(name)) {
        self[name] = this.#ownValues.get(name);
        this.#ownValues.delete(name);
      }
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.resolvedLocale = elementLocale(this, this.locale);
    // A new result or new options make the open tooltip point at stale geometry.
    if (changed.has('locale') || (changed as Map<PropertyKey, unknown>).has('view')) this.tip = undefined;
  }

  protected get context(): RenderContext {
    const zone = textOption(this.timeZone);
    let f: Formatters;
    try {
      f = formatters(this.resolvedLocale, zone);
    } catch {
      f = formatters(this.resolvedLocale); // a bad zone is reported by the metric, which throws
    }
    return { locale: this.resolvedLocale, f, width: this.resize.width };
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
    for (const m of this.renderRoot.querySelectorAll('[aria-describedby="' + TOOLTIP_ID + '"]'))
      if (m !== mark) m.removeAttribute('aria-describedby');
    mark.setAttribute('aria-describedby', TOOLTIP_ID);
    const r = mark.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    this.tip = { ...content, x: r.left + r.width / 2 - b.left, y: r.top - b.top, width: b.width };
  }

  private hideTip(): void {
    this.tip = undefined;
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
    const title = this.title_(ctx.locale);
    if (kind === 'csv') {
      const columns: CsvColumn[] = this.tableColumns(ctx).map((c) => ({ key: c.key, header: c.header }));
      const csv = rowsToCsv(this.tableRows(value.result) as unknown as Record<string, unknown>[], { columns, locale: ctx.locale });
      await downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), exportFilename(title, 'csv'));
      return;
    }
    const back = this.view;
    if (back !== 'chart') {
      this.view = 'chart';
      await this.updateComplete;
    }
    try {
      const svg = this.renderRoot.querySelector<SVGSVGElement>('svg.pulso-chart');
      if (!svg) return;
      const text = serializeSvg(svg, { title });
      if (kind === 'svg') {
        await downloadBlob(new Blob([text], { type: 'image/svg+xml' }), exportFilename(title, 'svg'));
      } else {
        const { width, height } = svg.getBoundingClientRect();
        await downloadBlob(await svgToPngBlob(text, width, height), exportFilename(title, 'png'));
      }
    } finally {
      if (back !== 'chart') this.view = back;
    }
  }

  private title_(locale: Locale): string {
    return textOption(this.heading) ?? this.defaultHeading(locale);
  }

  private onExport(kind: ExportKind): void {
    this.export(kind).catch((e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      this.dispatchEvent(new CustomEvent('pulso-data-error', { bubbles: true, composed: true, detail: { error } }));
    });
  }

  override render(): unknown {
    const locale = this.resolvedLocale;
    const title = this.title_(locale);
    return this.data.render({
      initial: (reason) =>
        reason === 'no-source'
          ? this.renderState(title, renderNoSource(locale))
          : reason === 'unregistered'
            ? this.renderState(title, renderEmpty(locale, t(locale, 'unregistered', { name: textOption(this.source) ?? '' })))
            : this.renderState(title, renderLoading(this.skeleton(), locale)),
      pending: () =>
        this.data.value
          ? this.renderResult(this.data.value, title, true)
          : this.renderState(title, renderLoading(this.skeleton(), locale)),
      complete: (value) => this.renderResult(value, title, false),
      error: (error) => this.renderState(title, renderError(error, locale, () => void this.data.retry())),
    });
  }

  /** The title above a state (loading, empty, error) so the widget keeps its place and name. */
  protected renderState(title: string, body: unknown, notices: unknown = nothing): TemplateResult {
    return html`<figure part="frame" class="pulso-frame" aria-label=${title}>
      <div part="header" class="pulso-frame-header">
        <h3 part="title" class="pulso-frame-title">${title}</h3>
      </div>
      ${notices} ${body}
    </figure>`;
  }

  protected renderResult(value: DataValue<R>, title: string, updating: boolean): TemplateResult {
    const ctx = this.context;
    const extra = this.extraNotices(value.result, ctx);
    // On a dashboard's data, the dashboard says once what was skipped.
    const shared = this.dashboardDefaults.value?.notices === true && !this.adapter && !textOption(this.source);
    const notices = html`${shared ? nothing : renderNotices(value.report, ctx.locale)}${extra.length
      ? html`<ul class="pulso-notices pulso-widget-notices" role="status">
          ${extra.map((n) => html`<li>${n}</li>`)}
        </ul>`
      : nothing}`;
    if (this.isEmpty(value.result))
      return this.renderState(title, renderEmpty(ctx.locale, this.emptyMessage(ctx.locale)), notices);
    const tip = this.tip;
    const chart = html`${this.renderChart(value.result, ctx)}
      ${renderTooltip({
        open: tip !== undefined,
        x: tip?.x ?? 0,
        y: tip?.y ?? 0,
        containerWidth: tip?.width ?? ctx.width,
        lines: tip?.lines ?? [],
        title: tip?.title,
        id: TOOLTIP_ID,
      })}`;
    const columns = this.tableColumns(ctx);
    const frame = renderChartFrame({
      title,
      summary: this.summary(value.result, ctx),
      locale: ctx.locale,
      view: this.view,
      onToggleView: () => {
        this.view = this.view === 'chart' ? 'table' : 'chart';
      },
      onExport: (kind) => this.onExport(kind),
      chart,
      table: renderTableView({
        caption: title,
        columns,
        rows: this.tableRows(value.result),
        locale: ctx.locale,
        timeZone: textOption(this.timeZone),
        sortable: true,
        sort: this.tableSort,
        onSort: (sort) => {
          this.tableSort = sort;
        },
        suppressedLabel: () => this.suppressedLabel() ?? '—',
      }),
      legend: this.renderLegend(value.result, ctx),
      controls: this.renderControls(ctx),
      notices,
    });
    return updating ? html`<div class="pulso-updating" aria-busy="true">${frame}</div>` : frame;
  }
}
