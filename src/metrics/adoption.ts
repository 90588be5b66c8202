// Feature adoption per period (SPEC §3.6). Decisions where the SPEC is silent:
// - `active` counts customers with an `activeEvents` event (default: any event) in
//   the period; a customer who used a feature without a counted event is not
//   active, so not an adopter either (adoption stays within [0, 1]).
// - Periods run from the period of `from` (else of the first counted event) to the
//   period of the last instant before `to` (else of the last counted event), empty
//   ones included; with `by`, every segment with a counted event in range gets a row
//   for every period and feature. Features keep the order given.
// - With `by` on the activity table's own column, a customer is active (adopter) in
//   each segment whose rows show it.
// - Comparisons (`compare`, SPEC §3.10): 'segments' (default with `by`) compares each
//   segment with the other shown segments pooled, per period and feature, as
//   independent samples; 'features' compares each feature with the first one in the
//   same period and segment, paired (the same active customers answer both: McNemar's
//   test, Newcombe's paired interval). q-values adjust across the whole result.
//   `compareAdoption` compares any two rows a widget puts side by side.
import type { TimeInput } from '../adapters/types.js';
import type { Tables, TableInput } from '../data/schema.js';
import { finish, type Steps } from '../data/slices.js';
import { bucketer, PERIODS, type Bucketer, type Period } from '../time/period.js';
import { column, isAbsent, keyword, names, options as optionsOf, range, segmentLimit, zone, type Range, type SegmentLimit } from '../query/options.js';
import { metricInput } from './input.js';
import { checkRangePeriods, MAX_STEPS } from './limits.js';
import { segmentOrder } from './options.js';
import { withGrouped } from './others.js';
import { countAdoption } from './adoption-count.js';
import { checkMinCellSize } from './suppress.js';
import { checkMinSample, compareProportions, type ProportionComparison } from './compare.js';
import { adoptionRows, type AdoptionCompare, type AdoptionRow } from './adoption-rows.js';

export type { AdoptionCompare, AdoptionRow } from './adoption-rows.js';

export interface AdoptionOptions {
  /** Feature event names (at least one); or `"a,b"`. */
  features: readonly string[] | string;
  /** Default `month`. */
  period?: Period;
  from?: TimeInput;
  to?: TimeInput;
  by?: string;
  /** Events that make a customer active; default any event. */
  activeEvents?: readonly string[] | string;
  timeZone?: string;
  minCellSize?: number;
  /** What rows are compared with; default 'segments' with `by`, else 'none'. */
  compare?: AdoptionCompare;
  /** Segments shown, "(others)" included: the smallest past it are folded (default: no limit). */
  maxSegments?: number;
  /** Exactly these segments are shown; every other one is folded into "(others)". */
  keepSegments?: readonly string[];
  /** Fewer active customers than this on a side: not compared (default 30). */
  minSample?: number;
}


const COMPARES: readonly AdoptionCompare[] = ['segments', 'features', 'none'];

export interface AdoptionSettings {
  readonly features: string[];
  readonly active: string[] | undefined;
  readonly buckets: Bucketer;
  readonly range: Range;
  readonly by: string | undefined;
  readonly k: number;
  readonly compare: AdoptionCompare;
  readonly segments: SegmentLimit;
  readonly minSample: number;
}

/** The options checked and resolved, without data (what featureAdoption does first). */
export function checkAdoptionOptions(options: unknown): AdoptionSettings {
  const o = optionsOf(options, 'featureAdoption');
  const features = names(o.features, 'features', 1, MAX_STEPS);
  const twice = features.find((f, i) => features.indexOf(f) !== i);
  if (twice !== undefined) throw new RangeError(`features must not repeat a name; got '${twice}' twice`);
  const by = column(o.by, 'by');
  const compare = keyword(o.compare, 'compare', COMPARES, by === undefined ? 'none' : 'segments');
  if (compare === 'segments' && by === undefined) throw new RangeError("compare 'segments' needs by");
  const settings = {
    features,
    active: isAbsent(o.activeEvents) ? undefined : names(o.activeEvents, 'activeEvents', 1),
    buckets: bucketer(keyword(o.period, 'period', PERIODS, 'month'), zone(o.timeZone)),
    range: range(o),
    by,
    k: checkMinCellSize(o.minCellSize),
    compare,
    segments: segmentLimit(o),
    minSample: checkMinSample(o.minSample),
  };
  checkRangePeriods('featureAdoption', settings.buckets, settings.range);
  return settings;
}

/** SPEC §3.6: rows by period, then segment, then feature (in the order given). */
export function featureAdoption(tables: Tables | TableInput, options: AdoptionOptions): AdoptionRow[] {
  return finish(featureAdoptionSteps(tables, options));
}

/** featureAdoption as steps that pause between the kernel's blocks (src/data/slices.ts). */
export function* featureAdoptionSteps(tables: Tables | TableInput, options: AdoptionOptions): Steps<AdoptionRow[]> {
  const o = checkAdoptionOptions(options);
  const input = metricInput(tables, 'activity', 'featureAdoption');
  const frame = input.require('activity');
  const seg = o.by === undefined ? undefined : input.segments(frame, o.by);
  const counted = yield* countAdoption(frame, o, seg);
  if (!counted) return [];
  const { counts, labels, grouped } = counted;
  const order = labels ? segmentOrder(labels, counts.present) : [0];
  return withGrouped(adoptionRows(counts, o.features, order, labels, o.buckets, o), grouped);
}

/**
 * compareProportions (SPEC §3.10) between two rows a widget shows side by side, as
 * independent samples (two segments; for two features of the same customers, ask
 * featureAdoption with compare 'features', which knows who used both). Null when a
 * count is hidden or missing.
 */
export function compareAdoption(
  a: Pick<AdoptionRow, 'active' | 'adopters'>,
  b: Pick<AdoptionRow, 'active' | 'adopters'>,
  options: { minSample?: number } = {},
): ProportionComparison | null {
  if (a.active === null || a.adopters === null || b.active === null || b.adopters === null) return null;
  return compareProportions({ x: a.adopters, n: a.active }, { x: b.adopters, n: b.active }, options);
}
