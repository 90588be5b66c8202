// Layouts of <pulso-adoption-funnel> (DESIGN.md §3.7). Funnel mode (SPEC §3.5):
// one band per step, label on the left, a horizontal bar per segment whose length
// is the share of the first step (conversion, 0–1 of the plot width), segments side
// by side within a step. Feature mode (SPEC §3.6): adoption rate over periods, one
// line per feature (or per segment for one feature), in adoption.ts, re-exported here.
//
// Significance is the metric's, never recomputed here: funnel and adoption rows carry
// compareProportions (SPEC §3.10) of a segment against the other shown segments
// pooled (adoption with compare 'features': a feature against the first, paired),
// and a Benjamini–Hochberg q-value across every comparison of the result. A bar or
// point is `significant` when its q-value is below alpha; null when the row is
// compared with nothing or has too few to compare.
import { linear } from './scales.js';
import type { FunnelRow } from '../metrics/funnel.js';
import { bands, isNum, numOrNull, RATE_TICKS, thinValues } from './bands.js';
import { marginOf, px, size, type Margin } from './geometry.js';
import { categorical, NEUTRAL_FILL, textOn } from './palette.js';
import { comparisonOf, type MarkComparison } from './significance.js';

export { adoptionLayout } from './adoption.js';
export type {
  AdoptionLayout,
  AdoptionLayoutOptions,
  AdoptionPoint,
  AdoptionSeries,
} from './adoption.js';

export interface FunnelLayoutOptions {
  width: number;
  /** Total height; bars stretch to fill it (never below barMin). */
  height?: number;
  /** Least bar height, default 28 px (a touch target). */
  barMin?: number;
  /** Space between the bars of one step, default 2; between steps, default 12. */
  gap?: number;
  stepGap?: number;
  /** Width of the step label column, default 120. */
  labelWidth?: number;
  /** Default { top: 8, right: 16, bottom: 24 (x tick labels), left: 0 }. */
  margin?: Partial<Margin>;
  /** Significance level for `significant`, default 0.05. */
  alpha?: number;
  /** Least space between x tick labels, default 40 px. */
  minTickSpacing?: number;
}

export interface FunnelBar {
  step: string;
  /** 1-based step position (names may repeat: key marks by index and segment). */
  index: number;
  segment: string | undefined;
  x: number;
  y: number;
  /** conversion × plot width; 0 without a conversion. */
  w: number;
  h: number;
  cy: number;
  entered: number | null;
  conversion: number | null;
  /** The 95% interval of conversion. */
  ciLow: number | null;
  ciHigh: number | null;
  fromPrevious: number | null;
  dropOff: number | null;
  medianTimeToConvertMs: number | null;
  /** The row's comparison, as the metric gave it. */
  comparison: MarkComparison;
  pValue: number | null;
  /** q < alpha; null when the row is compared with nothing (or too few). */
  significant: boolean | null;
  suppressed: boolean;
  fill: string;
  textFill: string;
}

export interface FunnelStep {
  step: string;
  index: number;
  /** The step's band (all its bars) and its centre, for the label. */
  y: number;
  h: number;
  cy: number;
}

export interface FunnelLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  x: { domain: [number, number] };
  xTicks: { value: number; x: number }[];
  barHeight: number;
  steps: FunnelStep[];
  /** Step by step, segments in the legend's order within each. */
  bars: FunnelBar[];
  /** One entry per segment (empty without segments). */
  legend: { segment: string; color: string }[];
}

const DEFAULT_MARGIN: Margin = { top: 8, right: 16, bottom: 24, left: 0 };

export function funnelLayout(
  rows: readonly FunnelRow[],
  options: FunnelLayoutOptions,
): FunnelLayout {
  const m = marginOf(options.margin, DEFAULT_MARGIN);
  const width = size(options.width);
  const gap = size(options.gap, 2);
  const stepGap = size(options.stepGap, 12);
  const alpha = size(options.alpha, 0.05);
  const segments = firstSeen(rows.map((r) => r.segment));
  const steps = stepsOf(rows);
  const per = segments.length;
  const givenH = options.height === undefined ? undefined : size(options.height);
  const avail =
    givenH === undefined || steps.length === 0
      ? undefined
      : (givenH - m.top - m.bottom) / steps.length - stepGap;
  const { slot, bar } = bands(per, avail, Math.max(1, size(options.barMin, 28)), gap);
  const band = per * slot + stepGap;
  const left = m.left + size(options.labelWidth, 120);
  const right = Math.max(left, width - m.right);
  const bottom = m.top + steps.length * band;
  const x = linear([0, 1], [left, right], true);
  const segIndex = new Map(segments.map((s, i) => [s, i]));
  const stepIndex = new Map(steps.map((s, i) => [s.index, i]));
  const named = segments.length > 1 || segments[0] !== undefined;
  const bars = [...rows]
    .filter((r) => stepIndex.has(r.index))
    .sort((a, b) => a.index - b.index || segIndex.get(a.segment)! - segIndex.get(b.segment)!)
    .map((r) => {
      const s = segIndex.get(r.segment)!;
      return funnelBar(
        r,
        m.top + stepIndex.get(r.index)! * band + s * slot,
        bar,
        x,
        categorical(named ? s : 0),
        alpha,
      );
    });
  return {
    width: px(width),
    height: px(Math.max(givenH ?? 0, bottom + m.bottom)),
    plot: { left: px(left), top: px(m.top), right: px(right), bottom: px(bottom) },
    x: { domain: [0, 1] },
    xTicks: thinValues(RATE_TICKS, right - left, size(options.minTickSpacing, 40)).map((value) => ({
      value,
      x: px(x(value)),
    })),
    barHeight: px(bar),
    steps: steps.map((s, i) => {
      const y = m.top + i * band;
      const h = per * slot - gap;
      return { step: s.step, index: s.index, y: px(y), h: px(h), cy: px(y + h / 2) };
    }),
    bars,
    legend: named ? segments.map((s, i) => ({ segment: s ?? '', color: categorical(i) })) : [],
  };
}

function funnelBar(
  r: FunnelRow,
  y: number,
  h: number,
  x: (v: number) => number,
  color: string,
  alpha: number,
): FunnelBar {
  const conversion = isNum(r.conversion) ? r.conversion : null;
  const comparison = comparisonOf(r);
  const fill = conversion === null ? NEUTRAL_FILL : color;
  return {
    step: r.step,
    index: r.index,
    segment: r.segment,
    x: px(x(0)),
    y: px(y),
    w: px(conversion === null ? 0 : x(conversion) - x(0)),
    h: px(h),
    cy: px(y + h / 2),
    entered: numOrNull(r.entered),
    conversion,
    ciLow: numOrNull(r.ciLow),
    ciHigh: numOrNull(r.ciHigh),
    fromPrevious: numOrNull(r.fromPrevious),
    dropOff: numOrNull(r.dropOff),
    medianTimeToConvertMs: numOrNull(r.medianTimeToConvertMs),
    comparison,
    pValue: comparison.pValue,
    significant: comparison.qValue === null ? null : comparison.qValue < alpha,
    suppressed: r.suppressed === true,
    fill,
    textFill: textOn(fill),
  };
}

/** Steps by index (the first name seen for each index). */
function stepsOf(rows: readonly FunnelRow[]): { step: string; index: number }[] {
  const seen = new Map<number, string>();
  for (const r of rows)
    if (Number.isInteger(r.index) && !seen.has(r.index)) seen.set(r.index, r.step);
  return [...seen].map(([index, step]) => ({ step, index })).sort((a, b) => a.index - b.index);
}

function firstSeen<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
