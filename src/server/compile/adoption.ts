// featureAdoption in SQL: distinct active customers per period and segment, and among
// them the distinct users of each feature; the rows, suppression and p-values are
// featureAdoption's own (adoptionRows).
import { checkAdoptionOptions } from '../../metrics/adoption.js';
import { adoptionRows } from '../../metrics/adoption-rows.js';
import { lastPeriodBefore } from '../../metrics/grid.js';
import { segmentOrder } from '../../metrics/options.js';
import { count, num } from '../sql.js';
import { ordinal, zoneParam } from '../time.js';
import { inRange, segmentLabel, segmentSql, refuseFolding, type MetricCompiler } from './common.js';

export const compileAdoption: MetricCompiler = (c, options) => {
  const o = checkAdoptionOptions(options);
  c.require('activity');
  const joins: string[] = [];
  const seg = o.by === undefined ? 'NULL' : segmentSql(c, 'activity', 's', o.by, joins);
  const p = ordinal(c, o.buckets.period, 's.at__ts', zoneParam(c, o.buckets.timeZone));
  const features = c.p.texts(o.features);
  const counted = o.active === undefined ? 'TRUE' : c.d.inList('s.event', c.p.texts(o.active));
  const isFeature = c.d.inList('s.event', features);
  const rows = c.filtered('activity');
  c.define(
    'ev',
    `SELECT s.customer_id AS c, ${p} AS p, ${seg} AS seg, s.event AS e, ${counted} AS counted, ${isFeature} AS feature
  FROM ${rows} s ${joins.join(' ')} WHERE ${inRange(c, 's.at', o.range.from, o.range.to, 's.at__ts')}`,
  );
  c.define('act', 'SELECT DISTINCT p, seg, c FROM ev WHERE counted');
  // Each active customer's features once per period and segment (every customer is active without activeEvents).
  c.define(
    'fu',
    o.active === undefined
      ? 'SELECT DISTINCT p, seg, e, c FROM ev WHERE feature'
      : 'SELECT DISTINCT ev.p, ev.seg, ev.e, ev.c FROM ev JOIN act ON act.p = ev.p AND act.seg IS NOT DISTINCT FROM ev.seg AND act.c = ev.c WHERE ev.feature',
  );
  const parts = [
    "SELECT 'a' AS k, p, seg, NULL AS e, count(*) AS n FROM act GROUP BY p, seg",
    "SELECT 'f' AS k, p, seg, e, count(*) AS n FROM fu GROUP BY p, seg, e",
  ];
  if (o.compare === 'features') {
    // Paired comparisons: users of each later feature who used the first one too.
    const first = c.p.text(o.features[0]);
    parts.push(`SELECT 'w' AS k, f.p, f.seg, f.e, count(*) AS n FROM fu f JOIN fu g ON g.p = f.p AND g.seg IS NOT DISTINCT FROM f.seg AND g.c = f.c
WHERE g.e = ${first} AND f.e <> ${first} GROUP BY f.p, f.seg, f.e`);
  }
  const select = parts.join('\nUNION ALL\n');
  return {
    statements: [c.statement(select)],
    finish([result]) {
      const active = result.filter((r) => r.k === 'a');
      let lo = Infinity;
      let hi = -Infinity;
      for (const r of active) {
        const period = num(r.p)!;
        if (period < lo) lo = period;
        if (period > hi) hi = period;
      }
      if (o.range.from > -Infinity) lo = o.buckets.index(o.range.from);
      if (o.range.to < Infinity) hi = lastPeriodBefore(o.buckets, o.range.to);
      const periods = hi >= lo ? hi - lo + 1 : 0;
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
      const counts = { first: lo, periods, segments: S, present, active: new Float64Array(blocks), adopters: new Float64Array(blocks * F), withFirst: new Float64Array(blocks * F) };
      for (const r of result) {
        const pi = num(r.p)! - lo;
        if (pi < 0 || pi >= periods) continue;
        const s = codeOf(r.seg);
        if (r.k === 'a') {
          counts.active[pi * S + s] += count(r.n);
          present[s] = 1;
        } else (r.k === 'w' ? counts.withFirst : counts.adopters)[(pi * S + s) * F + o.features.indexOf(String(r.e))] += count(r.n);
      }
      if (o.by !== undefined) refuseFolding(c, labels, o.segments);
      const order = o.by === undefined ? [0] : segmentOrder(labels, present);
      return adoptionRows(counts, o.features, order, o.by === undefined ? undefined : labels, o.buckets, o) as never;
    },
  };
};
