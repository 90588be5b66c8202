// How every widget says an interval and a comparison in words a manager reads
// (SPEC §3.10): "58.4% to 91.9%", "+6.2 pts (95% CI 1.1 to 11.3), Fisher's exact
// test", "likely a real difference (q = 0.012, 14 comparisons)", "could be chance",
// "too few to compare". One catalog, so tooltips, tables and exports agree.
// The words: compare-words.en.ts, compare-words.pt-BR.ts, compare-words.es.ts, each loaded on first use (catalogs.ts).
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { ProportionTest } from '../../src/metrics/compare.js';
import type { KpiTest } from '../../src/metrics/kpis.js';
import { localeTranslator } from './strings.js';
import type { en } from './compare-words.en.js';

export type Key = keyof typeof en;

export const tw = localeTranslator<Key>('compare-words');
export type CompareWordKey = Key;

/** The level below which a (q- or p-) value marks a difference. */
export const ALPHA = 0.05;

/** How a figure is written: a fraction as a percentage, an NPS score, points of a percentage. */
export type FigureUnit = 'percent' | 'score' | 'points';

function figure(f: Formatters, x: number | null, unit: FigureUnit, digits: number): string {
  if (unit === 'percent') return f.percent(x, digits);
  if (unit === 'points') return f.number(x === null ? null : x * 100, digits);
  return f.score(x, digits);
}

/** "95% CI 58.4% to 91.9%"; '' when there is no interval. */
export function intervalText(f: Formatters, low: number | null | undefined, high: number | null | undefined, unit: FigureUnit = 'percent', digits = 1): string {
  if (typeof low !== 'number' || typeof high !== 'number') return '';
  return tw(f.locale, 'interval', { low: figure(f, low, unit, digits), high: figure(f, high, unit, digits) });
}

/** "80.0% (95% CI 58.4% to 91.9%)", or the value alone without an interval. */
export function withInterval(f: Formatters, value: string, low: number | null | undefined, high: number | null | undefined, unit: FigureUnit = 'percent', digits = 1): string {
  if (typeof low !== 'number' || typeof high !== 'number') return value;
  return tw(f.locale, 'withInterval', { value, low: figure(f, low, unit, digits), high: figure(f, high, unit, digits) });
}

export function testName(locale: Locale, test: ProportionTest | KpiTest): string {
  return tw(locale, test);
}

/** A comparison as a metric row carries it (diff and its interval as fractions). */
export interface ComparisonFields {
  diff?: number | null;
  diffLow?: number | null;
  diffHigh?: number | null;
  test?: ProportionTest | null;
  tooFew?: boolean | null;
}

/**
 * "+6.2 pts (95% CI 1.1 to 11.3), Fisher's exact test" (the difference of two shares in
 * percentage points), "too few to compare (fewer than 30 on a side)", or '' when the
 * row is compared with nothing.
 */
export function differenceText(f: Formatters, c: ComparisonFields, minSample: number): string {
  if (c.tooFew === true) return tw(f.locale, 'tooFew', { n: f.number(minSample) });
  if (typeof c.diff !== 'number' || typeof c.diffLow !== 'number' || typeof c.diffHigh !== 'number' || !c.test) return '';
  return tw(f.locale, 'difference', {
    diff: f.delta(c.diff * 100, 'points', 1),
    low: f.number(c.diffLow * 100, 1),
    high: f.number(c.diffHigh * 100, 1),
    test: testName(f.locale, c.test),
  });
}

/** "q = 0.012" with three decimals, or "< 0.001". */
export function pFigure(f: Formatters, p: number): string {
  return p < 0.001 ? `< ${f.number(0.001, 3)}` : f.number(p, 3);
}

/** What a q-value over m comparisons means, in words: likely real, or could be chance. */
export function verdictText(f: Formatters, q: number, m: number): string {
  const params = { q: pFigure(f, q), m: f.number(m) };
  return tw(f.locale, q < ALPHA ? 'real' : 'chance', params).replace('= <', '<');
}

/** The same for one comparison alone (a KPI card's change): p, no adjustment. */
export function verdictOne(f: Formatters, p: number): string {
  return tw(f.locale, p < ALPHA ? 'realOne' : 'chanceOne', { p: pFigure(f, p) }).replace('= <', '<');
}

/** A short verdict for a table cell: likely real / could be chance / too few; '' when not compared. */
export function verdictCell(locale: Locale, c: ComparisonFields & { qValue?: number | null }): string {
  if (c.tooFew === true) return tw(locale, 'verdictTooFew');
  if (typeof c.qValue !== 'number') return '';
  return tw(locale, c.qValue < ALPHA ? 'verdictReal' : 'verdictChance');
}
