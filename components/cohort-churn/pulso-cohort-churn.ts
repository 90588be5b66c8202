// <pulso-cohort-churn> (SPEC §3.1, issue 4): the retention triangle as a
// heatmap, one per segment, or as retention curves (a line per cohort and the
// weighted average; with `by`, the average of each segment).
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { weightedAverage } from '../../src/charts/curves.js';
import { cohortHeatmapLayout } from '../../src/charts/heatmap.js';
import { NEUTRAL_FILL } from '../../src/charts/palette.js';
import type { HeatmapLayout } from '../../src/charts/heatmap.js';
import { retention } from '../../src/metrics/retention.js';
import type { RetentionMode, RetentionResult, RetentionRow, CohortBy } from '../../src/metrics/retention.js';
import type { NormalizedTables, TableName } from '../../src/data/schema.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import { PulsoChartElement, listOption, textOption } from '../shared/chart-element.js';
import type { RenderContext, TipContent } from '../shared/chart-element.js';
import type { PulsoSelectDetail } from '../shared/events.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import type { SkeletonShape } from '../shared/states.js';
import type { TableColumn, TableRow } from '../shared/table-view.js';
import { segmentLabel, t } from '../shared/strings.js';
import { renderCurves, curvesLegend } from './curves-view.js';
import { styles } from './pulso-cohort-churn.styles.js';
import { axisKey, offsetKey, tc } from './strings.js';

export type CohortChart = 'heatmap' | 'curves';

export interface CohortChurnResult {
  rows: RetentionResult;
  /** Segments in the order of the rows; [undefined] without `by`. */
  segments: (string | undefined)[];
  period: Period;
  mode: RetentionMode;
  /** The small-cell threshold in force (0 = off). */
  k: number;
}

/** Cohort rows of one heatmap, stacked: the segment title above each from the second on. */
interface Block {
  segment: string | undefined;
  top: number;
  layout: HeatmapLayout;
  /** Index of this block's first row among all blocks, for keyboard rows. */
  firstRow: number;
}

