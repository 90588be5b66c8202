// The chart of <pulso-survival>: a step curve per segment with its 95% band,
// censoring ticks, the dashed 50% line with each median dropped to the axis, a
// keyboard point at every time tick, the numbers-at-risk table under the time axis
// (the standard companion of a Kaplan–Meier plot), and the legend.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { survivalLayout } from '../../src/charts/survival.js';
import type { SurvivalLayout, SurvivalSeries } from '../../src/charts/survival.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { RenderContext } from '../shared/chart-element.js';
import { segmentLabel, t } from '../shared/strings.js';
import { ts } from './strings.js';
import type { SurvivalViewResult } from './types.js';
import { timeWords } from './words.js';

/** Height of one numbers-at-risk row, and room above the table for the axis. */
const ROW_H = 16;
const AXIS_H = 40;
/** Longest segment name drawn in full beside the numbers at risk. */
const NAME_MAX = 16;
/** Space between a name and the first column of numbers (centred on the axis start). */
const NAME_GAP = 24;

export function seriesName(s: SurvivalSeries, locale: Locale): string {
  return s.segment === undefined ? ts(locale, 'all') : segmentLabel(locale, s.segment);
}

const short = (name: string) => (name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name);

/** The curves to draw: each shown segment's rows and median, in the summary's order. */
function curvesOf(r: SurvivalViewResult) {
  return r.groups
    .filter((g) => !g.suppressed)
    .map((g) => ({ segment: g.segment, median: g.median, rows: r.rows.filter((row) => row.segment === g.segment) }));
}

export function survivalGeometry(r: SurvivalViewResult, width: number, locale: Locale): SurvivalLayout {
  const curves = curvesOf(r);
  const names = curves.map((c) => short(c.segment === undefined ? ts(locale, 'all') : segmentLabel(locale, c.segment)));
  // Room for the longest name beside the numbers at risk, clear of the first column's number.
  const left = Math.min(150, Math.max(48, Math.max(0, ...names.map((n) => n.length)) * 6.6 + NAME_GAP + 8));
  const table = (curves.length + 1) * ROW_H + 8;
  const plotH = Math.round(Math.min(320, Math.max(200, width * 0.4)));
  return survivalLayout(curves, { width, height: plotH + AXIS_H + table, unit: r.unit, margin: { left, right: 20, top: 12, bottom: AXIS_H + table } });
}

export function renderSurvival(r: SurvivalViewResult, ctx: RenderContext, label: string): TemplateResult {
  const { f, locale } = ctx;
  const l = survivalGeometry(r, ctx.width, locale);
  const p = l.plot;
  return html`<svg class="pulso-chart survival" width=${l.width} height=${l.height} viewBox="0 0 ${l.width} ${l.height}"
    role="group" aria-label=${label}>
    <g class="grid" aria-hidden="true">
      ${l.yTicks.map(
        (tk) => svg`<line x1=${p.left} x2=${p.right} y1=${tk.y} y2=${tk.y}></line>
          <text class="tick" x=${p.left - 6} y=${tk.y} text-anchor="end" dominant-baseline="central">${f.percent(tk.value, 0)}</text>`,
      )}
      ${l.xTicks.map((tk) => svg`<text class="tick" x=${tk.x} y=${p.bottom + 16} text-anchor="middle">${f.number(tk.time)}</text>`)}
      <text class="axis-title" x=${(p.left + p.right) / 2} y=${p.bottom + 32} text-anchor="middle">${ts(locale, `axis${r.unit}`)}</text>
    </g>
    <g class="bands" aria-hidden="true">${l.series.map((s) => svg`<path class="band" d=${s.band} fill=${s.color}></path>`)}</g>
    <g class="half" aria-hidden="true">
      <line x1=${p.left} x2=${p.right} y1=${l.half} y2=${l.half}></line>
      ${l.series.map((s) => (s.median ? svg`<line class="median" x1=${s.median.x} x2=${s.median.x} y1=${l.half} y2=${p.bottom} stroke=${s.color}></line>` : nothing))}
    </g>
    <g class="lines" aria-hidden="true">
      ${l.series.map((s) => svg`<path class="line" d=${s.path} stroke=${s.color} stroke-dasharray=${s.dash || nothing}></path>`)}
    </g>
    <g class="censors" aria-hidden="true">
      ${l.series.map((s) => s.censors.map((c) => svg`<line x1=${c.x} x2=${c.x} y1=${c.y - 4} y2=${c.y + 4} stroke=${s.color}></line>`))}
    </g>
    ${l.series.map((s, row) => renderPoints(r, ctx, l, s, row))}
    ${renderAtRisk(r, ctx, l)}
  </svg>`;
}

function renderPoints(r: SurvivalViewResult, ctx: RenderContext, l: SurvivalLayout, s: SurvivalSeries, row: number): TemplateResult {
  const { f, locale } = ctx;
  const series = s.segment === undefined ? '' : `${seriesName(s, locale)}, `;
  return svg`<g class="points">
    ${s.points.map(
      (pt, col) => svg`<circle data-mark data-row=${row} data-col=${col} data-time=${pt.time} role="img"
        cx=${pt.x} cy=${pt.y} r="3.5" fill=${s.color}
        aria-label=${ts(locale, 'pointLabel', {
          series,
          time: timeWords(locale, f, r.unit, pt.time),
          survival: f.percent(pt.survival, 1),
          low: f.percent(pt.ciLow, 1),
          high: f.percent(pt.ciHigh, 1),
          atRisk: pt.atRisk === null ? t(locale, 'suppressed', { k: r.k }) : f.number(pt.atRisk),
        })}></circle>`,
    )}
  </g>`;
}

/** The numbers at risk at each time tick, one row per curve, under the axis title. */
function renderAtRisk(r: SurvivalViewResult, ctx: RenderContext, l: SurvivalLayout): TemplateResult {
  const { f, locale } = ctx;
  const top = l.plot.bottom + AXIS_H + ROW_H;
  const value = (n: number | null) => (n === null ? t(locale, 'suppressed', { k: r.k }) : f.number(n));
  return svg`<g class="at-risk">
    <text class="at-risk-title" x="0" y=${top - 2}>${ts(locale, 'atRiskTitle')}</text>
    ${l.series.map(
      (s, i) => svg`<g class="at-risk-row">
        <text class="at-risk-name" x=${l.plot.left - NAME_GAP} y=${top + (i + 1) * ROW_H} text-anchor="end" fill=${s.color}>${short(seriesName(s, locale))}</text>
        ${s.atRisk.map((n, k) => svg`<text class="tick" x=${l.xTicks[k].x} y=${top + (i + 1) * ROW_H} text-anchor="middle">${value(n)}</text>`)}
      </g>`,
    )}
  </g>`;
}

export function survivalLegend(r: SurvivalViewResult, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  const l = survivalGeometry(r, ctx.width, locale);
  return html`<ul class="legend">
    ${l.series.map(
      (s) => html`<li class="key"><svg width="24" height="10" aria-hidden="true" focusable="false">
          <line class="line" x1="0" x2="24" y1="5" y2="5" stroke=${s.color} stroke-dasharray=${s.dash || nothing}></line></svg>${seriesName(s, locale)}
          (${ts(locale, 'medianAt', { value: timeWords(locale, f, r.unit, s.median?.value ?? null) })})</li>`,
    )}
    <li class="key"><svg width="10" height="12" aria-hidden="true" focusable="false"><line class="censor-key" x1="5" x2="5" y1="1" y2="11"></line></svg>${ts(locale, 'censorKey')}</li>
  </ul>`;
}
