// The chart of <pulso-value>: the Pareto (Lorenz) curve of each segment — the share
// of value held by the top x% of customers — against the dashed line of equal
// shares, the top fraction marked with its share, points at every tenth of the
// customers for the keyboard, and the legend.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { paretoLayout } from '../../src/charts/pareto.js';
import type { ParetoLayout, ParetoSeries } from '../../src/charts/pareto.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { RenderContext } from '../shared/chart-element.js';
import { segmentLabel } from '../shared/strings.js';
import { tv } from './strings.js';
import type { ValueViewResult } from './types.js';

export function seriesName(s: ParetoSeries, locale: Locale): string {
  return s.segment === undefined ? tv(locale, 'all') : segmentLabel(locale, s.segment);
}

/** The value column in words: the canonical `revenue` is translated, others shown as named. */
export function valueWords(locale: Locale, value: string): string {
  return value === 'revenue' ? tv(locale, 'revenue') : value;
}

/** Share of customers as a percentage without needless decimals (20%, 12.5%). */
export function shareWords(f: Formatters, share: number): string {
  return f.percent(share, Number.isInteger(Math.round(share * 1000) / 10) ? 0 : 1);
}

export function paretoGeometry(r: ValueViewResult, width: number): ParetoLayout {
  const height = Math.round(Math.min(360, Math.max(220, width * 0.5)));
  return paretoLayout(r.points, r.rows, { width, height, top: r.top, margin: { left: 52, right: 20, top: 12, bottom: 44 } });
}

export function renderPareto(r: ValueViewResult, ctx: RenderContext, label: string): TemplateResult {
  const { f, locale } = ctx;
  const l = paretoGeometry(r, ctx.width);
  const p = l.plot;
  const value = valueWords(locale, r.value);
  // One curve's share is written at its point; several would overlap (the summary lists them).
  const one = l.series.length === 1;
  return html`<svg class="pulso-chart pareto" width=${l.width} height=${l.height} viewBox="0 0 ${l.width} ${l.height}"
    role="group" aria-label=${label}>
    <g class="grid" aria-hidden="true">
      ${l.ticks.map(
        (tk) => svg`<line x1=${p.left} x2=${p.right} y1=${tk.y} y2=${tk.y}></line>
          <text class="tick" x=${p.left - 6} y=${tk.y} text-anchor="end" dominant-baseline="central">${f.percent(tk.value, 0)}</text>
          <text class="tick" x=${tk.x} y=${p.bottom + 16} text-anchor="middle">${f.percent(tk.value, 0)}</text>`,
      )}
      <text class="axis-title" x=${(p.left + p.right) / 2} y=${p.bottom + 34} text-anchor="middle">${tv(locale, 'xAxis', { value })}</text>
    </g>
    <path class="diagonal" d=${l.diagonal} aria-hidden="true"></path>
    <g class="top-marks" aria-hidden="true">
      ${l.series.map((s) =>
        s.top
          ? svg`<path class="top-guide" d="M${s.top.x},${p.bottom}V${s.top.y}H${p.left}" stroke=${s.color}></path>
              ${one ? svg`<text class="top-label" x=${s.top.x + 6} y=${s.top.y - 6} fill=${s.color}>${f.percent(s.top.valueShare, 0)}</text>` : nothing}`
          : nothing,
      )}
    </g>
    <g class="lines" aria-hidden="true">
      ${l.series.map((s) => svg`<path class="line" d=${s.path} stroke=${s.color} stroke-dasharray=${s.dash || nothing}></path>`)}
    </g>
    ${l.series.map(
      (s, row) => svg`<g class="points">
        ${s.marks.map(
          (m, col) => svg`<circle data-mark data-row=${row} data-col=${col} role="img" cx=${m.x} cy=${m.y} r="3.5" fill=${s.color}
            aria-label=${tv(locale, 'pointLabel', {
              series: s.segment === undefined ? '' : `${seriesName(s, locale)}: `,
              customers: shareWords(f, m.customerShare),
              share: f.percent(m.valueShare, 1),
              value,
            })}></circle>`,
        )}
      </g>`,
    )}
  </svg>`;
}

export function paretoLegend(r: ValueViewResult, ctx: RenderContext): TemplateResult {
  const { locale } = ctx;
  const l = paretoGeometry(r, ctx.width);
  return html`<ul class="legend">
    ${r.by === undefined
      ? nothing
      : l.series.map(
          (s) => html`<li class="key"><svg width="24" height="10" aria-hidden="true" focusable="false">
              <line class="line" x1="0" x2="24" y1="5" y2="5" stroke=${s.color} stroke-dasharray=${s.dash || nothing}></line></svg>${seriesName(s, locale)}</li>`,
        )}
    <li class="key"><svg width="24" height="10" aria-hidden="true" focusable="false"><line class="diagonal" x1="0" x2="24" y1="5" y2="5"></line></svg>${tv(locale, 'equal')}</li>
  </ul>`;
}
