// featureAdoption in ClickHouse: per period, segment and customer whether a counted
// event happened and which features were used; then the active customers per period
// and segment, and among them the users of each feature (ARRAY JOIN of the features a
// customer used), with, for paired comparisons (compare 'features'), those who used the
// first feature too. The rows are read by compile/adoption-read.ts, as for every dialect.
import { checkAdoptionOptions } from '../../../metrics/adoption.js';
import { adoptionFromGroups } from '../../compile/adoption-read.js';
import { str, strs } from '../literal.js';
import { ordinal, zoneLiteral } from '../time.js';
import { inRange, segmented, type ChMetricCompiler } from './common.js';

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
      return adoptionFromGroups(c, o, active, features);
    },
  };
};
