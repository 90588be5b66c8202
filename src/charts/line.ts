// Layout of the NPS trend (SPEC §3.2, DESIGN.md §3.7): rows of npsTrend() → one
// series per segment with a line and a confidence band as SVG path strings (as
// d3-shape draws them, charts/path.ts; no DOM), broken into gaps where a period has
// no score, plus ticks.
// A period with fewer answers than `minN` is `few`: its point is drawn hollow and the
// band leaves it out, since SPEC §3.2's interval shrinks to nothing on one answer.
import { linear, point } from './scales.js';
import { area, line } from './path.js';
import type { NpsTrendRow } from '../metrics/nps.js';
import { marginOf, px, size, type Margin } from './geometry.js';
import { categorical } from './palette.js';

export interface NpsTrendOptions {
  width: number;
  height: number;
  /** Default { top: 16, right: 16, bottom: 32, left: 40 }. */
  margin?: Partial<Margin>;
  /** A target NPS drawn as a horizontal rule (clamped to [−100, 100]). */
  target?: number;
  /** Least space between x labels, default 56 px: periods are thinned to every k-th. */
  minTickSpacing?: number;
  /** Fewer answers than this: a `few` point, and no band there (default 30). */
  minN?: number;
}

export interface TrendPoint {
  period: string;
  x: number;
  y: number;
  nps: number;
  n: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Fewer answers than minN: hollow, with no band. */
  few: boolean;
}

export interface TrendSeries {
  /** Undefined for rows without segments. */
  segment: string | undefined;
  color: string;
  /** SVG path `d` of the line; one `M` per run of periods with a score. */
  path: string;
  /** SVG path `d` of the area between ciLow and ciHigh, gapped the same way and where answers are few. */
  band: string;
  /** Only periods with a score (the marks a keyboard reaches). */
  points: TrendPoint[];
}

export interface NpsTrendLayout {
  width: number;
  height: number;
  /** The plotting area inside the margins. */
  plot: { left: number; top: number; right: number; bottom: number };
  /** x: a point scale over the periods in chronological order; `step` is the distance between neighbours. */
  x: { domain: string[]; step: number };
  y: { domain: [number, number] };
  xTicks: { period: string; x: number }[];
  yTicks: { value: number; y: number }[];
  /** The y of NPS 0. */
  zeroY: number;
  series: TrendSeries[];
  targetY?: number;
}

const DEFAULT_MARGIN: Margin = { top: 16, right: 16, bottom: 32, left: 40 };
/** NPS is bounded: a fixed domain keeps 0 in place and widgets comparable. */
const Y_DOMAIN: [number, number] = [-100, 100];
const Y_TICKS = [-100, -50, 0, 50, 100];

export function npsTrendLayout(rows: readonly NpsTrendRow[], options: NpsTrendOptions): NpsTrendLayout {
  const width = size(options.width);
  const height = size(options.height);
  const m = marginOf(options.margin, DEFAULT_MARGIN);
  const plot = { left: m.left, top: m.top, right: Math.max(m.left, width - m.right), bottom: Math.max(m.top, height - m.bottom) };
  const periods = [...new Set(rows.map((r) => r.period))].sort(); // YYYY-MM-DD: chronological
  const x = point(periods, [plot.left, plot.right], 0.5);
  const y = linear(Y_DOMAIN, [plot.bottom, plot.top], true);
  const xOf = (p: string): number => x(p) ?? plot.left;
  const yOf = (v: number): number => y(v);
  const layout: NpsTrendLayout = {
    width: px(width),
    height: px(height),
    plot: { left: px(plot.left), top: px(plot.top), right: px(plot.right), bottom: px(plot.bottom) },
    x: { domain: periods, step: px(x.step()) },
    y: { domain: [...Y_DOMAIN] },
    xTicks: thin(periods, x.step(), size(options.minTickSpacing, 56)).map((period) => ({ period, x: px(xOf(period)) })),
    yTicks: Y_TICKS.map((value) => ({ value, y: px(yOf(value)) })),
    zeroY: px(yOf(0)),
    series: groupBySegment(rows).map(([segment, group], i) => seriesOf(segment, group, categorical(i), xOf, yOf, size(options.minN, 30))),
  };
  if (options.target !== undefined && Number.isFinite(options.target)) layout.targetY = px(yOf(options.target));
  return layout;
}

/** Every k-th period, k the least that keeps labels `spacing` apart; the first is always kept. */
function thin(periods: string[], step: number, spacing: number): string[] {
  const k = step > 0 ? Math.max(1, Math.ceil(spacing / step)) : Math.max(1, periods.length);
  return periods.filter((_, i) => i % k === 0);
}

function groupBySegment(rows: readonly NpsTrendRow[]): [string | undefined, NpsTrendRow[]][] {
  const groups = new Map<string | undefined, NpsTrendRow[]>();
  for (const r of rows) {
    const g = groups.get(r.segment);
    if (g) g.push(r);
    else groups.set(r.segment, [r]);
  }
  for (const g of groups.values()) g.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return [...groups];
}

function seriesOf(
  segment: string | undefined,
  rows: NpsTrendRow[],
  color: string,
  xOf: (p: string) => number,
  yOf: (v: number) => number,
  minN: number,
): TrendSeries {
  const scored = (r: NpsTrendRow): boolean => isNum(r.nps);
  const few = (r: NpsTrendRow): boolean => !isNum(r.n) || r.n < minN;
  const path = line<NpsTrendRow>()
    .defined(scored)
    .x((r) => xOf(r.period))
    .y((r) => yOf(r.nps ?? 0))
    .digits(1);
  const band = area<NpsTrendRow>()
    .defined((r) => isNum(r.ciLow) && isNum(r.ciHigh) && !few(r))
    .x((r) => xOf(r.period))
    .y0((r) => yOf(r.ciLow ?? 0))
    .y1((r) => yOf(r.ciHigh ?? 0))
    .digits(1);
  const points = rows.filter(scored).map((r) => ({
    period: r.period,
    x: px(xOf(r.period)),
    y: px(yOf(r.nps!)),
    nps: r.nps!,
    n: r.n,
    ciLow: r.ciLow,
    ciHigh: r.ciHigh,
    few: few(r),
  }));
  return { segment, color, path: path(rows) ?? '', band: band(rows) ?? '', points };
}

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
