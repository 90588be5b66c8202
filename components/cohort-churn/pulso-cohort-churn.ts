// <pulso-cohort-churn> (SPEC §3.1, issue 4): the retention triangle as a
// heatmap, one per segment, or as retention curves (a line per cohort and the
// weighted average; with `by`, the average of each segment).
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { weightedAverage } from '../../src/charts/curves.js';
import type { RetentionMode, RetentionResult, CohortBy } from '../../src/metrics/retention.js';
import { plural } from '../../src/i18n/format-intl.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import { PulsoChartElement, numberOption, listOption, textOption } from '../shared/chart-element.js';
import type { MarkInfo, RenderContext, TableSpec, TipContent } from '../shared/chart-element.js';
import type { Answers, WidgetPlan } from '../shared/data-controller.js';
import type { PulsoSelectDetail } from '../shared/events.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import { othersNotice } from '../shared/notices.js';
import type { SkeletonShape } from '../shared/states.js';
import type { TableColumn } from '../shared/table-view.js';
import { segmentLabel, t } from '../shared/strings.js';
import { intervalText } from '../shared/compare-words.js';
import { renderCurves, curvesLegend } from './curves-view.js';
import { styles } from './pulso-cohort-churn.styles.js';
import { heatmapLegend, heatmapRowAt, renderHeatmap } from './heatmap-view.js';
import { COLOR_DOMAINS, rateDomain } from '../../src/charts/heatmap.js';
import type { ColorDomain, RateDomain } from '../../src/charts/heatmap.js';
import { offsetLabel, tc } from './strings.js';
import type { CohortChart, CohortChurnResult } from './types.js';

export type { CohortChart, CohortChurnResult } from './types.js';

/** Segments shown by default: each is a heatmap of its own. */
const MAX_SEGMENTS = 6;

/**
 * Cohort retention and churn: a heatmap of the retention triangle or retention curves.
 *
 * @fires pulso-select - A cohort cell or a segment's curve was chosen: `detail.filters` has `cohort` and/or `segment`.
 * @fires pulso-data-error - Loading or computing failed.
 * @csspart frame - The figure around title, toolbar and chart.
 * @csspart chart - The chart area.
 * @csspart legend - The colour scale or the line legend.
 * @csspart table - The table view.
 * @csspart tooltip - The tooltip of the active mark.
 * @cssprop --pulso-fg - Text colour.
 * @cssprop --pulso-surface - Background.
 * @cssprop --pulso-focus - Focus ring of marks and buttons.
 */
@customElement('pulso-cohort-churn')
export class PulsoCohortChurn extends PulsoChartElement<CohortChurnResult> {
  static override styles = styles;

  /** Cohort and offset period: day, week, month, quarter, year (default: the dashboard's, else month). */
  @property() period?: Period;
  /** `subscription` (churned_at, default) or `activity` (active in the period). */
  @property() mode: RetentionMode = 'subscription';
  /** `signup` (default) or `first-activity`. */
  @property({ attribute: 'cohort-by' }) cohortBy: CohortBy = 'signup';
  /** Offsets are reported up to this time (default now). */
  @property({ attribute: 'as-of' }) asOf?: string;
  /** Cohorts starting in [from, to): the first instant included (default: the dashboard's). */
  @property() from?: string;
  /** Cohorts starting in [from, to): the first instant left out (default: the dashboard's). */
  @property() to?: string;
  /** The largest offset shown (default: every period up to `as-of`). */
  @property({ attribute: 'max-offset', type: Number }) maxOffset?: number;
  /** A customer attribute to break cohorts down by. */
  @property() by?: string;

  protected override segmentColumn(): string | undefined {
    return textOption(this.by);
  }
  /** Segments shown with `by`, “Others” included: those with the fewest customers past it are grouped (default 6). */
  @property({ attribute: 'max-segments', type: Number }) maxSegments?: number;
  /** Cohorts with fewer customers than this are shown without counts. */
  @property({ attribute: 'min-cohort-size', type: Number }) minCohortSize?: number;
  /** Cells with fewer than this many customers are hidden ("< k"); 0 = off (default: the dashboard's). */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /** In activity mode, the events that count (comma-separated). */
  @property() events?: string | string[];
  /** `heatmap` (default) or `curves`. */
  @property({ reflect: true }) chart: CohortChart = 'heatmap';
  /**
   * The rates the heatmap's colours span: `data` (default: the spread of the rates
   * shown, in 5% steps, offset 0 left out; the legend says the range) or `full` (0–100%).
   */
  @property({ attribute: 'color-domain' }) colorDomain?: string;

  private get periodInForce(): Period {
    return (this.inherited('period', this.period) ?? 'month') as Period;
  }

  /** The colour domain of the heatmap (`color-domain`: `plan` reports a bad one; drawing never throws on it). */
  private domainOf(result: CohortChurnResult): RateDomain {
    const mode = textOption(this.colorDomain) ?? 'data';
    return rateDomain(result.rows, (COLOR_DOMAINS as readonly string[]).includes(mode) ? (mode as ColorDomain) : 'data');
  }

