// <pulso-value> (SPEC §3.9): where the value is — the Pareto (Lorenz) curve of a
// numeric customer column, the share the top fraction of customers brings in words
// ("the top 20% of customers bring 63% of revenue"), with the Gini coefficient,
// per segment with `by`.
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { ParetoPoint, ValueConcentrationRow } from '../../src/metrics/value.js';
import { PulsoChartElement, numberOption, textOption } from '../shared/chart-element.js';
import type { MarkInfo, RenderContext, TableSpec } from '../shared/chart-element.js';
import type { Answers, WidgetPlan } from '../shared/data-controller.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import type { SkeletonShape } from '../shared/states.js';
import { t } from '../shared/strings.js';
import type { TableColumn } from '../shared/table-view.js';
import { paretoGeometry, paretoLegend, renderPareto, seriesName, shareWords, valueWords } from './pareto-view.js';
import { styles } from './pulso-value.styles.js';
import { tv } from './strings.js';
import type { ValueViewResult } from './types.js';
import { valueSummary } from './words.js';

export type { ValueViewResult } from './types.js';

/** Points of each curve: enough for a smooth line, few enough to send. */
const CURVE_POINTS = 201;

/**
 * How concentrated customer value is: the Pareto curve and the top fraction's share.
 *
 * @fires pulso-select - A curve's point was chosen: `detail.filters.segment` is its segment (with `by`).
 * @fires pulso-data-error - Loading or computing failed.
 * @csspart frame - The figure around title, toolbar and chart.
 * @csspart chart - The chart area.
 * @csspart legend - The curves and the line of equal shares.
 * @csspart table - The table view.
 * @csspart tooltip - The tooltip of the active point.
 * @cssprop --pulso-fg - Text colour.
 * @cssprop --pulso-surface - Background.
 * @cssprop --pulso-focus - Focus ring of points and buttons.
 */
@customElement('pulso-value')
export class PulsoValue extends PulsoChartElement<ValueViewResult> {
  static override styles = styles;

  /** A numeric customer column (default `revenue`). */
  @property() value?: string;
  /** The top fraction whose share is told (default 0.2). */
  @property({ type: Number }) top?: number;
  /** A customer attribute: one curve per value. */
  @property() by?: string;

  protected override segmentColumn(): string | undefined {
    return textOption(this.by);
  }
  /** Only customers who are customers then (signed up by then, not churned by then). */
  @property({ attribute: 'as-of' }) asOf?: string;
  /** A segment with fewer customers than this shows no figures (default: the dashboard's). */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;

  private options() {
    return {
      value: textOption(this.value),
      top: numberOption(this.top),
      by: textOption(this.by),
      asOf: textOption(this.asOf),
      minCellSize: this.smallCells(this.minCellSize),
    };
  }

  protected plan(): WidgetPlan {
    const options = this.options();
    return {
      queries: {
        rows: { metric: 'valueConcentration', options },
        curve: { metric: 'paretoCurve', options: { ...options, points: CURVE_POINTS } },
      },
    };
  }

  protected result(answers: Answers): ValueViewResult {
    const o = this.options();
    return {
      rows: answers.rows as unknown as ValueConcentrationRow[],
      points: answers.curve as unknown as ParetoPoint[],
      value: o.value ?? 'revenue',
      top: o.top ?? 0.2,
      by: o.by,
      k: o.minCellSize ?? 0,
    };
  }

  protected defaultHeading(locale: Locale): string {
    return tv(locale, 'heading');
  }

  protected skeleton(): SkeletonShape {
    return 'line';
  }

  protected isEmpty(result: ValueViewResult): boolean {
    return !result.rows.some((r) => (r.customers ?? 0) > 0 || r.suppressed);
  }

  protected override emptyMessage(locale: Locale, filters?: string): string {
    return filters ? tv(locale, 'emptyFiltered', { filters }) : tv(locale, 'empty');
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.smallCells(this.minCellSize) ?? 0 });
  }

  protected summary(result: ValueViewResult, ctx: RenderContext): string {
    return valueSummary(result, ctx.locale, ctx.f);
  }

  protected override summaryVisible(): boolean {
    return true;
  }

  protected renderChart(result: ValueViewResult, ctx: RenderContext): TemplateResult {
    return renderPareto(result, ctx, textOption(this.heading) ?? this.defaultHeading(ctx.locale));
  }

  protected override renderLegend(result: ValueViewResult, ctx: RenderContext): TemplateResult {
    return paretoLegend(result, ctx);
  }

  protected markAt(_mark: Element, pos: MarkPosition, result: ValueViewResult, ctx: RenderContext): MarkInfo | undefined {
    const s = paretoGeometry(result, this.resize.width).series[pos.row ?? 0];
    const m = s?.marks[pos.col];
    if (!s || !m) return undefined;
    const { f, locale } = ctx;
    const value = valueWords(locale, result.value);
    const row = result.rows.find((r) => r.segment === s.segment);
    const lines = [{ label: tv(locale, 'valueShare', { value }), value: f.percent(m.valueShare, 1) }];
    if (row) lines.push({ label: tv(locale, 'gini'), value: f.number(row.gini, 2) }, { label: tv(locale, 'customers'), value: f.number(row.customers) });
    const title = `${s.segment === undefined ? '' : `${seriesName(s, locale)}: `}${tv(locale, 'topCustomers', { share: shareWords(f, m.customerShare) })}`;
    const tip = { title, lines };
    if (s.segment === undefined) return { tip };
    return { tip, select: { widget: this.localName, filters: { segment: s.segment }, by: result.by, row: { ...row } } };
  }

  protected table(result: ValueViewResult, ctx: RenderContext): TableSpec {
    const { f, locale } = ctx;
    const cols: TableColumn[] = [
      { key: 'customers', header: tv(locale, 'customers'), format: 'count' },
      { key: 'total', header: tv(locale, 'total'), format: 'count', digits: 2 },
      { key: 'topShare', header: tv(locale, 'topShare', { top: shareWords(f, result.top) }), format: 'percent', digits: 1 },
      { key: 'gini', header: tv(locale, 'gini'), format: 'count', digits: 3 },
      { key: 'excluded', header: tv(locale, 'excluded'), format: 'count' },
    ];
    if (result.by !== undefined) cols.unshift({ key: 'segment', header: tv(locale, 'segment'), format: 'text', codes: '' });
    const rows = result.rows;
    return { columns: cols, rows };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-value': PulsoValue;
  }
}
