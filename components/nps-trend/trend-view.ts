// The chart of <pulso-nps-trend>: NPS lines with their 95% bands and gaps, the
// target rule, the answer mix with answers per period, and the legend.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { npsTrendLayout } from '../../src/charts/line.js';
import type { NpsTrendLayout, TrendSeries } from '../../src/charts/line.js';
import { MIX_COLORS, mixTicks, npsMixLayout } from '../../src/charts/nps-mix.js';
import { dashOf } from '../../src/charts/palette.js';
import type { MixPart } from '../../src/charts/nps-mix.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import { tickLabel, tickSpacing, tickX } from '../shared/axis.js';
import type { RenderContext } from '../shared/chart-element.js';
import { segmentLabel } from '../shared/strings.js';
import type { NpsTrendResult } from './types.js';
import { tn } from './strings.js';

export interface TrendViewOptions {
  /** The chart's accessible name. */
  label: string;
  /** Fewer answers than this: a hollow point, no band. */
  minAnswers: number;
  target?: number;
  hideBand: boolean;
  hideMix: boolean;
}

export interface Geometry {
  line: NpsTrendLayout;
  /** Top and height of the answer-mix panel (height 0 when hidden). */
  mixTop: number;
  mixHeight: number;
  xOf: (period: string) => number;
}

const MIX_H = 56;
/**
 * Between the NPS plot and the mix: the period labels (right under the NPS axis, so
 * they part the two panels), the mix panel's title, and room for its answer counts.
 */
const MIX_GAP = 58;
/** Baseline of the period labels below the NPS plot. */
const LABEL_DY = 18;
/** Baseline of the mix panel's title below the NPS plot. */
const MIX_TITLE_DY = 40;
export const PARTS: readonly MixPart[] = ['promoters', 'passives', 'detractors'];

export function seriesName(s: TrendSeries, locale: Locale): string {
  return s.segment === undefined ? tn(locale, 'nps') : segmentLabel(locale, s.segment);
}

function showMix(result: NpsTrendResult, o: TrendViewOptions): boolean {
  return !o.hideMix && !result.segmented;
}

export function trendGeometry(result: NpsTrendResult, width: number, f: Formatters, o: TrendViewOptions): Geometry {
  const periods = [...new Set(result.rows.map((r) => r.period))];
  const mix = showMix(result, o);
  const height = Math.round(Math.min(340, Math.max(200, width * 0.42))) + (mix ? MIX_H + MIX_GAP : 0);
  const line = npsTrendLayout(result.rows, {
    width,
    height,
    target: o.target,
    minTickSpacing: tickSpacing(periods.map((p) => tickLabel(f, p, result.period))),
    margin: { left: 44, right: 16, top: 16, bottom: mix ? MIX_H + MIX_GAP + 8 : 32 },
    minN: o.minAnswers,
  });
  const index = new Map(line.x.domain.map((p, i) => [p, i]));
  const xOf = (p: string) => line.plot.left + line.x.step * ((index.get(p) ?? 0) + 0.5);
  return { line, mixTop: line.plot.bottom + MIX_GAP, mixHeight: mix ? MIX_H : 0, xOf };
}

