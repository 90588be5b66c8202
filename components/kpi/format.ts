// How each card writes its numbers (issue 5): the value in the card's unit, the
// change since the previous range short ("+3 pts", "-12 min") and in words for
// the summary ("up 3 points"), and the table columns of the same values.
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { KpiDirection, KpiEvidence, KpiLayout } from '../../src/charts/kpi.js';
import type { KpiMetric } from '../../src/metrics/kpis.js';
import type { ColumnFormat } from '../shared/table-view.js';
import { tk, tkCount } from './strings.js';
import { testName, tw } from '../shared/compare-words.js';

/** Rates are fractions; their changes read in percentage points. */
const RATES: ReadonlySet<KpiMetric> = new Set(['churnRate', 'fcr', 'activation', 'adoption']);
const MEDIANS: ReadonlySet<KpiMetric> = new Set(['firstResponseMedian', 'resolutionMedian']);
const MINUTE_MS = 60_000;

export const isRate = (metric: KpiMetric): boolean => RATES.has(metric);

/** The card's value: rates and CSAT as percentages, NPS signed, CES with 2 decimals, medians as durations. */
export function formatValue(metric: KpiMetric, value: number | null, f: Formatters): string {
  if (isRate(metric)) return f.percent(value, 1);
  if (MEDIANS.has(metric)) return f.duration(value === null ? null : value * MINUTE_MS);
  switch (metric) {
    case 'nps':
      return f.score(value, 0);
    case 'csat':
      return f.percent(value === null ? null : value / 100, 1);
    case 'ces':
      return f.number(value, 2);
    default:
      return f.number(value, 0);
  }
}

/** The sign the locale writes for `x` ('+', '-', or '' at zero). */
function signOf(x: number, f: Formatters): string {
  return f.score(Math.sign(x)).replace(/\d/g, '');
}

/** The change in the card's unit, signed: percentage points for rates, durations past an hour. */
export function formatDelta(metric: KpiMetric, delta: number | null, f: Formatters): string {
  if (isRate(metric)) return f.delta(delta === null ? null : delta * 100, 'points', 1);
  if (MEDIANS.has(metric)) {
    if (delta === null || Math.abs(delta) < 60) return f.delta(delta, 'minutes', 0);
    return signOf(delta, f) + f.duration(Math.abs(delta) * MINUTE_MS);
  }
  switch (metric) {
    case 'nps':
      return f.delta(delta, 'points', 0);
    case 'csat':
      return f.delta(delta, 'points', 1);
    case 'ces':
      return f.delta(delta, 'count', 2);
    default:
      return f.delta(delta, 'count', 0);
  }
}

/** The size of a change in words, unsigned: "4 points", "1.2 percentage points", "12 min", "35 tickets". */
export function deltaWords(metric: KpiMetric, delta: number, f: Formatters): string {
  const { locale } = f;
  const a = Math.abs(delta);
  if (isRate(metric)) return tkCount(locale, 'pp', Number((a * 100).toFixed(1)), f.number(a * 100, 1));
  if (MEDIANS.has(metric)) return f.duration(a * MINUTE_MS);
  switch (metric) {
    case 'nps':
      return tkCount(locale, 'points', Math.round(a), f.number(a, 0));
    case 'csat':
      return tkCount(locale, 'pp', Number(a.toFixed(1)), f.number(a, 1));
    case 'ces':
      return f.number(a, 2);
    default:
      return tkCount(locale, 'tickets', a, f.number(a, 0));
  }
}

/** "up 4 points" / "down 12 min" / "unchanged" — zero as the card shows it counts as unchanged. */
export function changeWords(metric: KpiMetric, delta: number, f: Formatters): string {
  const shown = formatDelta(metric, delta, f);
  if (!/[1-9]/.test(shown)) return tk(f.locale, 'unchanged');
  return tk(f.locale, delta > 0 ? 'up' : 'down', { delta: deltaWords(metric, delta, f) });
}

/** The glyph beside the delta, so the direction never rests on colour alone. */
export function arrowOf(delta: number | null, shown: string): string {
  if (delta === null) return '';
  if (!/[1-9]/.test(shown)) return '■';
  return delta > 0 ? '▲' : '▼';
}

