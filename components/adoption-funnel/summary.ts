// The sentence a screen reader hears before the chart of <pulso-adoption-funnel>:
// overall conversion from the first step to the last and the biggest drop (or,
// with segments, each segment's conversion and how many differences are
// significant); in feature mode, the range and the latest adoption per series.
import type { RenderContext } from '../shared/chart-element.js';
import { eventLabel, segmentLabel } from '../shared/strings.js';
import { featuresLayout, seriesName } from './features-view.js';
import { worstStep } from './funnel-view.js';
import type { FeatureView } from './features-view.js';
import { ta } from './strings.js';
import { ALPHA } from './types.js';
import type { FeaturesResult, FunnelResult } from './types.js';

export function funnelSummary(result: FunnelResult, ctx: RenderContext): string {
  const { f, locale } = ctx;
  const rows = result.rows;
  const last = Math.max(...rows.map((r) => r.index));
  const first = rows.find((r) => r.index === 1)!;
  const final = rows.find((r) => r.index === last)!;
  if (result.segments[0] !== undefined) {
    const list = result.segments.map((s) => {
      const r = rows.find((x) => x.segment === s && x.index === last);
      return `${segmentLabel(locale, s ?? '')} ${f.percent(r?.conversion, 1)}`;
    });
    let text = ta(locale, 'summarySegments', { first: eventLabel(locale, first.step), last: eventLabel(locale, final.step), list: f.list(list) });
    const sig = rows.filter((r) => typeof r.qValue === 'number' && r.qValue < ALPHA).length;
    if (sig > 0) text += ` ${ta(locale, 'summarySignificant', { n: f.number(sig), m: f.number(result.comparisons) })}`;
    return text;
  }
  let text = ta(locale, 'summaryFunnel', {
    n: f.number(first.entered),
    first: eventLabel(locale, first.step),
    rate: f.percent(final.conversion, 1),
    last: eventLabel(locale, final.step),
  });
  // The biggest drop is the step that keeps the smallest share of the one before it.
  const worst = rows.find((r) => r.index === worstStep(result));
  if (worst && worst.dropOff !== null) {
    const prev = rows.find((r) => r.index === worst.index - 1)!;
    text += ` ${ta(locale, 'summaryDrop', {
      from: eventLabel(locale, prev.step),
      to: eventLabel(locale, worst.step),
      drop: f.number(worst.dropOff),
      rate: f.percent(1 - worst.fromPrevious!, 1),
    })}`;
  }
  return text;
}

export function featuresSummary(result: FeaturesResult, view: FeatureView, ctx: RenderContext): string {
  const { f, locale } = ctx;
  const l = featuresLayout(result, view, ctx.width, ctx.f);
  const periods = l.x.domain;
  let text = ta(locale, 'summaryFeatures', {
    periods: f.number(periods.length),
    first: f.periodLabel(periods[0], result.period, 'long'),
    last: f.periodLabel(periods[periods.length - 1], result.period, 'long'),
  });
  // The latest period in which every series has a rate, else the latest with any.
  const withAll = [...periods].reverse().find((p) => l.series.every((s) => s.points.some((pt) => pt.period === p)));
  const latest = withAll ?? [...periods].reverse().find((p) => l.series.some((s) => s.points.some((pt) => pt.period === p)));
  if (latest === undefined) return text;
  const list = l.series.flatMap((s) => {
    const pt = s.points.find((x) => x.period === latest);
    return pt ? [`${seriesName(s, view, locale)} ${f.percent(pt.adoption, 1)}`] : [];
  });
  text += ` ${ta(locale, 'summaryLatest', { period: f.periodLabel(latest, result.period, 'long'), list: f.list(list) })}`;
  const sig = result.rows.filter((r) => typeof r.qValue === 'number' && r.qValue < ALPHA).length;
  if (sig > 0) text += ` ${ta(locale, 'summarySignificant', { n: f.number(sig), m: f.number(result.comparisons) })}`;
  return text;
}
