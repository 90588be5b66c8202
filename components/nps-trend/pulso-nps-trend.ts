// <pulso-nps-trend> (SPEC §3.2, issue 4): NPS per period with its 95% band,
// the promoters / passives / detractors mix and answers per period underneath,
// an optional target, a rolling window, and segments compared as lines.
// Periods with no answers are gaps in the line, never zeros.
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { NpsTrendRow } from '../../src/metrics/nps.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import { PulsoChartElement, numberOption, textOption } from '../shared/chart-element.js';
import { checkMinSample, DEFAULT_MIN_SAMPLE } from '../../src/metrics/compare.js';
import type { MarkInfo, RenderContext, TableSpec, TipContent } from '../shared/chart-element.js';
import type { Answers, WidgetPlan } from '../shared/data-controller.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import { othersNotice } from '../shared/notices.js';
import type { SkeletonShape } from '../shared/states.js';
import { segmentLabel, t } from '../shared/strings.js';
import type { TableColumn } from '../shared/table-view.js';
import { styles } from './pulso-nps-trend.styles.js';
import { tn } from './strings.js';
import { PARTS, renderTrend, trendGeometry, trendLegend } from './trend-view.js';
import type { TrendViewOptions } from './trend-view.js';
import type { NpsTrendResult } from './types.js';

export type { NpsTrendResult } from './types.js';

/** Lines a chart shows by default: the eight colours of the palette. */
const MAX_LINES = 8;

/**
 * Net Promoter Score per period with its 95% interval and the answer mix.
 *
 * @fires pulso-select - A period's point was chosen: `detail.filters` has `period` (and `segment` with `by`).
 * @fires pulso-data-error - Loading or computing failed.
 * @csspart frame - The figure around title, toolbar and chart.
 * @csspart chart - The chart area.
 * @csspart legend - The series and answer-mix legend.
 * @csspart table - The table view.
 * @csspart tooltip - The tooltip of the active point.
 * @cssprop --pulso-fg - Text colour.
 * @cssprop --pulso-surface - Background.
 * @cssprop --pulso-focus - Focus ring of points and buttons.
 */
@customElement('pulso-nps-trend')
export class PulsoNpsTrend extends PulsoChartElement<NpsTrendResult> {
  static override styles = styles;

  /** day, week, month, quarter, year (default: the dashboard's, else month). */
  @property() period?: Period;
  /** Every period from `from` to `to` is shown, answered or not: the first instant included (default: the dashboard's). */
  @property() from?: string;
  /** The first instant left out (default: the dashboard's). */
  @property() to?: string;
  /** A survey column or customer attribute: one line per value. */
  @property() by?: string;

  protected override segmentColumn(): string | undefined {
    return textOption(this.by);
  }
  /** Lines shown with `by`, “Others” included: the segments with the fewest answers past it are grouped (default 8). */
  @property({ attribute: 'max-segments', type: Number }) maxSegments?: number;
  /** Trailing window in periods (default 1). */
  @property({ type: Number }) rolling?: number;
  /** A target NPS drawn as a dashed rule. */
  @property({ type: Number }) target?: number;
  /** Periods with counts below this are shown as hidden ("< k"); 0 = off (default: the dashboard's). */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /** Periods with fewer answers than this are drawn hollow, without a band, and marked "few answers" (default 30). */
  @property({ attribute: 'min-answers', type: Number }) minAnswers?: number;
  /** Hide the 95% band. */
  @property({ attribute: 'hide-band', type: Boolean }) hideBand = false;
  /** Hide the answer mix under the line. */
  @property({ attribute: 'hide-mix', type: Boolean }) hideMix = false;

  private get periodInForce(): Period {
    return (this.inherited('period', this.period) ?? 'month') as Period;
  }

  protected plan(): WidgetPlan {
    checkMinSample(numberOption(this.minAnswers), 'min-answers');
    const options = {
      period: this.periodInForce,
      from: this.inherited('from', this.from),
      to: this.inherited('to', this.to),
      by: textOption(this.by),
      maxSegments: textOption(this.by) ? (numberOption(this.maxSegments) ?? MAX_LINES) : undefined,
      rolling: numberOption(this.rolling),
      minCellSize: this.smallCells(this.minCellSize),
      timeZone: this.zone,
    };
    return { queries: { trend: { metric: 'npsTrend', options } } };
  }

  protected result(answers: Answers): NpsTrendResult {
    return {
      rows: answers.trend as NpsTrendRow[],
      period: this.periodInForce,
      segmented: textOption(this.by) !== undefined,
      k: this.smallCells(this.minCellSize) ?? 0,
    };
  }

  protected defaultHeading(locale: Locale): string {
    return tn(locale, 'heading');
  }

  protected override extraNotices(result: NpsTrendResult, ctx: RenderContext): string[] {
    return othersNotice(result.rows, 'segment', ctx.locale);
  }

  protected skeleton(): SkeletonShape {
    return 'line';
  }

  protected isEmpty(result: NpsTrendResult): boolean {
    return !result.rows.some((r) => (r.n ?? 0) > 0 || r.suppressed);
  }

