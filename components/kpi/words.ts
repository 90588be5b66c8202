// The sentences of a KPI card (issue 5): its name, the range and the previous
// one in words, the summary ("NPS is +32, up 4 points from the previous 30 days
// (better)."), the hidden sentence behind the delta's colour, and the words of
// each sparkline point for its aria-label and tooltip.
import type { KpiLayout } from '../../src/charts/kpi.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { KpiMetric } from '../../src/metrics/kpis.js';
import type { TipContent } from '../shared/chart-element.js';
import type { TooltipLine } from '../shared/tooltip.js';
import { changeWords, formatValue, judgement, valueIntervalText } from './format.js';
import { wholeDays } from './queries.js';
import { N_NOUN, tk, tkCount } from './strings.js';
import type { KpiResult } from './types.js';

/** The card's name; the adoption card names its features. */
export function metricName(locale: Locale, metric: KpiMetric, features?: readonly string[]): string {
  if (metric === 'adoption' && features?.length)
    return tk(locale, 'adoptionOf', { features: features.join(', ') });
  return tk(locale, metric);
}

/** "the previous 30 days", or "the previous period" when the range is not whole days. */
export function previousPhrase(r: KpiResult, locale: Locale, f: Formatters): string {
  const days = wholeDays(r.from, r.to);
  return days === null ? tk(locale, 'previousRange') : tkCount(locale, 'days', days, f.number(days));
}

/** "Oct 24 – Nov 22, 2026": the first and last day of a half-open range. */
export function rangeLabel(from: number, to: number, f: Formatters): string {
  const first = f.date(from);
  const last = f.date(to - 1);
  return first === last ? first : `${first} – ${last}`;
}

/** "of 1,234 answers", or '' when the card's n says nothing new or is unknown. */
export function countLine(metric: KpiMetric, n: number | null, f: Formatters): string {
  const noun = N_NOUN[metric];
  if (!noun || n === null) return '';
  return tkCount(f.locale, noun, n, f.number(n));
}

/** The sentence a screen reader hears instead of the delta's colour. */
export function directionSentence(r: KpiResult, l: KpiLayout, f: Formatters): string {
  const previous = previousPhrase(r, f.locale, f);
  switch (l.direction) {
    case 'better':
      return tk(f.locale, 'better', { previous });
    case 'worse':
      return tk(f.locale, 'worse', { previous });
    case 'neutral':
      if (l.polarity === 'neutral') return tk(f.locale, 'unjudged', { previous });
      if (l.evidence === 'tooFew') return tk(f.locale, 'sameTooFew', { previous });
      return tk(f.locale, l.evidence === 'chance' ? 'sameChance' : 'same', { previous });
    default:
      return tk(f.locale, 'noPrevious', { previous });
  }
}

export function kpiSummary(r: KpiResult, l: KpiLayout, hidden: boolean, f: Formatters, neutral: boolean): string {
  const { locale } = f;
  const metric = metricName(locale, r.metric, r.features);
  const previous = previousPhrase(r, locale, f);
  if (hidden) return tk(locale, 'summaryHidden', { metric, k: r.k });
  if (l.value === null) return tk(locale, 'summaryNone', { metric });
  const value = formatValue(r.metric, l.value, f);
  if (l.delta === null) return tk(locale, 'summaryNoPrevious', { metric, value, previous });
  return tk(locale, 'summary', {
    metric,
    value,
    previous,
    change: changeWords(r.metric, l.delta, f),
    judgement: judgement(locale, l.direction, neutral, l.evidence),
  });
}

/** The tooltip of sparkline point `i`: its period, value and count, or why it is hidden. */
export function pointTip(r: KpiResult, i: number, f: Formatters): TipContent {
  const p = r.spark![i];
  const { locale } = f;
  let title = f.periodLabel(p.period, r.period!, 'long');
  if (r.partialLast && i === r.spark!.length - 1) title += ` ${tk(locale, 'pointPartial')}`;
  const lines: TooltipLine[] = [];
  if (p.suppressed) lines.push({ label: '', value: tk(locale, 'hiddenValue', { k: r.k }) });
  else {
    lines.push({ label: metricName(locale, r.metric, r.features), value: formatValue(r.metric, p.value, f) });
    const ci = valueIntervalText(r.metric, p.ciLow, p.ciHigh, f);
    if (ci) lines.push({ label: '', value: ci });
    const count = countLine(r.metric, p.n, f);
    if (count) lines.push({ label: '', value: count });
  }
  return { title, lines };
}

/** The aria-label of sparkline point `i`: the tooltip in one line. */
export function pointLabel(r: KpiResult, i: number, f: Formatters): string {
  const tip = pointTip(r, i, f);
  return `${tip.title}: ${tip.lines.map((l) => (l.label ? `${l.label} ${l.value}` : l.value)).join(', ')}`;
}
