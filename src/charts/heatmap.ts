// Layout of the cohort retention heatmap (SPEC §3.1, DESIGN.md §3.7): rows of
// retention() → one row of cells per cohort and one column per offset, as plain
// geometry (0.1 px) that <pulso-cohort-churn> renders with Lit `svg` fragments.
import type { RetentionRow } from '../metrics/retention.js';
import { marginOf, px, size, type Margin } from './geometry.js';
import { NEUTRAL_FILL, sequential, textOn } from './palette.js';

export interface HeatmapOptions {
  /** Width available to the chart (the scroll viewport when it overflows). */
  width: number;
  /** Total height; cells stretch to fill it (never below cellMin). Default: rows × cellMin. */
  height?: number;
  /** Smallest cell side, default 28 px (a touch target with a two-digit percentage). */
  cellMin?: number;
  /** Width of the cohort label column, default 96. */
  labelWidth?: number;
  /** Default { top: 24 (offset headers), right: 0, bottom: 0, left: 0 }. */
  margin?: Partial<Margin>;
  /** Space between cells, default 1. */
  gap?: number;
  /** Selects one segment's rows; required when the rows hold several segments. */
  segment?: string;
  /** The rates the colour ramp spans (`rateDomain`); default 0–100%. */
  domain?: RateDomain;
}

/** `data`: the colours span the rates shown; `full`: they span 0–100% (pinned). */
export type ColorDomain = 'data' | 'full';
export const COLOR_DOMAINS: readonly ColorDomain[] = ['data', 'full'];

/** The rates the colour ramp spans; rates beyond it take the end colours (`clipped*`). */
export interface RateDomain {
  low: number;
  high: number;
  /** Some rate shown is below `low` / above `high`. */
  clippedLow: boolean;
  clippedHigh: boolean;
}

export const FULL_DOMAIN: RateDomain = Object.freeze({ low: 0, high: 1, clippedLow: false, clippedHigh: false });

const STEP = 0.05;

/**
 * The colour domain of a heatmap: 0–100% for `full`; for `data`, the spread of the
 * rates shown, widened to 5% steps (at least one step wide). Offset 0 is left out when
 * later offsets exist: it is 100% (or close) by construction and would squeeze every
 * other colour into one end of the ramp; it takes the top colour. Throws on an unknown mode.
 */
export function rateDomain(rows: readonly Pick<RetentionRow, 'rate' | 'offset'>[], mode: ColorDomain = 'data'): RateDomain {
  if (!COLOR_DOMAINS.includes(mode)) throw new RangeError(`color-domain must be one of ${COLOR_DOMAINS.join(', ')}; got '${String(mode)}'`);
  const all = rows.filter((r) => r.rate !== null && Number.isFinite(r.rate));
  if (mode === 'full' || all.length === 0) return FULL_DOMAIN;
  const later = all.filter((r) => r.offset > 0);
  const rates = (later.length ? later : all).map((r) => r.rate!);
  let low = Math.max(0, Math.floor(Math.min(...rates) / STEP + 1e-9) * STEP);
  let high = Math.min(1, Math.ceil(Math.max(...rates) / STEP - 1e-9) * STEP);
  if (high - low < STEP) {
    if (high + STEP <= 1) high += STEP;
    else low = Math.max(0, low - STEP);
  }
  low = Math.round(low * 100) / 100;
  high = Math.round(high * 100) / 100;
  const shown = all.map((r) => r.rate!);
  return { low, high, clippedLow: shown.some((r) => r < low), clippedHigh: shown.some((r) => r > high) };
}

/** A rate's position on the domain's ramp, 0..1. */
export function rampPosition(rate: number, d: RateDomain): number {
  return Math.min(1, Math.max(0, (rate - d.low) / (d.high - d.low || 1)));
}

export interface HeatmapCell {
  cohort: string;
  offset: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** null when suppressed. */
  rate: number | null;
  fill: string;
  /** Black or white, the higher WCAG contrast on `fill` (≥ 4.5:1). */
  textFill: string;
  /** The period has not ended (row.complete = false): draw it as provisional. */
  partial: boolean;
  suppressed: boolean;
}

export interface HeatmapRow {
  cohort: string;
  size: number | null;
  /** Top of the row and its centre (for the label's baseline). */
  y: number;
  cy: number;
}

export interface HeatmapColumn {
  offset: number;
  /** Left edge of the column and its centre. */
  x: number;
  cx: number;
}

export interface LegendStop {
  /** Position along the gradient, 0..1, equal to the rate. */
  offset: number;
  color: string;
}

