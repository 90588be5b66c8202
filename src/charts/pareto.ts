// Layout of the value concentration chart (SPEC §3.9): the Pareto (Lorenz) curve of
// each segment read from the top — the share of value held by the top x% of
// customers — against the diagonal of equal shares, with the top fraction marked
// and a point at every tenth of the customers for the keyboard and tooltips.
import { line } from './path.js';
import type { ParetoPoint, ValueConcentrationRow } from '../metrics/value.js';
import { marginOf, px, size, type Margin } from './geometry.js';
import { categorical, dashOf } from './palette.js';
import { linear } from './scales.js';

export interface ParetoLayoutOptions {
  width: number;
  height: number;
  /** The top fraction marked (the metric's `top`). */
  top: number;
  /** Default { top: 16, right: 16, bottom: 40, left: 48 }. */
  margin?: Partial<Margin>;
}

export interface ParetoMark {
  customerShare: number;
  valueShare: number;
  x: number;
  y: number;
}

export interface ParetoSeries {
  segment: string | undefined;
  color: string;
  dash: string;
  path: string;
  /** The top fraction's point: ceil(top · n) customers and their share (topShare). */
  top: ParetoMark | null;
  /** The curve at every tenth of the customers. */
  marks: ParetoMark[];
}

export interface ParetoLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  ticks: { value: number; x: number; y: number }[];
  /** The line of equal shares. */
  diagonal: string;
  series: ParetoSeries[];
}

const DEFAULT_MARGIN: Margin = { top: 16, right: 16, bottom: 40, left: 48 };
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

export function paretoLayout(points: readonly ParetoPoint[], rows: readonly ValueConcentrationRow[], options: ParetoLayoutOptions): ParetoLayout {
  const width = size(options.width);
  const height = size(options.height);
  const m = marginOf(options.margin, DEFAULT_MARGIN);
  const plot = { left: m.left, top: m.top, right: Math.max(m.left, width - m.right), bottom: Math.max(m.top, height - m.bottom) };
  const x = linear([0, 1], [plot.left, plot.right], true);
  const y = linear([0, 1], [plot.bottom, plot.top], true);
  const at = (p: { customerShare: number; valueShare: number }): ParetoMark => ({ ...p, x: px(x(p.customerShare)), y: px(y(p.valueShare)) });
  const draw = line<ParetoMark>().x((p) => p.x).y((p) => p.y).digits(1);
  const shown = rows.filter((r) => !r.suppressed && r.topShare !== null && r.customers);
  const series = shown.map((row, i): ParetoSeries => {
    const own = points.filter((p) => p.segment === row.segment).map(at);
    const k = Math.ceil(options.top * row.customers! - 1e-9);
    return {
      segment: row.segment,
      color: categorical(i),
      dash: dashOf(i),
      path: draw(own) ?? '',
      top: at({ customerShare: k / row.customers!, valueShare: row.topShare! }),
      marks: tenths(own),
    };
  });
  return {
    width: px(width),
    height: px(height),
    plot: { left: px(plot.left), top: px(plot.top), right: px(plot.right), bottom: px(plot.bottom) },
    ticks: TICKS.map((value) => ({ value, x: px(x(value)), y: px(y(value)) })),
    diagonal: draw([at({ customerShare: 0, valueShare: 0 }), at({ customerShare: 1, valueShare: 1 })]) ?? '',
    series,
  };
}

/** The point nearest each tenth of the customers (10%, 20% … 100%), without repeats. */
function tenths(curve: readonly ParetoMark[]): ParetoMark[] {
  const out: ParetoMark[] = [];
  for (let d = 1; d <= 10; d++) {
    let best: ParetoMark | undefined;
    for (const p of curve) if (!best || Math.abs(p.customerShare - d / 10) < Math.abs(best.customerShare - d / 10)) best = p;
    if (best && best.customerShare > 0 && out[out.length - 1] !== best) out.push(best);
  }
  return out;
}
