// featureAdoption in ClickHouse: per period, segment and customer whether a counted
// event happened and which features were used; then the active customers per period
// and segment, and among them the users of each feature (ARRAY JOIN of the features a
// customer used), with, for paired comparisons (compare 'features'), those who used the
// first feature too. The rows are read by compile/adoption-read.ts, as for every dialect.
// Without `by`, or by a column of the activity itself, the counts are distinct counts in
// one level over the activity (c.scan), so each shard of a Distributed table aggregates
// its own rows (uniqExact states, merged by the initiator; when sharded by customer, each
// shard's final counts, added up: shards.ts): the users of a feature among the active
// customers, and of both features, by inclusion–exclusion of exact counts. Segments past
// maxSegments: "(others)" by more statements over their events (compile/fold-later.ts).
import { checkAdoptionOptions } from '../../../metrics/adoption.js';
import { adoptionFromGroups } from '../../compile/adoption-read.js';
import { str, strs } from '../literal.js';
import { ordinal, zoneLiteral } from '../time.js';
import type { AdoptionSettings } from '../../../metrics/adoption.js';
import type { DbRow } from '../../engine.js';
import { count } from '../../sql.js';
import type { ChCompiler } from '../context.js';
import { sumByKey } from '../shards.js';
import { valueOf } from '../values.js';
import { foldLater } from '../../compile/fold-later.js';
import { inRange, segmentRows, segmented, type ChCompiled, type ChMetricCompiler } from './common.js';
import { adoptionWeights } from './weigh.js';

const NO_SEGMENT = 'CAST(NULL AS Nullable(String))';

/** The counts on the shards: per period and segment, distinct customers of each set and union of sets. */
function onShards(c: ChCompiler, o: AdoptionSettings, kept?: readonly string[]): ChCompiled | undefined {
  const own = o.by === undefined || c.column('activity', o.by) !== undefined;
  const scan = own ? c.scan('activity') : undefined;
  if (!scan) return undefined;
  const col = scan.col;
  const { seg, rows: folded } =
    o.by === undefined
      ? { seg: NO_SEGMENT, rows: '1' }
      : segmentRows(valueOf(c, c.column('activity', o.by, true)!, o.by, 'by'), kept);
  const p = ordinal(o.buckets.period, col('at__ts'), zoneLiteral(o.buckets.timeZone));
  const cu = col('customer_id');
  const isIn = (names: readonly string[]) => `ifNull(${col('event')} IN ${strs(names)}, 0)`;
  const A = o.active === undefined ? undefined : isIn(o.active);
  const features = [...new Set(o.features)];
  const F = features.map((f) => isIn([f]));
  // Distinct customers meeting any of the conditions (a union; undefined: every row).
  const uniq = (...any: (string | undefined)[]) =>
    any.some((x) => x === undefined)
      ? `uniqExact(${cu})`
      : `uniqExactIf(${cu}, ${any.join(' OR ')})`;
  const items = [`${uniq(A)} AS n`];
  features.forEach((_, i) => {
    items.push(`${uniq(F[i])} AS f${i}`);
    if (A) items.push(`${uniq(A, F[i])} AS af${i}`);
    if (o.compare === 'features' && i > 0) {
      items.push(`${uniq(F[i], F[0])} AS ff${i}`);
      if (A) items.push(`${uniq(A, F[i], F[0])} AS aff${i}`);
    }
  });
  if (A) items.push(`${uniq(A, F[0])} AS af0`);
  const where = `${scan.where} AND NOT ignore(${p} AS p, ${seg} AS seg) AND ${inRange(col('at'), o.range.from, o.range.to)}${kept ? ` AND ${folded}` : ''}`;
  const statement = `SELECT p, seg, ${[...new Set(items)].join(', ')} FROM ${scan.from} WHERE ${where} GROUP BY p, seg HAVING n > 0`;
  return {
    statements: [c.perShard(statement)],
    finish([perShard]) {
      const rows = sumByKey(perShard, ['p', 'seg'], c.colocated);
      const featureRows: DbRow[] = [];
      for (const r of rows) {
        const a = count(r.n);
        const f0 = count(r.f0);
        // |A ∩ F|: F itself when every event counts as activity (then A ⊇ F).
        const both = (i: number) =>
          A ? a + count(r[`f${i}`]) - count(r[`af${i}`]) : count(r[`f${i}`]);
        features.forEach((e, i) => {
          let w = 0;
          if (o.compare === 'features' && i > 0) {
            const fi = count(r[`f${i}`]);
            w = A
              ? a +
                fi +
                f0 -
                count(r[`af${i}`]) -
                count(r.af0) -
                count(r[`ff${i}`]) +
                count(r[`aff${i}`])
              : fi + f0 - count(r[`ff${i}`]);
          }
          featureRows.push({ p: r.p, seg: r.seg, e, n: both(i), w });
        });
      }
      return adoptionFromGroups(o, rows, featureRows);
    },
  };
}

export const compileAdoption: ChMetricCompiler = (c, options) => {
  const o = checkAdoptionOptions(options);
  c.require('activity');
  const first = adoptionStatements(c, o);
  if (o.by === undefined) return first;
  return foldLater(first, { limit: o.segments, weigh: () => adoptionWeights(c, o), others: (kept) => adoptionStatements(c, o, kept).statements });
};

/** The counts per period and segment; with `kept`, of the "(others)" segment alone (fold-later.ts). */
function adoptionStatements(c: ChCompiler, o: AdoptionSettings, kept?: readonly string[]): ChCompiled {
  const shards = onShards(c, o, kept);
  if (shards) return shards;
  const { rel, seg, rows } = segmented(c, 'activity', o.by, kept);
  const p = ordinal(o.buckets.period, 'at__ts', zoneLiteral(o.buckets.timeZone));
  const counted = o.active === undefined ? '1' : `ifNull(event IN ${strs(o.active)}, 0)`;
  const feature = `ifNull(event IN ${strs(o.features)}, 0)`;
  const perCustomer = `(SELECT p, seg, max(counted) AS active, groupUniqArrayIf(e, feature) AS fs
  FROM (SELECT ${p} AS p, ${seg} AS seg, customer_id AS cu, assumeNotNull(event) AS e, ${counted} AS counted, ${feature} AS feature
    FROM ${rel} WHERE ${inRange('at', o.range.from, o.range.to)}${kept ? ` AND ${rows}` : ''})
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
      return adoptionFromGroups(o, active, features);
    },
  };
}
