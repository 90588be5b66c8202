// The curves view of <pulso-cohort-churn>: retention against time since the
// cohort's start. Cohort lines are muted context; the weighted average (or each
// segment's average, with `by`) carries the focusable marks.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { retentionCurvesLayout, COHORT_LINE } from '../../src/charts/curves.js';
import { dashOf } from '../../src/charts/palette.js';
import type { CurveSeries, CurvesLayout } from '../../src/charts/curves.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { RenderContext } from '../shared/chart-element.js';
import type { CohortChurnResult } from './types.js';
import { segmentLabel } from '../shared/strings.js';
import { intervalText } from '../shared/compare-words.js';
import { axisKey, offsetLabel, tc } from './strings.js';

export function curvesHeight(width: number): number {
  return Math.round(Math.min(420, Math.max(240, width * 0.5)));
}

export function curvesOf(result: CohortChurnResult, width: number): CurvesLayout {
  const compare = result.segments.length > 1 || result.segments[0] !== undefined;
  return retentionCurvesLayout(result.rows, {
    width,
    height: curvesHeight(width),
    compareSegments: compare,
    margin: { left: 52, bottom: 44 },
  });
}

function seriesName(s: CurveSeries, locale: Locale): string {
  return s.kind === 'segment' ? segmentLabel(locale, s.key) : s.kind === 'average' ? tc(locale, 'average') : s.key;
}

export function renderCurves(label: string, result: CohortChurnResult, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  const l = curvesOf(result, ctx.width);
  const p = l.plot;
  const marked = l.series.filter((s) => s.kind !== 'cohort');
  const offsetText = (k: number) => offsetLabel(locale, result.period, k);
  return html`<svg class="pulso-chart curves" width=${l.width} height=${l.height} viewBox="0 0 ${l.width} ${l.height}"
    role="group" aria-label=${label}>
    <g class="grid" aria-hidden="true">
      ${l.yTicks.map(
        (tk) => svg`<line x1=${p.left} x2=${p.right} y1=${tk.y} y2=${tk.y}></line>
          <text class="tick" x=${p.left - 6} y=${tk.y} text-anchor="end" dominant-baseline="central">${f.percent(tk.value, 0)}</text>`,
      )}
      ${l.xTicks.map(
        (tk) => svg`<text class="tick" x=${tk.x} y=${p.bottom + 16} text-anchor="middle">${tk.offset}</text>`,
      )}
      <text class="axis-title" x=${(p.left + p.right) / 2} y=${p.bottom + 36} text-anchor="middle">${tc(locale, axisKey(result.period, result.firstActivity))}</text>
    </g>
    <g class="bands" aria-hidden="true">
      ${marked.map((s) => (s.band ? svg`<path class="band" d=${s.band} fill=${s.color}></path>` : nothing))}
    </g>
    <g class="lines" aria-hidden="true">
      ${l.series.map(
        (s, i) => svg`<path class=${s.kind === 'cohort' ? 'line cohort' : 'line main'} d=${s.path} stroke=${s.color}
          stroke-dasharray=${s.kind === 'segment' ? dashOf(i) || nothing : nothing}></path>`,
      )}
    </g>
    ${marked.map(
      (s, row) => svg`<g class="points">
        ${s.points.map(
          (pt, col) => svg`<circle data-mark data-row=${row} data-col=${col} data-offset=${pt.offset}
            data-segment=${s.kind === 'segment' ? s.key : nothing} role="img" cx=${pt.x} cy=${pt.y} r="4.5"
            fill=${s.color} aria-label=${tc(locale, 'pointLabel', {
              series: seriesName(s, locale),
              offset: offsetText(pt.offset),
              rate: f.percent(pt.rate, 1),
              retained: f.number(pt.retained),
              size: f.number(pt.size),
            }) + ` (${intervalText(f, pt.ciLow, pt.ciHigh)})`}></circle>`,
        )}
      </g>`,
    )}
  </svg>`;
}

export function curvesLegend(result: CohortChurnResult, ctx: RenderContext): TemplateResult {
  const l = curvesOf(result, ctx.width);
  const items = l.series.some((s) => s.kind === 'cohort')
    ? [
        { name: tc(ctx.locale, 'cohorts'), color: COHORT_LINE, cls: 'cohort', dash: '' },
        ...l.series.filter((s) => s.kind === 'average').map((s) => ({ name: tc(ctx.locale, 'average'), color: s.color, cls: 'main', dash: '' })),
      ]
    : l.series.map((s, i) => ({ name: seriesName(s, ctx.locale), color: s.color, cls: 'main', dash: dashOf(i) }));
  const banded = l.series.find((s) => s.band);
  return html`<ul class="legend line-legend">
    ${items.map(
      (i) => html`<li class="key"><svg width="24" height="10" aria-hidden="true" focusable="false">
          <line class=${`line ${i.cls}`} x1="0" x2="24" y1="5" y2="5" stroke=${i.color} stroke-dasharray=${i.dash || nothing}></line></svg>${i.name}</li>`,
    )}
    ${banded
      ? html`<li class="key"><svg width="24" height="12" aria-hidden="true" focusable="false">
          <rect class="band" width="24" height="12" fill=${banded.color}></rect></svg>${tc(ctx.locale, 'bandKey')}</li>`
      : nothing}
  </ul>`;
}

