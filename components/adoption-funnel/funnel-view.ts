// The funnel mode of <pulso-adoption-funnel>: one band per step with its title
// above (so long event names never fight the bars for width), a bar per segment
// as long as the share of the first step, and the value at the bar's end. The
// focusable mark is a transparent rect over the whole band row, so a bar of 0 %
// or a hidden count can still be reached and shows its focus ring.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { funnelLayout } from '../../src/charts/funnel.js';
import type { FunnelBar, FunnelLayout } from '../../src/charts/funnel.js';
import type { RenderContext, TipContent } from '../shared/chart-element.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import { eventLabel, segmentLabel, t } from '../shared/strings.js';
import { intervalText, withInterval } from '../shared/compare-words.js';
import { comparisonLines, markedWords, significantKey } from './comparison.js';
import { ta } from './strings.js';
import { fitText, textWidth } from '../shared/text-width.js';
import { ALPHA } from './types.js';
import type { FunnelResult } from './types.js';

/** Below this width the step's drop-off line goes under its title instead of beside it. */
const NARROW = 520;
/** Rough width of one character of the 12 px value text, to decide inside or outside the bar. */
const CHAR_W = 6.6;

export interface FunnelGeometry {
  layout: FunnelLayout;
  narrow: boolean;
  /** Baseline of the x tick labels and of the axis title. */
  tickY: number;
  height: number;
}

/** Whether every step's title and its drop-off line fit side by side on one line. */
function wideFits(result: FunnelResult, width: number, ctx: RenderContext): boolean {
  const steps = [...new Map(result.rows.map((r) => [r.index, r.step])).entries()];
  return steps.every(([index, step]) => {
    const info = stepInfo(result, index, ctx, false);
    // The worst step's line is bold too.
    return textWidth(stepTitle(index, step, ctx), 13, 600) + textWidth(info, 12, 600) + 24 <= width;
  });
}

const stepTitle = (index: number, step: string, ctx: RenderContext): string => `${index}. ${eventLabel(ctx.locale, step)}`;

export function funnelGeometry(result: FunnelResult, width: number, ctx?: RenderContext): FunnelGeometry {
  const narrow = width < NARROW || (ctx !== undefined && !wideFits(result, width, ctx));
  const head = narrow ? 40 : 24;
  const layout = funnelLayout(result.rows, {
    width,
    labelWidth: 0,
    stepGap: head + 8,
    alpha: ALPHA,
    margin: { top: head, left: 2, right: 12, bottom: 0 },
  });
  const last = layout.steps[layout.steps.length - 1];
  const barsBottom = last ? last.y + last.h : layout.plot.top;
  const tickY = barsBottom + 16;
  return { layout, narrow, tickY, height: tickY + 26 };
}

/** The bar of the mark at `pos`: row = segment, col = step position. */
export function funnelBarAt(result: FunnelResult, width: number, pos: MarkPosition): FunnelBar | undefined {
  const { layout } = funnelGeometry(result, width);
  const step = layout.steps[pos.col];
  const segment = result.segments[pos.row ?? 0];
  return step && layout.bars.find((b) => b.index === step.index && b.segment === segment);
}

const named = (result: FunnelResult): boolean => result.segments[0] !== undefined;

function prefix(bar: FunnelBar, ctx: RenderContext): string {
  return bar.segment === undefined ? '' : `${segmentLabel(ctx.locale, bar.segment)}: `;
}

export function funnelBarLabel(bar: FunnelBar, result: FunnelResult, ctx: RenderContext): string {
  const { f, locale } = ctx;
  if (bar.entered === null)
    return prefix(bar, ctx) + ta(locale, 'barHidden', { index: bar.index, step: eventLabel(locale, bar.step), k: result.k });
  let label = ta(locale, 'barLabel', { index: bar.index, step: eventLabel(locale, bar.step), n: f.number(bar.entered), rate: f.percent(bar.conversion, 1) });
  const ci = intervalText(f, bar.ciLow, bar.ciHigh);
  if (ci) label += ` (${ci})`;
  if (bar.index > 1)
    label += ta(locale, 'barLabelPrev', { prev: f.percent(bar.fromPrevious, 1), drop: f.number(bar.dropOff) });
  if (bar.medianTimeToConvertMs !== null) label += ta(locale, 'barLabelTime', { time: f.duration(bar.medianTimeToConvertMs) });
  if (bar.significant) label += `, ${ta(locale, 'significantShort')}`;
  return prefix(bar, ctx) + label + markedWords(bar.comparison, result, ctx);
}

