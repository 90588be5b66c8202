// kpis (SPEC §3.7): the headline cards over [from, to), each against the previous
// range of the same length, with an optional per-period sparkline.
import type { TimeInput } from '../adapters/types.js';
import type { Tables } from '../data/schema.js';
import { isTable } from '../data/values.js';
import type { Bucketer, Period } from '../time/index.js';
import { parseDuration } from '../time/index.js';
import { describeValue } from '../time/describe.js';
import { checkSatisfied } from './csat.js';
import { lastPeriodBefore, optionsObject, periodOption } from './grid.js';
import { metricInput, rangeOf, type MetricInput } from './input.js';
import {
  activatedCustomers,
  activationCards,
  adoptionCards,
  churnCards,
  surveyCards,
  ticketCards,
  type Series,
} from './kpis-windows.js';
import { checkMinCellSize } from './suppress.js';

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
  /** Event names for the adoption card (no card value without them). */
  features?: readonly string[];
  /** CSAT: a score at least this is satisfied (default 4, of 5). */
  satisfiedMin?: number;
  /** When given, each card carries a sparkline: its value per period of [from, to). */
  period?: Period;
  timeZone?: string;
  minCellSize?: number;
}

export interface KpiPoint {
  period: string;
  value: number | null;
  n: number | null;
  suppressed?: true;
}

export interface KpiRow {
  metric: KpiMetric;
  value: number | null;
  /** The value over [from − (to − from), from). */
  previous: number | null;
  /** value − previous, in the card's unit (points for nps and csat, minutes, tickets…). */
  delta: number | null;
  /** What value is over (customers, answers, tickets); null when its table is absent. */
  n: number | null;
  previousN: number | null;
  sparkline?: KpiPoint[];
  suppressed?: true;
}

type Cards = Record<KpiMetric, Series | null>;

/**
 * One row per card of SPEC §4, over [from, to) and the previous range of the same
 * length in ms ([from − (to − from), from)); `delta` = value − previous. Cards:
 * - churnRate: of the customers active at the range start (signup_at before it, not
 *   churned before it), the share whose churned_at falls in the range; customers who
 *   sign up and churn inside the range are in neither count; no signup_at, no count.
 * - nps, csat (percent with score ≥ satisfiedMin), ces (mean score): answers in range.
 * - fcr, firstResponseMedian, resolutionMedian (minutes), ticketVolume: tickets
 *   opened in range, as in ticketStats (fcr over resolved tickets with contacts known).
 * - activation: of the customers who signed up in range, those with any activity
 *   event in [signup_at, signup_at + activationWindow), even after `to`.
 * - adoption: of the distinct customers with any activity event in range, those who
 *   used one of `features` in range; null without features.
 * A card whose table is absent has value and n null. With `period`, each card has a
 * sparkline: the same value over each period meeting [from, to), cut to the range.
 */
export function kpis(tables: Tables, options: KpiOptions): KpiRow[] {
  if (Array.isArray(tables) || isTable(tables as never)) {
    throw new TypeError(
      'kpis reads several tables: pass an object { customers, activity, surveys, tickets }',
    );
  }
  const o = optionsObject(options, 'kpis');
  const { from, to } = rangeOf(o);
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) {
    throw new RangeError(
      `kpis needs from and to, from before to; got from ${describeValue(o.from)} and to ${describeValue(o.to)}`,
    );
  }
  const window = parseDuration(o.activationWindow ?? 'P7D', 'activationWindow');
  const features = checkFeatures(o.features);
  const satisfiedMin = checkSatisfied(o.satisfiedMin, 5);
  const bucket = periodOption(o.period, o.timeZone);
  const timeZone = o.timeZone ?? undefined;
  const k = checkMinCellSize(o.minCellSize);
  const input = metricInput(tables, 'customers', 'kpis');
  const lo = from - (to - from);
  const activated = activationFlags(input, lo, to, window, timeZone);
  const cardsOf = (bounds: Float64Array) =>
    allCards(input, bounds, satisfiedMin, features, activated);
  const main = cardsOf(new Float64Array([lo, from, to]));
  const spark = bucket ? sparkBounds(bucket, from, to) : undefined;
  const sparkCards = spark ? cardsOf(spark.bounds) : undefined;
  return KPI_METRICS.map((metric) => {
    const row = cardRow(metric, main[metric], k);
    if (spark && sparkCards) row.sparkline = points(sparkCards[metric], spark.keys, k);
    return row;
  });
}

