// featureAdoption in ClickHouse: per period, segment and customer whether a counted
// event happened and which features were used; then the active customers per period
// and segment, and among them the users of each feature (ARRAY JOIN of the features a
// customer used), with, for paired comparisons (compare 'features'), those who used the
// first feature too. The rows, suppression and p-values are featureAdoption's own
// (adoptionRows), from the same counts as compile/adoption.ts reads.
import { checkAdoptionOptions, type AdoptionSettings } from '../../../metrics/adoption.js';
import { adoptionRows } from '../../../metrics/adoption-rows.js';
import { lastPeriodBefore } from '../../../metrics/grid.js';
import { segmentOrder } from '../../../metrics/options.js';
import type { Row } from '../../../data/schema.js';
import type { DbRow } from '../../engine.js';
import type { ChCompiler } from '../context.js';
import { count, num } from '../../sql.js';
import { str, strs } from '../literal.js';
import { ordinal, zoneLiteral } from '../time.js';
import {
  inRange,
  refuseFolding,
  segmentLabel,
  segmented,
  type ChMetricCompiler,
} from './common.js';

export const compileAdoption: ChMetricCompiler = (c, options) => {
  const o = checkAdoptionOptions(options);
  c.require('activity');
  const { rel, seg } = segmented(c, 'activity', o.by);
  const p = ordinal(o.buckets.period, 'at__ts', zoneLiteral(o.buckets.timeZone));
  const counted = o.active === undefined ? '1' : `ifNull(event IN ${strs(o.active)}, 0)`;
  const feature = `ifNull(event IN ${strs(o.features)}, 0)`;
  const perCustomer = `(SELECT p, seg, max(counted) AS active, groupUniqArrayIf(e, feature) AS fs
  FROM (SELECT ${p} AS p, ${seg} AS seg, customer_id AS cu, assumeNotNull(event) AS e, ${counted} AS counted, ${feature} AS feature
    FROM ${rel} WHERE ${inRange('at', o.range.from, o.range.to)})
  GROUP BY p, seg, cu)`;
  // Paired comparisons: users of each later feature who used the first one too.
  const first = str(o.features[0]);
  const withFirst = o.compare === 'features' ? `countIf(has(fs, ${first}) AND e != ${first})` : '0';
  return {
    statements: [
      `SELECT p, seg, count() AS n FROM ${perCustomer} WHERE active = 1 GROUP BY p, seg`,
      `SELECT p, seg, e, count() AS n, ${withFirst} AS w FROM ${perCustomer} ARRAY JOIN fs AS e WHERE active = 1 GROUP BY p, seg, e`,
    ],
    finish([active, features]) {
      return finish(c, o, active, features);
    },
  };
};

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

function finish(
  c: ChCompiler,
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
  const counts = {
    first: lo,
    periods,
    segments: S,
    present,
    active: new Float64Array(periods * S),
    adopters: new Float64Array(periods * S * F),
    withFirst: new Float64Array(periods * S * F),
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
  if (o.by !== undefined) refuseFolding(c, labels, o.segments);
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