/** The value at the end of a bar: rate and count, the segment first when there are several. */
function valueText(bar: FunnelBar, result: FunnelResult, ctx: RenderContext): string {
  const seg = bar.segment === undefined ? '' : `${segmentLabel(ctx.locale, bar.segment)} · `;
  if (bar.entered === null) return seg + t(ctx.locale, 'suppressed', { k: result.k });
  return seg + ta(ctx.locale, 'barValue', { rate: ctx.f.percent(bar.conversion, 1), n: ctx.f.number(bar.entered) });
}

/**
 * Drop-off from the previous step and the median time, for a funnel without
 * segments; on a phone without "from previous", so the line fits under the title.
 */
function stepInfo(result: FunnelResult, index: number, ctx: RenderContext, narrow: boolean): string {
  if (named(result) || index === 1) return '';
  const row = result.rows.find((r) => r.index === index);
  if (!row || row.dropOff === null || row.fromPrevious === null) return '';
  const params = { drop: ctx.f.number(row.dropOff), rate: ctx.f.percent(1 - row.fromPrevious, 1) };
  if (row.medianTimeToConvertMs === null) return ta(ctx.locale, 'stepInfoNoTime', params);
  return ta(ctx.locale, narrow ? 'stepInfoShort' : 'stepInfo', { ...params, time: ctx.f.duration(row.medianTimeToConvertMs) });
}

/** The index of the step that keeps the smallest share of the one before (no segments). */
export function worstStep(result: FunnelResult): number | undefined {
  if (named(result)) return undefined;
  let worst: FunnelResult['rows'][number] | undefined;
  for (const r of result.rows)
    if (r.index > 1 && r.fromPrevious !== null && (!worst || r.fromPrevious < worst.fromPrevious!)) worst = r;
  return worst && worst.fromPrevious! < 1 ? worst.index : undefined;
}

function renderBar(bar: FunnelBar, g: FunnelGeometry, result: FunnelResult, ctx: RenderContext): TemplateResult {
  const p = g.layout.plot;
  const text = valueText(bar, result, ctx) + (bar.significant ? ' *' : '');
  const inside = bar.w >= text.length * CHAR_W + 12;
  const tx = inside ? bar.x + bar.w - 6 : bar.x + bar.w + 6;
  const segRow = Math.max(0, result.segments.indexOf(bar.segment));
  const col = g.layout.steps.findIndex((s) => s.index === bar.index);
  return svg`<g class="bar">
    <rect class="track" aria-hidden="true" x=${p.left} y=${bar.y} width=${p.right - p.left} height=${bar.h}></rect>
    <rect class="fill" aria-hidden="true" data-index=${bar.index} x=${bar.x} y=${bar.y} width=${bar.w} height=${bar.h}
      fill=${bar.fill}></rect>
    <text class=${inside ? 'value inside' : 'value'} aria-hidden="true" x=${tx} y=${bar.cy}
      text-anchor=${inside ? 'end' : 'start'} dominant-baseline="central" fill=${inside ? bar.textFill : nothing}
      >${text}</text>
    <rect class="hit" data-mark data-row=${named(result) ? segRow : nothing} data-col=${col} role="img"
      aria-label=${funnelBarLabel(bar, result, ctx)} x=${p.left} y=${bar.y} width=${p.right - p.left} height=${bar.h}
      fill="transparent"></rect>
  </g>`;
}