  protected plan(): WidgetPlan {
    rateDomain([], (textOption(this.colorDomain) ?? 'data') as ColorDomain);
    const options = {
      period: this.periodInForce,
      mode: this.mode,
      cohortBy: this.cohortBy,
      asOf: textOption(this.asOf),
      from: this.inherited('from', this.from),
      to: this.inherited('to', this.to),
      maxOffset: numberOption(this.maxOffset),
      by: textOption(this.by),
      maxSegments: textOption(this.by) ? (numberOption(this.maxSegments) ?? MAX_SEGMENTS) : undefined,
      minCohortSize: numberOption(this.minCohortSize),
      minCellSize: this.smallCells(this.minCellSize),
      events: listOption(this.events),
      timeZone: this.zone,
    };
    return { queries: { cohorts: { metric: 'retention', options } } };
  }

  protected result(answers: Answers): CohortChurnResult {
    const rows = answers.cohorts as unknown as RetentionResult;
    const segments = textOption(this.by) ? [...new Set(rows.map((r) => r.segment))] : [undefined];
    const k = this.smallCells(this.minCellSize) ?? 0;
    return {
      rows,
      segments,
      period: this.periodInForce,
      mode: this.mode,
      firstActivity: this.cohortBy === 'first-activity',
      k,
      hidden: k || (numberOption(this.minCohortSize) ?? 0),
    };
  }

  protected defaultHeading(locale: Locale): string {
    if (this.cohortBy === 'first-activity') return tc(locale, 'headingFirst');
    return tc(locale, this.mode === 'activity' ? 'headingActivity' : 'heading');
  }

  protected skeleton(): SkeletonShape {
    return this.chart === 'curves' ? 'line' : 'heatmap';
  }

  protected isEmpty(result: CohortChurnResult): boolean {
    return result.rows.length === 0;
  }

  protected override emptyMessage(locale: Locale, filters?: string): string {
    return filters ? tc(locale, 'emptyFiltered', { filters }) : tc(locale, 'empty');
  }

