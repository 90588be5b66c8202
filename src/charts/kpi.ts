// Layout of a KPI card (SPEC §3.7, DESIGN.md §3.7): the sparkline of a KpiRow as
// an SVG path (gapped where a period has no value), and whether the change since
// the previous range is good news, bad news or too small to call.
//
// Which way is good (polarity):
// - down: churnRate, firstResponseMedian, resolutionMedian, and ces. SPEC §1 gives
//   CES as a 1–7 score without its wording; the seeds (seeds/001) describe it as
//   the effort the customer had, "the lower the effort, the better", so a lower
//   mean is better. A portal whose CES question is worded the other way ("it was
//   easy", agree = 7) passes `polarity: 'up'`.
// - neutral: ticketVolume. More tickets is growth as often as trouble (more
//   customers, a launch); the card shows the change without judging it.
// - up: nps, csat, fcr, activation, adoption.
import { linear, point } from './scales.js';
import { line } from './path.js';
import type { KpiMetric, KpiPoint, KpiRow } from '../metrics/kpis.js';
import type { KpiTest } from '../metrics/kpis.js';
import { byCode, isNum, numOrNull } from './bands.js';
import { marginOf, px, size, type Margin } from './geometry.js';

export type KpiPolarity = 'up' | 'down' | 'neutral';
/** better/worse: a change in the good/bad direction; neutral: too small, not significant, too few, or not judged; none: no change to judge. */
export type KpiDirection = 'better' | 'worse' | 'neutral' | 'none';
/**
 * What the numbers say about a change: `significant` (the row's test, p < alpha — one
 * comparison per card, so no adjustment), `chance` (p ≥ alpha), `tooFew` (a range has
 * fewer than minSample), `untested` (times and volume, judged by their band alone).
 */
export type KpiEvidence = 'significant' | 'chance' | 'tooFew' | 'untested';

export const KPI_POLARITY: Readonly<Record<KpiMetric, KpiPolarity>> = Object.freeze({
  churnRate: 'down',
  nps: 'up',
  csat: 'up',
  ces: 'down',
  fcr: 'up',
  firstResponseMedian: 'down',
  resolutionMedian: 'down',
  ticketVolume: 'neutral',
  activation: 'up',
  adoption: 'up',
});

/**
 * Changes smaller than this (in the card's unit) are neutral: 1 point of NPS or
 * CSAT, 0.1 of a CES score (1–7), 0.5 percentage point of a rate (fractions),
 * 1 minute of a median time, 0 tickets.
 */
export const KPI_NEUTRAL_BAND: Readonly<Record<KpiMetric, number>> = Object.freeze({
  churnRate: 0.005,
  nps: 1,
  csat: 1,
  ces: 0.1,
  fcr: 0.005,
  firstResponseMedian: 1,
  resolutionMedian: 1,
  ticketVolume: 0,
  activation: 0.005,
  adoption: 0.005,
});

export interface KpiDirectionOptions {
  /** |delta| below this is neutral; default KPI_NEUTRAL_BAND[metric]. */
  neutralBand?: number;
  /** Overrides KPI_POLARITY[metric]. */
  polarity?: KpiPolarity;
  /** When given (finite), a change with pValue ≥ alpha is neutral whatever its size. */
  pValue?: number | null;
  /** Default 0.05. */
  alpha?: number;
  /** A range counts fewer than the minimum sample: the change is neutral whatever its size. */
  tooFew?: boolean | null;
}

export function kpiDirection(
  metric: KpiMetric,
  delta: number | null | undefined,
  options: KpiDirectionOptions = {},
): KpiDirection {
  if (!isNum(delta)) return 'none';
  const polarity = options.polarity ?? KPI_POLARITY[metric] ?? 'neutral';
  const band =
    options.neutralBand !== undefined && Number.isFinite(options.neutralBand)
      ? Math.abs(options.neutralBand)
      : (KPI_NEUTRAL_BAND[metric] ?? 0);
  if (polarity === 'neutral' || delta === 0 || Math.abs(delta) < band) return 'neutral';
  if (options.tooFew === true) return 'neutral';
  if (isNum(options.pValue) && options.pValue >= size(options.alpha, 0.05)) return 'neutral';
  return delta > 0 === (polarity === 'up') ? 'better' : 'worse';
}

/** What the row's comparison says about its change (see KpiEvidence). */
export function kpiEvidence(row: Pick<KpiRow, 'pValue' | 'tooFew'>, alpha = 0.05): KpiEvidence {
  if (row.tooFew === true) return 'tooFew';
  if (isNum(row.pValue)) return row.pValue < alpha ? 'significant' : 'chance';
  return 'untested';
}

