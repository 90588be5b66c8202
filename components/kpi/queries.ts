// The queries of <pulso-kpi> and the card they make: its options checked, the card's
// range — `from`/`to` when given; else `to` = `as-of` or now, and `from` = `to` −
// `range` (default P30D) on the calendar of the time zone — and the sparkline, which
// covers the last `spark-periods` periods ending with the range, so a 30-day card
// still shows a year of months rather than one or two points. Each query computes
// this card alone (`kpis` with `metrics: [metric]`), the sparkline's the sparkline alone (`sparklineOnly`).
import { KPI_METRICS } from '../../src/metrics/kpis.js';
import type { KpiMetric, KpiRow } from '../../src/metrics/kpis.js';
import type { MetricQuery } from '../../src/query/types.js';
import type { Answers, WidgetPlan } from '../shared/data-types.js';
import type { KpiResult } from './types.js';
import type { KpiPolarity } from '../../src/charts/kpi.js';
import { lastPeriodBefore } from '../../src/metrics/grid.js';
import { checkMinSample } from '../../src/metrics/compare.js';
import { addDuration, bucketer, checkPeriod, parseDuration, parseTimestamp } from '../../src/time/index.js';
import type { Period } from '../../src/time/index.js';

export const DEFAULT_RANGE = 'P30D';
export const DEFAULT_SPARK_PERIODS = 12;
const POLARITIES: readonly KpiPolarity[] = ['up', 'down', 'neutral'];

export function checkMetric(value: unknown): KpiMetric {
  if ((KPI_METRICS as readonly unknown[]).includes(value)) return value as KpiMetric;
  throw new RangeError(`metric must be one of ${KPI_METRICS.join(', ')}; got '${String(value)}'`);
}

export function checkPolarity(value: string | undefined): KpiPolarity | undefined {
  if (value === undefined) return undefined;
  if ((POLARITIES as readonly string[]).includes(value)) return value as KpiPolarity;
  throw new RangeError(`polarity must be one of ${POLARITIES.join(', ')}; got '${value}'`);
}

export function checkBand(value: number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (Number.isFinite(value) && value >= 0) return value;
  throw new RangeError(`neutral-band must be a number ≥ 0; got '${String(value)}'`);
}

export function checkSparkPeriods(value: number | undefined | null): number {
  if (value === undefined || value === null) return DEFAULT_SPARK_PERIODS;
  if (Number.isInteger(value) && value >= 1 && value <= 400) return value;
  throw new RangeError(`spark-periods must be a whole number from 1 to 400; got '${String(value)}'`);
}

/** 'none' (or an empty attribute) turns the sparkline off. */
export function sparkPeriod(value: string | undefined): Period | null {
  if (value === undefined || value === 'none') return null;
  return checkPeriod(value);
}

function time(value: string, name: string): number {
  const t = parseTimestamp(value);
  if (Number.isNaN(t)) throw new RangeError(`${name} must be an ISO-8601 timestamp; got '${value}'`);
  return t;
}

export interface RangeInput {
  from?: string;
  to?: string;
  asOf?: string;
  range?: string;
  timeZone?: string;
}

/** The card's range [from, to) in epoch ms; `now` when neither `to` nor `as-of` is set. */
export function resolveRange(o: RangeInput, now: number): { from: number; to: number } {
  const to = o.to !== undefined ? time(o.to, 'to') : o.asOf !== undefined ? time(o.asOf, 'as-of') : now;
  if (o.from !== undefined) return { from: time(o.from, 'from'), to };
  const d = parseDuration(o.range ?? DEFAULT_RANGE, 'range');
  if (d.months === 0 && d.days === 0 && d.ms === 0) throw new RangeError(`range must be longer than zero; got '${o.range}'`);
  const back = { months: -d.months, days: -d.days, ms: -d.ms };
  return { from: addDuration(to, back, o.timeZone), to };
}

export interface SparkWindow {
  from: number;
  /** Whether the last period ends after `to` (cut short by the range). */
  partialLast: boolean;
}

/** The sparkline's range: the `count` periods ending with the one holding the last instant before `to`. */
export function sparkWindow(period: Period, to: number, count: number, timeZone?: string): SparkWindow {
  const b = bucketer(period, timeZone);
  const last = lastPeriodBefore(b, to);
  return { from: b.start(last - count + 1), partialLast: b.end(last) > to };
}

/** How many whole days [from, to) spans, or null when it is not a whole number of days (±1 h for DST). */
export function wholeDays(from: number, to: number): number | null {
  const days = Math.round((to - from) / 86_400_000);
  return days >= 1 && Math.abs(to - from - days * 86_400_000) <= 3_600_000 ? days : null;
}

/** The card's options as written (own, else the dashboard's), and the "now" it is read at. */
export interface KpiInput {
  metric: string;
  from?: string;
  to?: string;
  asOf?: string;
  range?: string;
  /** day…year, `none`, or undefined for month. */
  sparkUnit?: string;
  sparkPeriods?: number;
  activationWindow?: string;
  activationEvents?: string[];
  features?: string[];
  satisfiedMin?: number;
  minCellSize?: number;
  neutralBand?: number;
  polarity?: string;
  minSample?: number;
  timeZone?: string;
  now: number;
}

/** Everything the card needs that is not data, checked: throws on a bad option. */
function settings(o: KpiInput) {
  const metric = checkMetric(o.metric);
  const polarity = checkPolarity(o.polarity);
  const neutralBand = checkBand(o.neutralBand);
  if (metric === 'adoption' && !o.features) throw new RangeError('the adoption card needs features (event names)');
  const { from, to } = resolveRange(o, o.now);
  const period = sparkPeriod(o.sparkUnit ?? 'month');
  const count = checkSparkPeriods(o.sparkPeriods);
  const spark = period ? sparkWindow(period, to, count, o.timeZone) : undefined;
  const minSample = checkMinSample(o.minSample, 'min-sample');
  return { metric, polarity, neutralBand, from, to, period, spark, minSample };
}

export function kpiPlan(o: KpiInput): WidgetPlan {
  const s = settings(o);
  const options = {
    metrics: [s.metric],
    activationWindow: o.activationWindow,
    activationEvents: o.activationEvents,
    minSample: s.minSample,
    features: o.features,
    satisfiedMin: o.satisfiedMin,
    minCellSize: o.minCellSize,
    timeZone: o.timeZone,
  };
  const queries: Record<string, MetricQuery> = { card: { metric: 'kpis', options: { ...options, from: s.from, to: s.to } } };
  // The sparkline's query asks for the sparkline alone: its range's own values are not drawn.
  if (s.period && s.spark) queries.spark = { metric: 'kpis', options: { ...options, from: s.spark.from, to: s.to, period: s.period, sparklineOnly: true } };
  return { queries };
}

export function kpiResult(answers: Answers, o: KpiInput): KpiResult {
  const s = settings(o);
  const row = (answers.card as KpiRow[]).find((r) => r.metric === s.metric)!;
  const spark = s.period ? ((answers.spark as KpiRow[] | undefined)?.find((r) => r.metric === s.metric)?.sparkline ?? []) : null;
  return {
    metric: s.metric,
    row,
    spark,
    period: s.period,
    from: s.from,
    to: s.to,
    partialLast: s.spark?.partialLast ?? false,
    k: o.minCellSize ?? 0,
    features: o.features,
    neutralBand: s.neutralBand,
    polarity: s.polarity,
    minSample: s.minSample,
  };
}
