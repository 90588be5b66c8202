// kpis (SPEC §3.7): the headline cards over [from, to), each against the previous
// range of the same length, with an optional per-period sparkline.
import type { Tables } from '../data/schema.js';
import { finish, type Steps } from '../data/slices.js';
import { isTable } from '../data/values.js';
import type { Bucketer } from '../time/period.js';
import { lastPeriodBefore } from './grid.js';
import { kpiChange, type KpiTest } from './kpis-change.js';

export type { KpiTest } from './kpis-change.js';
import { metricInput, type MetricInput } from './input.js';
import {
  activatedCustomers,
  activationCards,
  adoptionCards,
  churnCards,
  ticketCards,
  type Series,
} from './kpis-windows.js';
import { surveyCards } from './kpis-surveys.js';
import { checkKpiOptions, isSignupEvent, type KpiMetric, type KpiOptions, type KpiSettings } from './kpis-options.js';

export { KPI_METRICS, checkKpiOptions, isSignupEvent, kpiTables } from './kpis-options.js';
export type { KpiMetric, KpiOptions, KpiSettings } from './kpis-options.js';

export interface KpiPoint {
  period: string;
  value: number | null;
  n: number | null;
  /** The 95% interval of value, as on the row. */
  ciLow: number | null;
  ciHigh: number | null;
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
  /**
   * The 95% interval of value, in its unit: Wilson for the shares (churnRate, csat in
   * percent, fcr, activation, adoption), SPEC §3.2's for nps; null for the other cards.
   */
  ciLow: number | null;
  ciHigh: number | null;
  /**
   * The change compared (kpis-change.ts): for the shares, compareProportions (SPEC
   * §3.10; the two ranges as independent samples) with Newcombe's interval; for NPS and
   * CES, a z-test on the difference with its Wald interval. delta's interval in the
   * card's unit, the p-value and the test; null for the times and volume, or when a
   * side is hidden or too few.
   */
  deltaLow: number | null;
  deltaHigh: number | null;
  pValue: number | null;
  test: KpiTest | null;
  /** n or previousN is below `minSample`: the change is not judged. Null when a count is unknown. */
  tooFew: boolean | null;
  sparkline?: KpiPoint[];
  suppressed?: true;
}

/** Each card's series over the windows (null: its table is absent). */
export type Cards = Partial<Record<KpiMetric, Series | null>>;

/** The cards whose change is tested by a z-test on the difference of two estimates. */
const TESTED: Partial<Record<KpiMetric, 'npsZ' | 'meanZ'>> = { nps: 'npsZ', ces: 'meanZ' };

/**
 * One row per card asked for (`metrics`, default all), over [from, to) and the
 * previous range of the same length in ms ([from − (to − from), from)); `delta` =
 * value − previous. Only the asked cards are computed, and only their tables read. Cards:
 * - churnRate: of the customers active at the range start (signup_at before it, not
 *   churned before it), the share whose churned_at falls in the range; customers who
 *   sign up and churn inside the range are in neither count; no signup_at, no count.
 * - nps, csat (percent with score ≥ satisfiedMin), ces (mean score): answers in range.
 * - fcr, firstResponseMedian, resolutionMedian (minutes), ticketVolume: tickets
 *   opened in range, as in ticketStats (fcr over resolved tickets with contacts known).
 * - activation: of the customers who signed up in range, those with a counted activity
 *   event (`activationEvents`; default every event but the sign-up itself: signup,
 *   sign_up, signup_*) in [signup_at, signup_at + activationWindow), even after `to`.
 * - adoption: of the distinct customers with any activity event in range, those who
 *   used one of `features` in range; null without features.
 * Each card carries the interval of its value and, for the shares, the comparison of
 * its change (SPEC §3.10). A card whose table is absent has value and n null. With `period`, each card has a
 * sparkline: the same value over each period meeting [from, to), cut to the range; with
 * `sparklineOnly` too, the sparkline alone (the range's values null, as for an absent table).
 */
export function kpis(tables: Tables, options: KpiOptions): KpiRow[] {
  return finish(kpiSteps(tables, options));
}

/** kpis as steps that pause between the cards' passes over the rows (src/data/slices.ts). */
export function* kpiSteps(tables: Tables, options: KpiOptions): Steps<KpiRow[]> {
  const s = checkKpiOptions(options);
  if (Array.isArray(tables) || isTable(tables as never)) {
    throw new TypeError(
      'kpis reads several tables: pass an object { customers, activity, surveys, tickets }',
    );
  }
  const input = metricInput(tables, 'customers', 'kpis');
  const { from, to, bucket } = s;
  const lo = from - (to - from);
  const want = new Set(s.metrics);
  // Only the sparklines: the flags of the customers who signed up in [from, to), the windows'.
  const activated = want.has('activation') ? activationFlags(input, s.sparklineOnly ? from : lo, to, s) : undefined;
  // Only the sparklines: the range's own cards stay null (a pass over each table saved).
  const main = s.sparklineOnly ? {} : yield* someCards(input, new Float64Array([lo, from, to]), s, want, activated);
  yield;
  const spark = bucket ? sparkBounds(bucket, from, to) : undefined;
  const sparkCards = spark && (yield* someCards(input, spark.bounds, s, want, activated));
  return kpiRows(s, main, spark && { cards: sparkCards!, keys: spark.keys });
}

