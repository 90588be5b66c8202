// <pulso-kpi metric="…"> (SPEC §3.7, issue 5): one headline card — the value over
// the range, its change against the previous range of the same length with a
// direction (better / worse / too small to call), what it counts, and a sparkline
// per period. Compact: the base's toolbar is replaced by two small buttons.
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { KPI_POLARITY, kpiLayout } from '../../src/charts/kpi.js';
import type { KpiLayout } from '../../src/charts/kpi.js';
import { KPI_METRICS } from '../../src/metrics/kpis.js';
import type { KpiMetric } from '../../src/metrics/kpis.js';
import type { Locale } from '../../src/i18n/messages.js';
import { PulsoChartElement, numberOption, TOOLTIP_ID, listOption, textOption } from '../shared/chart-element.js';
import type { MarkInfo, RenderContext, TableSpec } from '../shared/chart-element.js';
import type { Answers, DataValue, WidgetPlan } from '../shared/data-controller.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import type { SkeletonShape } from '../shared/states.js';
import { renderTableViewWhenLoaded } from '../shared/table-view-load.js';
import { t } from '../shared/strings.js';
import { whenUpdating, withTooltip } from '../shared/widget-frame.js';
import { SPARK_HEIGHT, SPARK_MARGINS, cardFigures, renderCard, renderCardFrame, sparkWidth } from './card-view.js';
import type { FigureLine } from '../shared/export-figure.js';
import type { ExportRange } from '../shared/export-meta.js';
import { bandInRowUnit } from './format.js';
import { coordinator } from '../../src/source/coordinator.js';
import { kpiPlan, kpiResult } from './queries.js';
import type { KpiInput } from './queries.js';
import { styles } from './pulso-kpi.styles.js';
import { kpiTableColumns, kpiTableRows, valueHidden } from './table.js';
import type { KpiResult } from './types.js';
import { kpiSummary, metricName, pointTip } from './words.js';
import { tk } from './strings.js';

export type { KpiResult } from './types.js';

/** The table each card counts from, for its empty message. */
const COUNTED: Readonly<Record<KpiMetric, 'emptyCustomers' | 'emptySurveys' | 'emptyTickets' | 'emptyActivity'>> = {
  churnRate: 'emptyCustomers',
  nps: 'emptySurveys',
  csat: 'emptySurveys',
  ces: 'emptySurveys',
  fcr: 'emptyTickets',
  firstResponseMedian: 'emptyTickets',
  resolutionMedian: 'emptyTickets',
  ticketVolume: 'emptyTickets',
  activation: 'emptyActivity',
  adoption: 'emptyActivity',
};

const isMetric = (m: string): m is KpiMetric => (KPI_METRICS as readonly string[]).includes(m);

/**
 * A headline KPI card: value, change since the previous range, and a sparkline.
 *
 * @fires pulso-select - A sparkline point was clicked or chosen with Enter: `detail.filters.period` is its period key.
 * @fires pulso-data-error - Loading or computing failed.
 * @csspart frame - The card.
 * @csspart title - The card title.
 * @csspart toolbar - The table toggle and the download menu.
 * @csspart value - The headline value.
 * @csspart delta - The change since the previous range, with its arrow.
 * @csspart evidence - Whether the change is likely real, could be chance, or rests on too few, with its interval.
 * @csspart chart - The value, change and sparkline.
 * @csspart table - The table view.
 * @csspart tooltip - The tooltip of the active sparkline point.
 * @cssprop --pulso-good - Colour of a change for the better.
 * @cssprop --pulso-bad - Colour of a change for the worse.
 * @cssprop --pulso-kpi-line - Colour of the sparkline.
 * @cssprop --pulso-fg - Text colour.
 * @cssprop --pulso-muted - Secondary text colour.
 * @cssprop --pulso-focus - Focus ring.
 */
@customElement('pulso-kpi')
export class PulsoKpi extends PulsoChartElement<KpiResult> {
  static override styles = styles;