  protected override extraNotices(result: CohortChurnResult, ctx: RenderContext): string[] {
    // A source computing at a distance may not say how many customers it could not place.
    const { noSignup = 0, noCustomer = 0 } = result.rows.excluded ?? {};
    const out: string[] = [];
    const one = (n: number) => plural(ctx.locale, n) === 'one';
    if (noSignup > 0) out.push(tc(ctx.locale, one(noSignup) ? 'noSignupOne' : 'noSignup', { n: ctx.f.number(noSignup) }));
    if (noCustomer > 0) out.push(tc(ctx.locale, one(noCustomer) ? 'noCustomerOne' : 'noCustomer', { n: ctx.f.number(noCustomer) }));
    return [...out, ...othersNotice(result.rows, 'segment', ctx.locale)];
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.smallCells(this.minCellSize) || this.minCohortSize || 0 });
  }

  protected summary(result: CohortChurnResult, ctx: RenderContext): string {
    const { f, locale } = ctx;
    const cohorts = [...new Set(result.rows.map((r) => r.cohort))].sort();
    const sizes = new Map<string, number>();
    for (const r of result.rows) if (r.offset === 0 && r.size !== null) sizes.set(`${r.cohort}|${r.segment}`, r.size);
    const customers = [...sizes.values()].reduce((a, b) => a + b, 0);
    const head = tc(locale, 'summary', {
      cohorts: f.number(cohorts.length),
      first: f.periodLabel(cohorts[0], result.period, 'long'),
      last: f.periodLabel(cohorts[cohorts.length - 1], result.period, 'long'),
      customers: f.number(customers),
    });
    const avg = weightedAverage(result.rows);
    const picks = avg.filter((p, i) => p.offset > 0 && (i === 1 || i === avg.length - 1));
    if (picks.length === 0) return head;
    const points = picks
      .map((p) => `${offsetLabel(locale, result.period, p.offset)}: ${f.percent(p.rate, 1)}`)
      .join('; ');
    return `${head} ${tc(locale, 'summaryAverage', { points })}`;
  }

  protected renderChart(result: CohortChurnResult, ctx: RenderContext): TemplateResult {
    const label = textOption(this.heading) ?? this.defaultHeading(ctx.locale);
    return this.chart === 'curves' ? renderCurves(label, result, ctx) : renderHeatmap(label, result, ctx, this.domainOf(result));
  }

  protected markAt(mark: Element, pos: MarkPosition, result: CohortChurnResult, ctx: RenderContext): MarkInfo | undefined {
    const tip = this.tipOf(mark, pos, result, ctx);
    const select = this.selectionOf(mark, pos, result);
    return tip || select ? { tip, select } : undefined;
  }

  private tipOf(mark: Element, pos: MarkPosition, result: CohortChurnResult, ctx: RenderContext): TipContent | undefined {
    const { f, locale } = ctx;
    // In curves a point's column is its place on the line; its offset is on the mark.
    const k = this.chart === 'curves' ? Number(mark.getAttribute('data-offset')) : pos.col;
    const offset = offsetLabel(locale, result.period, k);
    if (this.chart === 'curves') {
      const label = mark.getAttribute('aria-label');
      return label ? { title: offset, lines: [{ label: '', value: label }] } : undefined;
    }
    const row = heatmapRowAt(result, this.resize.width, pos);
    if (!row) return undefined;
    const title = `${tc(locale, 'cohort')} ${f.periodLabel(row.cohort, result.period, 'long')} · ${offset}`;
    const lines = [];
    if (row.segment !== undefined) lines.push({ label: tc(locale, 'segment'), value: segmentLabel(locale, row.segment) });
    if (row.rate === null) {
      lines.push({ label: '', value: t(locale, 'suppressedHint', { k: result.hidden || '' }) });
      return { title, lines };
    }
    lines.push({
      label: tc(locale, 'retained'),
      value: tc(locale, 'retainedOf', { retained: f.number(row.retained), size: f.number(row.size), rate: f.percent(row.rate, 1) }),
    });
    const ci = intervalText(f, row.ciLow, row.ciHigh);
    if (ci) lines.push({ label: '', value: ci });
    if (result.mode === 'subscription' && row.offset > 0)
      lines.push({
        label: tc(locale, 'churned'),
        // The churn count can be withheld on its own (it could reveal a small difference).
        value: row.churned === null && row.suppressed
          ? t(locale, 'suppressed', { k: result.hidden || '' })
          : tc(locale, 'churnedIn', { churned: f.number(row.churned), rate: f.percent(row.churnRate, 1) }),
      });
    else if (result.mode === 'activity' && row.offset > 0)
      lines.push({ label: tc(locale, 'returned'), value: f.delta(row.churned === null ? null : -row.churned, 'count') });
    if (!row.complete) lines.push({ label: '', value: t(locale, 'partial') });
    return { title, lines };
  }

  private selectionOf(mark: Element, pos: MarkPosition, result: CohortChurnResult): PulsoSelectDetail | undefined {
    const by = textOption(this.by);
    if (this.chart === 'curves') {
      const segment = mark.getAttribute('data-segment');
      if (segment === null) return undefined;
      return { widget: this.localName, filters: { segment }, by, row: { segment } };
    }
    const row = heatmapRowAt(result, this.resize.width, pos);
    if (!row) return undefined;
    const filters = row.segment === undefined ? { cohort: row.cohort } : { cohort: row.cohort, segment: row.segment };
    return { widget: this.localName, filters, periodUnit: result.period, by, cohortBy: this.cohortBy, row: { ...row } };
  }

  protected override renderLegend(result: CohortChurnResult, ctx: RenderContext): TemplateResult {
    return this.chart === 'curves' ? curvesLegend(result, ctx) : heatmapLegend(result, ctx, this.domainOf(result));
  }

  protected override renderControls(ctx: RenderContext): TemplateResult {
    const { locale } = ctx;
    const option = (value: CohortChart) => html`<button type="button" part="button chart-type"
      class="chart-type" aria-pressed=${this.chart === value ? 'true' : 'false'}
      @click=${() => {
        this.chart = value;
      }}>${tc(locale, value)}</button>`;
    return html`<span class="chart-types" role="group" aria-label=${tc(locale, 'chartType')}>
      ${option('heatmap')}${option('curves')}
    </span>`;
  }

  protected table(result: CohortChurnResult, ctx: RenderContext): TableSpec {
    const { locale } = ctx;
    const cols: TableColumn[] = [
      { key: 'cohort', header: tc(locale, 'cohort'), format: 'period', period: result.period },
      { key: 'size', header: tc(locale, 'size'), format: 'count' },
      { key: 'offset', header: tc(locale, 'offset'), format: 'count' },
      { key: 'retained', header: tc(locale, 'retained'), format: 'count' },
      { key: 'rate', header: tc(locale, 'rate'), format: 'percent', digits: 1 },
      { key: 'ciLow', header: tc(locale, 'ciLow'), format: 'percent', digits: 1 },
      { key: 'ciHigh', header: tc(locale, 'ciHigh'), format: 'percent', digits: 1 },
      { key: 'churned', header: tc(locale, 'churned'), format: 'count' },
      { key: 'churnRate', header: tc(locale, 'churnRate'), format: 'percent', digits: 1 },
      { key: 'complete', header: tc(locale, 'complete'), format: 'boolean' },
    ];
    if (result.segments[0] !== undefined) cols.splice(1, 0, { key: 'segment', header: tc(locale, 'segment'), format: 'text', codes: '' });
    return { columns: cols, rows: result.rows };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-cohort-churn': PulsoCohortChurn;
  }
}
