// Layout of the channel CSAT bars (SPEC §3.3, DESIGN.md §3.7): rows of
// channelCsat() for one period → one horizontal bar per channel on a fixed
// 0–100 % axis, best first, with its 95% Wilson whisker, a small-sample flag
// and, given the previous period's rows, the change (compared as SPEC §3.10 says,
// csat-change.ts) and a tick at the old value.
import { linear } from './scales.js';
import type { ChannelCsatRow } from '../metrics/csat.js';
import { bands, byCode, isNum, thinValues } from './bands.js';
import { marginOf, px, size, type Margin } from './geometry.js';
import { categorical, NEUTRAL_FILL, textOn } from './palette.js';
import { csatChanges, type CsatChange } from './csat-change.js';

export type { CsatChange } from './csat-change.js';

export interface CsatBarsOptions {
  width: number;
  /** Total height; bars stretch to fill it (never below barMin). Default: bars × (barMin + gap) + margins. */
  height?: number;
  /** Least bar height, default 28 px (a touch target). */
  barMin?: number;
  /** Space between bars, default 4. */
  gap?: number;
  /** Width of the channel label column, left of the bars; default 96. */
  labelWidth?: number;
  /** Default { top: 8, right: 16, bottom: 24 (x tick labels), left: 0 }. */
  margin?: Partial<Margin>;
  /** Selects one period's rows; required when the rows hold several periods. */
  period?: string;
  /** The previous period's rows (same shape), matched by channel, for `delta`. */
  previous?: readonly ChannelCsatRow[];
  /** Selects one period of `previous`; required when it holds several. */
  previousPeriod?: string;
  /** A 95% interval wider than this many points flags the bar `wide`; default 20. */
  wideInterval?: number;
  /** Fewer answers than this flag the bar `wide`; default 30. */
  minN?: number;
  /** Fewer answers than this in either window: the change is not compared (default 30). */
  minSample?: number;
  /** A change is `significant` below this q-value; default 0.05. */
  alpha?: number;
  /** Least space between x tick labels, default 40 px. */
  minTickSpacing?: number;
}

export interface CsatBar {
  channel: string;
  /** Top of the bar, its height and its centre (the label's baseline). */
  y: number;
  h: number;
  cy: number;
  /** Left of the bar (the plot's left, CSAT 0) and its length (csat / 100 × plot width; 0 without a value). */
  x: number;
  w: number;
  /** The 95% Wilson interval at the bar's centre; null without one. */
  whisker: { x0: number; x1: number; y: number } | null;
  csat: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number | null;
  /** Counts hidden by minCellSize (no value drawn). */
  suppressed: boolean;
  /** Too few answers to read much into: interval wider than wideInterval, or n < minN. */
  wide: boolean;
  fill: string;
  textFill: string;
  /** The previous period's CSAT, its x (a tick mark), and csat − previous; null when either is missing. */
  previous: number | null;
  previousX: number | null;
  delta: number | null;
  /** The change compared with the previous period; null without a previous value. */
  change: CsatChange | null;
  /** The change is likely real: q < alpha. Null when it was not tested. */
  significant: boolean | null;
}

export interface CsatBarsLayout {
  width: number;
  height: number;
  /** The bar area: x from plot.left (0 %) to plot.right (100 %). */
  plot: { left: number; top: number; right: number; bottom: number };
  x: { domain: [number, number] };
  xTicks: { value: number; x: number }[];
  barHeight: number;
  /** Sorted by csat, highest first; channels without a value last, then by name. */
  bars: CsatBar[];
}

const DEFAULT_MARGIN: Margin = { top: 8, right: 16, bottom: 24, left: 0 };
const X_TICKS = [0, 25, 50, 75, 100];

