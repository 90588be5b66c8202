// <pulso-survival> in words: which segment leaves sooner, by how much and how sure
// (the log-rank test), or for one curve, when half of the customers have left.
// The summary is shown on screen: it is the chart's finding.
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { SurvivalGroupSummary } from '../../src/metrics/survival.js';
import type { SurvivalUnit } from '../../src/metrics/survival-options.js';
import { NONE } from '../../src/metrics/input.js';
import { columnWords } from '../shared/labels.js';
import { segmentLabel } from '../shared/strings.js';
import { ts } from './strings.js';
import type { SurvivalViewResult } from './types.js';

/** "14 months", "1 month", "3.5 weeks" in the locale. */
export function timeWords(locale: Locale, f: Formatters, unit: SurvivalUnit, n: number | null): string {
  if (n === null) return ts(locale, 'notReached');
  const digits = Number.isInteger(n) ? 0 : 1;
  return ts(locale, n === 1 ? (`${unit}One` as const) : unit, { n: f.number(n, digits) });
}

/** "< 0.001" or "= 0.034" (three decimals; p below 0.001 is not worth more digits). */
export function pWords(locale: Locale, f: Formatters, p: number): string {
  return p < 0.001 ? ts(locale, 'pBelow', { p: f.number(0.001, 3) }) : ts(locale, 'pEqual', { p: f.number(p, 3) });
}

/** Shown groups ordered by median, soonest first (not reached counts as longest). */
function bySpeed(groups: readonly SurvivalGroupSummary[]): SurvivalGroupSummary[] {
  const key = (g: SurvivalGroupSummary) => g.median ?? Infinity;
  return groups.filter((g) => !g.suppressed && (g.n ?? 0) > 0).sort((a, b) => key(a) - key(b));
}

export function survivalWords(r: SurvivalViewResult, locale: Locale, f: Formatters): string {
  const shown = bySpeed(r.groups);
  const hidden = r.groups.filter((g) => g.suppressed).map((g) => segmentLabel(locale, g.segment ?? ''));
  const note = hidden.length ? ` ${ts(locale, 'hiddenGroups', { k: f.number(r.minGroup), list: f.list(hidden) })}` : '';
  if (r.by === undefined || shown.length < 2) {
    const g = shown[0];
    if (!g) return `${ts(locale, 'empty')}.${note}`;
    const n = { n: f.number(g.n), events: f.number(g.events) };
    const head = g.median === null ? ts(locale, 'singleNotReached', n) : ts(locale, 'single', { ...n, median: timeWords(locale, f, r.unit, g.median) });
    return head + note;
  }
  const medians = f.list(shown.map((g) => `${segmentLabel(locale, g.segment ?? '')} ${timeWords(locale, f, r.unit, g.median)}`));
  const p = r.logRank ? pWords(locale, f, r.logRank.pValue) : '';
  if (!r.logRank || !(r.logRank.pValue < 0.05)) return ts(locale, 'noDifference', { p: p || '–', list: medians }) + note;
  const soon = shown[0];
  // The longest-staying segment with a name: "Not set" is no story to compare with.
  const named = shown.filter((g) => g.segment !== NONE);
  const late = named.length > 1 ? named[named.length - 1] : shown[shown.length - 1];
  if (soon.median === late.median) return ts(locale, 'soonerSame', { p, list: medians }) + note;
  const words = {
    column: columnWords(locale, r.by),
    segment: segmentLabel(locale, soon.segment ?? ''),
    other: segmentLabel(locale, late.segment ?? ''),
    a: timeWords(locale, f, r.unit, soon.median),
    b: late.median === null ? '' : f.number(late.median, Number.isInteger(late.median) ? 0 : 1),
    p,
  };
  return ts(locale, late.median === null ? 'soonerNotReached' : 'sooner', words) + note;
}
