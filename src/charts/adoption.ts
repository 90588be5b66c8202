// Layout of <pulso-adoption-funnel> in feature mode (SPEC §3.6, DESIGN.md §3.7):
// adoption rate over periods on a fixed 0–1 axis, one line per feature (or, given
// `feature`, one per segment), gapped where a period has no rate (as line.ts).
// `significant` reads the metric's q-value (see the notes at the top of funnel.ts).
import { linear, point } from './scales.js';
import { line } from './path.js';
import type { AdoptionRow } from '../metrics/adoption.js';
import { byCode, isNum, numOrNull, RATE_TICKS, thinPeriods } from './bands.js';
import { marginOf, px, size, type Margin } from './geometry.js';
import { categorical } from './palette.js';
import { comparisonOf, type MarkComparison } from './significance.js';

export interface AdoptionLayoutOptions {
  width: number;
  height: number;
  /** Default { top: 16, right: 16, bottom: 32, left: 40 }. */
  margin?: Partial<Margin>;
  /** Selects one segment's rows (lines per feature); required when rows hold several and `feature` is not given. */
  segment?: string;
  /** Draws one line per segment for this feature instead. */
  feature?: string;
  alpha?: number;
  /** Least space between x labels, default 56 px. */
  minTickSpacing?: number;
}

export interface AdoptionPoint {
  period: string;
  x: number;
  y: number;
  adoption: number;
  active: number | null;
  adopters: number | null;
  /** The 95% interval of adoption. */
  ciLow: number | null;
  ciHigh: number | null;
  /** The row's comparison, as the metric gave it. */
  comparison: MarkComparison;
  pValue: number | null;
  /** q < alpha; null when the row is compared with nothing (or too few). */
  significant: boolean | null;
}

export interface AdoptionSeries {
  /** The feature (or, with `feature`, the segment) the line is of. */
  key: string;
  feature: string;
  segment: string | undefined;
  color: string;
  /** SVG path `d`; one `M` per run of periods with a rate. */
  path: string;
  points: AdoptionPoint[];
}

export interface AdoptionLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  x: { domain: string[]; step: number };
  y: { domain: [number, number] };
  xTicks: { period: string; x: number }[];
  yTicks: { value: number; y: number }[];
  series: AdoptionSeries[];
}

const ADOPTION_MARGIN: Margin = { top: 16, right: 16, bottom: 32, left: 40 };

export function adoptionLayout(
  rows: readonly AdoptionRow[],
  options: AdoptionLayoutOptions,
): AdoptionLayout {
  const width = size(options.width);
  const height = size(options.height);
  const m = marginOf(options.margin, ADOPTION_MARGIN);
  const plot = {
    left: m.left,
    top: m.top,
    right: Math.max(m.left, width - m.right),
    bottom: Math.max(m.top, height - m.bottom),
  };
  const bySegment = options.feature !== undefined;
  const selected = bySegment
    ? rows.filter((r) => r.feature === options.feature)
    : selectSegment(rows, options.segment);
  const periods = [...new Set(selected.map((r) => r.period))].sort(byCode);
  const x = point(periods, [plot.left, plot.right], 0.5);
  const y = linear([0, 1], [plot.bottom, plot.top], true);
  const xOf = (p: string): number => x(p) ?? plot.left;
  const alpha = size(options.alpha, 0.05);
  const groups = new Map<string, AdoptionRow[]>();
  for (const r of selected) {
    const key = bySegment ? (r.segment ?? '') : r.feature;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return {
    width: px(width),
    height: px(height),
    plot: {
      left: px(plot.left),
      top: px(plot.top),
      right: px(plot.right),
      bottom: px(plot.bottom),
    },
    x: { domain: periods, step: px(x.step()) },
    y: { domain: [0, 1] },
    xTicks: thinPeriods(periods, x.step(), size(options.minTickSpacing, 56)).map((period) => ({
      period,
      x: px(xOf(period)),
    })),
    yTicks: RATE_TICKS.map((value) => ({ value, y: px(y(value)) })),
    series: [...groups].map(([key, g], i) => adoptionSeries(key, g, categorical(i), xOf, y, alpha)),
  };
}

function adoptionSeries(
  key: string,
  rows: AdoptionRow[],
  color: string,
  xOf: (p: string) => number,
  yOf: (v: number) => number,
  alpha: number,
): AdoptionSeries {
  const sorted = [...rows].sort((a, b) => byCode(a.period, b.period));
  const path = line<AdoptionRow>()
    .defined((r) => isNum(r.adoption))
    .x((r) => xOf(r.period))
    .y((r) => yOf(r.adoption ?? 0))
    .digits(1);
  const points = sorted
    .filter((r) => isNum(r.adoption))
    .map((r) => {
      const comparison = comparisonOf(r);
      return {
        period: r.period,
        x: px(xOf(r.period)),
        y: px(yOf(r.adoption!)),
        adoption: r.adoption!,
        active: numOrNull(r.active),
        adopters: numOrNull(r.adopters),
        ciLow: numOrNull(r.ciLow),
        ciHigh: numOrNull(r.ciHigh),
        comparison,
        pValue: comparison.pValue,
        significant: comparison.qValue === null ? null : comparison.qValue < alpha,
      };
    });
  return {
    key,
    feature: rows[0].feature,
    segment: rows[0].segment,
    color,
    path: path(sorted) ?? '',
    points,
  };
}

function selectSegment(
  rows: readonly AdoptionRow[],
  segment: string | undefined,
): readonly AdoptionRow[] {
  if (segment !== undefined) return rows.filter((r) => r.segment === segment);
  if (new Set(rows.map((r) => r.segment)).size > 1) {
    throw new RangeError(
      'adoptionLayout: the rows hold several segments; pass { segment } or { feature } to choose',
    );
  }
  return rows;
}
