// From what a widget's mark stands for (pulso-select) and the filter bar's choices to
// the dashboard's filters: each one a few query filters of SPEC §6 (what widgets add to
// their queries), with its kind (so a widget it does not reach can say so) and its
// words (for chips, announcements and empty states).
import type { Formatters } from '../../src/i18n/format.js';
import { formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import { NONE } from '../../src/metrics/input.js';
import type { QueryFilter } from '../../src/query/types.js';
import { bucketer, checkPeriod } from '../../src/time/period.js';
import type { Period } from '../../src/time/period.js';
import type { DashboardFilter, FilterKind } from '../shared/context.js';
import { segmentLabel } from '../shared/strings.js';
import { columnName } from '../shared/labels.js';
import type { Chip } from './filter-bar.js';
import { td } from './strings.js';
import type { ReachCount } from './reach-board.js';
import type { CrossSelection, DashboardState } from './url-state.js';

/** The period of a cross-selection's keys; a bad one is refused, never taken for a month. */
function unitOf(c: CrossSelection): Period {
  return checkPeriod(c.periodUnit ?? 'month', 'the period of the selection');
}

/** The half-open range of the period keyed `key` (its first day), in epoch ms. */
function periodRange(key: string, unit: Period, timeZone?: string): { from: number; to: number } {
  const b = bucketer(unit, timeZone);
  const i = b.indexOfKey(key);
  return { from: b.start(i), to: b.end(i) };
}

/** A segment value as a query value: the metrics' "(none)" is a missing value. */
const segmentValue = (v: string): string | null => (v === NONE ? null : v);

interface Part {
  kind: FilterKind;
  column?: string;
  filters: QueryFilter[];
  describe: (f: Formatters, locale: Locale) => string;
}

/** The parts of a cross-selection, one dashboard filter each. */
function crossParts(c: CrossSelection, timeZone?: string): Part[] {
  const x = c.filters;
  const out: Part[] = [];
  if (x.cohort) {
    const unit = unitOf(c);
    const r = periodRange(x.cohort, unit, timeZone);
    const first = c.cohortBy === 'first-activity';
    out.push({
      kind: 'cohort',
      filters: [first ? { table: 'activity', column: 'at', match: 'first', ...r } : { column: 'signup_at', ...r }],
      describe: (f, l) => `${td(l, first ? 'cohortFirst' : 'cohort')}: ${f.periodLabel(x.cohort!, unit)}`,
    });
  }
  if (x.period) {
    const unit = unitOf(c);
    const r = periodRange(x.period, unit, timeZone);
    out.push({
      kind: 'period',
      filters: [{ column: 'at', ...r }, { column: 'opened_at', ...r }],
      describe: (f, l) => `${td(l, 'periodChip')}: ${f.periodLabel(x.period!, unit)}`,
    });
  }
  if (x.segment !== undefined && c.by) {
    const by = c.by;
    out.push({
      kind: 'segment',
      column: by,
      filters: [{ column: by, values: [segmentValue(x.segment)] }],
      describe: (_f, l) => `${columnName(l, by)}: ${segmentLabel(l, x.segment!, by)}`,
    });
  }
  if (x.channel !== undefined)
    out.push({
      kind: 'channel',
      filters: [{ column: 'channel', values: [x.channel] }],
      describe: (_f, l) => `${td(l, 'channel')}: ${segmentLabel(l, x.channel!, 'channel')}`,
    });
  for (const kind of ['step', 'feature'] as const) {
    const event = x[kind];
    if (event !== undefined)
      out.push({
        kind,
        filters: [{ table: 'activity', column: 'event', values: [event] }],
        describe: (_f, l) => `${td(l, kind)}: ${segmentLabel(l, event, 'event')}`,
      });
  }
  return out;
}

/**
 * The filters the dashboard shares: the segment bar's for everyone, and each part of the
 * cross-filter for all but the widget it came from. Throws a RangeError on a selection
 * whose period is not one (from a hand-edited URL, say).
 */
export function dashboardFilters(state: DashboardState, source: Element | undefined, timeZone?: string): DashboardFilter[] {
  const out: DashboardFilter[] = [];
  const words = (describe: Part['describe']) => (locale: Locale) => describe(formatters(locale, timeZone), locale);
  if (state.segmentBy && state.segment !== undefined) {
    const { segmentBy: by, segment } = state;
    out.push({
      id: 'segment',
      kind: 'segment',
      column: by,
      filters: [{ column: by, values: [segmentValue(segment)] }],
      describe: (locale) => `${columnName(locale, by)}: ${segmentLabel(locale, segment, by)}`,
    });
  }
  if (state.cross)
    for (const p of crossParts(state.cross, timeZone))
      out.push({ id: `cross.${p.kind}`, kind: p.kind, column: p.column, filters: p.filters, describe: words(p.describe), source });
  return out;
}

/** Two selections name the same thing (a second click on a mark clears it). */
export function sameSelection(a: CrossSelection | undefined, b: CrossSelection | undefined): boolean {
  if (!a || !b) return false;
  return JSON.stringify([a.filters, a.by ?? null]) === JSON.stringify([b.filters, b.by ?? null]);
}

/**
 * The active filters as chips: the segment, and the cross-filter in the user's words,
 * each saying how many charts it filters.
 */
export function chipsOf(
  filters: readonly DashboardFilter[],
  locale: Locale,
  reach: (ids: readonly string[]) => ReachCount | undefined,
  remove: { segment: () => void; cross: () => void },
): Chip[] {
  const chip = (id: 'segment' | 'cross', parts: readonly DashboardFilter[], onRemove: () => void): Chip => {
    const count = reach(parts.map((p) => p.id));
    return {
      id,
      label: parts.map((p) => p.describe(locale)).join(' · '),
      reach: count && td(locale, 'reach', { n: count.reached, of: count.of }),
      onRemove,
    };
  };
  const out: Chip[] = [];
  const segment = filters.filter((f) => f.id === 'segment');
  const cross = filters.filter((f) => f.id.startsWith('cross.'));
  if (segment.length) out.push(chip('segment', segment, remove.segment));
  if (cross.length) out.push(chip('cross', cross, remove.cross));
  return out;
}
