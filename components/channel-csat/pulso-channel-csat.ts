// <pulso-channel-csat> (SPEC §3.3 with §3.4 beside it, issue 5): CSAT per channel
// (or any `by`) as horizontal bars with Wilson whiskers and the change against
// the previous window of the same length, plus optional ticket columns.
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CsatBar } from '../../src/charts/csat-bars.js';
import type { Locale } from '../../src/i18n/messages.js';
import { PulsoChartElement, numberOption, listOption, textOption } from '../shared/chart-element.js';
import type { ExportRange } from '../shared/export-meta.js';
import type { MarkInfo, RenderContext, TableSpec, TipContent } from '../shared/chart-element.js';
import type { Answers, WidgetPlan } from '../shared/data-controller.js';
import type { PulsoSelectDetail } from '../shared/events.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import { othersNotice } from '../shared/notices.js';
import type { SkeletonShape } from '../shared/states.js';
import { segmentLabel, t } from '../shared/strings.js';
import { changeCount, changeVerdict, changeWords, renderBars, renderBarsLegend } from './bars-view.js';
import { barsGeometry, ticketValue } from './bars-geometry.js';
import { checkMinSample, DEFAULT_MIN_SAMPLE } from '../../src/metrics/compare.js';
import { withInterval } from '../shared/compare-words.js';
import type { BarsOptions } from './bars-geometry.js';
import { checkCompare, csatPlan, csatResult, ticketColumns } from './queries.js';
import type { CsatOptions } from './queries.js';
import type { CompareMode, CsatResult, TicketColumn } from './types.js';
import { styles } from './pulso-channel-csat.styles.js';
import { csatTableColumns, csatTableRows, ticketHeader } from './table.js';
import { tc } from './strings.js';


/** Bars shown by default: the canonical channels and then some. */
const MAX_BARS = 15;

/**
 * CSAT by channel: one bar per channel, best first, with its 95% Wilson interval,
 * the number of answers, a mark on groups with few answers, the previous window's
 * value as a tick and the change in points; ticket columns on request.
 *
 * @fires pulso-select - A bar was chosen: `detail.filters` is `{ channel }`, or `{ segment }` when `by` names another column.
 * @fires pulso-data-error - Loading or computing failed.
 * @csspart frame - The figure around title, toolbar and chart.
 * @csspart chart - The chart area.
 * @csspart legend - The window, the key of bar, whisker, previous tick and warning mark.
 * @csspart table - The table view.
 * @csspart tooltip - The tooltip of the active bar.
 * @cssprop --pulso-fg - Text, whiskers and previous-period ticks.
 * @cssprop --pulso-surface - Background (also the halo around whiskers).
 * @cssprop --pulso-warning - The few-answers mark.
 * @cssprop --pulso-positive - A rise in CSAT (default green).
 * @cssprop --pulso-danger - A fall in CSAT.
 */
@customElement('pulso-channel-csat')
export class PulsoChannelCsat extends PulsoChartElement<CsatResult> {
  static override styles = styles;

  /** The column to group by: `channel` (default) or a customer attribute. */
  @property() by?: string;

  protected override segmentColumn(): string | undefined {
    return textOption(this.by) ?? 'channel';
  }
  /** Answers in [from, to); the previous window is the same length just before (default: the dashboard's range). */
  @property() from?: string;
  /** The end of the window, left out (default: the dashboard's). */
  @property() to?: string;
  /** Window length when from or to is missing: ISO duration (`P30D`, default) or day, week, month, quarter, year. */
  @property() range?: string;
  /** `previous` (default): compare with the previous window; `none`: no comparison (all answers when no from/to). */
  @property() compare: CompareMode = 'previous';
  /** A score at least this is satisfied (default 4). */
  @property({ attribute: 'satisfied-min', type: Number }) satisfiedMin?: number;
  /** Top of the answer scale (default 5). */
  @property({ type: Number }) scale?: number;
  /** Groups with fewer answers (or tickets) than this are hidden; 0 = off (default: the dashboard's). */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /** Fewer answers than this get the few-answers mark (default 30). */
  @property({ attribute: 'min-answers', type: Number }) minAnswers?: number;
  /** Fewer answers than this in either period: the change is not judged, "too few to compare" (default 30). */
  @property({ attribute: 'min-sample', type: Number }) minSample?: number;
  /** Ticket columns beside the bars (under each bar when the box is narrow): `fcr`, `first-response`, `resolution`, `volume` (comma list) or `all`. */
  @property() tickets?: string | string[];
  /** Bars shown, “Others” included: the groups with the fewest answers past it are grouped (default 15). */
  @property({ attribute: 'max-segments', type: Number }) maxSegments?: number;