  /** Which card: churnRate, nps, csat, ces, fcr, firstResponseMedian, resolutionMedian, ticketVolume, activation, adoption. */
  @property() metric = '';
  /** Start of the range (ISO-8601); with it, `range` is ignored (default: the dashboard's). */
  @property() from?: string;
  /** End of the range, exclusive (ISO-8601); default the dashboard's, else `as-of`, else now. */
  @property() to?: string;
  /** The end of the range when `to` is not set (default now). */
  @property({ attribute: 'as-of' }) asOf?: string;
  /** Length of the range when `from` is not set: ISO-8601 duration, default P30D. */
  @property() range?: string;
  /** Sparkline period: day, week, month, quarter, year, or `none` for no sparkline (default: the dashboard's period, else month). */
  @property({ attribute: 'spark-unit' }) sparkUnit?: string;
  /** How many periods the sparkline shows, ending with the range (default 12). */
  @property({ attribute: 'spark-periods', type: Number }) sparkPeriods?: number;
  /** Activation: how soon after signing up activity counts (ISO-8601 duration, default P7D). */
  @property({ attribute: 'activation-window' }) activationWindow?: string;
  /** Activation: the events that count (comma-separated; default every event but signup, sign_up and signup_*). */
  @property({ attribute: 'activation-events' }) activationEvents?: string | string[];
  /** Adoption: the feature events (comma-separated); required for that card. */
  @property() features?: string | string[];
  /** CSAT: a score at least this is satisfied (default 4 of 5). */
  @property({ attribute: 'satisfied-min', type: Number }) satisfiedMin?: number;
  /** Values counting fewer than this many are hidden ("< k"); 0 = off (default: the dashboard's). */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /** Changes smaller than this are neutral, in the unit shown (percentage points for rates, minutes…). */
  @property({ attribute: 'neutral-band', type: Number }) neutralBand?: number;
  /** Which way is good: up, down or neutral (default per metric: down for churn, CES and times). */
  @property() polarity?: string;
  /** A change over fewer than this in either range is not judged: "too few to compare" (default 30). */
  @property({ attribute: 'min-sample', type: Number }) minSample?: number;

  /** "Now" for a card without `to` or `as-of`: read when its options change or it runs again, so a drawn card does not move. */
  private clock?: { key: string; now: number };

  private input(): KpiInput {
    const input: Omit<KpiInput, 'now' | 'neutralBand' | 'polarity'> = {
      metric: this.metric,
      from: this.inherited('from', this.from),
      to: this.inherited('to', this.to),
      asOf: textOption(this.asOf),
      range: textOption(this.range),
      sparkUnit: textOption(this.sparkUnit) ?? this.inherited('period', undefined),
      sparkPeriods: numberOption(this.sparkPeriods),
      activationWindow: textOption(this.activationWindow),
      activationEvents: listOption(this.activationEvents),
      minSample: numberOption(this.minSample),
      features: listOption(this.features),
      satisfiedMin: numberOption(this.satisfiedMin),
      minCellSize: this.smallCells(this.minCellSize),
      timeZone: this.zone,
    };
    // A retry or new data reads the time again: data that came since counts.
    const key = JSON.stringify([input, this.data.runs]);
    if (this.clock?.key !== key) this.clock = { key, now: coordinator.now() };
    return { ...input, ...this.judging(), now: this.clock.now };
  }

  /** How the change is judged: drawn from the same answers when only these change. */
  private judging(): Pick<KpiInput, 'neutralBand' | 'polarity'> {
    return { neutralBand: numberOption(this.neutralBand), polarity: textOption(this.polarity) };
  }

  protected override resultOptions(): readonly unknown[] {
    return Object.values(this.judging());
  }

  protected plan(): WidgetPlan {
    if (this.hasAttribute('period')) throw new RangeError("period is not an option of a KPI card: the sparkline's period is spark-unit (day, week, month, quarter, year or none)");
    return kpiPlan(this.input());
  }

  protected result(answers: Answers): KpiResult {
    return kpiResult(answers, this.input());
  }

  protected defaultHeading(locale: Locale): string {
    return isMetric(this.metric) ? metricName(locale, this.metric, listOption(this.features)) : 'KPI';
  }