export function renderFunnel(result: FunnelResult, ctx: RenderContext, title: string): TemplateResult {
  const { f, locale } = ctx;
  const g = funnelGeometry(result, ctx.width, ctx);
  const l = g.layout;
  const p = l.plot;
  const last = l.steps[l.steps.length - 1];
  const gridBottom = last ? last.y + last.h : p.top;
  const worst = worstStep(result);
  return html`<svg class="pulso-chart funnel" width=${l.width} height=${g.height} viewBox="0 0 ${l.width} ${g.height}"
    role="group" aria-label=${title}>
    <g class="grid" aria-hidden="true">
      ${l.xTicks.map(
        (tk) => svg`<line x1=${tk.x} x2=${tk.x} y1=${p.top - 4} y2=${gridBottom}></line>
          <text class="tick" x=${tk.x} y=${g.tickY} text-anchor=${tk.value === 0 ? 'start' : tk.value === 1 ? 'end' : 'middle'}
            >${f.percent(tk.value, 0)}</text>`,
      )}
      <text class="axis-title" x=${p.left} y=${g.tickY + 18}>${ta(locale, 'xAxis')}</text>
    </g>
    <g class="steps" aria-hidden="true">
      ${l.steps.map((s) => {
        const info = stepInfo(result, s.index, ctx, g.narrow);
        const titleY = s.y - (g.narrow ? 24 : 8);
        // A name too long for the box is cut; it is whole in the tooltip and the table.
        return svg`<text class="step-title" x=${p.left} y=${titleY}>${fitText(stepTitle(s.index, s.step, ctx), ctx.width - p.left - 4, 13, 600)}</text>
          ${info
            ? svg`<text class=${s.index === worst ? 'step-info worst' : 'step-info'} x=${g.narrow ? p.left : p.right} y=${g.narrow ? s.y - 8 : titleY}
                text-anchor=${g.narrow ? 'start' : 'end'}>${g.narrow ? fitText(info, ctx.width - p.left - 4, 12, 600) : info}</text>`
            : nothing}`;
      })}
    </g>
    <g class="bars">${l.bars.map((b) => renderBar(b, g, result, ctx))}</g>
  </svg>`;
}

export function funnelTip(bar: FunnelBar, result: FunnelResult, ctx: RenderContext): TipContent {
  const { f, locale } = ctx;
  const title = `${bar.index}. ${eventLabel(locale, bar.step)}`;
  const lines = [];
  if (bar.segment !== undefined) lines.push({ label: ta(locale, 'segment'), value: segmentLabel(locale, bar.segment) });
  if (bar.entered === null) {
    lines.push({ label: '', value: t(locale, 'suppressedHint', { k: result.k }) });
    return { title, lines };
  }
  lines.push({ label: ta(locale, 'entered'), value: f.number(bar.entered) });
  lines.push({ label: ta(locale, 'conversion'), value: withInterval(f, f.percent(bar.conversion, 1), bar.ciLow, bar.ciHigh) });
  if (bar.index > 1) {
    lines.push({ label: ta(locale, 'fromPrevious'), value: f.percent(bar.fromPrevious, 1) });
    lines.push({ label: ta(locale, 'dropOff'), value: f.number(bar.dropOff) });
    lines.push({ label: ta(locale, 'medianTime'), value: f.duration(bar.medianTimeToConvertMs) });
  }
  lines.push(...comparisonLines(bar.comparison, result, ctx));
  return { title, lines };
}

export function funnelLegend(result: FunnelResult, ctx: RenderContext): TemplateResult | typeof nothing {
  if (!named(result)) return nothing;
  const { layout } = funnelGeometry(result, ctx.width);
  const sig = layout.bars.some((b) => b.significant);
  const few = layout.bars.some((b) => b.comparison.tooFew === true);
  return html`<ul class="legend">
    ${layout.legend.map(
      (s) => html`<li class="key"><svg width="14" height="14" aria-hidden="true" focusable="false">
          <rect x="0" y="0" width="14" height="14" rx="2" fill=${s.color}></rect></svg>${segmentLabel(ctx.locale, s.segment)}</li>`,
    )}
    ${sig ? html`<li class="key"><span class="sig-key" aria-hidden="true">*</span>${significantKey(result, ctx)}</li>` : nothing}
    ${few ? html`<li class="key note">${ta(ctx.locale, 'tooFewKey', { n: ctx.f.number(result.minSample) })}</li>` : nothing}
  </ul>`;
}