  protected override emptyMessage(locale: Locale, filters?: string): string {
    return filters ? tn(locale, 'emptyFiltered', { filters }) : tn(locale, 'empty');
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.smallCells(this.minCellSize) ?? 0 });
  }

  protected summary(result: NpsTrendResult, ctx: RenderContext): string {
    const { f, locale } = ctx;
    const scored = result.rows.filter((r) => r.nps !== null);
    if (result.segmented) {
      const latest = new Map<string, NpsTrendRow>();
      for (const r of scored) latest.set(r.segment ?? '', r);
      const list = f.list([...latest].map(([s, r]) => `${segmentLabel(locale, s)} ${f.score(r.nps)}`));
      return tn(locale, 'summarySegments', { list });
    }
    const last = scored[scored.length - 1];
    if (!last) return tn(locale, 'empty');
    const values = scored.map((r) => r.nps!);
    const head = tn(locale, 'summary', {
      period: f.periodLabel(last.period, result.period, 'long'),
      nps: f.score(last.nps),
      n: f.number(last.n),
    });
    const range = tn(locale, 'summaryRange', {
      count: f.number(result.rows.length),
      min: f.score(Math.min(...values)),
      max: f.score(Math.max(...values)),
    });
    const gaps = scored.length < result.rows.length ? ` ${tn(locale, 'gapNote')}` : '';
    return `${head} ${range}${gaps}`;
  }

  /** What the view draws besides the rows. */
  private viewOptions(ctx: RenderContext): TrendViewOptions {
    const target = typeof this.target === 'number' && Number.isFinite(this.target) ? this.target : undefined;
    return {
      label: textOption(this.heading) ?? this.defaultHeading(ctx.locale),
      minAnswers: this.minAnswersInForce,
      target,
      hideBand: this.hideBand,
      hideMix: this.hideMix,
    };
  }

  private get minAnswersInForce(): number {
    return numberOption(this.minAnswers) ?? DEFAULT_MIN_SAMPLE;
  }

  protected renderChart(result: NpsTrendResult, ctx: RenderContext): TemplateResult {
    return renderTrend(result, ctx, this.viewOptions(ctx));
  }

  private rowAt(result: NpsTrendResult, mark: Element, pos: MarkPosition): NpsTrendRow | undefined {
    const period = mark.getAttribute('data-period');
    const line = trendGeometry(result, this.resize.width, this.context.f, this.viewOptions(this.context)).line;
    const segment = line.series[pos.row ?? 0]?.segment;
    return result.rows.find((r) => r.period === period && r.segment === segment);
  }

  protected markAt(mark: Element, pos: MarkPosition, result: NpsTrendResult, ctx: RenderContext): MarkInfo | undefined {
    const row = this.rowAt(result, mark, pos);
    if (!row) return undefined;
    const filters = row.segment === undefined ? { period: row.period } : { period: row.period, segment: row.segment };
    const select = { widget: this.localName, filters, periodUnit: result.period, by: textOption(this.by), row: { ...row } };
    return { tip: this.tipOf(row, result, ctx), select };
  }

  private tipOf(row: NpsTrendRow, result: NpsTrendResult, ctx: RenderContext): TipContent {
    const { f, locale } = ctx;
    const title = f.periodLabel(row.period, result.period, 'long');
    const lines = [];
    if (row.segment !== undefined) lines.push({ label: tn(locale, 'segment'), value: segmentLabel(locale, row.segment) });
    lines.push({ label: tn(locale, 'nps'), value: f.score(row.nps, 1) });
    lines.push({ label: tn(locale, 'interval'), value: tn(locale, 'intervalValue', { low: f.score(row.ciLow, 1), high: f.score(row.ciHigh, 1) }) });
    lines.push({ label: tn(locale, 'answers'), value: f.number(row.n) });
    if (this.isFew(row)) lines.push({ label: '', value: tn(locale, 'fewTip', { n: f.number(this.minAnswersInForce) }) });
    for (const part of PARTS)
      lines.push({ label: tn(locale, part), value: tn(locale, 'share', { share: f.percent(row.n ? (row[part] ?? 0) / row.n : null, 0), count: f.number(row[part]) }) });
    if ((this.rolling ?? 1) > 1) lines.push({ label: '', value: tn(locale, 'rolling', { w: f.number(this.rolling) }) });
    return { title, lines };
  }

  protected override renderLegend(result: NpsTrendResult, ctx: RenderContext): TemplateResult {
    return trendLegend(result, ctx, this.viewOptions(ctx));
  }

  protected table(result: NpsTrendResult, ctx: RenderContext): TableSpec {
    const { locale } = ctx;
    // The NPS first, beside its period: on a phone the columns after it scroll.
    const cols: TableColumn[] = [
      { key: 'period', header: tn(locale, 'period'), format: 'period', period: result.period },
      { key: 'nps', header: tn(locale, 'nps'), format: 'score', digits: 1 },
      { key: 'ciLow', header: tn(locale, 'ciLow'), format: 'score', digits: 1 },
      { key: 'ciHigh', header: tn(locale, 'ciHigh'), format: 'score', digits: 1 },
      { key: 'n', header: tn(locale, 'answers'), format: 'count' },
      { key: 'promoters', header: tn(locale, 'promoters'), format: 'count' },
      { key: 'passives', header: tn(locale, 'passives'), format: 'count' },
      { key: 'detractors', header: tn(locale, 'detractors'), format: 'count' },
    ];
    cols.push({ key: 'note', header: tn(locale, 'note'), format: 'text' });
    if (result.segmented) cols.splice(1, 0, { key: 'segment', header: tn(locale, 'segment'), format: 'text', codes: '' });
    const rows = result.rows.map((r) => (this.isFew(r) ? { ...r, note: tn(locale, 'few') } : r));
    return { columns: cols, rows };
  }

  /** A scored period with fewer answers than min-answers. */
  private isFew(row: NpsTrendRow): boolean {
    return row.nps !== null && row.n !== null && row.n < this.minAnswersInForce;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-nps-trend': PulsoNpsTrend;
  }
}
