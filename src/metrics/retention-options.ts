// The options of `retention` (SPEC §3.1), checked once at the boundary with
// messages that quote the bad value, and resolved into what the kernel needs.
import type { TimeInput } from '../adapters/types.js';
import { describeValue } from '../time/describe.js';
import { bucketer, checkPeriod, type Bucketer, type Period } from '../time/period.js';
import { rangeOf, timeOption } from './input.js';
import { byOption, eventList } from './options.js';
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
}

const MODES: readonly RetentionMode[] = ['subscription', 'activity'];
const COHORTS: readonly CohortBy[] = ['signup', 'first-activity'];

export function retentionSettings(options: RetentionOptions = {}): RetentionSettings {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`retention options must be an object; got ${describeValue(options)}`);
  }
  const bucket = bucketer(checkPeriod(options.period ?? 'month'), options.timeZone);
  const asOf = options.asOf === undefined || options.asOf === null ? Date.now() : timeOption(options.asOf, 'asOf');
  const range = rangeOf(options);
  return {
    bucket,
    asOf,
    // A cohort is reported when from ≤ start(c) < to and start(c) ≤ asOf.
    cohortMin: firstStartingAtOrAfter(bucket, range.from),
    cohortMax: Math.min(lastStartingBefore(bucket, range.to), bucket.index(asOf)),
    maxOffset: wholeNumber(options.maxOffset, 'maxOffset', Infinity),
    by: byOption(options.by),
    minCohortSize: wholeNumber(options.minCohortSize, 'minCohortSize', 0),
    minCellSize: checkMinCellSize(options.minCellSize),
    mode: oneOf(options.mode, 'mode', MODES),
    cohortBy: oneOf(options.cohortBy, 'cohortBy', COHORTS),
    events: options.events === undefined || options.events === null ? undefined : eventList(options.events, 'events', 1),
  };
}

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

function wholeNumber(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new RangeError(`${name} must be a whole number ≥ 0; got ${describeValue(value)}`);
}

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (value === undefined || value === null) return allowed[0];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new RangeError(`${name} must be one of ${allowed.join(', ')}; got ${describeValue(value)}`);
}