/** The one-word judgement of a direction, for the summary: a neutral change says why. */
export function judgement(locale: Locale, direction: KpiDirection, polarityNeutral: boolean, evidence: KpiEvidence = 'untested'): string {
  if (direction === 'better') return tk(locale, 'betterWord');
  if (direction === 'worse') return tk(locale, 'worseWord');
  if (polarityNeutral) return tk(locale, 'unjudgedWord');
  if (evidence === 'tooFew') return tk(locale, 'tooFewWord');
  return tk(locale, evidence === 'chance' ? 'chanceWord' : 'sameWord');
}

export interface ValueColumn {
  format: ColumnFormat;
  digits: number;
  /** Appended to the header: the unit the numbers are in. */
  unit: string;
}

/** Table and CSV columns keep the metric's own numbers (fractions, minutes), with the unit in the header. */
export function valueColumn(metric: KpiMetric): ValueColumn {
  if (isRate(metric)) return { format: 'percent', digits: 1, unit: '' };
  if (MEDIANS.has(metric)) return { format: 'count', digits: 1, unit: ' (min)' };
  switch (metric) {
    case 'nps':
      return { format: 'score', digits: 1, unit: '' };
    case 'csat':
      return { format: 'count', digits: 1, unit: ' (%)' };
    case 'ces':
      return { format: 'count', digits: 2, unit: '' };
    default:
      return { format: 'count', digits: 0, unit: '' };
  }
}

/** The change column: rates in percentage points, others in the value's unit; signed. */
export function changeColumn(metric: KpiMetric): ValueColumn {
  if (isRate(metric)) return { format: 'score', digits: 1, unit: ' (pp)' };
  const v = valueColumn(metric);
  return { format: 'score', digits: v.digits, unit: v.unit };
}

/** The delta as the change column holds it (percentage points for rates). */
export function changeValue(metric: KpiMetric, delta: number | null): number | null {
  if (delta === null) return null;
  return isRate(metric) ? delta * 100 : delta;
}

/** The neutral band given in the unit the card shows (percentage points for rates) → the layout's unit. */
export function bandInRowUnit(metric: KpiMetric, band: number | undefined): number | undefined {
  if (band === undefined || !Number.isFinite(band)) return undefined;
  return isRate(metric) ? band / 100 : band;
}

/** The value's 95% interval as the card writes values: "95% CI 66.9% to 70.6%"; '' without one. */
export function valueIntervalText(metric: KpiMetric, low: number | null, high: number | null, f: Formatters): string {
  if (low === null || high === null) return '';
  return tw(f.locale, 'interval', { low: formatValue(metric, low, f), high: formatValue(metric, high, f) });
}

/** The change's 95% interval in the card's unit: "95% CI −7.9 to −2.9 pts"; '' without one. */
export function changeIntervalText(metric: KpiMetric, l: Pick<KpiLayout, 'deltaLow' | 'deltaHigh'>, f: Formatters): string {
  if (l.deltaLow === null || l.deltaHigh === null) return '';
  const scale = isRate(metric) ? 100 : 1;
  // CES is a score (1–7): its change has two decimals and no unit; the rest are points.
  const digits = metric === 'ces' ? 2 : 1;
  const range = tw(f.locale, 'interval', { low: f.score(l.deltaLow * scale, digits), high: f.score(l.deltaHigh * scale, digits) });
  return metric === 'ces' ? range : `${range} ${tk(f.locale, 'pts')}`;
}

/**
 * What the numbers say about the change, under the delta: "Likely a real change
 * (95% CI −7.9 to −2.9 pts)", "Could be chance (…)", "Too few to compare (fewer than
 * 30 in a range)"; '' for a card that is not a share (judged by its band alone).
 */
export function evidenceText(metric: KpiMetric, l: KpiLayout, minSample: number, f: Formatters): string {
  if (l.delta === null) return '';
  if (l.evidence === 'tooFew') return tk(f.locale, 'evidenceTooFew', { n: f.number(minSample) });
  const interval = changeIntervalText(metric, l, f);
  if (!interval || l.evidence === 'untested') return '';
  return tk(f.locale, l.evidence === 'significant' ? 'evidenceReal' : 'evidenceChance', { interval });
}

/** The change with its interval and test, for the table: "−5.4 pts (95% CI −7.9 to −2.9 pts), two-proportion z-test". */
export function changeCell(metric: KpiMetric, l: Pick<KpiLayout, 'delta' | 'deltaLow' | 'deltaHigh' | 'test'>, f: Formatters): string {
  const interval = changeIntervalText(metric, l, f);
  if (!interval || !l.test) return '';
  return `${formatDelta(metric, l.delta, f)} (${interval}), ${testName(f.locale, l.test)}`;
}
