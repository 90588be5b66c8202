// <pulso-kpi metric="…"> (SPEC §3.7, issue 5): one headline card — the value over
// the range, its change against the previous range of the same length with a
// direction (better / worse / too small to call), what it counts, and a sparkline
// per period. Compact: the base's toolbar is replaced by two small buttons.
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { KPI_POLARITY, kpiLayout } from '../../src/charts/kpi.js';
import type { KpiLayout } from '../../src/charts/kpi.js';
import { kpis } from '../../src/metrics/kpis.js';
import type { KpiMetric, KpiPoint, KpiRow } from '../../src/metrics/kpis.js';
import type { NormalizedTables, TableName } from '../../src/data/schema.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import { PulsoChartElement, numberOption, TOOLTIP_ID, listOption, textOption } from '../shared/chart-element.js';
import type { RenderContext, TipContent } from '../shared/chart-element.js';
import type { DataValue } from '../shared/data-controller.js';
import type { PulsoSelectDetail } from '../shared/events.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import { renderEmpty } from '../shared/states.js';
import type { SkeletonShape } from '../shared/states.js';
import { renderTableView } from '../shared/table-view.js';
import type { TableColumn, TableRow } from '../shared/table-view.js';
import { t } from '../shared/strings.js';
import { whenUpdating, withTooltip } from '../shared/widget-frame.js';
import { SPARK_HEIGHT, SPARK_MARGINS, renderCard, renderCardFrame, sparkWidth } from './card-view.js';
import { bandInRowUnit } from './format.js';
import { checkBand, checkMetric, checkPolarity, checkSparkPeriods, resolveRange, sparkPeriod, sparkWindow } from './options.js';
import { styles } from './pulso-kpi.styles.js';
import { kpiTableColumns, kpiTableRows, valueHidden } from './table.js';
import { kpiSummary, metricName, pointTip } from './words.js';
import { tk } from './strings.js';

export interface KpiResult {
  metric: KpiMetric;
  /** The headline row over [from, to) (its own `sparkline` unused). */
  row: KpiRow;
  /** One point per period of the sparkline window; null with `period="none"`. */
  spark: KpiPoint[] | null;
  period: Period | null;
  from: number;
  to: number;
  /** The last sparkline period is cut short by `to`. */
  partialLast: boolean;
  /** The small-cell threshold in force (0 = off). */
  k: number;
  /** The checked `neutral-band` and `polarity` the card was computed with (render never throws on them). */
  neutralBand: number | undefined;
  polarity: KpiLayout['polarity'] | undefined;
  features: string[] | undefined;
}