/** Series → rows (the second half of kpis, shared with SQL sources): one row per card asked for. */
export function kpiRows(s: KpiSettings, main: Cards, spark?: { cards: Cards; keys: readonly string[] }): KpiRow[] {
  return s.metrics.map((metric) => {
    const row = cardRow(metric, main[metric] ?? null, s.minCellSize, s.minSample);
    if (spark) row.sparkline = points(spark.cards[metric] ?? null, spark.keys, s.minCellSize);
    return row;
  });
}

function activationFlags(input: MetricInput, lo: number, hi: number, s: KpiSettings) {
  const customers = input.frame('customers');
  const activity = customers && input.frame('activity');
  const events = s.activationEvents;
  const counts = events ? (name: string) => events.includes(name) : (name: string) => !isSignupEvent(name);
  return customers && activity
    ? activatedCustomers(customers, activity, lo, hi, s.activationWindow, s.timeZone, counts)
    : undefined;
}

const SURVEY_CARDS: readonly KpiMetric[] = ['nps', 'csat', 'ces'];
const TICKET_CARDS: readonly KpiMetric[] = ['fcr', 'firstResponseMedian', 'resolutionMedian', 'ticketVolume'];

/** The asked cards over the windows of `bounds`; each table is read only when a card needs it. */
function* someCards(
  input: MetricInput,
  bounds: Float64Array,
  s: KpiSettings,
  want: ReadonlySet<KpiMetric>,
  activated: Uint8Array | undefined,
): Steps<Cards> {
  const cards: Cards = {};
  const customers = want.has('churnRate') || want.has('activation') ? input.frame('customers') : undefined;
  if (want.has('churnRate')) cards.churnRate = customers ? churnCards(customers, bounds) : null;
  if (want.has('activation')) cards.activation = customers && activated ? activationCards(customers, activated, bounds) : null;
  if (want.has('adoption')) {
    const activity = s.features ? input.frame('activity') : undefined;
    cards.adoption = activity && s.features ? adoptionCards(activity, s.features, bounds) : null;
  }
  const surveyWant = SURVEY_CARDS.filter((m) => want.has(m));
  if (surveyWant.length) {
    const surveys = input.frame('surveys');
    const sc = surveys ? surveyCards(surveys, bounds, s.satisfiedMin, new Set(surveyWant)) : undefined;
    for (const m of surveyWant) cards[m] = sc ? sc[m as keyof typeof sc] : null;
  }
  const ticketWant = TICKET_CARDS.filter((m) => want.has(m));
  if (ticketWant.length) {
    const tickets = input.frame('tickets');
    const tc = tickets ? yield* ticketCards(tickets, bounds, new Set(ticketWant)) : undefined;
    for (const m of ticketWant) cards[m] = tc ? tc[m as keyof typeof tc] : null;
  }
  return cards;
}

/** Sparkline windows: the periods meeting [from, to), the first and last cut to the range. */
export function sparkBounds(
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

/** The interval of window j's value; null where the value is hidden or the card has none. */
function intervalAt(series: Series | null, j: number, shown: Shown): { ciLow: number | null; ciHigh: number | null } {
  const ci = series?.interval && shown.value !== null ? series.interval(j) : null;
  return { ciLow: ci?.low ?? null, ciHigh: ci?.high ?? null };
}

function cardRow(metric: KpiMetric, series: Series | null, k: number, minSample: number): KpiRow {
  const prev = shownAt(series, 0, k);
  const cur = shownAt(series, 1, k);
  const row: KpiRow = {
    metric,
    value: cur.value,
    previous: prev.value,
    delta: cur.value !== null && prev.value !== null ? cur.value - prev.value : null,
    n: cur.n,
    previousN: prev.n,
    ...intervalAt(series, 1, cur),
    ...kpiChange(series, TESTED[metric], prev, cur, minSample),
  };
  if (cur.hidden || prev.hidden) row.suppressed = true;
  return row;
}

function points(series: Series | null, keys: readonly string[], k: number): KpiPoint[] {
  return keys.map((period, j) => {
    const s = shownAt(series, j, k);
    const point: KpiPoint = { period, value: s.value, n: s.n, ...intervalAt(series, j, s) };
    if (s.hidden) point.suppressed = true;
    return point;
  });
}
