// valueConcentration and paretoCurve (SPEC §3.9): how concentrated customer value
// is — the share of the total held by the top fraction of customers, the Gini
// coefficient, and the Lorenz/Pareto curve. One pass reads each customer's value
// into its segment; each segment's values are then sorted once.
import type { TimeInput } from '../adapters/types.js';
import type { TableInput, Tables } from '../data/schema.js';
import { column, finite, isAbsent, options as optionsOf, timestamp, wholeNumber } from '../query/options.js';
import { metricInput } from './input.js';
import { segmentOrder } from './options.js';
import { checkMinCellSize, suppressCells } from './suppress.js';

export interface ValueOptions {
  /** A numeric customer column (default `revenue`). */
  value?: string;
  /** The top fraction whose share is reported (default 0.2). */
  top?: number;
  /** A customer attribute: one row (and curve) per value. */
  by?: string;
  /** Pulso's addition: only customers who are customers then (signed up by then, not churned by then). */
  asOf?: TimeInput;
  /** paretoCurve: at most this many points per segment, at whole customers (default: one per customer). */
  points?: number;
  /** Small-cell threshold k: a segment of 1…k−1 customers shows no figures. */
  minCellSize?: number;
}

export interface ValueConcentrationRow {
  segment?: string;
  /** Customers with a value (≥ 0). */
  customers: number | null;
  /** The sum of their values. */
  total: number | null;
  /** Share of `total` held by the first ceil(top · customers), ranked by value, highest first. */
  topShare: number | null;
  /** Σᵢ (2i − n − 1)·xᵢ / (n · Σ x), values ascending, i from 1; null when the total is 0. */
  gini: number | null;
  /** Customers left out: value missing, not a number, or negative (null when 1…k−1 with minCellSize = k). */
  excluded: number | null;
  suppressed?: true;
}

export interface ParetoPoint {
  segment?: string;
  /** k / n: the top k customers (ranked by value, highest first). */
  customerShare: number;
  /** Their share of the total. */
  valueShare: number;
}

export interface ValueSettings {
  readonly value: string;
  readonly top: number;
  readonly by: string | undefined;
  readonly asOf: number | undefined;
  readonly points: number;
  readonly minCellSize: number;
}

/** The options checked and resolved, without data. */
export function checkValueOptions(options: unknown, metric = 'valueConcentration'): ValueSettings {
  const o = optionsOf(options, metric);
  return {
    value: column(o.value, 'value', 'revenue')!,
    top: finite(o.top, 'top', { fallback: 0.2, expected: 'a fraction above 0 and at most 1' , min: Number.MIN_VALUE, max: 1 }),
    by: column(o.by, 'by'),
    asOf: isAbsent(o.asOf) ? undefined : timestamp(o.asOf, 'asOf'),
    points: wholeNumber(o.points, 'points', { min: 2, fallback: Infinity }),
    minCellSize: checkMinCellSize(o.minCellSize),
  };
}

interface Segment {
  label: string | undefined;
  /** Values, descending. */
  values: Float64Array;
  total: number;
  excluded: number;
}

/** A segment's sums, from which both the kernel and a SQL source finish (concentrationRows). */
export interface ValueSegment {
  readonly label: string | undefined;
  /** Customers with a value (≥ 0). */
  readonly customers: number;
  readonly total: number;
  /** The sum of the first topCount values, highest first. */
  readonly topSum: number;
  /** Σᵢ (2i − n − 1)·xᵢ, values ascending, i from 1. */
  readonly giniSum: number;
  readonly excluded: number;
}

/** How many customers are the top fraction: ceil(top · n), less a hair (0.2 · 15 is 3.0000000000000004 in floating point). */
export const TOP_EPSILON = 1e-9;
/** Each segment's values, sorted highest first, in display order. */
function segmentsOf(tables: Tables | TableInput, s: ValueSettings, metric: string): Segment[] {
  const input = metricInput(tables, 'customers', metric);
  const frame = input.require('customers');
  if (frame.n === 0) return [];
  if (!frame.has(s.value)) throw new RangeError(`${metric}: value '${s.value}' is not a column of the customers table`);
  const value = frame.num(s.value);
  const seg = s.by === undefined ? undefined : input.segments(frame, s.by);
  const count = seg ? seg.labels.length : 1;
  const signup = s.asOf === undefined ? undefined : frame.time('signup_at');
  const churn = s.asOf !== undefined && frame.has('churned_at') ? frame.time('churned_at') : undefined;
  const sizes = new Int32Array(count);
  const excluded = new Int32Array(count);
  const keep = new Uint8Array(frame.n);
  for (let i = 0; i < frame.n; i++) {
    if (signup && (signup[i] > s.asOf! || (churn && churn[i] <= s.asOf!))) continue;
    const g = seg ? seg.codes[i] : 0;
    if (value[i] >= 0) {
      keep[i] = 1;
      sizes[g]++;
    } else excluded[g]++;
  }
  const values = [...sizes].map((n) => new Float64Array(n));
  const fill = new Int32Array(count);
  for (let i = 0; i < frame.n; i++) if (keep[i]) values[seg ? seg.codes[i] : 0][fill[seg ? seg.codes[i] : 0]++] = value[i];
  const present = Uint8Array.from(sizes, (n, g) => (n + excluded[g] > 0 ? 1 : 0));
  const order = seg ? segmentOrder(seg.labels, present) : present[0] ? [0] : [];
  return order.map((g) => {
    const v = values[g].sort().reverse();
    let total = 0;
    for (let i = v.length - 1; i >= 0; i--) total += v[i];
    return { label: seg?.labels[g], values: v, total, excluded: excluded[g] };
  });
}

