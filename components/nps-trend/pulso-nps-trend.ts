// <pulso-nps-trend> (SPEC §3.2, issue 4): NPS per period with its 95% band,
// the promoters / passives / detractors mix and answers per period underneath,
// an optional target, a rolling window, and segments compared as lines.
// Periods with no answers are gaps in the line, never zeros.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { npsTrendLayout } from '../../src/charts/line.js';
import type { NpsTrendLayout, TrendSeries } from '../../src/charts/line.js';
import { MIX_COLORS, npsMixLayout } from '../../src/charts/nps-mix.js';
import type { MixPart } from '../../src/charts/nps-mix.js';
import { npsTrend } from '../../src/metrics/nps.js';
import type { NpsTrendRow } from '../../src/metrics/nps.js';
import type { NormalizedTables, TableName } from '../../src/data/schema.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import type { Formatters } from '../../src/i18n/format.js';
import { tickLabel, tickSpacing } from '../shared/axis.js';
import { PulsoChartElement, textOption } from '../shared/chart-element.js';
import type { RenderContext, TipContent } from '../shared/chart-element.js';
import type { PulsoSelectDetail } from '../shared/events.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import type { SkeletonShape } from '../shared/states.js';
import { segmentLabel, t } from '../shared/strings.js';
import type { TableColumn, TableRow } from '../shared/table-view.js';
import { styles } from './pulso-nps-trend.styles.js';
import { tn } from './strings.js';

export interface NpsTrendResult {
  rows: NpsTrendRow[];
  period: Period;
  segmented: boolean;
  k: number;
}

interface Geometry {
  line: NpsTrendLayout;
  /** Top and height of the answer-mix panel (height 0 when hidden). */
  mixTop: number;
  mixHeight: number;
  xOf: (period: string) => number;
}