export function csatBarsLayout(
  rows: readonly ChannelCsatRow[],
  options: CsatBarsOptions,
): CsatBarsLayout {
  const m = marginOf(options.margin, DEFAULT_MARGIN);
  const width = size(options.width);
  const gap = size(options.gap, 4);
  const selected = [...selectPeriod(rows, options.period, 'period')].sort(byCsat);
  const previous = previousByChannel(options.previous, options.previousPeriod);
  const changes = csatChanges(selected, previous, size(options.minSample, 30));
  const alpha = size(options.alpha, 0.05);
  const givenH = options.height === undefined ? undefined : size(options.height);
  const { slot, bar } = bands(
    selected.length,
    givenH === undefined ? undefined : givenH - m.top - m.bottom,
    Math.max(1, size(options.barMin, 28)),
    gap,
  );
  const left = m.left + size(options.labelWidth, 96);
  const right = Math.max(left, width - m.right);
  const bottom = m.top + selected.length * slot;
  const x = linear([0, 100], [left, right], true);
  const ctx: BarContext = {
    x,
    wideInterval: size(options.wideInterval, 20),
    minN: size(options.minN, 30),
  };
  return {
    width: px(width),
    height: px(Math.max(givenH ?? 0, bottom + m.bottom)),
    plot: { left: px(left), top: px(m.top), right: px(right), bottom: px(bottom) },
    x: { domain: [0, 100] },
    xTicks: thinValues(X_TICKS, right - left, size(options.minTickSpacing, 40)).map((value) => ({
      value,
      x: px(x(value)),
    })),
    barHeight: px(bar),
    bars: selected.map((r, i) => {
      const b = barOf(r, previous.get(r.channel), m.top + i * slot, bar, ctx);
      const change = b.delta === null ? null : changes[i];
      const q = change?.qValue ?? null;
      return { ...b, change, significant: q === null ? null : q < alpha };
    }),
  };
}

interface BarContext {
  x: (v: number) => number;
  wideInterval: number;
  minN: number;
}

function barOf(
  r: ChannelCsatRow,
  prev: ChannelCsatRow | undefined,
  y: number,
  h: number,
  ctx: BarContext,
): Omit<CsatBar, 'change' | 'significant'> {
  const csat = isNum(r.csat) ? r.csat : null;
  const ci = isNum(r.ciLow) && isNum(r.ciHigh) ? { low: r.ciLow, high: r.ciHigh } : null;
  const n = isNum(r.n) ? r.n : null;
  const before = prev && isNum(prev.csat) ? prev.csat : null;
  const fill = csat === null ? NEUTRAL_FILL : categorical(0);
  const x0 = ctx.x(0);
  return {
    channel: r.channel,
    y: px(y),
    h: px(h),
    cy: px(y + h / 2),
    x: px(x0),
    w: px(csat === null ? 0 : ctx.x(csat) - x0),
    whisker:
      ci && csat !== null
        ? { x0: px(ctx.x(ci.low)), x1: px(ctx.x(ci.high)), y: px(y + h / 2) }
        : null,
    csat,
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    n,
    suppressed: r.suppressed === true,
    wide:
      csat !== null &&
      ((ci !== null && ci.high - ci.low > ctx.wideInterval) || (n !== null && n < ctx.minN)),
    fill,
    textFill: textOn(fill),
    previous: before,
    previousX: before === null ? null : px(ctx.x(before)),
    delta: csat === null || before === null ? null : csat - before,
  };
}

/** Highest CSAT first; rows without a value last; ties by channel name. */
function byCsat(a: ChannelCsatRow, b: ChannelCsatRow): number {
  const va = isNum(a.csat) ? a.csat : -Infinity;
  const vb = isNum(b.csat) ? b.csat : -Infinity;
  return va !== vb ? vb - va : byCode(a.channel, b.channel);
}

function previousByChannel(
  rows: readonly ChannelCsatRow[] | undefined,
  period: string | undefined,
): Map<string, ChannelCsatRow> {
  const out = new Map<string, ChannelCsatRow>();
  if (rows) for (const r of selectPeriod(rows, period, 'previousPeriod')) out.set(r.channel, r);
  return out;
}

/** The rows of one period: `period` when given, else the rows must hold at most one. */
function selectPeriod(
  rows: readonly ChannelCsatRow[],
  period: string | undefined,
  name: string,
): readonly ChannelCsatRow[] {
  if (period !== undefined) return rows.filter((r) => r.period === period);
  if (new Set(rows.map((r) => r.period)).size > 1) {
    throw new RangeError(
      `csatBarsLayout: the rows hold several periods; pass { ${name} } to choose one`,
    );
  }
  return rows;
}

/** The periods of channelCsat rows, in chronological order (for a period picker). */
export function csatPeriods(rows: readonly ChannelCsatRow[]): string[] {
  return [...new Set(rows.flatMap((r) => (r.period === undefined ? [] : [r.period])))].sort(byCode);
}