export interface HeatmapLayout {
  /** Width of the content: the given width, or more when it overflows (scroll horizontally). */
  width: number;
  height: number;
  cellWidth: number;
  cellHeight: number;
  /** Columns do not fit at cellMin: the widget scrolls; `fitColumns` is how many are visible at once. */
  overflow: boolean;
  fitColumns: number;
  cells: HeatmapCell[];
  rows: HeatmapRow[];
  columns: HeatmapColumn[];
  legend: { stops: LegendStop[]; neutral: string; domain: RateDomain };
}

const DEFAULT_MARGIN: Margin = { top: 24, right: 0, bottom: 0, left: 0 };

/** Geometry of the retention heatmap of one segment. */
export function cohortHeatmapLayout(rows: readonly RetentionRow[], options: HeatmapOptions): HeatmapLayout {
  const m = marginOf(options.margin, DEFAULT_MARGIN);
  const cellMin = Math.max(1, size(options.cellMin, 28));
  const labelWidth = size(options.labelWidth, 96);
  const gap = size(options.gap, 1);
  const selected = selectSegment(rows, options.segment).filter((r) => Number.isInteger(r.offset) && r.offset >= 0);
  const cohorts = cohortsOf(selected);
  const nCols = selected.reduce((max, r) => Math.max(max, r.offset + 1), 0);
  const viewport = size(options.width);
  const avail = Math.max(0, viewport - m.left - m.right - labelWidth);
  const overflow = nCols * cellMin > avail;
  const cellW = nCols === 0 ? 0 : overflow ? cellMin : avail / nCols;
  const givenH = options.height === undefined ? undefined : size(options.height);
  const fillH = givenH === undefined || cohorts.length === 0 ? 0 : (givenH - m.top - m.bottom) / cohorts.length;
  const cellH = Math.max(cellMin, fillH);
  const contentH = m.top + cohorts.length * cellH + m.bottom;
  const left = m.left + labelWidth;
  const rowIndex = new Map(cohorts.map((c, i) => [c.cohort, i]));
  const domain = options.domain ?? FULL_DOMAIN;
  const cells = selected.map((r) => cellOf(r, left + r.offset * cellW, m.top + rowIndex.get(r.cohort)! * cellH, cellW, cellH, gap, domain));
  return {
    width: px(overflow ? left + nCols * cellMin + m.right : viewport),
    height: px(Math.max(givenH ?? 0, contentH)),
    cellWidth: px(cellW),
    cellHeight: px(cellH),
    overflow,
    fitColumns: Math.min(nCols, Math.floor(avail / cellMin)),
    cells,
    rows: cohorts.map((c, i) => ({ cohort: c.cohort, size: c.size, y: px(m.top + i * cellH), cy: px(m.top + (i + 0.5) * cellH) })),
    columns: Array.from({ length: nCols }, (_, k) => ({ offset: k, x: px(left + k * cellW), cx: px(left + (k + 0.5) * cellW) })),
    legend: { stops: legendStops(10), neutral: NEUTRAL_FILL, domain },
  };
}

/** `n + 1` evenly spaced stops of the colour ramp (0 = the domain's low end), for a gradient. */
export function legendStops(n: number): LegendStop[] {
  const k = Math.max(1, Math.floor(n));
  return Array.from({ length: k + 1 }, (_, i) => ({ offset: i / k, color: sequential(i / k) }));
}

function selectSegment(rows: readonly RetentionRow[], segment: string | undefined): readonly RetentionRow[] {
  if (segment !== undefined) return rows.filter((r) => r.segment === segment);
  const segments = new Set(rows.map((r) => r.segment));
  if (segments.size > 1) {
    throw new RangeError('cohortHeatmapLayout: the rows hold several segments; pass { segment } to choose one');
  }
  return rows;
}

function cohortsOf(rows: readonly RetentionRow[]): { cohort: string; size: number | null }[] {
  const seen = new Map<string, number | null>();
  for (const r of rows) if (!seen.has(r.cohort)) seen.set(r.cohort, r.size);
  return [...seen].map(([cohort, s]) => ({ cohort, size: s }));
}

function cellOf(r: RetentionRow, x: number, y: number, w: number, h: number, gap: number, domain: RateDomain): HeatmapCell {
  const rate = r.rate === null || !Number.isFinite(r.rate) ? null : r.rate;
  const fill = rate === null ? NEUTRAL_FILL : sequential(rampPosition(rate, domain));
  return {
    cohort: r.cohort,
    offset: r.offset,
    x: px(x),
    y: px(y),
    w: px(Math.max(0, w - gap)),
    h: px(Math.max(0, h - gap)),
    rate,
    fill,
    textFill: textOn(fill),
    partial: !r.complete,
    // A row is flagged when any of its counts is withheld (its churn, say); the cell hides only a withheld rate.
    suppressed: rate === null,
  };
}
