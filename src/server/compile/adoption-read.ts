// featureAdoption from its grouped SQL rows, for every dialect: the active customers per
// period and segment, and among them each feature's users (and, for paired comparisons,
// those who used the first feature too); the rows, suppression and p-values are
// featureAdoption's own (adoptionRows). compile/adoption.ts and
// clickhouse/compile/adoption.ts write the statements; both read their rows here.
import type { AdoptionSettings } from '../../metrics/adoption.js';
import { adoptionRows } from '../../metrics/adoption-rows.js';
import { lastPeriodBefore } from '../../metrics/grid.js';
import { segmentOrder } from '../../metrics/options.js';
import type { Row } from '../../data/schema.js';
import type { DbRow } from '../engine.js';
import { count, num } from '../sql.js';
import { segmentLabel } from './common.js';

/** The period range reported: the range's ends when given, else the periods with active customers. */
function periodSpan(
  o: AdoptionSettings,
  active: readonly DbRow[],
): { lo: number; periods: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of active) {
    const period = num(r.p)!;
    if (period < lo) lo = period;
    if (period > hi) hi = period;
  }
  if (o.range.from > -Infinity) lo = o.buckets.index(o.range.from);
  if (o.range.to < Infinity) hi = lastPeriodBefore(o.buckets, o.range.to);
  return { lo, periods: hi >= lo ? hi - lo + 1 : 0 };
}

/**
 * The rows of featureAdoption from `active` rows (period p, segment seg, n active
 * customers) and `features` rows (p, seg, feature e, n of its users among them, w of
 * those who used the first feature too; a missing n or w reads as 0).
 */
export function adoptionFromGroups(
  o: AdoptionSettings,
  active: readonly DbRow[],
  features: readonly DbRow[],
): Row[] {
  const { lo, periods } = periodSpan(o, active);
  if (!(periods > 0)) return [];
  const labels: string[] = [];
  const code = new Map<string, number>();
  const codeOf = (v: unknown) => {
    const label = o.by === undefined ? '' : segmentLabel(v);
    let k = code.get(label);
    if (k === undefined) code.set(label, (k = labels.push(label) - 1));
    return k;
  };
  for (const r of active) codeOf(r.seg);
  const S = Math.max(1, labels.length);
  const F = o.features.length;
  const present = new Uint8Array(S);
  const blocks = periods * S;
  const counts = {
    first: lo,
    periods,
    segments: S,
    present,
    active: new Float64Array(blocks),
    adopters: new Float64Array(blocks * F),
    withFirst: new Float64Array(blocks * F),
  };
  for (const r of active) {
    const pi = num(r.p)! - lo;
    if (pi < 0 || pi >= periods) continue;
    const s = codeOf(r.seg);
    counts.active[pi * S + s] += count(r.n);
    present[s] = 1;
  }
  for (const r of features) {
    const pi = num(r.p)! - lo;
    if (pi < 0 || pi >= periods) continue;
    const at = (pi * S + codeOf(r.seg)) * F + o.features.indexOf(String(r.e));
    counts.adopters[at] += count(r.n);
    counts.withFirst[at] += count(r.w);
  }
  const order = o.by === undefined ? [0] : segmentOrder(labels, present);
  return adoptionRows(
    counts,
    o.features,
    order,
    o.by === undefined ? undefined : labels,
    o.buckets,
    o,
  ) as never;
}
