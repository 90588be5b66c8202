// featureAdoption in SQL: distinct active customers per period and segment, and among
// them the distinct users of each feature; their rows are read by adoption-read.ts (as
// for every dialect), the rows, suppression and p-values featureAdoption's own.
import { checkAdoptionOptions } from '../../metrics/adoption.js';
import { ordinal, zoneParam } from '../time.js';
import { adoptionFromGroups } from './adoption-read.js';
import { inRange, segmentSql, type MetricCompiler } from './common.js';

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
      // 'a' rows: active customers; 'f': a feature's users (n); 'w': those of them who used the first feature too.
      const active = result.filter((r) => r.k === 'a');
      const features = result.filter((r) => r.k !== 'a').map((r) => (r.k === 'w' ? { p: r.p, seg: r.seg, e: r.e, w: r.n } : r));
      return adoptionFromGroups(c, o, active, features) as never;
    },
  };
};
