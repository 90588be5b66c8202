// The feature mode of <pulso-adoption-funnel>: adoption over periods, a line per
// feature, or with `by` a line per segment for one feature (or per feature in one
// segment). Lines break where a period has no rate; each point is a mark, and a
// ring marks a segment that differs significantly from the others.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { adoptionLayout } from '../../src/charts/adoption.js';
import { dashOf } from '../../src/charts/palette.js';
import type { AdoptionLayout, AdoptionPoint, AdoptionSeries } from '../../src/charts/adoption.js';
import type { AdoptionRow } from '../../src/metrics/adoption.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { RenderContext, TipContent } from '../shared/chart-element.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import { eventLabel, segmentLabel, t } from '../shared/strings.js';
import { intervalText, withInterval } from '../shared/compare-words.js';
import { comparisonLines, markedWords, significantKey } from './comparison.js';
import { ta } from './strings.js';
import { ALPHA } from './types.js';
import type { FeaturesResult } from './types.js';

/** What feature mode draws: every feature, one feature across segments, or the features of one segment. */
export type FeatureView = { kind: 'features' } | { kind: 'feature'; feature: string } | { kind: 'segment'; segment: string };

/** The view in force: `segment` wins when it names a segment, else `feature` (default the first). */
export function featureView(result: FeaturesResult, feature: string | undefined, segment: string | undefined): FeatureView {
  if (result.segments.length === 0) return { kind: 'features' };
  if (segment !== undefined && result.segments.includes(segment)) return { kind: 'segment', segment };
  const chosen = feature !== undefined && result.features.includes(feature) ? feature : result.features[0];
  return { kind: 'feature', feature: chosen };
}

export function featuresHeight(width: number): number {
  return Math.round(Math.min(380, Math.max(240, width * 0.5)));
}

export function featuresLayout(result: FeaturesResult, view: FeatureView, width: number, f?: Formatters): AdoptionLayout {
  // Period labels kept apart by their own length ('jun. de 2025' is wider than 'Q1 2025').
  const longest = f ? Math.max(0, ...result.rows.map((r) => f.periodLabel(r.period, result.period, 'short').length)) : 10;
  return adoptionLayout(result.rows, {
    width,
    height: featuresHeight(width),
    margin: { left: 48, bottom: 28, right: 20, top: 28 },
    minTickSpacing: longest * 6.4 + 14,
    alpha: ALPHA,
    feature: view.kind === 'feature' ? view.feature : undefined,
    segment: view.kind === 'segment' ? view.segment : undefined,
  });
}

export function seriesName(s: AdoptionSeries, view: FeatureView, locale: RenderContext['locale']): string {
  return view.kind === 'feature' ? segmentLabel(locale, s.key) : eventLabel(locale, s.feature);
}

/** The metric row behind a point (present even when its rate is hidden). */
export function rowOf(result: FeaturesResult, s: AdoptionSeries, period: string): AdoptionRow | undefined {
  return result.rows.find((r) => r.period === period && r.feature === s.feature && r.segment === s.segment);
}

export function pointLabel(s: AdoptionSeries, pt: AdoptionPoint, view: FeatureView, result: FeaturesResult, ctx: RenderContext): string {
  const { f, locale } = ctx;
  const params = { series: seriesName(s, view, locale), period: f.periodLabel(pt.period, result.period, 'long') };
  let label = ta(locale, 'pointLabel', {
    ...params,
    rate: f.percent(pt.adoption, 1),
    adopters: f.number(pt.adopters),
    active: f.number(pt.active),
  });
  const ci = intervalText(f, pt.ciLow, pt.ciHigh);
  if (ci) label += ` (${ci})`;
  const marked = pt.significant ? significantShort(s, result, ctx) : '';
  if (marked) label += `, ${marked}`;
  return label + markedWords(pt.comparison, result, ctx);
}

/** "likely a real difference from the other segments" / "likely different from teleconsult". */
function significantShort(s: AdoptionSeries, result: FeaturesResult, ctx: RenderContext): string {
  if (result.compare === 'features') return ta(ctx.locale, 'significantFeature', { feature: eventLabel(ctx.locale, result.features[0]) });
  return s.segment === undefined ? '' : ta(ctx.locale, 'significantShort');
}

/** The series and point of the mark at `pos`: row = series, col = period position. */
export function pointAt(l: AdoptionLayout, pos: MarkPosition): { s: AdoptionSeries; pt: AdoptionPoint } | undefined {
  const s = l.series[pos.row ?? 0];
  const period = l.x.domain[pos.col];
  const pt = s?.points.find((p) => p.period === period);
  return s && pt ? { s, pt } : undefined;
}