  /** The options in force: the widget's own, else the dashboard's range and zone. */
  private options(): CsatOptions {
    return {
      by: textOption(this.by),
      from: this.inherited('from', this.from),
      to: this.inherited('to', this.to),
      range: textOption(this.range),
      compare: checkCompare(this.compare),
      satisfiedMin: numberOption(this.satisfiedMin),
      scale: numberOption(this.scale),
      minCellSize: this.smallCells(this.minCellSize),
      timeZone: this.zone,
      tickets: ticketColumns(listOption(this.tickets)),
      maxSegments: numberOption(this.maxSegments) ?? MAX_BARS,
    };
  }

  protected plan(): WidgetPlan {
    if (this.hasAttribute('period')) throw new RangeError('period is not an option of the CSAT chart: the length of its window is range (an ISO-8601 duration, or day, week, month, quarter, year)');
    checkMinSample(numberOption(this.minSample), 'min-sample');
    return csatPlan(this.options());
  }

  protected result(answers: Answers): CsatResult {
    return csatResult(answers, this.options());
  }

  /** Thresholds and names the view needs. */
  barsOptions(locale: Locale): BarsOptions {
    return {
      minAnswers: numberOption(this.minAnswers) ?? 30,
      minSample: numberOption(this.minSample) ?? DEFAULT_MIN_SAMPLE,
      wideInterval: 20,
      k: this.smallCells(this.minCellSize) ?? 0,
      satisfiedMin: numberOption(this.satisfiedMin) ?? 4,
      scale: numberOption(this.scale) ?? 5,
      label: textOption(this.heading) ?? this.defaultHeading(locale),
    };
  }

  protected override extraNotices(result: CsatResult, ctx: RenderContext): string[] {
    return othersNotice(result.rows, 'channel', ctx.locale, result.grouped);
  }

  protected defaultHeading(locale: Locale): string {
    const by = textOption(this.by);
    return by && by !== 'channel' ? tc(locale, 'headingBy', { by }) : tc(locale, 'heading');
  }

  protected skeleton(): SkeletonShape {
    return 'bars';
  }

  protected isEmpty(result: CsatResult): boolean {
    return result.rows.length === 0;
  }

