// <pulso-survival> (SPEC §3.8): how long customers stay — Kaplan–Meier curves of
// time to churn per segment with their 95% bands, censoring ticks, medians on the
// dashed 50% line, the log-rank test in words and the numbers at risk under the
// time axis. Segments smaller than min-group-size are left out and named.
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { SurvivalRow, SurvivalSummary } from '../../src/metrics/survival.js';
import type { SurvivalUnit } from '../../src/metrics/survival-options.js';
import { PulsoChartElement, numberOption, textOption } from '../shared/chart-element.js';
import type { MarkInfo, RenderContext, TableSpec, TipContent } from '../shared/chart-element.js';
import type { Answers, WidgetPlan } from '../shared/data-controller.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import type { SkeletonShape } from '../shared/states.js';
import { t } from '../shared/strings.js';
import type { TableColumn } from '../shared/table-view.js';
import { styles } from './pulso-survival.styles.js';
import { ts } from './strings.js';
import { renderSurvival, seriesName, survivalGeometry, survivalLegend } from './survival-view.js';
import type { SurvivalViewResult } from './types.js';
import { survivalWords, timeWords } from './words.js';

export type { SurvivalViewResult } from './types.js';

/**
 * Kaplan–Meier curves of how long customers stay, per segment, with the log-rank test in words.
 *
 * @fires pulso-select - A curve's point was chosen: `detail.filters.segment` is its segment (with `by`).
 * @fires pulso-data-error - Loading or computing failed.
 * @csspart frame - The figure around title, toolbar and chart.
 * @csspart chart - The chart area.
 * @csspart legend - The curves, their medians and the censoring mark.
 * @csspart table - The table view.
 * @csspart tooltip - The tooltip of the active point.
 * @cssprop --pulso-fg - Text colour.
 * @cssprop --pulso-surface - Background.
 * @cssprop --pulso-focus - Focus ring of points and buttons.
 */
@customElement('pulso-survival')
export class PulsoSurvival extends PulsoChartElement<SurvivalViewResult> {
  static override styles = styles;

  /** A customer attribute: one curve per value (e.g. `plan`). */
  @property() by?: string;

  protected override segmentColumn(): string | undefined {
    return textOption(this.by);
  }
  /** The time axis: `day`, `week` or `month` (default month). */
  @property() unit?: SurvivalUnit;
  /** The date of the data: customers still here then are censored at it (default now). */
  @property({ attribute: 'as-of' }) asOf?: string;
  /** Customers who signed up from this instant (included). */
  @property() from?: string;
  /** …until this instant (left out). */
  @property() to?: string;
  /** Segments with fewer customers than this show no curve and stay out of the test (default 30). */
  @property({ attribute: 'min-group-size', type: Number }) minGroupSize?: number;
  /** Small-cell threshold k: curves stop where fewer than k are at risk (default: the dashboard's). */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;

  private get unitInForce(): SurvivalUnit {
    return (textOption(this.unit) ?? 'month') as SurvivalUnit;
  }

  protected plan(): WidgetPlan {
    const options = {
      by: textOption(this.by),
      unit: this.unitInForce,
      asOf: textOption(this.asOf),
      from: textOption(this.from),
      to: textOption(this.to),
      minGroupSize: numberOption(this.minGroupSize) ?? 30,
      minCellSize: this.smallCells(this.minCellSize),
    };
    return { queries: { curves: { metric: 'survival', options }, summary: { metric: 'survivalSummary', options } } };
  }

  protected result(answers: Answers): SurvivalViewResult {
    const summary = (answers.summary as unknown as SurvivalSummary[])[0] ?? { groups: [], logRank: null };
    const k = this.smallCells(this.minCellSize) ?? 0;
    return {
      rows: answers.curves as unknown as SurvivalRow[],
      groups: summary.groups,
      logRank: summary.logRank,
      unit: this.unitInForce,
      by: textOption(this.by),
      minGroup: Math.max(numberOption(this.minGroupSize) ?? 30, k),
      k,
    };
  }

