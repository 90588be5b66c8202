// The options of `kpis` (SPEC §3.7), checked without data, and the tables each
// card reads (so a widget showing one card loads and computes only its table).
import type { TimeInput } from '../adapters/types.js';
import type { TableName } from '../data/schema.js';
import { bucketer, PERIODS, type Bucketer, type Period } from '../time/period.js';
import type { Duration } from '../time/duration.js';
import { describeValue } from '../time/describe.js';
import { duration, invalid, isAbsent, keyword, keywords, names, options as optionsOf, range, zone } from '../query/options.js';
import { checkSatisfied } from './csat.js';
import { checkRangePeriods, MAX_STEPS } from './limits.js';
import { checkMinCellSize } from './suppress.js';
import { checkMinSample } from './compare.js';

/** The card names of SPEC §4, in display order. */
export const KPI_METRICS = [
  'churnRate',
  'nps',
  'csat',
  'ces',
  'fcr',
  'firstResponseMedian',
  'resolutionMedian',
  'ticketVolume',
  'activation',
  'adoption',
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

export interface KpiOptions {
  /** The range of the cards, half-open; both required. */
  from: TimeInput;
  to: TimeInput;
  /** ISO-8601 duration or ms (default P7D): how soon after signing up activity counts. */
  activationWindow?: string | number;
  /** Event names for the adoption card (no card value without them); a comma-separated string is taken too. */
  features?: readonly string[];
  /** CSAT: a score at least this is satisfied (default 4, of 5). */
  satisfiedMin?: number;
  /** When given, each card carries a sparkline: its value per period of [from, to). */
  period?: Period;
  timeZone?: string;
  minCellSize?: number;
  /** The cards to compute, in the order wanted (default all, in KPI_METRICS order); others are not computed. */
  metrics?: readonly KpiMetric[];
  /** Activation: the events that count as activity (default every event but signup, sign_up and signup_*). */
  activationEvents?: readonly string[] | string;
  /** A change over fewer than this (either range) is not judged (`tooFew`); default 30. */
  minSample?: number;
  /**
   * With `period`: the sparklines alone, the range's own values not computed (value, previous,
   * delta, n and the rest null, as for an absent table). What a card whose sparkline covers
   * more than its range asks for its sparkline (components/kpi/queries.ts). Default false.
   */
  sparklineOnly?: boolean;
}

export interface KpiSettings {
  readonly from: number;
  readonly to: number;
  readonly activationWindow: Duration;
  readonly features: readonly string[] | undefined;
  readonly satisfiedMin: number;
  /** Undefined without `period`: no sparklines. */
  readonly bucket: Bucketer | undefined;
  readonly timeZone: string | undefined;
  readonly minCellSize: number;
  readonly metrics: readonly KpiMetric[];
  /** Undefined: every event except sign-up events (isSignupEvent). */
  readonly activationEvents: readonly string[] | undefined;
  readonly minSample: number;
  /** Only the sparklines (set only with a period). */
  readonly sparklineOnly: boolean;
}

/** The events that are a sign-up, not activation (SPEC §3.7): signup, sign_up, signup_*. */
export function isSignupEvent(name: string): boolean {
  return name === 'signup' || name === 'sign_up' || name.startsWith('signup_');
}

/** The options checked and resolved, without data (what kpis does first). */
export function checkKpiOptions(options: unknown): KpiSettings {
  const o = optionsOf(options, 'kpis');
  const { from, to } = range(o);
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) {
    throw new RangeError(
      `kpis needs from and to, from before to; got from ${describeValue(o.from)} and to ${describeValue(o.to)}`,
    );
  }
  const activationWindow = duration(o.activationWindow, 'activationWindow', 'P7D');
  // An empty list names no feature: no adoption card, as when none is given.
  const features = isAbsent(o.features) ? [] : names(o.features, 'features', 0, MAX_STEPS);
  const satisfiedMin = checkSatisfied(o.satisfiedMin, 5);
  const period = keyword(o.period, 'period', PERIODS);
  const timeZone = zone(o.timeZone);
  // The sparkline has a point per period of [from, to).
  if (period !== undefined) checkRangePeriods('kpis', bucketer(period, timeZone), { from, to });
  const sparklineOnly = isAbsent(o.sparklineOnly) ? false : o.sparklineOnly;
  if (typeof sparklineOnly !== 'boolean') throw invalid('sparklineOnly', 'true or false', sparklineOnly);
  if (sparklineOnly && period === undefined) throw new RangeError('kpis sparklineOnly needs period');
  return {
    from,
    to,
    activationWindow,
    features: features.length ? features : undefined,
    satisfiedMin,
    bucket: period === undefined ? undefined : bucketer(period, timeZone),
    timeZone,
    minCellSize: checkMinCellSize(o.minCellSize),
    metrics: keywords(o.metrics, 'metrics', KPI_METRICS),
    activationEvents: isAbsent(o.activationEvents) ? undefined : names(o.activationEvents, 'activationEvents', 1),
    minSample: checkMinSample(o.minSample),
    sparklineOnly,
  };
}

/** The tables each card reads. */
const CARD_TABLES: Readonly<Record<KpiMetric, readonly TableName[]>> = {
  churnRate: ['customers'],
  nps: ['surveys'],
  csat: ['surveys'],
  ces: ['surveys'],
  fcr: ['tickets'],
  firstResponseMedian: ['tickets'],
  resolutionMedian: ['tickets'],
  ticketVolume: ['tickets'],
  activation: ['customers', 'activity'],
  adoption: ['activity'],
};

/** The tables the asked cards read (the adoption card reads nothing without features). */
export function kpiTables(s: KpiSettings): TableName[] {
  const out = new Set<TableName>();
  for (const m of s.metrics) {
    if (m === 'adoption' && !s.features) continue;
    for (const t of CARD_TABLES[m]) out.add(t);
  }
  return (['customers', 'activity', 'surveys', 'tickets'] as const).filter((t) => out.has(t));
}