const TABLES: Readonly<Record<KpiMetric, readonly TableName[]>> = {
  churnRate: ['customers'],
  nps: ['surveys'],
  csat: ['surveys'],
  ces: ['surveys'],
  fcr: ['tickets'],
  firstResponseMedian: ['tickets'],
  resolutionMedian: ['tickets'],
  ticketVolume: ['tickets'],
  activation: ['customers', 'activity'],
  adoption: ['activity'],
};

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
  /** Start of the range (ISO-8601); with it, `range` is ignored. */
  @property() from?: string;
  /** End of the range, exclusive (ISO-8601); default `as-of`, else now. */
  @property() to?: string;
  /** The end of the range when `to` is not set (default now). */
  @property({ attribute: 'as-of' }) asOf?: string;
  /** Length of the range when `from` is not set: ISO-8601 duration, default P30D. */
  @property() range?: string;
  /** Sparkline period: day, week, month (default), quarter, year, or `none` for no sparkline. */
  @property() period = 'month';
  /** How many periods the sparkline shows, ending with the range (default 12). */
  @property({ attribute: 'spark-periods', type: Number }) sparkPeriods?: number;
  /** Activation: how soon after signing up activity counts (ISO-8601 duration, default P7D). */
  @property({ attribute: 'activation-window' }) activationWindow?: string;
  /** Adoption: the feature events (comma-separated); required for that card. */
  @property() features?: string | string[];
  /** CSAT: a score at least this is satisfied (default 4 of 5). */
  @property({ attribute: 'satisfied-min', type: Number }) satisfiedMin?: number;
  /** Values counting fewer than this many are hidden ("< k"); 0 = off. */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /** Changes smaller than this are neutral, in the unit shown (percentage points for rates, minutes…). */
  @property({ attribute: 'neutral-band', type: Number }) neutralBand?: number;
  /** Which way is good: up, down or neutral (default per metric: down for churn, CES and times). */
  @property() polarity?: string;

  protected tablesNeeded(): readonly TableName[] {
    return TABLES[this.metric as KpiMetric] ?? [];
  }

  protected optionDeps(): readonly unknown[] {
    return [this.metric, this.from, this.to, this.asOf, this.range, this.period, this.sparkPeriods,
      this.activationWindow, String(listOption(this.features)), this.satisfiedMin, this.minCellSize,
      this.neutralBand, this.polarity, this.timeZone];
  }

  protected compute(tables: NormalizedTables): KpiResult {
    const metric = checkMetric(this.metric);
    checkPolarity(textOption(this.polarity));
    const neutralBand = checkBand(this.neutralBand);
    const polarity = textOption(this.polarity) as KpiLayout['polarity'] | undefined;
    const timeZone = textOption(this.timeZone);
    const features = listOption(this.features);
    if (metric === 'adoption' && !features) throw new RangeError('the adoption card needs features (event names)');
    const { from, to } = resolveRange(
      { from: textOption(this.from), to: textOption(this.to), asOf: textOption(this.asOf), range: textOption(this.range), timeZone },
      Date.now(),
    );
    const options = {
      activationWindow: textOption(this.activationWindow),
      features,
      satisfiedMin: numberOption(this.satisfiedMin),
      minCellSize: numberOption(this.minCellSize),
      timeZone,
    };
    const row = kpis(tables, { ...options, from, to }).find((r) => r.metric === metric)!;
    const period = sparkPeriod(textOption(this.period));
    const count = checkSparkPeriods(numberOption(this.sparkPeriods));
    let spark: KpiPoint[] | null = null;
    let partialLast = false;
    if (period) {
      const w = sparkWindow(period, to, count, timeZone);
      partialLast = w.partialLast;
      spark = kpis(tables, { ...options, from: w.from, to, period }).find((r) => r.metric === metric)!.sparkline ?? [];
    }
    return { metric, row, spark, period, from, to, partialLast, k: numberOption(this.minCellSize) ?? 0, features, neutralBand, polarity };
  }

  protected defaultHeading(locale: Locale): string {
    const metric = TABLES[this.metric as KpiMetric] ? (this.metric as KpiMetric) : undefined;
    return metric ? metricName(locale, metric, listOption(this.features)) : 'KPI';
  }

  protected skeleton(): SkeletonShape {
    return 'card';
  }

  protected isEmpty(r: KpiResult): boolean {
    const none = (n: number | null) => n === 0;
    return none(r.row.n) && (none(r.row.previousN) || r.row.previousN === null) && !(r.spark ?? []).some((p) => p.n);
  }

  protected override emptyMessage(locale: Locale): string {
    const table = this.tablesNeeded().at(-1);
    const key = table === 'surveys' ? 'emptySurveys' : table === 'tickets' ? 'emptyTickets' : table === 'activity' ? 'emptyActivity' : 'emptyCustomers';
    return tk(locale, key);
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.minCellSize || '' });
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
    if (this.isEmpty(r)) return this.renderState(title, renderEmpty(ctx.locale, this.emptyMessage(ctx.locale)), notices);
    const frame = renderCardFrame({
      title,
      summary: this.summary(r, ctx),
      locale: ctx.locale,
      view: this.view,
      onToggleView: () => this.toggleView(),
      onExport: (kind) => this.onExport(kind),
      body: withTooltip(this.renderChart(r, ctx), this.tip, ctx.width, TOOLTIP_ID),
      table: renderTableView({
        caption: title,
        columns: this.tableColumns(ctx),
        rows: this.tableRows(r),
        locale: ctx.locale,
        timeZone: textOption(this.timeZone),
        suppressedLabel: () => this.suppressedLabel(),
      }),
      notices,
    });
    return whenUpdating(frame, updating);
  }

  protected tableColumns(ctx: RenderContext): readonly TableColumn[] {
    return kpiTableColumns(TABLES[this.metric as KpiMetric] ? (this.metric as KpiMetric) : 'nps', ctx.locale);
  }

  protected tableRows(r: KpiResult): readonly TableRow[] {
    return kpiTableRows(r, this.context.f);
  }

  protected tipFor(_mark: Element, pos: MarkPosition, r: KpiResult, ctx: RenderContext): TipContent | undefined {
    return r.spark?.[pos.col] ? pointTip(r, pos.col, ctx.f) : undefined;
  }

  protected selectionFor(_mark: Element, pos: MarkPosition, r: KpiResult): PulsoSelectDetail | undefined {
    const p = r.spark?.[pos.col];
    if (!p || !r.period) return undefined;
    return { widget: this.localName, filters: { period: p.period }, periodUnit: r.period, row: { metric: r.metric, ...p } };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-kpi': PulsoKpi;
  }
}
