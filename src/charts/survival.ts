// Layout of survival curves (SPEC §3.8): the Kaplan–Meier estimate of each segment
// as a step line from (0, 100%) with its interval as a stepped band, ticks where
// customers were censored, the median on the 50% line, and, at each time tick, the
// point a keyboard reaches and the numbers at risk for the table under the axis.
// Pure geometry (path strings as d3-shape draws them, charts/path.ts); <pulso-survival> renders it.
import { area, curveStepAfter, line } from './path.js';
import type { SurvivalRow } from '../metrics/survival.js';
import type { SurvivalUnit } from '../metrics/survival-options.js';
import { marginOf, px, size, type Margin } from './geometry.js';
import { categorical, dashOf } from './palette.js';
import { linear } from './scales.js';

export interface SurvivalCurveInput {
  segment?: string;
  /** The segment's rows, in time order (survival()). */
  rows: readonly SurvivalRow[];
  /** survivalSummary's median, null when not reached. */
  median: number | null;
}

export interface SurvivalLayoutOptions {
  width: number;
  height: number;
  unit: SurvivalUnit;
  /** Default { top: 16, right: 16, bottom: 40, left: 48 }. */
  margin?: Partial<Margin>;
  /** Least space between time ticks, default 44 px. */
  minTickSpacing?: number;
}

/** A curve read at a time tick. */
export interface SurvivalPoint {
  time: number;
  x: number;
  y: number;
  survival: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** Customers still followed at this time; null in a hidden tail. */
  atRisk: number | null;
  /** Churns up to and including this time. */
  churned: number;
}

export interface SurvivalSeries {
  segment: string | undefined;
  color: string;
  dash: string;
  path: string;
  band: string;
  /** Where customers were censored (still here at asOf), on the curve. */
  censors: { x: number; y: number }[];
  median: { value: number; x: number; y: number } | null;
  /** The curve at each time tick it reaches (its follow-up, not a hidden tail). */
  points: SurvivalPoint[];
  /** Customers at risk at every time tick: 0 past the follow-up, null in a hidden tail. */
  atRisk: (number | null)[];
  /** The last time shown. */
  end: number;
}

export interface SurvivalLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: { time: number; x: number }[];
  yTicks: { value: number; y: number }[];
  /** y of the 50% line. */
  half: number;
  series: SurvivalSeries[];
}

const DEFAULT_MARGIN: Margin = { top: 16, right: 16, bottom: 40, left: 48 };
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Tick steps that read well in each unit (a month, a quarter, a year…). */
const STEPS: Readonly<Record<SurvivalUnit, readonly number[]>> = {
  day: [1, 7, 14, 30, 60, 90, 180, 365, 730, 1825],
  week: [1, 2, 4, 8, 13, 26, 52, 104, 260],
  month: [1, 2, 3, 6, 12, 24, 60, 120],
};

/** The rows up to the first hidden one (the tail where too few are at risk is not drawn). */
function shownRows(rows: readonly SurvivalRow[]): SurvivalRow[] {
  const cut = rows.findIndex((r) => r.suppressed || r.survival === null);
  return cut < 0 ? [...rows] : rows.slice(0, cut);
}

/** 0, s, 2s… up to `max`, with s the least step of the unit that keeps ticks `spacing` apart. */
export function timeTicks(max: number, span: number, spacing: number, unit: SurvivalUnit): number[] {
  const per = span / Math.max(1, max);
  const step = STEPS[unit].find((s) => s * per >= spacing) ?? Math.max(1, Math.ceil(spacing / Math.max(per, 1e-9)));
  const out: number[] = [];
  for (let t = 0; t <= max; t += step) out.push(t);
  return out;
}

export function survivalLayout(curves: readonly SurvivalCurveInput[], options: SurvivalLayoutOptions): SurvivalLayout {
  const width = size(options.width);
  const height = size(options.height);
  const m = marginOf(options.margin, DEFAULT_MARGIN);
  const plot = { left: m.left, top: m.top, right: Math.max(m.left, width - m.right), bottom: Math.max(m.top, height - m.bottom) };
  const shown = curves.map((c) => shownRows(c.rows));
  const max = Math.max(1, ...shown.map((rows) => rows[rows.length - 1]?.time ?? 0), ...curves.map((c) => c.median ?? 0));
  const x = linear([0, max], [plot.left, plot.right]);
  const y = linear([0, 1], [plot.bottom, plot.top], true);
  const ticks = timeTicks(max, plot.right - plot.left, size(options.minTickSpacing, 44), options.unit);
  const series = curves.map((c, i) => seriesOf(c, shown[i], i, ticks, x, y));
  return {
    width: px(width),
    height: px(height),
    plot: { left: px(plot.left), top: px(plot.top), right: px(plot.right), bottom: px(plot.bottom) },
    xTicks: ticks.map((time) => ({ time, x: px(x(time)) })),
    yTicks: Y_TICKS.map((value) => ({ value, y: px(y(value)) })),
    half: px(y(0.5)),
    series,
  };
}

type Scale = (v: number) => number;

function seriesOf(c: SurvivalCurveInput, rows: SurvivalRow[], i: number, ticks: number[], x: Scale, y: Scale): SurvivalSeries {
  const steps = [{ time: 0, survival: 1, ciLow: 1 as number | null, ciHigh: 1 as number | null }, ...rows.map((r) => ({ time: r.time, survival: r.survival!, ciLow: r.ciLow, ciHigh: r.ciHigh }))];
  const path = line<(typeof steps)[0]>().curve(curveStepAfter).x((s) => px(x(s.time))).y((s) => px(y(s.survival))).digits(1)(steps) ?? '';
  const band =
    area<(typeof steps)[0]>()
      .curve(curveStepAfter)
      .defined((s) => s.ciLow !== null && s.ciHigh !== null)
      .x((s) => px(x(s.time)))
      .y0((s) => px(y(s.ciLow!)))
      .y1((s) => px(y(s.ciHigh!)))
      .digits(1)(steps) ?? '';
  const end = rows[rows.length - 1]?.time ?? 0;
  const censors = rows.filter((r) => (r.censored ?? 0) > 0).map((r) => ({ x: px(x(r.time)), y: px(y(r.survival!)) }));
  const median = c.median === null ? null : { value: c.median, x: px(x(c.median)), y: px(y(0.5)) };
  const points = ticks.filter((t) => t <= end || (rows.length === 0 && t === 0)).map((t) => pointAt(t, rows, c.rows, x, y));
  return { segment: c.segment, color: categorical(i), dash: dashOf(i), path, band, censors, median, points, atRisk: ticks.map((t) => atRiskAt(t, c.rows)), end };
}

/** The curve at time t: the last row at or before t (100% before any). */
function pointAt(t: number, rows: readonly SurvivalRow[], all: readonly SurvivalRow[], x: Scale, y: Scale): SurvivalPoint {
  let last: SurvivalRow | undefined;
  let churned = 0;
  for (const r of rows) {
    if (r.time > t) break;
    last = r;
    churned += r.events ?? 0;
  }
  const survival = last?.survival ?? 1;
  return { time: t, x: px(x(t)), y: px(y(survival)), survival, ciLow: last ? last.ciLow : 1, ciHigh: last ? last.ciHigh : 1, atRisk: atRiskAt(t, all), churned };
}

/** Customers with follow-up of at least t: the first row at or after t says (0 past the end; null where hidden). */
function atRiskAt(t: number, rows: readonly SurvivalRow[]): number | null {
  const r = rows.find((row) => row.time >= t);
  return r ? r.atRisk : 0;
}
