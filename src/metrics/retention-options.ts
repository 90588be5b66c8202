// The options of `retention` (SPEC §3.1), checked once at the boundary with
// messages that quote the bad value, and resolved into what the kernel needs.
import type { TimeInput } from '../adapters/types.js';
import { column, isAbsent, keyword, names, options as optionsOf, range, segmentLimit, timestamp, wholeNumber, zone, type SegmentLimit } from '../query/options.js';
import { bucketer, PERIODS, type Bucketer, type Period } from '../time/period.js';
import { checkCells, MAX_COHORT_CELLS } from './limits.js';
import { checkMinCellSize } from './suppress.js';

export type RetentionMode = 'subscription' | 'activity';
export type CohortBy = 'signup' | 'first-activity';

export interface RetentionOptions {
  /** Cohort and offset period. Default `month`. */
  period?: Period;
  /** Offsets are reported while their period has started by then. Default: now. */
  asOf?: TimeInput;
  /** Cohorts whose start is in [from, to). */
  from?: TimeInput;
  to?: TimeInput;
  /** Largest offset reported. Default: no limit. */
  maxOffset?: number;
  /** Customer attribute (or, with first-activity cohorts, activity column) to break down by. */
  by?: string;
  /** Cohorts (per segment) smaller than this are reported with `suppressed: true` and no counts. */
  minCohortSize?: number;
  /** Small-cell suppression threshold k (0 = off; 11 is common in healthcare). */
  minCellSize?: number;
  /** Default `subscription`. */
  mode?: RetentionMode;
  /** Default `signup`. */
  cohortBy?: CohortBy;
  /** Event names that count as activity (array or comma-separated). Default: any event. */
  events?: readonly string[] | string;
  /** IANA zone for period boundaries. Default UTC. */
  timeZone?: string;
  /** Segments shown, "(others)" included: the smallest past it are folded (default: no limit). */
  maxSegments?: number;
  /** Exactly these segments are shown; every other one is folded into "(others)". */
  keepSegments?: readonly string[];
}

/** The options resolved: defaults applied, times in epoch ms. */
export interface RetentionSettings {
  readonly bucket: Bucketer;
  readonly asOf: number;
  /** Smallest and largest cohort ordinal allowed by from/to/asOf (±Infinity when open). */
  readonly cohortMin: number;
  readonly cohortMax: number;
  readonly maxOffset: number;
  readonly by: string | undefined;
  readonly minCohortSize: number;
  readonly minCellSize: number;
  readonly mode: RetentionMode;
  readonly cohortBy: CohortBy;
  readonly events: readonly string[] | undefined;
  readonly segments: SegmentLimit;
}

const MODES: readonly RetentionMode[] = ['subscription', 'activity'];
const COHORTS: readonly CohortBy[] = ['signup', 'first-activity'];

/**
 * The options checked and resolved, without data: what `retention` does first, and
 * what `validateQuery` runs before anything loads (so the two never disagree).
 */
export function retentionSettings(options: unknown = {}): RetentionSettings {
  const o = optionsOf(options, 'retention');
  const bucket = bucketer(keyword(o.period, 'period', PERIODS, 'month'), zone(o.timeZone));
  const asOf = isAbsent(o.asOf) ? Date.now() : timestamp(o.asOf, 'asOf');
  const r = range(o);
  const settings: RetentionSettings = {
    bucket,
    asOf,
    // A cohort is reported when from ≤ start(c) < to and start(c) ≤ asOf.
    cohortMin: firstStartingAtOrAfter(bucket, r.from),
    cohortMax: Math.min(lastStartingBefore(bucket, r.to), bucket.index(asOf)),
    maxOffset: wholeNumber(o.maxOffset, 'maxOffset', { fallback: Infinity }),
    by: column(o.by, 'by'),
    minCohortSize: wholeNumber(o.minCohortSize, 'minCohortSize', { fallback: 0 }),
    minCellSize: checkMinCellSize(o.minCellSize),
    mode: keyword(o.mode, 'mode', MODES, 'subscription'),
    cohortBy: keyword(o.cohortBy, 'cohortBy', COHORTS, 'signup'),
    events: isAbsent(o.events) ? undefined : names(o.events, 'events', 1),
    segments: segmentLimit(o),
  };
  checkTriangle(settings);
  return settings;
}

/**
 * With a first cohort given (`from`), the triangle's size is known without data: every
 * cohort from there to `to` (or asOf) with its offsets up to asOf. One segment's worth
 * past MAX_COHORT_CELLS is refused before anything loads.
 */
function checkTriangle(s: RetentionSettings): void {
  const { cohortMin: lo, cohortMax: hi } = s;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return;
  const asOfIndex = s.bucket.index(s.asOf);
  let cells = hi - lo + 1;
  // More cohorts than cells allowed: no need to add up their offsets.
  if (cells <= MAX_COHORT_CELLS) for (let c = lo; c <= hi; c++) cells += Math.max(0, Math.min(asOfIndex - c, s.maxOffset));
  checkCells('retention', s.bucket, lo, Math.max(hi, asOfIndex), cells);
}

/** The same check under the name every metric's check has. */
export const checkRetentionOptions = retentionSettings;

/** The first period whose start is ≥ t. */
function firstStartingAtOrAfter(b: Bucketer, t: number): number {
  if (t === -Infinity) return -Infinity;
  const i = b.index(t);
  return b.start(i) === t ? i : i + 1;
}

/** The last period whose start is < t. */
function lastStartingBefore(b: Bucketer, t: number): number {
  if (t === Infinity) return Infinity;
  const i = b.index(t);
  return b.start(i) === t ? i - 1 : i;
}
