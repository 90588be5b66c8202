// What a funnel bar or an adoption point says about its comparison, in the tooltip
// and in its accessible name: against what, the difference with its interval and
// test, and the verdict after adjusting over the chart's comparisons.
import type { MarkComparison } from '../../src/charts/significance.js';
import type { RenderContext } from '../shared/chart-element.js';
import { differenceText, verdictText } from '../shared/compare-words.js';
import type { TooltipLine } from '../shared/tooltip.js';
import { eventLabel } from '../shared/strings.js';
import { ta } from './strings.js';
import type { FeaturesResult, FunnelResult } from './types.js';

/** "Against the other segments" / "Against teleconsult". */
export function againstWhat(result: FunnelResult | FeaturesResult, ctx: RenderContext): string {
  if (result.mode === 'features' && result.compare === 'features') return ta(ctx.locale, 'versusFeature', { feature: eventLabel(ctx.locale, result.features[0]) });
  return ta(ctx.locale, 'versusOthers');
}

/** The tooltip lines of a mark's comparison; none when it is compared with nothing. */
export function comparisonLines(c: MarkComparison, result: FunnelResult | FeaturesResult, ctx: RenderContext): TooltipLine[] {
  const difference = differenceText(ctx.f, c, result.minSample);
  if (!difference) return [];
  const lines = [{ label: againstWhat(result, ctx), value: difference }];
  if (c.qValue !== null) lines.push({ label: ta(ctx.locale, 'verdict'), value: verdictText(ctx.f, c.qValue, result.comparisons) });
  return lines;
}

/** The words a marked point or bar adds to its accessible name. */
export function markedWords(c: MarkComparison, result: FunnelResult | FeaturesResult, ctx: RenderContext): string {
  const lines = comparisonLines(c, result, ctx);
  return lines.length ? `; ${lines.map((l) => `${l.label}: ${l.value}`).join('; ')}` : '';
}

/** The legend's words for the mark: against the other segments, or against the first feature. */
export function significantKey(result: FunnelResult | FeaturesResult, ctx: RenderContext): string {
  const m = ctx.f.number(result.comparisons);
  if (result.mode === 'features' && result.compare === 'features')
    return ta(ctx.locale, 'significantFeatures', { feature: eventLabel(ctx.locale, result.features[0]), m });
  return ta(ctx.locale, 'significant', { m });
}