const MIX_H = 44;
/** Room above the mix for its answer counts. */
const MIX_GAP = 16;
const PARTS: readonly MixPart[] = ['promoters', 'passives', 'detractors'];

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

  /** day, week, month (default), quarter, year. */
  @property() period: Period = 'month';
  /** Every period from `from` to `to` is shown, answered or not: the first instant included. */
  @property() from?: string;
  /** The first instant left out. */
  @property() to?: string;
  /** A survey column or customer attribute: one line per value. */
  @property() by?: string;
  /** Trailing window in periods (default 1). */
  @property({ type: Number }) rolling?: number;
  /** A target NPS drawn as a dashed rule. */
  @property({ type: Number }) target?: number;
  /** Periods with counts below this are shown as hidden ("< k"); 0 = off. */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /** Hide the 95% band. */
  @property({ attribute: 'hide-band', type: Boolean }) hideBand = false;
  /** Hide the answer mix under the line. */
  @property({ attribute: 'hide-mix', type: Boolean }) hideMix = false;

  protected tablesNeeded(): readonly TableName[] {
    // `by` may name a customer attribute, joined by customer_id.
    return textOption(this.by) ? ['surveys', 'customers'] : ['surveys'];
  }

  protected optionDeps(): readonly unknown[] {
    return [this.period, this.from, this.to, this.by, this.rolling, this.minCellSize, this.timeZone];
  }

  protected compute(tables: NormalizedTables): NpsTrendResult {
    const num = (v: number | undefined | null) => (v === null || v === undefined ? undefined : v);
    const by = textOption(this.by);
    const rows = npsTrend(by ? tables : (tables.surveys ?? []), {
      period: this.period,
      from: textOption(this.from),
      to: textOption(this.to),
      by,
      rolling: num(this.rolling),
      minCellSize: num(this.minCellSize),
      timeZone: textOption(this.timeZone),
    });
    return { rows, period: this.period, segmented: by !== undefined, k: num(this.minCellSize) ?? 0 };
  }

  protected defaultHeading(locale: Locale): string {
    return tn(locale, 'heading');
  }

  protected skeleton(): SkeletonShape {
    return 'line';
  }

  protected isEmpty(result: NpsTrendResult): boolean {
    return !result.rows.some((r) => (r.n ?? 0) > 0 || r.suppressed);
  }

  protected override emptyMessage(locale: Locale): string {
    return tn(locale, 'empty');
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.minCellSize ?? 0 });
  }

  private seriesName(s: TrendSeries, locale: Locale): string {
    return s.segment === undefined ? tn(locale, 'nps') : segmentLabel(locale, s.segment);
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

  private showMix(result: NpsTrendResult): boolean {
    return !this.hideMix && !result.segmented;
  }

  private geometry(result: NpsTrendResult, width: number, f: Formatters): Geometry {
    const periods = [...new Set(result.rows.map((r) => r.period))];
    const mix = this.showMix(result);
    const height = Math.round(Math.min(340, Math.max(200, width * 0.42))) + (mix ? MIX_H + MIX_GAP : 0);
    const target = typeof this.target === 'number' && Number.isFinite(this.target) ? this.target : undefined;
    const line = npsTrendLayout(result.rows, {
      width,
      height,
      target,
      minTickSpacing: tickSpacing(periods.map((p) => tickLabel(f, p, result.period))),
      margin: { left: 44, right: 16, top: 16, bottom: mix ? MIX_H + MIX_GAP + 28 : 32 },
    });
    const index = new Map(line.x.domain.map((p, i) => [p, i]));
    const xOf = (p: string) => line.plot.left + line.x.step * ((index.get(p) ?? 0) + 0.5);
    return { line, mixTop: line.plot.bottom + MIX_GAP, mixHeight: mix ? MIX_H : 0, xOf };
  }

  protected renderChart(result: NpsTrendResult, ctx: RenderContext): TemplateResult {
    const { f, locale } = ctx;
    const g = this.geometry(result, ctx.width, ctx.f);
    const l = g.line;
    const p = l.plot;
    // Points shrink when periods are dense so neighbours stay apart.
    const r = Math.max(2.5, Math.min(4.5, l.x.step * 0.3));
    const labelY = g.mixHeight ? g.mixTop + g.mixHeight + 16 : p.bottom + 18;
    return html`<svg class="pulso-chart nps" width=${l.width} height=${l.height} viewBox="0 0 ${l.width} ${l.height}"
      role="group" aria-label=${textOption(this.heading) ?? this.defaultHeading(locale)}>
      <g class="grid" aria-hidden="true">
        ${l.yTicks.map(
          (tk) => svg`<line class=${tk.value === 0 ? 'zero' : ''} x1=${p.left} x2=${p.right} y1=${tk.y} y2=${tk.y}></line>
            <text class="tick" x=${p.left - 6} y=${tk.y} text-anchor="end" dominant-baseline="central">${f.score(tk.value)}</text>`,
        )}
        ${l.xTicks.map(
          (tk) => svg`<text class="tick" x=${tk.x} y=${labelY} text-anchor="middle">${tickLabel(f, tk.period, result.period)}</text>`,
        )}
      </g>
      ${l.targetY === undefined
        ? nothing
        : svg`<g class="target" aria-hidden="true">
            <line x1=${p.left} x2=${p.right} y1=${l.targetY} y2=${l.targetY}></line>
            <text x=${p.right} y=${l.targetY - 4} text-anchor="end">${tn(locale, 'target', { value: f.score(this.target) })}</text>
          </g>`}
      ${this.hideBand
        ? nothing
        : svg`<g class="bands" aria-hidden="true">
            ${l.series.map((s) => svg`<path class="band" d=${s.band} fill=${s.color}></path>`)}
          </g>`}
      <g class="lines" aria-hidden="true">
        ${l.series.map((s) => svg`<path class="line" d=${s.path} stroke=${s.color}></path>`)}
      </g>
      ${g.mixHeight ? this.renderMix(result, g, f) : nothing}
      ${l.series.map(
        (s, row) => svg`<g class="points">
          ${s.points.map(
            (pt) => svg`<circle data-mark data-row=${row} data-col=${l.x.domain.indexOf(pt.period)}
              data-period=${pt.period} role="img" cx=${pt.x} cy=${pt.y} r=${r} fill=${s.color}
              aria-label=${tn(locale, 'pointLabel', {
                series: result.segmented ? `${this.seriesName(s, locale)}, ` : '',
                period: f.periodLabel(pt.period, result.period, 'long'),
                nps: f.score(pt.nps, 1),
                low: f.score(pt.ciLow, 1),
                high: f.score(pt.ciHigh, 1),
                n: f.number(pt.n),
              })}></circle>`,
          )}
        </g>`,
      )}
    </svg>`;
  }

  private renderMix(result: NpsTrendResult, g: Geometry, f: Formatters): TemplateResult {
    const bars = npsMixLayout(result.rows, { xOf: g.xOf, step: g.line.x.step, top: g.mixTop, height: g.mixHeight });
    // Answers per period above each bar, where there is room for a number.
    const counts = g.line.x.step >= 34;
    return svg`<g class="mix" aria-hidden="true">
      ${counts
        ? bars.map((b) => svg`<text class="mix-n" x=${b.x + b.w / 2} y=${g.mixTop - 3} text-anchor="middle">${f.number(b.n)}</text>`)
        : nothing}
      ${bars.map((b) =>
        b.segments.length
          ? b.segments.map((s) => svg`<rect x=${b.x} y=${s.y} width=${b.w} height=${s.h} fill=${s.fill}></rect>`)
          : svg`<rect class="mix-empty" x=${b.x} y=${g.mixTop} width=${b.w} height=${g.mixHeight}></rect>`,
      )}
    </g>`;
  }

  private rowAt(result: NpsTrendResult, mark: Element, pos: MarkPosition): NpsTrendRow | undefined {
    const period = mark.getAttribute('data-period');
    const line = this.geometry(result, this.resize.width, this.context.f).line;
    const segment = line.series[pos.row ?? 0]?.segment;
    return result.rows.find((r) => r.period === period && r.segment === segment);
  }

  protected tipFor(mark: Element, pos: MarkPosition, result: NpsTrendResult, ctx: RenderContext): TipContent | undefined {
    const { f, locale } = ctx;
    const row = this.rowAt(result, mark, pos);
    if (!row) return undefined;
    const title = f.periodLabel(row.period, result.period, 'long');
    const lines = [];
    if (row.segment !== undefined) lines.push({ label: tn(locale, 'segment'), value: segmentLabel(locale, row.segment) });
    lines.push({ label: tn(locale, 'nps'), value: f.score(row.nps, 1) });
    lines.push({ label: tn(locale, 'interval'), value: tn(locale, 'intervalValue', { low: f.score(row.ciLow, 1), high: f.score(row.ciHigh, 1) }) });
    lines.push({ label: tn(locale, 'answers'), value: f.number(row.n) });
    for (const part of PARTS)
      lines.push({ label: tn(locale, part), value: tn(locale, 'share', { share: f.percent(row.n ? (row[part] ?? 0) / row.n : null, 0), count: f.number(row[part]) }) });
    if ((this.rolling ?? 1) > 1) lines.push({ label: '', value: tn(locale, 'rolling', { w: f.number(this.rolling) }) });
    return { title, lines };
  }

  protected selectionFor(mark: Element, pos: MarkPosition, result: NpsTrendResult): PulsoSelectDetail | undefined {
    const row = this.rowAt(result, mark, pos);
    if (!row) return undefined;
    const filters = row.segment === undefined ? { period: row.period } : { period: row.period, segment: row.segment };
    return { widget: this.localName, filters, periodUnit: result.period, by: textOption(this.by), row: { ...row } };
  }

  protected override renderLegend(result: NpsTrendResult, ctx: RenderContext): TemplateResult {
    const { locale } = ctx;
    const series = this.geometry(result, ctx.width, ctx.f).line.series;
    return html`<ul class="legend">
      ${result.segmented
        ? series.map(
            (s) => html`<li class="key"><svg width="20" height="10" aria-hidden="true" focusable="false">
                <line class="line" x1="0" x2="20" y1="5" y2="5" stroke=${s.color}></line></svg>${this.seriesName(s, locale)}</li>`,
          )
        : nothing}
      ${this.showMix(result)
        ? PARTS.map(
            (part) => html`<li class="key"><svg width="12" height="12" aria-hidden="true" focusable="false">
                <rect width="12" height="12" fill=${MIX_COLORS[part]}></rect></svg>${tn(locale, part)}</li>`,
          )
        : nothing}
    </ul>`;
  }

  protected tableColumns(ctx: RenderContext): readonly TableColumn[] {
    const { locale } = ctx;
    const cols: TableColumn[] = [
      { key: 'period', header: tn(locale, 'period'), format: 'period', period: this.period },
      { key: 'n', header: tn(locale, 'answers'), format: 'count' },
      { key: 'promoters', header: tn(locale, 'promoters'), format: 'count' },
      { key: 'passives', header: tn(locale, 'passives'), format: 'count' },
      { key: 'detractors', header: tn(locale, 'detractors'), format: 'count' },
      { key: 'nps', header: tn(locale, 'nps'), format: 'score', digits: 1 },
      { key: 'ciLow', header: tn(locale, 'ciLow'), format: 'score', digits: 1 },
      { key: 'ciHigh', header: tn(locale, 'ciHigh'), format: 'score', digits: 1 },
    ];
    if (textOption(this.by)) cols.splice(1, 0, { key: 'segment', header: tn(locale, 'segment'), format: 'text' });
    return cols;
  }

  protected tableRows(result: NpsTrendResult): readonly TableRow[] {
    return result.rows;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-nps-trend': PulsoNpsTrend;
  }
}