export interface SparklineOptions {
  width: number;
  height: number;
  /** Default 2 px on every side (room for the stroke and the end dot). */
  margin?: Partial<Margin>;
  /** A fixed y domain (e.g. [0, 1] for rates); default the values' range, padded. */
  domain?: [number, number];
  /** Padding of the default domain as a share of the range, default 0.1 each side. */
  pad?: number;
}

export interface SparkPoint {
  period: string;
  x: number;
  y: number;
  value: number;
  n: number | null;
}

export interface SparklineLayout {
  width: number;
  height: number;
  y: { domain: [number, number] };
  /** SVG path `d`; one `M` per run of periods with a value. */
  path: string;
  /** Only periods with a value, chronological. */
  points: SparkPoint[];
  /** The latest point with a value (the end dot); null when none has one. */
  last: SparkPoint | null;
}

const SPARK_MARGIN: Margin = { top: 2, right: 2, bottom: 2, left: 2 };

export function sparklineLayout(
  points: readonly KpiPoint[],
  options: SparklineOptions,
): SparklineLayout {
  const width = size(options.width);
  const height = size(options.height);
  const m = marginOf(options.margin, SPARK_MARGIN);
  const sorted = [...points].sort((a, b) => byCode(a.period, b.period));
  const valued = (p: KpiPoint): boolean => isNum(p.value);
  const domain = domainOf(
    sorted.filter(valued).map((p) => p.value!),
    options,
  );
  const x = point(
    sorted.map((p) => p.period),
    [m.left, Math.max(m.left, width - m.right)],
  );
  const y = linear(domain, [Math.max(m.top, height - m.bottom), m.top]);
  const xOf = (p: string): number => x(p) ?? m.left;
  const path = line<KpiPoint>()
    .defined(valued)
    .x((p) => xOf(p.period))
    .y((p) => y(p.value ?? 0))
    .digits(1);
  const marks = sorted
    .filter(valued)
    .map((p) => ({
      period: p.period,
      x: px(xOf(p.period)),
      y: px(y(p.value!)),
      value: p.value!,
      n: isNum(p.n) ? p.n : null,
    }));
  return {
    width: px(width),
    height: px(height),
    y: { domain },
    path: path(sorted) ?? '',
    points: marks,
    last: marks.length ? marks[marks.length - 1] : null,
  };
}

function domainOf(values: number[], options: SparklineOptions): [number, number] {
  const given = options.domain;
  if (given && isNum(given[0]) && isNum(given[1]) && given[0] !== given[1])
    return [given[0], given[1]];
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  // A flat line sits in the middle; ±10% of the value (or ±1 at 0) keeps the scale finite.
  const pad = hi > lo ? (hi - lo) * size(options.pad, 0.1) : Math.abs(lo) * 0.1 || 1;
  return [lo - pad, hi + pad];
}

/** The row's comparison (pValue, tooFew) decides with the band and the polarity. */
export type KpiLayoutOptions = SparklineOptions & Omit<KpiDirectionOptions, 'pValue' | 'tooFew'>;

export interface KpiLayout {
  metric: KpiMetric;
  value: number | null;
  previous: number | null;
  delta: number | null;
  polarity: KpiPolarity;
  direction: KpiDirection;
  evidence: KpiEvidence;
  /** The 95% interval of value, and of the change (shares), in the card's unit. */
  ciLow: number | null;
  ciHigh: number | null;
  deltaLow: number | null;
  deltaHigh: number | null;
  pValue: number | null;
  test: KpiTest | null;
  suppressed: boolean;
  /** Null when the row has no sparkline. */
  sparkline: SparklineLayout | null;
}

/** A card: the row's numbers, the direction of its change, and its sparkline. */
export function kpiLayout(row: KpiRow, options: KpiLayoutOptions): KpiLayout {
  const pValue = numOrNull(row.pValue);
  const delta = numOrNull(row.delta);
  return {
    metric: row.metric,
    value: numOrNull(row.value),
    previous: numOrNull(row.previous),
    delta,
    polarity: options.polarity ?? KPI_POLARITY[row.metric] ?? 'neutral',
    direction: kpiDirection(row.metric, delta, { ...options, pValue, tooFew: row.tooFew }),
    evidence: kpiEvidence(row, size(options.alpha, 0.05)),
    ciLow: numOrNull(row.ciLow),
    ciHigh: numOrNull(row.ciHigh),
    deltaLow: numOrNull(row.deltaLow),
    deltaHigh: numOrNull(row.deltaHigh),
    pValue,
    test: row.test ?? null,
    suppressed: row.suppressed === true,
    sparkline: row.sparkline ? sparklineLayout(row.sparkline, options) : null,
  };
}