const TITLE_H = 28;
/** Below this width, row labels take two lines. */
const NARROW = 480;

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

  /** Cohort and offset period: day, week, month (default), quarter, year. */
  @property() period: Period = 'month';
  /** `subscription` (churned_at, default) or `activity` (active in the period). */
  @property() mode: RetentionMode = 'subscription';
  /** `signup` (default) or `first-activity`. */
  @property({ attribute: 'cohort-by' }) cohortBy: CohortBy = 'signup';
  /** Offsets are reported up to this time (default now). */
  @property({ attribute: 'as-of' }) asOf?: string;
  /** Cohorts starting in [from, to): the first instant included. */
  @property() from?: string;
  /** Cohorts starting in [from, to): the first instant left out. */
  @property() to?: string;
  /** The largest offset shown (default: every period up to `as-of`). */
  @property({ attribute: 'max-offset', type: Number }) maxOffset?: number;
  /** A customer attribute to break cohorts down by. */
  @property() by?: string;
  /** Cohorts with fewer customers than this are shown without counts. */
  @property({ attribute: 'min-cohort-size', type: Number }) minCohortSize?: number;
  /** Cells with fewer than this many customers are hidden ("< k"); 0 = off. */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /** In activity mode, the events that count (comma-separated). */
  @property() events?: string | string[];
  /** `heatmap` (default) or `curves`. */
  @property({ reflect: true }) chart: CohortChart = 'heatmap';

  protected tablesNeeded(): readonly TableName[] {
    return this.mode === 'activity' || this.cohortBy === 'first-activity' ? ['customers', 'activity'] : ['customers'];
  }

  protected optionDeps(): readonly unknown[] {
    return [this.period, this.mode, this.cohortBy, this.asOf, this.from, this.to, this.maxOffset, this.by,
      this.minCohortSize, this.minCellSize, String(listOption(this.events)), this.timeZone];
  }

  protected compute(tables: NormalizedTables): CohortChurnResult {
    const num = (v: number | undefined | null) => (v === null || v === undefined ? undefined : v);
    const by = textOption(this.by);
    const rows = retention(tables, {
      period: this.period,
      mode: this.mode,
      cohortBy: this.cohortBy,
      asOf: textOption(this.asOf),
      from: textOption(this.from),
      to: textOption(this.to),
      maxOffset: num(this.maxOffset),
      by,
      minCohortSize: num(this.minCohortSize),
      minCellSize: num(this.minCellSize),
      events: listOption(this.events),
      timeZone: textOption(this.timeZone),
    });
    const segments = by ? [...new Set(rows.map((r) => r.segment))] : [undefined];
    return { rows, segments, period: this.period, mode: this.mode, k: num(this.minCellSize) ?? 0 };
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

  protected override emptyMessage(locale: Locale): string {
    return tc(locale, 'empty');
  }

  protected override extraNotices(result: CohortChurnResult, ctx: RenderContext): string[] {
    const { noSignup, noCustomer } = result.rows.excluded;
    const out: string[] = [];
    if (noSignup > 0) out.push(tc(ctx.locale, 'noSignup', { n: ctx.f.number(noSignup) }));
    if (noCustomer > 0) out.push(tc(ctx.locale, 'noCustomer', { n: ctx.f.number(noCustomer) }));
    return out;
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.minCellSize || this.minCohortSize || 0 });
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
      .map((p) => `${this.offsetLabel(locale, result.period, p.offset)}: ${f.percent(p.rate, 1)}`)
      .join('; ');
    return `${head} ${tc(locale, 'summaryAverage', { points })}`;
  }

  offsetLabel(locale: Locale, period: Period, k: number): string {
    return tc(locale, offsetKey(period), { k });
  }

  private blocks(result: CohortChurnResult, width: number): Block[] {
    const blocks: Block[] = [];
    let top = 0;
    let firstRow = 0;
    const labelWidth = width < NARROW ? 84 : 124;
    for (const segment of result.segments) {
      const titled = segment !== undefined;
      const layout = cohortHeatmapLayout(result.rows, {
        width,
        segment,
        labelWidth,
        margin: { top: (titled ? TITLE_H : 0) + 40 },
      });
      blocks.push({ segment, top, layout, firstRow });
      top += layout.height + (titled ? 12 : 0);
      firstRow += layout.rows.length;
    }
    return blocks;
  }

  protected renderChart(result: CohortChurnResult, ctx: RenderContext): TemplateResult {
    if (this.chart === 'curves') return renderCurves(this, result, ctx);
    const blocks = this.blocks(result, ctx.width);
    const width = Math.max(...blocks.map((b) => b.layout.width));
    const height = blocks.reduce((h, b) => Math.max(h, b.top + b.layout.height), 0);
    return html`<div class="scroll">
      <svg class="pulso-chart heatmap" width=${width} height=${height} viewBox="0 0 ${width} ${height}"
        role="group" aria-label=${textOption(this.heading) ?? this.defaultHeading(ctx.locale)}>
        ${blocks.map((b) => this.renderBlock(b, result, ctx))}
      </svg>
    </div>`;
  }

  private renderBlock(b: Block, result: CohortChurnResult, ctx: RenderContext): TemplateResult {
    const { f, locale } = ctx;
    const l = b.layout;
    const titled = b.segment !== undefined;
    const headY = (titled ? TITLE_H : 0) + 14;
    const rowIndex = new Map(l.rows.map((r, i) => [r.cohort, b.firstRow + i]));
    const left = l.columns[0]?.x ?? 0;
    const showText = l.cellWidth >= 34;
    const bySeg = new Map(result.rows.filter((r) => r.segment === b.segment).map((r) => [`${r.cohort}|${r.offset}`, r]));
    return svg`<g transform="translate(0 ${b.top})">
      ${titled ? svg`<text class="segment-title" x="0" y="18">${segmentLabel(locale, b.segment!)}</text>` : nothing}
      <text class="axis-title" x=${left} y=${headY}>${tc(locale, axisKey(result.period))}</text>
      <text class="axis-title" x="0" y=${headY + 20}>${tc(locale, 'cohort')}</text>
      ${l.columns.map((c) => svg`<text class="tick" x=${c.cx} y=${headY + 20} text-anchor="middle">${c.offset}</text>`)}
      ${l.rows.map((r) => this.renderRowLabel(r.cohort, r.size, r.cy, result.period, ctx))}
      ${l.cells.map((c) => {
        const row = bySeg.get(`${c.cohort}|${c.offset}`)!;
        return svg`<g class=${c.partial ? 'cell partial' : 'cell'}>
          <rect data-mark data-row=${rowIndex.get(c.cohort)!} data-col=${c.offset} role="img"
            aria-label=${this.cellLabel(row, result, ctx)} x=${c.x} y=${c.y} width=${c.w} height=${c.h}
            fill=${c.fill}></rect>
          ${showText
            ? svg`<text x=${c.x + c.w / 2} y=${c.y + c.h / 2} fill=${c.textFill} text-anchor="middle"
                dominant-baseline="central" aria-hidden="true">${c.suppressed ? t(locale, 'suppressed', { k: result.k || '' }) : f.percent(c.rate, 0)}</text>`
            : nothing}
        </g>`;
      })}
    </g>`;
  }

  /** Cohort and size on one line, or on two when the label column is narrow. */
  private renderRowLabel(cohort: string, size: number | null, cy: number, period: Period, ctx: RenderContext): TemplateResult {
    const label = ctx.f.periodLabel(cohort, period);
    const n = size === null ? '' : ctx.f.number(size);
    if (ctx.width < NARROW)
      return svg`<text class="row-label" x="2" y=${cy - 6} dominant-baseline="central">${label}</text>
        <text class="row-size" x="2" y=${cy + 7} dominant-baseline="central">${n}</text>`;
    return svg`<text class="row-label" x="4" y=${cy} dominant-baseline="central">${label}<tspan class="row-size" dx="6">${n}</tspan></text>`;
  }

  cellLabel(row: RetentionRow, result: CohortChurnResult, ctx: RenderContext): string {
    const { f, locale } = ctx;
    const cohort = f.periodLabel(row.cohort, result.period, 'long');
    const offset = this.offsetLabel(locale, result.period, row.offset);
    if (row.suppressed || row.rate === null)
      return tc(locale, 'cellHidden', { cohort, offset, k: result.k || this.minCohortSize || '' });
    let label = tc(locale, 'cellLabel', {
      cohort,
      offset,
      rate: f.percent(row.rate, 1),
      retained: f.number(row.retained),
      size: f.number(row.size),
    });
    if (result.mode === 'subscription' && row.offset > 0 && row.churned !== null)
      label += tc(locale, 'cellChurn', { churned: f.number(row.churned), churnRate: f.percent(row.churnRate, 1) });
    if (!row.complete) label += tc(locale, 'cellPartial');
    return row.segment === undefined ? label : `${segmentLabel(locale, row.segment)}: ${label}`;
  }

  /** The row behind a heatmap cell. */
  rowAt(result: CohortChurnResult, pos: MarkPosition): RetentionRow | undefined {
    const row = pos.row ?? 0;
    const block = [...this.blocks(result, this.resize.width)].reverse().find((b) => row >= b.firstRow);
    const cohort = block?.layout.rows[row - block.firstRow]?.cohort;
    return result.rows.find((r) => r.cohort === cohort && r.offset === pos.col && r.segment === block?.segment);
  }

  protected tipFor(mark: Element, pos: MarkPosition, result: CohortChurnResult, ctx: RenderContext): TipContent | undefined {
    const { f, locale } = ctx;
    const offset = this.offsetLabel(locale, result.period, pos.col);
    if (this.chart === 'curves') {
      const label = mark.getAttribute('aria-label');
      return label ? { title: offset, lines: [{ label: '', value: label }] } : undefined;
    }
    const row = this.rowAt(result, pos);
    if (!row) return undefined;
    const title = `${tc(locale, 'cohort')} ${f.periodLabel(row.cohort, result.period, 'long')} · ${offset}`;
    const lines = [];
    if (row.segment !== undefined) lines.push({ label: tc(locale, 'segment'), value: segmentLabel(locale, row.segment) });
    if (row.suppressed || row.rate === null) {
      lines.push({ label: '', value: t(locale, 'suppressedHint', { k: result.k || this.minCohortSize || '' }) });
      return { title, lines };
    }
    lines.push({
      label: tc(locale, 'retained'),
      value: tc(locale, 'retainedOf', { retained: f.number(row.retained), size: f.number(row.size), rate: f.percent(row.rate, 1) }),
    });
    if (result.mode === 'subscription' && row.offset > 0)
      lines.push({ label: tc(locale, 'churned'), value: tc(locale, 'churnedIn', { churned: f.number(row.churned), rate: f.percent(row.churnRate, 1) }) });
    else if (result.mode === 'activity' && row.offset > 0)
      lines.push({ label: tc(locale, 'returned'), value: f.delta(row.churned === null ? null : -row.churned, 'count') });
    if (!row.complete) lines.push({ label: '', value: t(locale, 'partial') });
    return { title, lines };
  }

  protected selectionFor(mark: Element, pos: MarkPosition, result: CohortChurnResult): PulsoSelectDetail | undefined {
    const by = textOption(this.by);
    if (this.chart === 'curves') {
      const segment = mark.getAttribute('data-segment');
      if (segment === null) return undefined;
      return { widget: this.localName, filters: { segment }, by, row: { segment } };
    }
    const row = this.rowAt(result, pos);
    if (!row) return undefined;
    const filters = row.segment === undefined ? { cohort: row.cohort } : { cohort: row.cohort, segment: row.segment };
    return { widget: this.localName, filters, periodUnit: result.period, by, row: { ...row } };
  }

  protected override renderLegend(result: CohortChurnResult, ctx: RenderContext): TemplateResult {
    if (this.chart === 'curves') return curvesLegend(result, ctx);
    const { locale } = ctx;
    const stops = cohortHeatmapLayout([], { width: 320 }).legend.stops;
    const w = 16;
    return html`<div class="legend" aria-hidden="true">
      <span>${tc(locale, 'rate')}</span>
      <span class="scale">${tc(locale, 'scaleLow')}
        <svg width=${stops.length * w} height="12" focusable="false">
          ${stops.map((s, i) => svg`<rect x=${i * w} y="0" width=${w} height="12" fill=${s.color}></rect>`)}
        </svg>${tc(locale, 'scaleHigh')}</span>
      <span class="key"><svg width="16" height="12" focusable="false"><rect class="partial-swatch" x="1" y="1" width="14" height="10"></rect></svg>${t(locale, 'partial')}</span>
      ${result.k > 0 || (this.minCohortSize ?? 0) > 0
        ? html`<span class="key"><svg width="16" height="12" focusable="false"><rect x="0" y="0" width="16" height="12"
              fill=${NEUTRAL_FILL}></rect></svg>${t(locale, 'suppressedHint', { k: result.k || this.minCohortSize || '' })}</span>`
        : nothing}
    </div>`;
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

  protected tableColumns(ctx: RenderContext): readonly TableColumn[] {
    const { locale } = ctx;
    const cols: TableColumn[] = [
      { key: 'cohort', header: tc(locale, 'cohort'), format: 'period', period: this.period },
      { key: 'size', header: tc(locale, 'size'), format: 'count' },
      { key: 'offset', header: tc(locale, 'offset'), format: 'count' },
      { key: 'retained', header: tc(locale, 'retained'), format: 'count' },
      { key: 'rate', header: tc(locale, 'rate'), format: 'percent', digits: 1 },
      { key: 'churned', header: tc(locale, 'churned'), format: 'count' },
      { key: 'churnRate', header: tc(locale, 'churnRate'), format: 'percent', digits: 1 },
      { key: 'complete', header: tc(locale, 'complete'), format: 'boolean' },
    ];
    if (textOption(this.by)) cols.splice(1, 0, { key: 'segment', header: tc(locale, 'segment'), format: 'text' });
    return cols;
  }

  protected tableRows(result: CohortChurnResult): readonly TableRow[] {
    return result.rows;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-cohort-churn': PulsoCohortChurn;
  }
}
