// From what a widget's mark stands for (pulso-select) and the filter bar's
// choices to the table filters every other widget applies (src/data/filter.ts).
import type { TableFilter } from '../../src/data/filter.js';
import { PERIODS } from '../../src/time/period.js';
import type { Period } from '../../src/time/period.js';
import type { DashboardFilter } from '../shared/context.js';
import type { CrossSelection, DashboardState } from './url-state.js';

export function asPeriod(value: string | undefined, fallback: Period = 'month'): Period {
  return (PERIODS as readonly string[]).includes(value ?? '') ? (value as Period) : fallback;
}

/** The table filter of a cross-selection: a cohort, a period, a segment, a channel, a step or feature. */
export function crossFilter(c: CrossSelection, timeZone?: string): TableFilter {
  const unit = asPeriod(c.periodUnit);
  const f: TableFilter = {};
  const { cohort, period, segment, channel, step, feature } = c.filters;
  if (cohort) f.cohort = { key: cohort, period: unit, timeZone };
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