export function renderTrend(result: NpsTrendResult, ctx: RenderContext, o: TrendViewOptions): TemplateResult {
  const { f, locale } = ctx;
  const g = trendGeometry(result, ctx.width, ctx.f, o);
  const l = g.line;
  const p = l.plot;
  // Points shrink when periods are dense so neighbours stay apart.
  const r = Math.max(2.5, Math.min(4.5, l.x.step * 0.3));
  const labelY = p.bottom + LABEL_DY;
  return html`<svg class="pulso-chart nps" width=${l.width} height=${l.height} viewBox="0 0 ${l.width} ${l.height}"
    role="group" aria-label=${o.label}>
    <g class="grid" aria-hidden="true">
      ${l.yTicks.map(
        (tk) => svg`<line class=${tk.value === 0 ? 'zero' : ''} x1=${p.left} x2=${p.right} y1=${tk.y} y2=${tk.y}></line>
          <text class="tick" x=${p.left - 6} y=${tk.y} text-anchor="end" dominant-baseline="central">${f.score(tk.value)}</text>`,
      )}
      ${l.xTicks.map(
        (tk) => {
          const text = tickLabel(f, tk.period, result.period);
          return svg`<text class="tick" x=${tickX(tk.x, text, l.width)} y=${labelY} text-anchor="middle">${text}</text>`;
        },
      )}
    </g>
    ${l.targetY === undefined
      ? nothing
      : svg`<g class="target" aria-hidden="true">
          <line x1=${p.left} x2=${p.right} y1=${l.targetY} y2=${l.targetY}></line>
          <text x=${p.right} y=${l.targetY - 4} text-anchor="end">${tn(locale, 'target', { value: f.score(o.target) })}</text>
        </g>`}
    ${o.hideBand
      ? nothing
      : svg`<g class="bands" aria-hidden="true">
          ${l.series.map((s) => svg`<path class="band" d=${s.band} fill=${s.color}></path>`)}
        </g>`}
    <g class="lines" aria-hidden="true">
      ${l.series.map((s, i) => svg`<path class="line" d=${s.path} stroke=${s.color} stroke-dasharray=${dashOf(i) || nothing}></path>`)}
    </g>
    ${g.mixHeight ? renderMix(result, g, f, locale) : nothing}
    ${l.series.map(
      (s, row) => svg`<g class="points">
        ${s.points.map(
          (pt) => svg`<circle data-mark data-row=${row} data-col=${l.x.domain.indexOf(pt.period)}
            data-period=${pt.period} role="img" cx=${pt.x} cy=${pt.y} r=${r} fill=${s.color} class=${pt.few ? 'few' : nothing}
            color=${pt.few ? s.color : nothing}
            aria-label=${tn(locale, 'pointLabel', {
              series: result.segmented ? `${seriesName(s, locale)}, ` : '',
              period: f.periodLabel(pt.period, result.period, 'long'),
              nps: f.score(pt.nps, 1),
              low: f.score(pt.ciLow, 1),
              high: f.score(pt.ciHigh, 1),
              n: f.number(pt.n),
            }) + (pt.few ? `, ${tn(locale, 'few')}` : '')}></circle>`,
        )}
      </g>`,
    )}
  </svg>`;
}

/**
 * The answer mix as a panel of its own under the period labels: a title naming its
 * scale, a 0–100% axis with its gridlines, and the stacked bars (shares, not NPS).
 */
function renderMix(result: NpsTrendResult, g: Geometry, f: Formatters, locale: Locale): TemplateResult {
  const bars = npsMixLayout(result.rows, { xOf: g.xOf, step: g.line.x.step, top: g.mixTop, height: g.mixHeight });
  const p = g.line.plot;
  // Answers per period above each bar, where there is room for a number.
  const counts = g.line.x.step >= 34;
  return svg`<g class="mix-axis" aria-hidden="true">
    <text class="mix-title" x="0" y=${p.bottom + MIX_TITLE_DY}>${tn(locale, counts && g.line.width >= 480 ? 'mixScaleCounts' : 'mixScale')}</text>
    ${mixTicks(g.mixTop, g.mixHeight).map(
      (tk) => svg`<line class="mix-grid" x1=${p.left} x2=${p.right} y1=${tk.y} y2=${tk.y}></line>
        <text class="tick" x=${p.left - 6} y=${tk.y} text-anchor="end" dominant-baseline="central">${f.percent(tk.share, 0)}</text>`,
    )}
  </g>
  <g class="mix" aria-hidden="true">
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

export function trendLegend(result: NpsTrendResult, ctx: RenderContext, o: TrendViewOptions): TemplateResult {
  const { locale } = ctx;
  const series = trendGeometry(result, ctx.width, ctx.f, o).line.series;
  const few = series.some((s) => s.points.some((p) => p.few));
  return html`<ul class="legend">
    ${result.segmented
      ? series.map(
          (s, i) => html`<li class="key"><svg width="24" height="10" aria-hidden="true" focusable="false">
              <line class="line" x1="0" x2="24" y1="5" y2="5" stroke=${s.color} stroke-dasharray=${dashOf(i) || nothing}></line></svg>${seriesName(s, locale)}</li>`,
        )
      : nothing}
    ${showMix(result, o)
      ? PARTS.map(
          (part) => html`<li class="key"><svg width="12" height="12" aria-hidden="true" focusable="false">
              <rect width="12" height="12" fill=${MIX_COLORS[part]}></rect></svg>${tn(locale, part)}</li>`,
        )
      : nothing}
    ${few
      ? html`<li class="key"><svg width="12" height="12" aria-hidden="true" focusable="false"><circle class="few-key" cx="6" cy="6" r="4.5"></circle></svg>${tn(locale, 'fewKey', { n: ctx.f.number(o.minAnswers) })}</li>`
      : nothing}
  </ul>`;
}