  protected override emptyMessage(locale: Locale, filters?: string): string | undefined {
    return filters ? tc(locale, 'emptyFiltered', { filters }) : undefined;
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.smallCells(this.minCellSize) ?? 0 });
  }

  /** The bars in drawing order (best first), as the layout sorts them. */
  barsOf(result: CsatResult, ctx: RenderContext = this.context): CsatBar[] {
    return barsGeometry(result, this.barsOptions(ctx.locale), ctx).layout.bars;
  }

  protected summary(result: CsatResult, ctx: RenderContext): string {
    const { f, locale } = ctx;
    const shown = this.barsOf(result, ctx).filter((b) => b.csat !== null);
    const window = result.window
      ? tc(locale, 'legendWindowOnly', { from: f.date(result.window.from), to: f.date(result.window.to - 1) })
      : tc(locale, 'summaryAll');
    if (shown.length === 0) return window;
    const name = (b: CsatBar) => segmentLabel(locale, b.channel);
    const best = shown[0];
    const worst = shown[shown.length - 1];
    const params = {
      by: result.by === 'channel' ? tc(locale, 'byChannel') : result.by,
      window,
      best: name(best),
      bestCsat: f.percent(best.csat! / 100, 1),
      bestN: f.number(best.n),
      worst: name(worst),
      worstCsat: f.percent(worst.csat! / 100, 1),
      worstN: f.number(worst.n),
    };
    let text = tc(locale, shown.length === 1 ? 'summaryOne' : 'summary', params);
    // Only a change that is likely real is worth a sentence; the rest could be chance.
    const moved = shown.filter((b) => b.significant).sort((a, b) => Math.abs(b.delta!) - Math.abs(a.delta!))[0];
    if (moved) text += tc(locale, 'summaryChange', { channel: name(moved), delta: f.delta(moved.delta, 'points', 1) });
    else if (shown.some((b) => b.significant === false)) text += tc(locale, 'summaryNoChange');
    return text;
  }

  protected renderChart(result: CsatResult, ctx: RenderContext): TemplateResult {
    return renderBars(result, this.barsOptions(ctx.locale), ctx);
  }

  /** The window the result was computed over (set by `from`/`to`, else the data's last days). */
  protected override exportRange(result: CsatResult): ExportRange | undefined {
    return result.window ? { from: result.window.from, to: result.window.to } : super.exportRange(result);
  }

  protected override renderLegend(result: CsatResult, ctx: RenderContext): TemplateResult {
    return renderBarsLegend(result, this.barsOptions(ctx.locale), ctx);
  }

  protected markAt(_mark: Element, pos: MarkPosition, result: CsatResult, ctx: RenderContext): MarkInfo | undefined {
    const bar = this.barsOf(result, ctx)[pos.col];
    if (!bar) return undefined;
    return { tip: this.tipOf(bar, result, ctx), select: this.selectionOf(bar, result) };
  }

  private tipOf(bar: CsatBar, result: CsatResult, ctx: RenderContext): TipContent {
    const { f, locale } = ctx;
    const title = segmentLabel(locale, bar.channel);
    if (bar.suppressed) return { title, lines: [{ label: '', value: tc(locale, 'barHidden', { channel: title, k: this.smallCells(this.minCellSize) ?? 0 }) }] };
    const row = result.rows.find((r) => r.channel === bar.channel);
    const o = this.barsOptions(locale);
    const frac = (v: number | null) => (v === null ? null : v / 100);
    const lines = [
      { label: tc(locale, 'csat'), value: withInterval(f, f.percent(frac(bar.csat), 1), frac(bar.ciLow), frac(bar.ciHigh)) },
      { label: tc(locale, 'tipAnswers'), value: tc(locale, 'tipSatisfied', { satisfied: f.number(row?.satisfied), n: f.number(bar.n) }) },
      { label: tc(locale, 'tipMean'), value: f.number(row?.mean, 2) },
    ];
    if (bar.previous !== null) {
      const prev = result.previous.find((r) => r.channel === bar.channel);
      lines.push({ label: tc(locale, 'tipPrevious'), value: tc(locale, 'tipPreviousValue', { csat: f.percent(bar.previous / 100, 1), n: f.number(prev?.n) }) });
      lines.push({ label: tc(locale, 'tipChange'), value: changeWords(bar, o, f) || f.delta(bar.delta, 'points', 1) });
      const verdict = changeVerdict(bar, changeCount(this.barsOf(result, ctx)), f);
      if (verdict) lines.push({ label: tc(locale, 'tipVerdict'), value: verdict });
    }
    const s = result.tickets.get(bar.channel);
    for (const c of result.columns) {
      const value = ticketValue(c, s, f);
      lines.push({ label: ticketHeader(locale, c), value: c === 'fcr' ? withInterval(f, value, s?.fcrLow, s?.fcrHigh) : value });
    }
    if (bar.wide) lines.push({ label: '', value: tc(locale, 'fewAnswers') });
    return { title, lines };
  }

  private selectionOf(bar: CsatBar, result: CsatResult): PulsoSelectDetail {
    const row = { ...(result.rows.find((r) => r.channel === bar.channel) ?? { channel: bar.channel }) };
    if (result.by === 'channel') return { widget: this.localName, filters: { channel: bar.channel }, row };
    return { widget: this.localName, filters: { segment: bar.channel }, by: result.by, row };
  }

  protected table(result: CsatResult, ctx: RenderContext): TableSpec {
    const columns = csatTableColumns(ctx.locale, result.columns as TicketColumn[], { by: result.by, compare: result.previousWindow !== null });
    return { columns, rows: csatTableRows(result, this.barsOf(result, ctx), ctx.f, this.barsOptions(ctx.locale)) };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-channel-csat': PulsoChannelCsat;
  }
}