export function renderFeatures(result: FeaturesResult, view: FeatureView, ctx: RenderContext, title: string): TemplateResult {
  const { f, locale } = ctx;
  const l = featuresLayout(result, view, ctx.width, f);
  const p = l.plot;
  const col = new Map(l.x.domain.map((d, i) => [d, i]));
  return html`<svg class="pulso-chart features" width=${l.width} height=${l.height} viewBox="0 0 ${l.width} ${l.height}"
    role="group" aria-label=${title}>
    <g class="grid" aria-hidden="true">
      ${l.yTicks.map(
        (tk) => svg`<line class=${tk.value === 0 ? 'zero' : ''} x1=${p.left} x2=${p.right} y1=${tk.y} y2=${tk.y}></line>
          <text class="tick" x=${p.left - 6} y=${tk.y} text-anchor="end" dominant-baseline="central">${f.percent(tk.value, 0)}</text>`,
      )}
      ${l.xTicks.map(
        (tk) => svg`<text class="tick" x=${tk.x} y=${p.bottom + 16} text-anchor="middle">${f.periodLabel(tk.period, result.period, 'short')}</text>`,
      )}
      <text class="axis-title" x="0" y="12">${ta(locale, 'adoptionAxis')}</text>
    </g>
    <g class="lines" aria-hidden="true">
      ${l.series.map((s, i) => svg`<path class="line" d=${s.path} stroke=${s.color} stroke-dasharray=${dashOf(i) || nothing}></path>`)}
    </g>
    ${l.series.map(
      (s, row) => svg`<g class="points">
        ${s.points.map(
          (pt) => svg`${pt.significant
              ? svg`<circle class="sig-ring" aria-hidden="true" cx=${pt.x} cy=${pt.y} r="8.5" stroke=${s.color}></circle>`
              : nothing}
            <circle data-mark data-row=${row} data-col=${col.get(pt.period)!} role="img" cx=${pt.x} cy=${pt.y} r="4.5"
              fill=${s.color} aria-label=${pointLabel(s, pt, view, result, ctx)}></circle>`,
        )}
      </g>`,
    )}
  </svg>`;
}

export function featuresTip(s: AdoptionSeries, pt: AdoptionPoint, view: FeatureView, result: FeaturesResult, ctx: RenderContext): TipContent {
  const { f, locale } = ctx;
  const lines = [];
  if (s.segment !== undefined) lines.push({ label: ta(locale, 'segment'), value: segmentLabel(locale, s.segment) });
  lines.push({ label: ta(locale, 'feature'), value: eventLabel(locale, s.feature) });
  lines.push({ label: ta(locale, 'adoption'), value: withInterval(f, f.percent(pt.adoption, 1), pt.ciLow, pt.ciHigh) });
  lines.push({ label: ta(locale, 'adopters'), value: `${f.number(pt.adopters)} / ${f.number(pt.active)}` });
  lines.push(...comparisonLines(pt.comparison, result, ctx));
  if (result.compare === 'features' && s.feature === result.features[0] && pt.comparison.tooFew === null)
    lines.push({ label: '', value: ta(locale, 'reference') });
  const hidden = rowOf(result, s, pt.period)?.suppressed;
  if (hidden) lines.push({ label: '', value: t(locale, 'suppressedHint', { k: result.k }) });
  return { title: `${seriesName(s, view, locale)} · ${f.periodLabel(pt.period, result.period, 'long')}`, lines };
}

export function featuresLegend(result: FeaturesResult, view: FeatureView, ctx: RenderContext): TemplateResult {
  const l = featuresLayout(result, view, ctx.width, ctx.f);
  const sig = l.series.some((s) => s.points.some((p) => p.significant));
  const few = l.series.some((s) => s.points.some((p) => p.comparison.tooFew === true));
  return html`<ul class="legend">
    ${l.series.map(
      (s, i) => html`<li class="key"><svg width="24" height="10" aria-hidden="true" focusable="false">
          <line class="line" x1="0" x2="24" y1="5" y2="5" stroke=${s.color} stroke-dasharray=${dashOf(i) || nothing}></line></svg>${seriesName(s, view, ctx.locale)}</li>`,
    )}
    ${sig
      ? html`<li class="key"><svg width="20" height="20" aria-hidden="true" focusable="false">
            <circle class="sig-ring" cx="10" cy="10" r="7"></circle></svg>${significantKey(result, ctx)}</li>`
      : nothing}
    ${few ? html`<li class="key note">${ta(ctx.locale, 'tooFewKey', { n: ctx.f.number(result.minSample) })}</li>` : nothing}
  </ul>`;
}