/** The sums of a segment's values (descending): Σᵢ (2i − n − 1)·xᵢ ascending is i = n − j. */
function sumsOf(g: Segment, top: number): ValueSegment {
  const v = g.values;
  const n = v.length;
  let giniSum = 0;
  for (let j = 0; j < n; j++) giniSum += (2 * (n - j) - n - 1) * v[j];
  const k = Math.ceil(top * n - TOP_EPSILON);
  let topSum = 0;
  for (let j = 0; j < k; j++) topSum += v[j];
  return { label: g.label, customers: n, total: g.total, topSum, giniSum, excluded: g.excluded };
}

/** Segments shown: small cells (customers 1…k−1) hidden, with one complement across segments. */
function shownMask(segments: readonly { readonly customers: number }[], k: number): Uint8Array {
  const counts = segments.map((g) => g.customers);
  return suppressCells(counts, segments.length > 1 ? [counts.map((_, i) => i)] : [], k);
}

/** Per segment: customers, total, top share and Gini (SPEC §3.9). */
export function valueConcentration(tables: Tables | TableInput, options?: ValueOptions): ValueConcentrationRow[] {
  const s = checkValueOptions(options, 'valueConcentration');
  return concentrationRows(segmentsOf(tables, s, 'valueConcentration').map((g) => sumsOf(g, s.top)), s.minCellSize);
}

/** valueConcentration's rows from the segments' sums, in display order (the kernel's and a SQL source's). */
export function concentrationRows(segments: readonly ValueSegment[], k: number): ValueConcentrationRow[] {
  const hide = shownMask(segments, k);
  return segments.map((g, i): ValueConcentrationRow => {
    const head = g.label === undefined ? {} : { segment: g.label };
    const excluded = k > 1 && g.excluded > 0 && g.excluded < k ? null : g.excluded;
    if (hide[i]) return { ...head, customers: null, total: null, topShare: null, gini: null, excluded, suppressed: true };
    const has = g.total > 0;
    const row: ValueConcentrationRow = {
      ...head,
      customers: g.customers,
      total: g.total,
      topShare: has ? g.topSum / g.total : null,
      gini: has ? g.giniSum / (g.customers * g.total) : null,
      excluded,
    };
    if (excluded === null) row.suppressed = true;
    return row;
  });
}

/**
 * The Lorenz curve of each segment read from the top: (k / n, share of the top k) for
 * k = 0…n, or at most `points` of them at whole customers (k = round(i · n / (points − 1))).
 * A segment whose total is 0, or hidden as a small cell, has no points.
 */
export function paretoCurve(tables: Tables | TableInput, options?: ValueOptions): ParetoPoint[] {
  const s = checkValueOptions(options, 'paretoCurve');
  const segments = segmentsOf(tables, s, 'paretoCurve');
  const cums = segments.map((g) => {
    const cum = new Float64Array(g.values.length + 1);
    for (let j = 0; j < g.values.length; j++) cum[j + 1] = cum[j] + g.values[j];
    return cum;
  });
  const sized = segments.map((g) => ({ label: g.label, customers: g.values.length, total: g.total }));
  return paretoPoints(sized, s, (i, k) => cums[i][k]);
}

/** The ranks k (top customers) of a segment of n customers that the curve shows, ascending. */
export function paretoRanks(n: number, points: number): number[] {
  const ranks: number[] = [];
  const steps = Math.min(n, points - 1);
  for (let p = 0; p <= steps; p++) {
    const k = steps === n ? p : Math.round((p * n) / steps);
    if (k !== ranks[ranks.length - 1]) ranks.push(k);
  }
  return ranks;
}

/** paretoCurve's points from each segment's size, total and the sum of its top k (`cum(i, k)`, k ≥ 1). */
export function paretoPoints(
  segments: readonly { readonly label: string | undefined; readonly customers: number; readonly total: number }[],
  s: Pick<ValueSettings, 'points' | 'minCellSize'>,
  cum: (segment: number, k: number) => number,
): ParetoPoint[] {
  const hide = shownMask(segments, s.minCellSize);
  const out: ParetoPoint[] = [];
  segments.forEach((g, i) => {
    const n = g.customers;
    if (hide[i] || !(g.total > 0)) return;
    const head = g.label === undefined ? {} : { segment: g.label };
    for (const k of paretoRanks(n, s.points)) {
      out.push({ ...head, customerShare: k / n, valueShare: k === n ? 1 : k === 0 ? 0 : cum(i, k) / g.total });
    }
  });
  return out;
}
