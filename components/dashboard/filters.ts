// From what a widget's mark stands for (pulso-select) and the filter bar's
// choices to the table filters every other widget applies (src/data/filter.ts).
import type { TableFilter } from '../../src/data/filter.js';
import { PERIODS } from '../../src/time/period.js';
import type { Period } from '../../src/time/period.js';
import type { DashboardFilter } from '../shared/context.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Chip } from './filter-bar.js';
import { td } from './strings.js';
import type { CrossSelection, DashboardState } from './url-state.js';

export function asPeriod(value: string | undefined, fallback: Period = 'month'): Period {
  return (PERIODS as readonly string[]).includes(value ?? '') ? (value as Period) : fallback;
}

/** The table filter of a cross-selection: a cohort, a period, a segment, a channel, a step or feature. */
export function crossFilter(c: CrossSelection, timeZone?: string): TableFilter {
  const unit = asPeriod(c.periodUnit);
  const f: TableFilter = {};
  const { cohort, period, segment, channel, step, feature } = c.filters;
  if (cohort) f.cohort = { key: cohort, period: unit, timeZone, by: c.cohortBy ?? 'signup' };
  if (period) f.period = { key: period, period: unit, timeZone };
  if (segment !== undefined && c.by) f.segment = { by: c.by, value: segment };
  if (channel !== undefined) f.channel = channel;
  const event = step ?? feature;
  if (event !== undefined) f.event = event;
  return f;
}

/** The filters the dashboard shares: the segment for everyone, the cross-filter for all but its source. */
export function dashboardFilters(state: DashboardState, source: Element | undefined, timeZone?: string): DashboardFilter[] {
  const out: DashboardFilter[] = [];
  if (state.segmentBy && state.segment !== undefined) out.push({ filter: { segment: { by: state.segmentBy, value: state.segment } } });
  if (state.cross) out.push({ filter: crossFilter(state.cross, timeZone), source });
  return out;
}

/** Two selections name the same thing (a second click on a mark clears it). */
export function sameSelection(a: CrossSelection | undefined, b: CrossSelection | undefined): boolean {
  if (!a || !b) return false;
  return JSON.stringify([a.filters, a.by ?? null]) === JSON.stringify([b.filters, b.by ?? null]);
}

/** The active filters as chips: the segment, and the cross-filter named in the user's words. */
export function chipsOf(state: DashboardState, f: Formatters, remove: { segment: () => void; cross: () => void }): Chip[] {
  const locale = f.locale;
  const out: Chip[] = [];
  if (state.segmentBy && state.segment !== undefined && state.segment !== '')
    out.push({ id: 'segment', label: `${state.segmentBy}: ${state.segment}`, onRemove: remove.segment });
  const c = state.cross;
  if (c) {
    const unit = asPeriod(c.periodUnit);
    const x = c.filters;
    const parts: string[] = [];
    if (x.cohort) parts.push(`${td(locale, 'cohort')}: ${f.periodLabel(x.cohort, unit)}`);
    if (x.period) parts.push(`${td(locale, 'periodChip')}: ${f.periodLabel(x.period, unit)}`);
    if (x.segment !== undefined) parts.push(`${c.by ?? td(locale, 'segment')}: ${x.segment}`);
    if (x.channel !== undefined) parts.push(`${td(locale, 'channel')}: ${x.channel}`);
    if (x.step !== undefined) parts.push(`${td(locale, 'step')}: ${x.step}`);
    if (x.feature !== undefined) parts.push(`${td(locale, 'feature')}: ${x.feature}`);
    out.push({ id: 'cross', label: parts.join(' · '), onRemove: remove.cross });
  }
  return out;
}
