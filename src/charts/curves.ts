// Layout of retention curves (SPEC §3.1, issue 4): the other view of the cohort
// triangle. Either one line per cohort plus their weighted average, or, to
// compare segments, one weighted-average line per segment, each average with the
// 95% Wilson band of Σ retained / Σ size. Pure geometry: path strings as d3-shape draws
// them (charts/path.ts); <pulso-cohort-churn> renders it.
import { linear } from './scales.js';
import { area, line } from './path.js';
import type { RetentionRow } from '../metrics/retention.js';
import { wilson } from '../metrics/stats.js';
import { marginOf, px, size, type Margin } from './geometry.js';
import { categorical } from './palette.js';

export interface CurvesOptions {
  width: number;
  height: number;
  /** Default { top: 16, right: 16, bottom: 36, left: 48 }. */
  margin?: Partial<Margin>;
  /** One average line per segment instead of one line per cohort. */
  compareSegments?: boolean;
  /** With several segments and no comparison: the segment whose cohorts are drawn. */
  segment?: string;
  /** Least space between x labels, default 40 px. */
  minTickSpacing?: number;
}

export type CurveKind = 'cohort' | 'average' | 'segment';

export interface CurvePoint {
  offset: number;
  x: number;
  y: number;
  rate: number;
  retained: number;
  size: number;
  /** The 95% Wilson interval of rate (retained of size). */
  ciLow: number;
  ciHigh: number;
  /** Whether the period has ended (always: lines and averages use ended periods only). */
  complete: boolean;
}

export interface CurveSeries {
  kind: CurveKind;
  /** Cohort key, segment name, or '' for the overall average. */
  key: string;
  color: string;
  path: string;
  /** The 95% band of an average (segment or overall); '' for a cohort's own line. */
  band: string;
  points: CurvePoint[];
}

export interface CurvesLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: { offset: number; x: number }[];
  yTicks: { value: number; y: number }[];
  series: CurveSeries[];
}

const DEFAULT_MARGIN: Margin = { top: 16, right: 16, bottom: 36, left: 48 };
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Cohort lines are context for the average: one muted colour, the average stands out. */
export const COHORT_LINE = '#8a94a3';

const shown = (r: RetentionRow): boolean =>
  r.suppressed !== true && r.rate !== null && r.retained !== null && r.size !== null && r.size > 0;

/** Σ retained / Σ size per offset over the ended, unsuppressed cells (partial periods would bias it up). */
export function weightedAverage(rows: readonly RetentionRow[]): Omit<CurvePoint, 'x' | 'y'>[] {
  const acc = new Map<number, { retained: number; size: number }>();
  for (const r of rows) {
    if (!shown(r) || !r.complete) continue;
    const a = acc.get(r.offset) ?? { retained: 0, size: 0 };
    a.retained += r.retained!;
    a.size += r.size!;
    acc.set(r.offset, a);
  }
  return [...acc]
    .sort((a, b) => a[0] - b[0])
    .map(([offset, a]) => ({ offset, rate: a.retained / a.size, retained: a.retained, size: a.size, ...interval(a.retained, a.size), complete: true }));
}

function interval(retained: number, size: number): { ciLow: number; ciHigh: number } {
  const w = wilson(retained, size)!;
  return { ciLow: w.low, ciHigh: w.high };
}

export function retentionCurvesLayout(rows: readonly RetentionRow[], options: CurvesOptions): CurvesLayout {
  const width = size(options.width);
  const height = size(options.height);
  const m = marginOf(options.margin, DEFAULT_MARGIN);
  const plot = { left: m.left, top: m.top, right: Math.max(m.left, width - m.right), bottom: Math.max(m.top, height - m.bottom) };
  const valid = rows.filter((r) => Number.isInteger(r.offset) && r.offset >= 0);
  const maxOffset = valid.reduce((max, r) => Math.max(max, r.offset), 0);
  const x = linear([0, Math.max(1, maxOffset)], [plot.left, plot.right]);
  const y = linear([0, 1], [plot.bottom, plot.top], true);
  const place = (p: Omit<CurvePoint, 'x' | 'y'>): CurvePoint => ({ ...p, x: px(x(p.offset)), y: px(y(p.rate)) });
  const bandOf = (points: CurvePoint[]) =>
    area<CurvePoint>()
      .x((p) => p.x)
      .y0((p) => y(p.ciLow))
      .y1((p) => y(p.ciHigh))
      .digits(1)(points) ?? '';
  const segments = [...new Set(valid.map((r) => r.segment))];
  const series: CurveSeries[] = [];
  if (options.compareSegments && segments.length > 0) {
    segments.forEach((s, i) =>
      series.push(seriesOf('segment', s ?? '', categorical(i), weightedAverage(valid.filter((r) => r.segment === s)).map(place), bandOf)),
    );
  } else {
    const chosen = options.segment ?? (segments.length > 1 ? undefined : segments[0]);
    if (segments.length > 1 && chosen === undefined)
      throw new RangeError('retentionCurvesLayout: the rows hold several segments; pass { segment } or { compareSegments: true }');
    const own = valid.filter((r) => r.segment === chosen);
    for (const [cohort, group] of byCohort(own)) {
      // Ended periods only: a period still running would dip (activity) or bulge (subscription) at each line's end.
      const points = group
        .filter((r) => shown(r) && r.complete)
        .map((r) => place({ offset: r.offset, rate: r.rate!, retained: r.retained!, size: r.size!, ...interval(r.retained!, r.size!), complete: true }));
      if (points.length) series.push(seriesOf('cohort', cohort, COHORT_LINE, points));
    }
    const avg = weightedAverage(own).map(place);
    if (avg.length) series.push(seriesOf('average', '', categorical(0), avg, bandOf));
  }
  return {
    width: px(width),
    height: px(height),
    plot: { left: px(plot.left), top: px(plot.top), right: px(plot.right), bottom: px(plot.bottom) },
    xTicks: offsetTicks(maxOffset, plot.right - plot.left, size(options.minTickSpacing, 40)).map((k) => ({ offset: k, x: px(x(k)) })),
    yTicks: Y_TICKS.map((value) => ({ value, y: px(y(value)) })),
    series,
  };
}

function byCohort(rows: readonly RetentionRow[]): Map<string, RetentionRow[]> {
  const groups = new Map<string, RetentionRow[]>();
  for (const r of rows) {
    const g = groups.get(r.cohort);
    if (g) g.push(r);
    else groups.set(r.cohort, [r]);
  }
  for (const g of groups.values()) g.sort((a, b) => a.offset - b.offset);
  return groups;
}

function seriesOf(kind: CurveKind, key: string, color: string, points: CurvePoint[], band?: (p: CurvePoint[]) => string): CurveSeries {
  const d = line<CurvePoint>()
    .x((p) => p.x)
    .y((p) => p.y)
    .digits(1);
  return { kind, key, color, path: d(points) ?? '', band: band ? band(points) : '', points };
}

/** 0, k, 2k… with k the least whole step that keeps labels `spacing` apart. */
function offsetTicks(maxOffset: number, span: number, spacing: number): number[] {
  const n = Math.max(1, maxOffset);
  const per = span > 0 ? span / n : 0;
  const k = per > 0 ? Math.max(1, Math.ceil(spacing / per)) : n;
  const out: number[] = [];
  for (let i = 0; i <= maxOffset; i += k) out.push(i);
  return out;
}