function checkFeatures(value: unknown): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined;
  // An empty list names no feature: no adoption card, as when none is given.
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (Array.isArray(value) && value.every((f) => typeof f === 'string' && f.trim() !== ''))
    return value as string[];
  throw new RangeError(
    `features must list event names (an array of non-empty strings); got ${describeValue(value)}`,
  );
}

function activationFlags(
  input: MetricInput,
  lo: number,
  hi: number,
  window: ReturnType<typeof parseDuration>,
  timeZone?: string,
) {
  const customers = input.frame('customers');
  const activity = input.frame('activity');
  return customers && activity
    ? activatedCustomers(customers, activity, lo, hi, window, timeZone)
    : undefined;
}

function allCards(
  input: MetricInput,
  bounds: Float64Array,
  satisfiedMin: number,
  features: readonly string[] | undefined,
  activated: Uint8Array | undefined,
): Cards {
  const customers = input.frame('customers');
  const activity = input.frame('activity');
  const surveys = input.frame('surveys');
  const tickets = input.frame('tickets');
  const s = surveys ? surveyCards(surveys, bounds, satisfiedMin) : undefined;
  const t = tickets ? ticketCards(tickets, bounds) : undefined;
  return {
    churnRate: customers ? churnCards(customers, bounds) : null,
    nps: s?.nps ?? null,
    csat: s?.csat ?? null,
    ces: s?.ces ?? null,
    fcr: t?.fcr ?? null,
    firstResponseMedian: t?.firstResponseMedian ?? null,
    resolutionMedian: t?.resolutionMedian ?? null,
    ticketVolume: t?.ticketVolume ?? null,
    activation: customers && activated ? activationCards(customers, activated, bounds) : null,
    adoption: activity && features ? adoptionCards(activity, features, bounds) : null,
  };
}

/** Sparkline windows: the periods meeting [from, to), the first and last cut to the range. */
function sparkBounds(
  b: Bucketer,
  from: number,
  to: number,
): { bounds: Float64Array; keys: string[] } {
  const first = b.index(from);
  const last = lastPeriodBefore(b, to);
  const bounds = new Float64Array(last - first + 2);
  const keys: string[] = [];
  bounds[0] = from;
  for (let p = first; p <= last; p++) {
    keys.push(b.key(p));
    bounds[p - first + 1] = p === last ? to : b.start(p + 1);
  }
  return { bounds, keys };
}

interface Shown {
  value: number | null;
  n: number | null;
  hidden: boolean;
}

/**
 * One window of a card through small-cell suppression: n hidden when 1…k−1, the
 * value hidden with it or when any count it gives away is 1…k−1 (hiding the value
 * hides both parts at once, so no complement is needed).
 */
function shownAt(series: Series | null, j: number, k: number): Shown {
  if (!series) return { value: null, n: null, hidden: false };
  const small = (x: number) => k > 1 && x > 0 && x < k;
  const n = series.n[j];
  const v = series.value[j];
  const nHidden = small(n);
  const vHidden = nHidden || series.parts.some((part) => small(part[j]));
  return { value: vHidden || v !== v ? null : v, n: nHidden ? null : n, hidden: vHidden };
}

function cardRow(metric: KpiMetric, series: Series | null, k: number): KpiRow {
  const prev = shownAt(series, 0, k);
  const cur = shownAt(series, 1, k);
  const row: KpiRow = {
    metric,
    value: cur.value,
    previous: prev.value,
    delta: cur.value !== null && prev.value !== null ? cur.value - prev.value : null,
    n: cur.n,
    previousN: prev.n,
  };
  if (cur.hidden || prev.hidden) row.suppressed = true;
  return row;
}

function points(series: Series | null, keys: readonly string[], k: number): KpiPoint[] {
  return keys.map((period, j) => {
    const s = shownAt(series, j, k);
    const point: KpiPoint = { period, value: s.value, n: s.n };
    if (s.hidden) point.suppressed = true;
    return point;
  });
}