  protected skeleton(): SkeletonShape {
    return 'card';
  }

  protected isEmpty(r: KpiResult): boolean {
    const none = (n: number | null) => n === 0;
    return none(r.row.n) && (none(r.row.previousN) || r.row.previousN === null) && !(r.spark ?? []).some((p) => p.n);
  }

  protected override emptyMessage(locale: Locale, filters?: string): string {
    const counted = isMetric(this.metric) ? COUNTED[this.metric] : 'emptyCustomers';
    return filters ? tk(locale, `${counted}Filtered`, { filters }) : tk(locale, counted);
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.smallCells(this.minCellSize) || '' });
  }

  /** The card's numbers, direction and sparkline geometry, from the row through `kpiLayout`. */
  layoutOf(r: KpiResult, width: number): KpiLayout {
    return kpiLayout(
      { ...r.row, sparkline: r.spark ?? undefined },
      { width: sparkWidth(width), height: SPARK_HEIGHT, margin: SPARK_MARGINS,
        polarity: r.polarity, neutralBand: bandInRowUnit(r.metric, r.neutralBand) },
    );
  }

  protected summary(r: KpiResult, ctx: RenderContext): string {
    const l = this.layoutOf(r, ctx.width);
    return kpiSummary(r, l, valueHidden(r.row), ctx.f, (textOption(this.polarity) ?? KPI_POLARITY[r.metric]) === 'neutral');
  }

  protected renderChart(r: KpiResult, ctx: RenderContext): TemplateResult {
    const heading = textOption(this.heading) ?? this.defaultHeading(ctx.locale);
    return renderCard(r, this.layoutOf(r, ctx.width), valueHidden(r.row), heading, ctx);
  }

  /** The base's frame, made compact: two icon buttons instead of the toolbar, no legend. */
  protected override renderResult(value: DataValue<KpiResult>, title: string, updating: boolean): TemplateResult {
    const ctx = this.context;
    const r = value.result;
    const notices = this.renderNoticesOf(value, ctx);
    if (this.isEmpty(r)) return this.renderEmptyOf(value, title, ctx, notices);
    const frame = renderCardFrame({
      title,
      headingLevel: this.headingLevel,
      summary: this.summary(r, ctx),
      locale: ctx.locale,
      view: this.view,
      onToggleView: () => this.toggleView(),
      onExport: (kind) => this.onExport(kind),
      body: withTooltip(this.renderChart(r, ctx), this.tip, ctx.width, TOOLTIP_ID),
      table: () =>
        renderTableViewWhenLoaded({
          caption: title,
          ...this.table(r, ctx),
          locale: ctx.locale,
          timeZone: textOption(this.timeZone),
          suppressedLabel: () => this.suppressedLabel(),
        }),
      tableHint: this.view === 'table' && this.scrollCue.tableScrolls ? t(ctx.locale, 'scrollColumns') : undefined,
      notices,
    });
    return whenUpdating(frame, updating);
  }

  /** The headline range itself, which `range` and `as-of` may have set rather than `from`/`to`. */
  protected override exportRange(r: KpiResult): ExportRange {
    return { from: r.from, to: r.to };
  }

  /** An exported card is not a bare sparkline: value, interval, change and count above it. */
  protected override exportFigures(r: KpiResult, ctx: RenderContext): FigureLine[] {
    return cardFigures(r, this.layoutOf(r, ctx.width), valueHidden(r.row), ctx);
  }

  protected table(r: KpiResult, ctx: RenderContext): TableSpec {
    return { columns: kpiTableColumns(r.metric, ctx.locale), rows: kpiTableRows(r, ctx.f) };
  }

  protected markAt(_mark: Element, pos: MarkPosition, r: KpiResult, ctx: RenderContext): MarkInfo | undefined {
    const p = r.spark?.[pos.col];
    if (!p) return undefined;
    const select = r.period
      ? { widget: this.localName, filters: { period: p.period }, periodUnit: r.period, row: { metric: r.metric, ...p } }
      : undefined;
    return { tip: pointTip(r, pos.col, ctx.f), select };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-kpi': PulsoKpi;
  }
}
