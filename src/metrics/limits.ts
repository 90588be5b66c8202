// How much a metric may lay out, so no input freezes a page (SPEC §1, §3): a chart
// over more periods than anyone can read, or a cohort triangle of millions of cells,
// is refused with a PulsoLimitError that names the range, before anything of that size
// is allocated. The widgets translate it ("… is 3,338,000 months: more than the 5,000
// periods a chart can show") and offer no retry: the same data gives the same answer.
import type { Bucketer, Period } from '../time/period.js';

/** Periods one series may span: 13 years of days, 96 of weeks, every month of 1900–2199. */
export const MAX_PERIODS = 5000;

/** Cells of a cohort triangle, every segment together (a year of daily cohorts is 66,795). */
export const MAX_COHORT_CELLS = 250_000;

/** Steps of a funnel, and features of an adoption chart: each multiplies the work per event. */
export const MAX_STEPS = 50;

export type LimitKind = 'periods' | 'cells';

/** What was too big, for a message in any language. */
export interface LimitDetail {
  readonly metric: string;
  /** `periods`: a series' span; `cells`: a cohort triangle (cohorts × offsets × segments). */
  readonly kind: LimitKind;
  readonly count: number;
  readonly max: number;
  readonly period: Period;
  /** Keys (`YYYY-MM-DD`) of the first and last period of the span. */
  readonly first: string;
  readonly last: string;
}

/** A computation refused because its size is past a limit: a RangeError, with the detail. */
export class PulsoLimitError extends RangeError {
  readonly code = 'limit';
  readonly limit: LimitDetail;

  constructor(limit: LimitDetail) {
    const count = Number.isFinite(limit.count) ? Math.round(limit.count).toLocaleString('en') : 'too many';
    const what = limit.kind === 'periods' ? `${limit.period} periods` : `cells of ${limit.period} cohorts × offsets`;
    super(
      `${limit.metric}: ${limit.first} to ${limit.last} is ${count} ${what}, more than the ` +
        `${limit.max.toLocaleString('en')} allowed; narrow from/to or choose a longer period`,
    );
    this.name = 'PulsoLimitError';
    this.limit = limit;
  }
}

/**
 * Throws when periods `first … last` (ordinals of `bucket`) are more than MAX_PERIODS;
 * `extra` counts periods laid out beside them (a rolling window's look-back).
 */
export function checkPeriods(metric: string, bucket: Bucketer, first: number, last: number, extra = 0): void {
  const count = last - first + 1 + extra;
  if (!(count > MAX_PERIODS)) return;
  throw new PulsoLimitError({
    metric,
    kind: 'periods',
    count,
    max: MAX_PERIODS,
    period: bucket.period,
    first: keyOf(bucket, first),
    last: keyOf(bucket, last),
  });
}

/** Throws when a cohort triangle has more than MAX_COHORT_CELLS cells. */
export function checkCells(metric: string, bucket: Bucketer, first: number, last: number, cells: number): void {
  if (!(cells > MAX_COHORT_CELLS)) return;
  throw new PulsoLimitError({
    metric,
    kind: 'cells',
    count: cells,
    max: MAX_COHORT_CELLS,
    period: bucket.period,
    first: keyOf(bucket, first),
    last: keyOf(bucket, last),
  });
}

/** A period's key, or '…' for an ordinal no calendar date has (an instant past Date's range). */
function keyOf(bucket: Bucketer, index: number): string {
  try {
    return Number.isInteger(index) ? bucket.key(index) : '…';
  } catch {
    return '…';
  }
}

/**
 * Throws when `range` (both ends given) spans more than MAX_PERIODS periods: what an
 * option check can tell before any data is loaded. `extra` as in checkPeriods.
 */
export function checkRangePeriods(metric: string, bucket: Bucketer, range: { from: number; to: number }, extra = 0): void {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to) || !(range.from < range.to)) return;
  const first = bucket.index(range.from);
  const end = bucket.index(range.to);
  const last = bucket.start(end) >= range.to ? end - 1 : end;
  checkPeriods(metric, bucket, first, last, extra);
}
