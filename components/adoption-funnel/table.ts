// The table view and CSV of <pulso-adoption-funnel>: the metric's rows with each
// rate's 95% interval and, where rows are compared, the difference with its interval
// and test in words, the p-value, the adjusted q-value and the verdict.
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import { differenceText, tw, verdictCell } from '../shared/compare-words.js';
import type { TableColumn, TableRow } from '../shared/table-view.js';
import { ta } from './strings.js';
import type { FeaturesResult, FunnelResult } from './types.js';

function compared(result: FunnelResult | FeaturesResult): boolean {
  return result.mode === 'funnel' ? result.segments[0] !== undefined : result.compare !== 'none';
}

function comparisonColumns(locale: Locale): TableColumn[] {
  return [
    { key: 'comparison', header: tw(locale, 'colDifference'), format: 'text' },
    { key: 'pValue', header: ta(locale, 'pValue'), format: 'count', digits: 3 },
    { key: 'qValue', header: tw(locale, 'colQ'), format: 'count', digits: 3 },
    { key: 'verdict', header: tw(locale, 'colVerdict'), format: 'text' },
  ];
}

export function adoptionTableColumns(result: FunnelResult | FeaturesResult, locale: Locale): TableColumn[] {
  const segment: TableColumn[] = result.segments[0] !== undefined ? [{ key: 'segment', header: ta(locale, 'segment'), format: 'text', codes: '' }] : [];
  const ci: TableColumn[] = [
    { key: 'ciLow', header: tw(locale, 'colLow'), format: 'percent', digits: 1 },
    { key: 'ciHigh', header: tw(locale, 'colHigh'), format: 'percent', digits: 1 },
  ];
  const comparison = compared(result) ? comparisonColumns(locale) : [];
  if (result.mode === 'features')
    return [
      { key: 'period', header: ta(locale, 'period'), format: 'period', period: result.period },
      ...segment,
      { key: 'feature', header: ta(locale, 'feature'), format: 'text', codes: 'event' },
      { key: 'active', header: ta(locale, 'active'), format: 'count' },
      { key: 'adopters', header: ta(locale, 'adopters'), format: 'count' },
      { key: 'adoption', header: ta(locale, 'adoption'), format: 'percent', digits: 1 },
      ...ci,
      ...comparison,
    ];
  return [
    ...segment,
    { key: 'index', header: ta(locale, 'index'), format: 'count' },
    { key: 'step', header: ta(locale, 'step'), format: 'text', codes: 'event' },
    { key: 'entered', header: ta(locale, 'entered'), format: 'count' },
    { key: 'conversion', header: ta(locale, 'conversion'), format: 'percent', digits: 1 },
    ...ci,
    { key: 'fromPrevious', header: ta(locale, 'fromPrevious'), format: 'percent', digits: 1 },
    { key: 'dropOff', header: ta(locale, 'dropOff'), format: 'count' },
    { key: 'medianTimeToConvertMs', header: ta(locale, 'medianTime'), format: 'duration' },
    ...comparison,
  ];
}

/** The rows with the comparison in words beside its numbers. */
export function adoptionTableRows(result: FunnelResult | FeaturesResult, f: Formatters): TableRow[] {
  if (!compared(result)) return result.rows;
  return (result.rows as (FunnelResult['rows'][number] | FeaturesResult['rows'][number])[]).map((r) => ({
    ...r,
    comparison: differenceText(f, r, result.minSample),
    verdict: verdictCell(f.locale, r),
  }));
}