  protected defaultHeading(locale: Locale): string {
    return ts(locale, 'heading');
  }

  protected skeleton(): SkeletonShape {
    return 'line';
  }

  protected isEmpty(result: SurvivalViewResult): boolean {
    return !result.groups.some((g) => (g.n ?? 0) > 0 || g.suppressed);
  }

  protected override emptyMessage(locale: Locale, filters?: string): string {
    return filters ? ts(locale, 'emptyFiltered', { filters }) : ts(locale, 'empty');
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.smallCells(this.minCellSize) ?? 0 });
  }

  protected summary(result: SurvivalViewResult, ctx: RenderContext): string {
    return survivalWords(result, ctx.locale, ctx.f);
  }

  protected override summaryVisible(): boolean {
    return true;
  }

  private get label(): string {
    return textOption(this.heading) ?? this.defaultHeading(this.resolvedLocale);
  }

  protected renderChart(result: SurvivalViewResult, ctx: RenderContext): TemplateResult {
    return renderSurvival(result, ctx, this.label);
  }

  protected override renderLegend(result: SurvivalViewResult, ctx: RenderContext): TemplateResult {
    return survivalLegend(result, ctx);
  }

  protected markAt(_mark: Element, pos: MarkPosition, result: SurvivalViewResult, ctx: RenderContext): MarkInfo | undefined {
    const s = survivalGeometry(result, this.resize.width, ctx.locale).series[pos.row ?? 0];
    const pt = s?.points[pos.col];
    if (!s || !pt) return undefined;
    const { f, locale } = ctx;
    const lines = [];
    if (s.segment !== undefined) lines.push({ label: ts(locale, 'segment'), value: seriesName(s, locale) });
    lines.push({ label: ts(locale, 'survival'), value: f.percent(pt.survival, 1) });
    lines.push({ label: ts(locale, 'interval'), value: ts(locale, 'intervalValue', { low: f.percent(pt.ciLow, 1), high: f.percent(pt.ciHigh, 1) }) });
    lines.push({ label: ts(locale, 'atRisk'), value: pt.atRisk === null ? this.suppressedLabel() : f.number(pt.atRisk) });
    lines.push({ label: ts(locale, 'churnedSoFar'), value: f.number(pt.churned) });
    lines.push({ label: ts(locale, 'median'), value: timeWords(locale, f, result.unit, s.median?.value ?? null) });
    const tip: TipContent = { title: timeWords(locale, f, result.unit, pt.time), lines };
    if (s.segment === undefined) return { tip };
    const row = result.groups.find((g) => g.segment === s.segment) ?? {};
    return { tip, select: { widget: this.localName, filters: { segment: s.segment }, by: result.by, row: { ...row } } };
  }

  protected table(result: SurvivalViewResult, ctx: RenderContext): TableSpec {
    const { locale } = ctx;
    const cols: TableColumn[] = [
      { key: 'time', header: `${ts(locale, 'time')} (${timeWords(locale, ctx.f, result.unit, 2).replace(/^\S+\s*/, '')})`, format: 'count' },
      { key: 'atRisk', header: ts(locale, 'atRisk'), format: 'count' },
      { key: 'events', header: ts(locale, 'events'), format: 'count' },
      { key: 'censored', header: ts(locale, 'censored'), format: 'count' },
      { key: 'survival', header: ts(locale, 'survival'), format: 'percent', digits: 1 },
      { key: 'ciLow', header: ts(locale, 'ciLow'), format: 'percent', digits: 1 },
      { key: 'ciHigh', header: ts(locale, 'ciHigh'), format: 'percent', digits: 1 },
    ];
    if (result.by !== undefined) cols.unshift({ key: 'segment', header: ts(locale, 'segment'), format: 'text', codes: '' });
    const rows = result.rows;
    return { columns: cols, rows };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-survival': PulsoSurvival;
  }
}
